// @vitest-environment node
// src/loading/locale-imports.ts gives every bundler one literal import() per
// part of each shipped language (not English, which the UI chunks carry).
// It is generated: a new language or part must regenerate it, or a visitor
// who speaks it would silently get English.
import { expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import files from '../../src/loading/locale-imports';
import { LOCALES } from '../../src/loading/locales';

const root = new URL('../../', import.meta.url);
const PARTS = Object.keys(JSON.parse(readFileSync(new URL('src/ui/locale-parts.json', root), 'utf8')));
const shipped = readdirSync(new URL('locales/', root)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
// Plain JavaScript, imported by a path TypeScript does not type.
const script = '../../scripts/locale-imports.mjs';

it('is what scripts/locale-imports.mjs writes today (run it after adding a language or a part)', async () => {
  const { localeImports } = (await import(script)) as { localeImports: () => string };
  expect(readFileSync(new URL('src/loading/locale-imports.ts', root), 'utf8')).toBe(localeImports());
});

it('lists every part of every language in locales/ and in LOCALES but English, each by a literal path', () => {
  const expected = shipped.filter((code) => code != 'en').flatMap((code) => PARTS.map((part) => `${code}.${part}`));
  expect(Object.keys(files).sort()).toEqual(expected.sort());
  expect(LOCALES.filter((code) => code != 'en').flatMap((code) => PARTS.map((part) => `${code}.${part}`)).sort()).toEqual(expected.sort());
  const text = readFileSync(new URL('src/loading/locale-imports.ts', root), 'utf8');
  for (const name of expected) expect(text).toContain(`'${name}': () => import('../locales/${name}.js'),`);
  expect(text).not.toMatch(/import\(`/);
});
