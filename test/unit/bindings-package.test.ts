// @vitest-environment node
// samtykke/react and samtykke/vue as npm ships them: subpath exports with
// types, React and Vue left to the app (optional peers, imported, never
// bundled), and nothing of them in an app that imports only `samtykke`.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
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
  });
});

it("adds nothing to an app that imports only `init` from 'samtykke'", async () => {
  const { ids, code } = await modules(`import { init } from ${JSON.stringify(dist('index.js'))}; init();`);
  expect(ids.filter((id) => /\/(react|vue)\.js$|\/bindings\//.test(id))).toEqual([]);
  expect(code).not.toMatch(/useSyncExternalStore|SamtykkeGate|shallowRef/);
  expect(readFileSync(dist('index.js'), 'utf8')).not.toMatch(/react|vue|bindings/);
});

it('adds nothing to the script-tag bundles', () => {
  needBuild();
  for (const file of ['samtykke.min.js', 'samtykke.ui.min.js', 'samtykke.full.min.js']) {
    expect(readFileSync(new URL(`dist/${file}`, root), 'utf8'), file).not.toMatch(/useSyncExternalStore|SamtykkeGate|shallowRef/);
  }
});
