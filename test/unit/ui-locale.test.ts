// Which language the UI speaks. The tags come from the site's `locale`,
// `<html lang>` and navigator.languages, written every which way (nb-NO,
// en_GB, zh-Hant-TW); the visitor must get the closest language on offer,
// and English rather than nothing.
import { describe, expect, it } from 'vitest';
import { direction, FALLBACK, match, pickLocale } from '../../src/loading/language';

// Codes as shipped or as a site's `texts` would name them.
const AVAILABLE = ['en', 'nb', 'da', 'de', 'pt', 'zh-CN', 'zh-TW', 'ar'];

describe('match', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['nb', 'nb'],
    // `no` (Norwegian) is what many browsers send; we ship Bokmål as nb.
    ['no', 'nb'],
    ['no-NO', 'nb'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['de-AT', 'de'],
    ['de-CH-1996', 'de'],
    // Traditional Chinese, however it is written, is zh-TW.
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-TW', 'zh-TW'],
    // Simplified, and plain zh, is zh-CN.
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
  ])('%s → %s', (tag, expected) => {
    expect(match(tag, AVAILABLE)).toBe(expected);
  });

  it('prefers the exact regional variant when it is on offer', () => {
    expect(match('pt-BR', ['en', 'pt', 'pt-BR'])).toBe('pt-BR');
    expect(match('pt-PT', ['en', 'pt', 'pt-BR'])).toBe('pt');
    expect(match('en-GB', ['en', 'en-GB'])).toBe('en-GB');
  });

  it('ignores case and accepts `_` as the separator, as Java-style and POSIX tags write it', () => {
    expect(match('en_GB', AVAILABLE)).toBe('en');
    expect(match('NB_no', AVAILABLE)).toBe('nb');
    expect(match('ZH-HANT-tw', AVAILABLE)).toBe('zh-TW');
    expect(match(' de-at ', AVAILABLE)).toBe('de');
    expect(match('en_gb', ['en', 'en-GB'])).toBe('en-GB');
  });

  it('returns the code as the site spelled it, so it finds the site\'s texts', () => {
    // A site's `texts` key is looked up as is: `texts['pt-br']` would miss.
    expect(match('PT-br', ['en', 'pt-br'])).toBe('pt-br');
    expect(match('zh-Hant', ['en', 'ZH-tw'])).toBe('ZH-tw');
  });

  it('gives undefined for a language not on offer, or no language at all', () => {
    expect(match('fi-FI', AVAILABLE)).toBeUndefined();
    expect(match('', AVAILABLE)).toBeUndefined();
    expect(match('nb-NO', [])).toBeUndefined();
    // A prefix of a code is not that code.
    expect(match('n', AVAILABLE)).toBeUndefined();
    expect(match('z', AVAILABLE)).toBeUndefined();
  });

  it('does not throw on a page\'s lang that names an Object.prototype member', () => {
    // Looked up on a plain alias table, `<html lang="constructor">` would
    // find the Object function, call toLowerCase on it and throw, and the
    // UI chunk's mount() would fail with no banner shown. The tag is the
    // page's input: it falls through like any unknown tag.
    expect(() => match('constructor', AVAILABLE)).not.toThrow();
    expect(pickLocale(['constructor'], AVAILABLE)).toBe('en');
  });
});

describe('pickLocale', () => {
  it('takes the first wanted language that is on offer', () => {
    expect(pickLocale(['fi', 'de-AT', 'nb'], AVAILABLE)).toBe('de');
    expect(pickLocale(['nb-NO', 'de'], AVAILABLE)).toBe('nb');
  });

  it('skips missing entries: no config locale, an empty <html lang>', () => {
    expect(pickLocale([undefined, null, '', 'da-DK'], AVAILABLE)).toBe('da');
  });

  it('falls back to English when nothing wanted is on offer, or nothing is wanted', () => {
    expect(FALLBACK).toBe('en');
    expect(pickLocale(['fi', 'sv-SE'], AVAILABLE)).toBe('en');
    expect(pickLocale([], AVAILABLE)).toBe('en');
    expect(pickLocale([undefined, null, ''], ['en'])).toBe('en');
  });
});

describe('direction', () => {
  it.each(['ar', 'he', 'fa', 'ur', 'ar-EG', 'AR', 'he-IL'])('%s is right-to-left', (locale) => {
    expect(direction(locale)).toBe('rtl');
  });

  it.each(['en', 'da', 'nb', 'zh-TW', 'en-US'])('%s is left-to-right', (locale) => {
    expect(direction(locale)).toBe('ltr');
  });
});
