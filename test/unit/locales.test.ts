// @vitest-environment node
// Every shipped language must be complete and safe: the same keys as
// English, nothing empty, the same placeholders and links, no markup. A
// missing key would fall back to English in the middle of a translation.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { LOCALES } from '../../src/ui/locales';

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
