// Writes one small file per language from locales/*.json, for the builds to
// fetch only the visitor's:
//   dist/locales/<code>.js       script-tag builds: hands the strings over
//                                through a symbol on window (no named global)
//   dist/esm/locales/<code>.js   ESM: `export default {…}`, for import()
// JSON is valid JavaScript, and the strings stay data: the UI inserts them
// as text.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const out = (path) => new URL(path, root);
mkdirSync(out('dist/locales/'), { recursive: true });
mkdirSync(out('dist/esm/locales/'), { recursive: true });

for (const file of readdirSync(out('locales/')).filter((name) => name.endsWith('.json'))) {
  const code = file.slice(0, -'.json'.length);
  const strings = JSON.stringify(JSON.parse(readFileSync(out(`locales/${file}`), 'utf8')));
  writeFileSync(out(`dist/locales/${code}.js`), `window[Symbol.for(${JSON.stringify(`samtykke.locale.${code}`)})]=${strings};\n`);
  writeFileSync(out(`dist/esm/locales/${code}.js`), `export default ${strings};\n`);
}
