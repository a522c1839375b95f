// Helpers for the tests of the README's framework blocks
// (readme-frameworks.test.ts, readme-svelte.test.ts).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { claim } from '../shared/readme';
import type { Consent, ConsentSnapshot } from '../../src/consent';

export const ROOT = join(import.meta.dirname, '../..');

/** A scratch folder inside the repository, so `react` and `vue` resolve from its node_modules. */
export function scratch(): string {
  if (!existsSync(join(ROOT, 'dist/esm/react.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  return mkdtempSync(join(ROOT, 'node_modules/.cache/samtykke-readme-'));
}

/** Svelte's `readable`, as svelte/store documents it: `start` runs on the
 * first subscriber and gets `set`; what it returns runs after the last
 * unsubscribes (and `stop` is cleared); each subscriber is called with the
 * value at once. */
const SVELTE_STORE = `export function readable(value, start) {
  const subscribers = new Set();
  let stop;
  // As Svelte's: a set() inside start() is seen by the run() that follows it.
  const set = (next) => { value = next; if (stop) for (const run of subscribers) run(value); };
  return {
    subscribe(run) {
      subscribers.add(run);
      if (subscribers.size == 1) stop = start(set) || (() => {});
      run(value);
      return () => { subscribers.delete(run); if (!subscribers.size) { stop(); stop = undefined; } };
    },
  };
}
`;

type Store = { subscribe(run: (value: ConsentSnapshot) => void): () => void };

/** The README's Svelte block as a module in `dir`, with `config`, `svelte/store`
 * played by SVELTE_STORE and `samtykke` the built package; its store and the consent object. */
export async function svelteBlock(dir: string, config: unknown): Promise<{ snapshot: Store; consent: Consent }> {
  writeFileSync(join(dir, 'store.mjs'), SVELTE_STORE);
  const code = claim('js', "from 'svelte/store'")
    .code.replace("from 'svelte/store'", `from ${JSON.stringify(pathToFileURL(join(dir, 'store.mjs')).href)}`)
    .replace("from 'samtykke'", `from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/esm/index.js')).href)}`);
  writeFileSync(join(dir, 'consent.mjs'), `const config = ${JSON.stringify(config)};\n${code}\nexport { consent };\n`);
  return import(/* @vite-ignore */ pathToFileURL(join(dir, 'consent.mjs')).href);
}
