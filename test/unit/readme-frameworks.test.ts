// @vitest-environment node
// The README's "Use with React", "Use with Vue" and "Use with Svelte"
// blocks work: the React and Vue ones type-check against the published
// declarations (dist/esm) and the real React and Vue types, and the Svelte
// store behaves as Svelte's `readable` contract says.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { claim } from '../shared/readme';
import type { ConsentSnapshot } from '../../src/consent';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A scratch folder inside the repository, so `react` and `vue` resolve from its node_modules. */
function scratch(): string {
  if (!existsSync(join(ROOT, 'dist/esm/react.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  return mkdtempSync(join(ROOT, 'node_modules/.cache/samtykke-readme-'));
}

it('types the React and Vue blocks against the published types', () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'react-app.tsx'), claim('tsx', "from 'samtykke/react'").code);
    writeFileSync(join(dir, 'vue-app.ts'), claim('ts', "from 'samtykke/vue'").code);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2020', 'DOM'],
        jsx: 'react-jsx', types: [], skipLibCheck: true,
        // The published declarations, as `npm install samtykke` gives them.
        paths: {
          samtykke: [join(ROOT, 'dist/esm/index.d.ts')],
          'samtykke/react': [join(ROOT, 'dist/esm/react.d.ts')],
          'samtykke/vue': [join(ROOT, 'dist/esm/vue.d.ts')],
        },
      },
      files: ['react-app.tsx', 'vue-app.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

/** Svelte's `readable`, as svelte/store documents it: `start` runs on the
 * first subscriber and gets `set`; what it returns runs after the last
 * unsubscribes; each subscriber is called with the value at once. */
const SVELTE_STORE = `export function readable(value, start) {
  const subscribers = new Set();
  let stop;
  const set = (next) => { value = next; for (const run of subscribers) run(value); };
  return {
    subscribe(run) {
      subscribers.add(run);
      if (subscribers.size == 1) stop = start(set) || (() => {});
      run(value);
      return () => { subscribers.delete(run); if (!subscribers.size) stop(); };
    },
  };
}
`;

it('makes the Svelte block a store that follows every change and stops listening after its last subscriber', async () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'store.mjs'), SVELTE_STORE);
    const code = claim('js', "from 'svelte/store'").code
      .replace("from 'svelte/store'", `from ${JSON.stringify(pathToFileURL(join(dir, 'store.mjs')).href)}`)
      .replace("from 'samtykke'", `from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/esm/index.js')).href)}`);
    // Opt-out: analytics starts allowed, and no banner is asked for (there is no document here).
    writeFileSync(join(dir, 'consent.mjs'), `const config = { regime: 'opt-out', categories: { analytics: {} } };\n${code}\nexport { consent };\n`);
    const { snapshot, consent } = await import(/* @vite-ignore */ pathToFileURL(join(dir, 'consent.mjs')).href);
    const seen: ConsentSnapshot[] = [];
    const unsubscribe = snapshot.subscribe((value: ConsentSnapshot) => seen.push(value));
    expect(seen.map((s) => s.categories)).toEqual([{ necessary: true, analytics: true }]);
    consent.set({ analytics: false });
    expect(seen.map((s) => s.categories.analytics)).toEqual([true, false]);
    unsubscribe();
    consent.set({ analytics: true });
    expect(seen).toHaveLength(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
