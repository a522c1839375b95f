// The build's reading of src/ui/locale-parts.json (see src/ui/locale-parts.ts):
// which keys each part of a language holds, in which order. Fails the build
// if a key of locales/en.json is in no part or in two, or a part names a key
// English does not have.
import { readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

/** Key lists by part name. */
export const PARTS = read('../src/ui/locale-parts.json');

const english = Object.keys(read('../locales/en.json'));
const listed = Object.values(PARTS).flat();
const twice = listed.filter((key, i) => listed.indexOf(key) != i);
const unlisted = english.filter((key) => !listed.includes(key));
const unknown = listed.filter((key) => !english.includes(key));
if (twice.length || unlisted.length || unknown.length) {
  throw new Error(
    `src/ui/locale-parts.json does not match locales/en.json: ` +
      [twice.length && `in two parts: ${twice}`, unlisted.length && `in no part: ${unlisted}`, unknown.length && `not in English: ${unknown}`]
        .filter(Boolean)
        .join('; '),
  );
}

/** A language's strings as one array per part, in key order; a string the
 * language lacks is null, so English is shown for it. */
export function split(strings) {
  const parts = {};
  for (const [part, keys] of Object.entries(PARTS)) parts[part] = keys.map((key) => (typeof strings[key] == 'string' ? strings[key] : null));
  return parts;
}
