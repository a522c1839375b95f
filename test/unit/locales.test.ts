// @vitest-environment node
// Every shipped language must be complete and safe: the same keys as
// English, nothing empty, the same placeholders and links, no markup. A
// missing key would fall back to English in the middle of a translation.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { LOCALES } from '../../src/loading/locales';
import { decode, decodeParts, type Parts } from '../../src/ui/locale-parts';

const dir = new URL('../../locales/', import.meta.url);
const read = (code: string): Record<string, string> => JSON.parse(readFileSync(new URL(`${code}.json`, dir), 'utf8'));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const english = read('en');
const placeholders = (text: string) => (text.match(/\{\w+\}/g) || []).sort();
const links = (text: string) => (text.match(/\]\([^)]*\)/g) || []).sort();

it('ships a file for every language in LOCALES (42 or more), and lists every file', () => {
  expect([...files].sort()).toEqual([...LOCALES].sort());
  expect(LOCALES.length).toBeGreaterThanOrEqual(42);
});

describe.each(files.filter((code) => code != 'en'))('locales/%s.json', (code) => {
  const strings = read(code);

  it('has exactly the English keys, in the same order', () => {
    expect(Object.keys(strings)).toEqual(Object.keys(english));
  });

  it('has no empty string, the same placeholders and links as English, and no markup', () => {
    for (const key of Object.keys(english)) {
      const value = strings[key];
      expect(typeof value == 'string' && value.trim().length > 0, `${code} ${key} is empty`).toBe(true);
      expect(placeholders(value), `${code} ${key} placeholders`).toEqual(placeholders(english[key]));
      expect(links(value), `${code} ${key} links`).toEqual(links(english[key]));
      expect(value, `${code} ${key} has markup`).not.toMatch(/[<>&]/);
      // A link is `[text](url)`: every bracket belongs to one.
      expect(value.replace(/\[[^\]]+\]\([^)]+\)/g, ''), `${code} ${key} stray brackets`).not.toMatch(/[[\]]/);
    }
  });

  it('names the Reject all button in the banner text as the button says it', () => {
    expect(strings['banner.text']).toContain(strings['button.rejectAll']);
  });
});

// Each language ships in parts (src/ui/locale-parts.ts): arrays of strings
// in the key order of src/ui/locale-parts.json, which the build writes and
// the UI and US chunks read back. The two must agree on every key.
describe('the parts of a language', () => {
  const KEYS = JSON.parse(readFileSync(new URL('../../src/ui/locale-parts.json', import.meta.url), 'utf8')) as Record<string, string[]>;
  // Plain JavaScript, imported by a path TypeScript does not type.
  const script = '../../scripts/locale-parts.mjs';
  const build = () => import(script) as Promise<{ PARTS: Record<string, string[]>; split: (strings: Record<string, string>) => Record<string, (string | null)[]> }>;

  it('are banner, preferences, opt-out and the privacy centre\'s three, and hold every English key exactly once', () => {
    expect(Object.keys(KEYS)).toEqual(['banner', 'preferences', 'opt-out', 'privacy', 'rights', 'notice']);
    const listed = Object.values(KEYS).flat();
    expect([...listed].sort()).toEqual(Object.keys(english).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('put what each view shows in the parts that view fetches', () => {
    // The banner and the floating button fetch only `banner`; the status a
    // choice in the banner announces, and the US links' texts, are there.
    for (const key of ['banner.title', 'banner.text', 'button.acceptAll', 'button.settings', 'status.saved', 'optOut.link', 'optOut.choices', 'optOut.honored', 'optOut.icon']) {
      expect(KEYS.banner, key).toContain(key);
    }
    expect(KEYS.preferences.every((key) => /^(preferences|category|service|cookie)\./.test(key))).toBe(true);
    expect(KEYS['opt-out'].every((key) => key.startsWith('optOut.'))).toBe(true);
  });

  it('the build reads the same lists, and what it writes decodes back to the language', async () => {
    const { PARTS, split } = await build();
    expect(PARTS).toEqual(KEYS);
    for (const code of files) {
      const strings = read(code);
      const parts = split(strings);
      const { strings: decoded, keys } = decodeParts(parts as Parts, KEYS);
      expect(decoded, code).toEqual(strings);
      expect([...keys].sort()).toEqual(Object.keys(english).sort());
    }
  });

  it('a string a language lacks stays missing: null in the file, absent once decoded (English is shown)', async () => {
    const { split } = await build();
    const { 'banner.title': _, ...partial } = read('da');
    const parts = split(partial);
    expect(parts.banner[KEYS.banner.indexOf('banner.title')]).toBeNull();
    const { strings, keys } = decodeParts(parts as Parts, KEYS);
    expect(strings).not.toHaveProperty('banner.title');
    expect(keys).toContain('banner.title');
    // A part that failed to load (undefined) holds no key: nothing is said missing.
    expect(decodeParts({ banner: parts.banner, preferences: undefined }, KEYS).keys).toEqual(KEYS.banner);
    expect(decode(KEYS.banner, ['Hej', null, ''])).toEqual({ 'banner.title': 'Hej' });
  });
});
