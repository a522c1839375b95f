// Each shipped language comes in parts, by what is on screen, so a visitor
// downloads only the strings of what they see: `banner` (the banner, the
// buttons, the floating button, the "saved" status a choice in the banner
// announces, and the four US opt-out link texts), `preferences` (the
// preferences dialog), `opt-out` (the US opt-out dialog), and the privacy
// centre's three: `privacy` (its choices), `rights` and `notice` (the Notice
// at Collection and the sensitive-data names), each under the size a
// language file may have. The preferences' and the opt-out's parts are
// named as their views are (seam.ts); the privacy centre shows all five.
//
// A part's file is an array of its strings in the order of its key list in
// locale-parts.json, the one place that order is written down: the build
// (scripts/locale-parts.mjs, which fails unless every key of
// locales/en.json is in exactly one part) writes the arrays from it, and the
// UI and US chunks read them back with it. JSON, so that the build script
// and the bundles read the same file as it is (Node 20 cannot import
// TypeScript, and the compiled module holds only what rollup kept of it).
// The core never decodes: it passes the arrays on, and so carries no key.
// Each chunk carries the key lists of the parts it shows, by named import
// (`import { banner } from './locale-parts.json'`, which bundlers shake):
// the UI chunk, the button and the US chunk the banner's; the dialogs chunk
// the rest, handed to the UI with it (dialogs.tsx).
export type Part = 'banner' | 'preferences' | 'opt-out' | 'privacy' | 'rights' | 'notice';

/** One part of one language: its strings in key order; null (or nothing)
 * where the language has no string, which then falls back to English. */
export type Values = (string | null)[];

/** The parts of a language the UI has; undefined: failed to load. */
export type Parts = Partial<Record<Part, Values | undefined>>;

/** The strings by key, from one part's keys and values. */
export function decode(keys: string[], values: Values | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  keys.forEach((key, i) => {
    const value = values?.[i];
    if (typeof value == 'string' && value) strings[key] = value;
  });
  return strings;
}

/** The key lists by part, as far as a chunk has them. */
export type Keys = Partial<Record<Part, string[]>>;

/** The strings of every part that came and whose keys are known, and the
 * keys those parts hold. */
export function decodeParts(parts: Parts, known: Keys): { strings: Record<string, string>; keys: string[] } {
  const strings: Record<string, string> = {};
  const keys: string[] = [];
  for (const part of Object.keys(parts) as Part[]) {
    const list = known[part];
    if (!parts[part] || !list) continue;
    Object.assign(strings, decode(list, parts[part]));
    keys.push(...list);
  }
  return { strings, keys };
}
