// @vitest-environment node
// The README's config reference must name exactly the keys the schema has.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../src/config/schema';

type Node = { _zod: { def: Record<string, any> } };

/** Every path in the schema, with `*` for ids and `[]` for list items. */
function paths(schema: Node, path = '', out: string[] = []): string[] {
  const def = schema._zod.def;
  if (def.type == 'optional' || def.type == 'default') return paths(def.innerType, path, out);
  if (path) out.push(path);
  const shape = (object: Node, prefix: string) => {
    for (const key of Object.keys(object._zod.def.shape)) paths(object._zod.def.shape[key], prefix + key, out);
  };
  if (def.type == 'object') shape(schema, path ? path + '.' : '');
  if (def.type == 'record') paths(def.valueType, path + '.*', out);
  if (def.type == 'array') paths(def.element, path + '[]', out);
  if (def.type == 'union') for (const option of def.options) if (option._zod.def.type == 'object') shape(option, path + '.');
  return out;
}

it('documents every config key in the README, and no key the schema lacks', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Config reference'), readme.indexOf('## ', readme.indexOf('## Config reference') + 3));
  const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(paths(configSchema as unknown as Node).sort());
});
