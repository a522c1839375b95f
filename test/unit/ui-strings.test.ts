// The strings the UI shows: English underneath, the visitor's locale, then
// the site's `texts`, layered so that no button is ever empty; a category's
// label from the config, else the locale; and the shipped English locale,
// which must have every key the UI reads.
import { SENSITIVE_IDS } from '../../src/core/sensitive';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import english from '../../locales/en.json';
import { categoryText, layer } from '../../src/ui/strings';
import { normaliseUi } from '../../src/config/normalise-ui';
import { DEFAULT_CATEGORIES, NECESSARY, PARTIES } from '../../src/config/defaults';

describe('layer', () => {
  it('lets later layers win', () => {
    expect(layer({ a: 'en a', b: 'en b' }, { a: 'nb a' }, { b: 'site b' })).toEqual({ a: 'nb a', b: 'site b' });
  });

  it('never lets an empty string win, so a blank translation or override falls back', () => {
    // A half-done translation with "" must not empty the Accept button.
    expect(layer({ 'button.acceptAll': 'Accept all' }, { 'button.acceptAll': '' })).toEqual({ 'button.acceptAll': 'Accept all' });
  });

  it('skips undefined layers: a locale without texts from the site', () => {
    expect(layer({ a: 'x' }, undefined, { b: 'y' }, undefined)).toEqual({ a: 'x', b: 'y' });
    expect(layer()).toEqual({});
  });

  it('keeps keys only some layers have', () => {
    expect(layer({ a: 'x' }, { c: 'z' })).toEqual({ a: 'x', c: 'z' });
  });

  it('does not change its layers, so english stays English for the next mount', () => {
    const base = { a: 'x' };
    const top = { a: 'y' };
    layer(base, top);
    expect(base).toEqual({ a: 'x' });
    expect(top).toEqual({ a: 'y' });
    const before = { ...english };
    layer(english, { 'button.acceptAll': 'Godta alle' });
    expect(english).toEqual(before);
  });
});

describe('categoryText', () => {
  const strings = layer(english);
  const ui = (input: unknown) => {
    const { config, problems } = normaliseUi(input);
    expect(problems).toEqual([]);
    return config;
  };

  it('gives a built-in category the locale\'s name and description', () => {
    expect(categoryText(strings, ui({}), 'analytics')).toEqual({
      label: english['category.analytics'],
      description: english['category.analytics.text'],
    });
  });

  it('lets the config\'s label and description beat the locale\'s', () => {
    const config = ui({ categories: { analytics: { label: 'Statistics', description: 'Counting visits.' } } });
    expect(categoryText(strings, config, 'analytics')).toEqual({ label: 'Statistics', description: 'Counting visits.' });
  });

  it('takes the locale\'s description when the config gives only a label, and the other way round', () => {
    expect(categoryText(strings, ui({ categories: { marketing: { label: 'Ads' } } }), 'marketing')).toEqual({
      label: 'Ads',
      description: english['category.marketing.text'],
    });
    expect(categoryText(strings, ui({ categories: { marketing: { description: 'Ads.' } } }), 'marketing')).toEqual({
      label: english['category.marketing'],
      description: 'Ads.',
    });
  });

  it('uses a site\'s own category id as its label when nothing else names it, with no description', () => {
    expect(categoryText(strings, ui({ categories: { video: {} } }), 'video')).toEqual({ label: 'video', description: undefined });
  });

  it('uses the site\'s `texts` for its own category when given there', () => {
    const t = layer(english, { 'category.video': 'Video', 'category.video.text': 'Embedded videos.' });
    expect(categoryText(t, ui({}), 'video')).toEqual({ label: 'Video', description: 'Embedded videos.' });
  });

  it('does not take an Object.prototype member for a category\'s config', () => {
    // `constructor` is a valid category id (ID_PATTERN); it must read as an
    // unnamed category, not as the Object function's properties.
    expect(categoryText(strings, ui({}), 'constructor')).toEqual({ label: 'constructor', description: undefined });
  });
});

describe('locales/en.json', () => {
  // A path, not a URL: under jsdom the global URL is not one node:fs accepts.
  const ui = join(import.meta.dirname, '../../src/ui');
  const sources = readdirSync(ui)
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => ({ file, text: readFileSync(join(ui, file), 'utf8') }));

  // `t['key']`, `strings["key"]`, `t[`key.${x}`]`: every string lookup the UI
  // makes with a literal or template key.
  const LOOKUP = /\b(?:t|strings)\[(['"`])((?:(?!\1).)+)\1\]/g;
  const lookups = sources.flatMap(({ file, text }) => [...text.matchAll(LOOKUP)].map((m) => ({ file, key: m[2] })));
  const categories = [NECESSARY, ...DEFAULT_CATEGORIES];
  /** What each template key can become. A new template key fails the test
   * below until it is added here. */
  const EXPANSIONS: Record<string, string[]> = {
    'cookie.*': PARTIES.map((party) => `cookie.${party}`),
    'category.*': categories.map((id) => `category.${id}`),
    'category.*.text': categories.map((id) => `category.${id}.text`),
    // The privacy centre: each right the regimes list, each sensitive-data id.
    'rights.*': ['access', 'correct', 'delete', 'restrict', 'portability', 'complaint', 'agent', 'appeal'].map((right) => `rights.${right}`),
    'sensitive.*': SENSITIVE_IDS.map((id) => `sensitive.${id}`),
  };
  const used = lookups.flatMap(({ file, key }) => {
    if (!key.includes('${')) return [{ file, key }];
    const shape = key.replace(/\$\{[^}]*\}/g, '*');
    if (!EXPANSIONS[shape]) throw new Error(`${file}: add the keys \`${key}\` can become to EXPANSIONS in this test`);
    return EXPANSIONS[shape].map((k) => ({ file, key: k }));
  });

  // <Text value={t['key']} params={{ name: … }} />: the strings rendered
  // through format(), with the placeholder names they are given.
  const TEXT = /<Text\s+value=\{t\[(['"])([^'"]+)\1\]\}(?:\s+params=\{\{([^}]*)\}\})?/g;
  const formatted = new Map(
    sources.flatMap(({ text }) =>
      [...text.matchAll(TEXT)].map((m) => [m[2], (m[3] || '').split(',').map((p) => /\w+/.exec(p)?.[0]).filter(Boolean)] as const),
    ),
  );

  it('finds the UI\'s lookups (guards the scan itself)', () => {
    const keys = used.map((u) => u.key);
    for (const key of ['banner.title', 'banner.text', 'button.acceptAll', 'button.rejectAll', 'cookie.first', 'category.necessary.text']) {
      expect(keys).toContain(key);
    }
    expect(formatted.get('banner.text')).toEqual(['privacyPolicyUrl']);
  });

  it('has every key the UI reads, so no heading or button is ever blank', () => {
    const missing = used.filter(({ key }) => !(key in english)).map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('has only non-empty strings', () => {
    for (const [key, value] of Object.entries(english)) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('writes links only as `[text](url)`, with no stray brackets', () => {
    // Anything else would show `[` or `](` to the visitor.
    for (const [key, value] of Object.entries(english) as [string, string][]) {
      const rest = value.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1');
      expect(rest, `${key}: ${value}`).not.toMatch(/[[\]]/);
      expect(rest, `${key}: ${value}`).not.toMatch(/\]\(/);
    }
  });

  it('uses markup and placeholders only in strings the UI formats, and only the names it passes', () => {
    // A `{name}` nobody fills, or markup in a string shown as plain text,
    // reaches the visitor as written.
    for (const [key, value] of Object.entries(english) as [string, string][]) {
      const names = [...value.matchAll(/\{(\w*)\}/g)].map((m) => m[1]);
      const markup = names.length > 0 || /\[[^\]]+\]\(/.test(value);
      if (!markup) continue;
      expect(formatted.has(key), `${key} has markup but is not rendered with <Text>`).toBe(true);
      for (const name of names) expect(formatted.get(key), `${key}: {${name}}`).toContain(name);
    }
    // No braces except placeholders.
    for (const [key, value] of Object.entries(english) as [string, string][]) {
      expect(value.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
    }
  });

  it('links the privacy policy in the banner text', () => {
    // The banner's only link: without it a site's privacyPolicyUrl is never shown.
    expect(english['banner.text']).toMatch(/\[[^\]]+\]\(\{privacyPolicyUrl\}\)/);
  });
});
