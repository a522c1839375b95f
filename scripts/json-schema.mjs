// Writes dist/samtykke.schema.json from the zod schema, so editors can
// autocomplete and check the JSON config block ("$schema" in the JSON, or the
// editor's schema mapping). Each key's description is its line in the
// README's config reference, which the tests keep in step with the schema:
// the words are written once, and no description weighs on the bundles.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';

/** The config reference's "meaning" column, by key (`categories.*.sale`). */
export function keyDocs(readme) {
  const start = readme.indexOf('## Config reference');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 3));
  return new Map([...section.matchAll(/^\| `([^`]+)` \| (?:[^|]|\\\|)* \| (.*) \|$/gm)].map((m) => [m[1], m[2]]));
}

/** Puts each key's words on the schema node at its path, as the README
 * names paths: `*` for an id, `[]` for a list item. */
function describeKeys(schema, docs, registry, path = '', inner = false) {
  const def = schema._zod.def;
  const words = docs.get(path);
  // On the outermost node only: an optional's or default's inner schema is
  // the same key.
  if (words && !inner) registry.add(schema, { description: words.replace(/`/g, ''), markdownDescription: words });
  if (def.type == 'optional' || def.type == 'default') return describeKeys(def.innerType, docs, registry, path, true);
  const shape = (object, prefix) => {
    for (const [key, value] of Object.entries(object._zod.def.shape)) describeKeys(value, docs, registry, prefix + key);
  };
  if (def.type == 'object') shape(schema, path ? path + '.' : '');
  if (def.type == 'record') describeKeys(def.valueType, docs, registry, path + '.*');
  if (def.type == 'array') describeKeys(def.element, docs, registry, path + '[]');
  if (def.type == 'union') for (const option of def.options) if (option._zod.def.type == 'object') shape(option, path + '.');
}

/** The JSON Schema of `configSchema`, described from the README's text. */
export function configJsonSchema(configSchema, readme) {
  const registry = z.registry();
  describeKeys(configSchema, keyDocs(readme), registry);
  const schema = z.toJSONSchema(configSchema, {
    metadata: registry,
    // RegExp cookie names only exist in JavaScript configs; JSON has strings.
    unrepresentable: 'any',
    io: 'input',
  });
  schema.title = 'samtykke config';
  schema.description =
    'The config of samtykke, the cookie-consent and CCPA opt-out SDK: the JSON inside <script type="application/json" id="samtykke-config">.';
  return schema;
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  // By URL: the tests import this file, and dist/ need not exist for them.
  const { configSchema } = await import(new URL('../dist/esm/config/schema.js', import.meta.url).href);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  writeFileSync(new URL('../dist/samtykke.schema.json', import.meta.url), JSON.stringify(configJsonSchema(configSchema, readme), null, 2) + '\n');
}
