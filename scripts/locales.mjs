// Writes the small files each language is fetched in, from locales/*.json:
// one per language and part (banner, preferences, opt-out: see
// src/ui/locale-parts.ts), so a visitor fetches only what is on screen:
//   dist/locales/<code>.<part>.js       script-tag builds: hands the array
//                                       over through a symbol on window (no
//                                       named global)
//   dist/esm/locales/<code>.<part>.js   ESM: `export default […]`, for import()
// Each is an array of the part's strings in the order of its key list, not
// an object: the keys would be a quarter of every file. JSON is valid
// JavaScript, and the strings stay data: the UI inserts them as text.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { split } from './locale-parts.mjs';

const root = new URL('../', import.meta.url);
const out = (path) => new URL(path, root);
// Files of an older layout (<code>.js) must not linger. dist/esm/locales/
// also holds the ESM build's module of en.json (en.json.js), which stays.
for (const dir of ['dist/locales/', 'dist/esm/locales/']) {
  mkdirSync(out(dir), { recursive: true });
  for (const file of readdirSync(out(dir))) if (!file.includes('.json.')) rmSync(out(dir + file));
}

for (const file of readdirSync(out('locales/')).filter((name) => name.endsWith('.json'))) {
  const code = file.slice(0, -'.json'.length);
  for (const [part, values] of Object.entries(split(JSON.parse(readFileSync(out(`locales/${file}`), 'utf8'))))) {
    const array = JSON.stringify(values);
    writeFileSync(out(`dist/locales/${code}.${part}.js`), `window[Symbol.for(${JSON.stringify(`samtykke.locale.${code}.${part}`)})]=${array};\n`);
    writeFileSync(out(`dist/esm/locales/${code}.${part}.js`), `export default ${array};\n`);
  }
}
