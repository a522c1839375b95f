// @vitest-environment node
// samtykke/react and samtykke/vue as npm ships them: subpath exports with
// types, React and Vue left to the app (optional peers, imported, never
// bundled), and nothing of them in an app that imports only `samtykke`.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';

const root = new URL('../../', import.meta.url);
const dist = (path: string) => new URL(`dist/esm/${path}`, root).pathname;
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

function needBuild() {
  if (!existsSync(dist('react.js'))) throw new Error('dist/esm is missing: run `npm run build` first (npm test does).');
}

/** Every module `entry` (in dist/esm) imports, itself included: the code an app bundles. */
async function modules(source: string, external: RegExp[] = []) {
  needBuild();
  const build = await rollup({
    input: 'entry',
    external,
    plugins: [{ name: 'entry', resolveId: (id) => (id == 'entry' ? id : null), load: (id) => (id == 'entry' ? source : null) }, resolve()],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  return { ids: Object.keys(output[0].modules), code: output[0].code, imports: output[0].imports };
}

describe.each(['react', 'vue'])('samtykke/%s', (name) => {
  it('is a subpath export with types, and the framework an optional peer', () => {
    needBuild();
    const entry = pkg.exports[`./${name}`];
    expect(entry).toEqual({ types: `./dist/esm/${name}.d.ts`, import: `./dist/esm/${name}.js`, default: `./dist/esm/${name}.js` });
    expect(existsSync(new URL(entry.types, root))).toBe(true);
    expect(existsSync(new URL(entry.import, root))).toBe(true);
    expect(pkg.peerDependencies[name]).toMatch(/^>=/);
    expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    expect(pkg.dependencies?.[name]).toBeUndefined();
  });

  it('imports its framework and brings none of it along', async () => {
    const { imports, ids } = await modules(`export * from ${JSON.stringify(dist(`${name}.js`))};`, [new RegExp(`^${name}$`)]);
    expect(imports).toEqual([name]);
    expect(ids.filter((id) => id.includes('node_modules'))).toEqual([]);
  }, 30_000);
});

it("adds nothing to an app that imports only `init` from 'samtykke'", async () => {
  const { ids, code } = await modules(`import { init } from ${JSON.stringify(dist('index.js'))}; init();`);
  expect(ids.filter((id) => /\/(react|vue)\.js$|\/bindings\//.test(id))).toEqual([]);
  expect(code).not.toMatch(/useSyncExternalStore|SamtykkeGate|shallowRef/);
  expect(readFileSync(dist('index.js'), 'utf8')).not.toMatch(/react|vue|bindings/);
}, 30_000);

it('adds nothing to the script-tag bundles', () => {
  needBuild();
  for (const file of ['samtykke.min.js', 'samtykke.ui.min.js', 'samtykke.full.min.js']) {
    expect(readFileSync(new URL(`dist/${file}`, root), 'utf8'), file).not.toMatch(/useSyncExternalStore|SamtykkeGate|shallowRef/);
  }
});

it('types an app under moduleResolution nodenext, through the package.json exports as npm installs them', () => {
  needBuild();
  const ROOT = root.pathname;
  // A scratch app inside the repository (so react and vue resolve from its
  // node_modules), with node_modules/samtykke linked to this package.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/samtykke-nodenext-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/samtykke'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'app.ts'),
      [
        "import { createElement } from 'react';",
        "import { defineComponent, h } from 'vue';",
        "import { init, type ConsentSnapshot } from 'samtykke';",
        "import { Gate, useAllowed, useConsent, NOTHING } from 'samtykke/react';",
        "import { SamtykkeGate, useAllowed as useAllowedRef, useConsent as useConsentRef } from 'samtykke/vue';",
        "init({ categories: { analytics: {} } });",
        'const snapshot: ConsentSnapshot = NOTHING;',
        "export const gate = createElement(Gate, { name: 'analytics', fallback: (allow: () => void) => createElement('button', { onClick: allow }) }, 'on');",
        "export function Probe() { const on: boolean = useAllowed('analytics'); return createElement('i', null, String(on && useConsent().decided)); }",
        "export const Vue = defineComponent(() => { const on = useAllowedRef('analytics'); const all = useConsentRef(); return () => h(SamtykkeGate, { name: 'analytics' }, { default: () => String(on.value && all.value.decided) }); });",
        "// @ts-expect-error: the snapshot is readonly",
        'snapshot.decided = true;',
        '',
      ].join('\n'),
    );
    // skipLibCheck off: the published .d.ts files are checked too (slow: React's and Vue's types with them).
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false },
      files: ['app.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--listFiles'], { encoding: 'utf8' });
    const errors = tsc.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([]);
    expect(tsc.status).toBe(0);
    // Resolved through the exports map (and the link) to the published declarations.
    for (const file of ['index', 'react', 'vue']) expect(tsc.stdout.split('\n')).toContain(join(ROOT, `dist/esm/${file}.d.ts`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
