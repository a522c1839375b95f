// @vitest-environment node
// scan/draft.mjs: the samtykke config `samtykke scan` drafts from what it
// found. The draft must pass samtykke's own validate() as it stands (the
// built one, as the CLI ships it), keep a site's config intact, and put what
// it cannot say into the review list.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validate } from '../../dist/esm/index.js';
import { DEFAULT_CATEGORIES as SAMTYKKE_DEFAULTS, ID_PATTERN as SAMTYKKE_ID } from '../../src/config/defaults';
import {
  DEFAULT_CATEGORIES, ID_PATTERN, SCHEMA_PATH, cookieNameProblem, draftConfig, draftFile, idStem, lifetimeWords, reviewText, slugId, uniqueId,
} from '../../scan/draft.mjs';
import type { Classification, Item, Kind, Party, ScanResult } from '../../scan/types';
import { runs, timeout } from './fc-runs';

// ------------------------------------------------------------ fixtures

interface ItemOptions extends Partial<Classification> {
  kind?: Kind;
  party?: Party;
  domain?: string;
  /** lifetimeDays of each sighting (null: a session cookie). */
  days?: (number | null)[];
}

let serial = 0;
/** An Item as the scanner writes it, classified into `category`. */
function item(name: string, category: string, { kind = 'cookie', party = 'first', domain, days = [395], ...classification }: ItemOptions = {}): Item {
  const host = domain ?? (party == 'third' ? 'doubleclick.net' : 'example.com');
  return {
    id: `${kind}:${name}@${host}/#${serial++}`,
    kind,
    name,
    domain: host,
    party,
    classification: { category, source: 'open-cookie-database', confidence: 'high', ...classification },
    sightings: days.map((lifetimeDays, i) => ({ state: 'accept', page: 'https://example.com/', at: 100 * i, lifetimeDays })),
  };
}

function scan(items: Item[]): ScanResult {
  return {
    schemaVersion: 1,
    tool: { name: 'samtykke', version: '0.5.0' },
    url: 'https://example.com/',
    startedAt: '2026-01-15T12:00:00.000Z',
    finishedAt: '2026-01-15T12:01:00.000Z',
    durationMs: 60_000,
    options: { pages: 5, states: ['before', 'reject', 'accept', 'gpc'], waitMs: 3000, include: [], exclude: [], sitemap: false, keepValues: false, failOn: 'violation' },
    site: { origin: 'https://example.com', site: 'example.com', samtykke: true, config: 'none' },
    pages: ['https://example.com/'],
    states: [],
    items,
    findings: [],
    summary: { states: {}, findings: { violation: 0, warning: 0, info: 0 }, exitCode: 0 },
  };
}

/** validate() with zero problems: the draft runs as written. */
function expectValid(config: unknown) {
  const validation = validate(config);
  expect(validation.problems).toEqual([]);
  expect(validation.ok).toBe(true);
}

const services = (config: Record<string, any>, category: string) => config.categories[category].services;
const names = (service: { cookies: ({ name: string } | string)[] }) => service.cookies.map((c) => (typeof c == 'string' ? c : c.name));

/** Everything `base` says stands in `draft` as it was: objects may gain keys,
 * arrays may gain entries at the end. */
function expectKept(base: unknown, draft: unknown, path = 'config') {
  if (Array.isArray(base)) {
    expect(Array.isArray(draft), path).toBe(true);
    base.forEach((value, i) => expectKept(value, (draft as unknown[])[i], `${path}[${i}]`));
  } else if (typeof base == 'object' && base !== null && !(base instanceof RegExp)) {
    expect(typeof draft, path).toBe('object');
    for (const key of Object.keys(base)) {
      expect(Object.prototype.hasOwnProperty.call(draft, key), `${path}.${key}`).toBe(true);
      expectKept((base as Record<string, unknown>)[key], (draft as Record<string, unknown>)[key], `${path}.${key}`);
    }
  } else expect(draft, path).toEqual(base);
}

// ------------------------------------------------------------ in step with samtykke

describe('scan draft: copies of samtykke constants', () => {
  it('uses samtykke’s id rule and default categories', () => {
    expect(ID_PATTERN.source).toBe(SAMTYKKE_ID.source);
    expect(DEFAULT_CATEGORIES).toEqual([...SAMTYKKE_DEFAULTS]);
  });
});

// ------------------------------------------------------------ lifetimes

describe('lifetimeWords', () => {
  it.each([
    [null, 'session'],
    [undefined, 'session'],
    [0.0001, 'under a minute'],
    [1 / 1440, '1 minute'],
    [30 / 1440, '30 minutes'],
    [1 / 24, '1 hour'],
    [0.5, '12 hours'],
    [0.99999, '1 day'],
    [1, '1 day'],
    [7, '7 days'],
    [30, '30 days'],
    [90, '3 months'],
    [182, '6 months'],
    [365, '1 year'],
    [395, '13 months'],
    [400, '13 months'],
    [540, '18 months'],
    [730, '2 years'],
    [1825, '5 years'],
  ])('%s days → %s', (days, words) => {
    expect(lifetimeWords(days)).toBe(words);
  });

  it('writes the longest life seen, and session only when nothing lasted longer', () => {
    const { config } = draftConfig(scan([
      item('a', 'analytics', { platform: 'P', days: [null, 1, 30] }),
      item('b', 'analytics', { platform: 'P', days: [null] }),
      item('c', 'analytics', { platform: 'P', days: [] }),
      item('d', 'analytics', { platform: 'P', days: [-1, 0.5] }),
    ]));
    expect(services(config, 'analytics').p.cookies).toEqual([
      { name: 'a', lifetime: '30 days', party: 'first' },
      { name: 'b', lifetime: 'session', party: 'first' },
      { name: 'c', party: 'first' },
      { name: 'd', lifetime: '12 hours', party: 'first' },
    ]);
  });
});

// ------------------------------------------------------------ services

describe('draftConfig: services by platform', () => {
  it('groups items by platform into services of their category, with what the database says', () => {
    const { config, review } = draftConfig(scan([
      item('_ga', 'analytics', { platform: 'Google Analytics', controller: 'Google LLC', description: 'Tells visitors apart.', privacyUrl: 'https://policies.google.com/privacy', days: [730] }),
      item('_hjid', 'analytics', { platform: 'Hotjar', privacyUrl: 'http://hotjar.com/privacy' }),
      item('_gid', 'analytics', { platform: 'Google Analytics', days: [1] }),
      item('www.google-analytics.com', 'analytics', { kind: 'request', party: 'third', platform: 'Google Analytics' }),
      item('IDE', 'marketing', { platform: 'Google', party: 'third', description: 'Ad clicks.', privacyUrl: 'javascript:alert(1)' }),
      item('connect.facebook.net', 'marketing', { kind: 'request', party: 'third', platform: 'Facebook' }),
    ]));
    expectValid(config);
    expect(review).toEqual([]);
    expect(config).toEqual({
      categories: {
        analytics: {
          services: {
            'google-analytics': {
              name: 'Google Analytics',
              provider: 'Google LLC',
              purpose: 'Tells visitors apart.',
              privacyPolicyUrl: 'https://policies.google.com/privacy',
              cookies: [
                { name: '_ga', lifetime: '2 years', party: 'first', description: 'Tells visitors apart.' },
                { name: '_gid', lifetime: '1 day', party: 'first' },
              ],
            },
            // http: is not written, though the schema would take it.
            hotjar: { name: 'Hotjar', cookies: [{ name: '_hjid', lifetime: '13 months', party: 'first' }] },
          },
        },
        // No `sale`: marketing is one by default.
        marketing: {
          services: {
            google: { name: 'Google', purpose: 'Ad clicks.', cookies: [{ name: 'IDE', lifetime: '13 months', party: 'third', domain: 'doubleclick.net', description: 'Ad clicks.' }] },
            // Seen only as a request: a service with no cookies.
            facebook: { name: 'Facebook', cookies: [] },
          },
        },
      },
    });
  });

  it('writes samtykke’s categories first, in its order, and only those with services', () => {
    const { config } = draftConfig(scan([
      item('m', 'marketing', { platform: 'M' }),
      item('s', 'statistics', { platform: 'S', source: 'config' }),
      item('p', 'preferences', { platform: 'P' }),
    ]));
    expect(Object.keys(config.categories)).toEqual(['preferences', 'marketing', 'statistics']);
    expect(config.categories.statistics).toEqual({ services: { s: { name: 'S', cookies: [{ name: 's', lifetime: '13 months', party: 'first' }] } } });
    expectValid(config);
  });

  it('writes nothing about categories when nothing needs consent', () => {
    const { config } = draftConfig(scan([item('session', 'necessary'), item('samtykke', 'necessary', { match: 'known' })]));
    expect(config).toEqual({});
  });

  it('makes service ids by samtykke’s id rule, unique across categories', () => {
    const { config } = draftConfig(scan([
      item('a', 'analytics', { platform: 'Hot Jar' }),
      item('b', 'analytics', { platform: 'hot-jar' }),
      item('c', 'analytics', { platform: 'HOT JAR!' }),
      item('d', 'analytics', { platform: '6sense' }),
      item('e', 'analytics', { platform: '日本語' }),
      item('f', 'analytics', { platform: 'Google' }),
      item('g', 'marketing', { platform: 'Google' }),
      item('h', 'marketing', { platform: 'A very long platform name that goes on and on' }),
      item('i', 'marketing', { platform: 'A very long platform name that goes on and on, again' }),
    ]));
    expectValid(config);
    expect(Object.keys(services(config, 'analytics'))).toEqual(['hot-jar', 'hot-jar-2', 'hot-jar-3', 's-6sense', 'service', 'google']);
    expect(Object.keys(services(config, 'marketing'))).toEqual(['google-2', 'a-very-long-platform-name-that-g', 'a-very-long-platform-name-that-2']);
    expect(services(config, 'analytics')['hot-jar-2'].name).toBe('hot-jar');
  });

  it('uses the site’s own service id when the classification came from its config', () => {
    const { config } = draftConfig(scan([
      item('_ga', 'analytics', { source: 'config', service: 'ga4', platform: 'Google Analytics' }),
      item('x', 'analytics', { source: 'config', service: 'not an id', platform: 'X' }),
      item('y', 'analytics', { source: 'open-cookie-database', service: 'ignored', platform: 'Y' }),
    ]));
    expect(Object.keys(services(config, 'analytics'))).toEqual(['ga4', 'x', 'y']);
    expect(services(config, 'analytics').ga4.name).toBe('Google Analytics');
    expectValid(config);
  });

  it('names a third-party item with no platform by its host', () => {
    const { config } = draftConfig(scan([item('uid', 'marketing', { party: 'third', domain: '.ads.example.net' })]));
    expect(services(config, 'marketing')).toEqual({
      'ads-example-net': { name: 'ads.example.net', cookies: [{ name: 'uid', lifetime: '13 months', party: 'third', domain: 'ads.example.net' }] },
    });
  });
});

describe('slugId and uniqueId', () => {
  it('make ids samtykke takes', () => {
    for (const platform of ['Hotjar', '6sense', '', '---', 'Ünïcødé', 'x'.repeat(50), 'A.B/C']) expect(slugId(platform)).toMatch(ID_PATTERN);
    expect(slugId('Microsoft Clarity')).toBe('microsoft-clarity');
    expect(slugId('A.B/C')).toBe('a-b-c');
    expect(uniqueId('hotjar', new Set(['hotjar', 'hotjar-2']))).toBe('hotjar-3');
    expect(uniqueId('x'.repeat(32), new Set(['x'.repeat(32)]))).toBe('x'.repeat(30) + '-2');
  });
});

// ------------------------------------------------------------ cookie names

describe('draftConfig: cookie names', () => {
  it('writes a prefix match once as its pattern (_ga_*)', () => {
    const ga = { platform: 'Google Analytics', match: 'prefix', pattern: '_ga_*' } as const;
    const { config } = draftConfig(scan([
      item('_ga', 'analytics', { platform: 'Google Analytics', match: 'known', days: [730] }),
      item('_ga_ABC123', 'analytics', { ...ga, days: [100] }),
      item('_ga_XYZ789', 'analytics', { ...ga, days: [400] }),
      item('_ga_XYZ789', 'analytics', { ...ga, domain: 'www.example.com', days: [20] }),
    ]));
    expect(services(config, 'analytics')['google-analytics'].cookies).toEqual([
      { name: '_ga', lifetime: '2 years', party: 'first' },
      { name: '_ga_*', lifetime: '13 months', party: 'first' },
    ]);
    expectValid(config);
  });

  it('turns a config RegExp that is a plain prefix into one, and keeps the name otherwise', () => {
    const { config } = draftConfig(scan([
      item('_ga_A1', 'analytics', { platform: 'G', match: 'pattern', pattern: '/^_ga_/' }),
      item('_pk_id.1.af', 'analytics', { platform: 'G', match: 'pattern', pattern: '/^_pk_id\\./' }),
      item('zz9', 'analytics', { platform: 'G', match: 'pattern', pattern: '/z+\\d/' }),
      item('q1', 'analytics', { platform: 'G', match: 'prefix', pattern: '*' }),
    ]));
    expect(names(services(config, 'analytics').g)).toEqual(['_ga_*', '_pk_id.*', 'zz9', 'q1']);
  });

  it('collapses names that differ only by a trailing id', () => {
    const { config } = draftConfig(scan([
      item('_hjSessionUser_123456', 'analytics', { platform: 'Hotjar', days: [365] }),
      item('_hjSessionUser_987', 'analytics', { platform: 'Hotjar', days: [30] }),
      item('_hjSession_123456', 'analytics', { platform: 'Hotjar', days: [30 / 1440] }),
      item('ajs_a1b2c3d4-0000-4000-8000-00000000000a', 'analytics', { platform: 'Segment' }),
      item('ajs_a1b2c3d4-0000-4000-8000-00000000000b', 'analytics', { platform: 'Segment' }),
    ]));
    expect(services(config, 'analytics').hotjar.cookies).toEqual([
      { name: '_hjSessionUser_*', lifetime: '1 year', party: 'first' },
      // One alone keeps its name: the site's id does not change.
      { name: '_hjSession_123456', lifetime: '30 minutes', party: 'first' },
    ]);
    expect(names(services(config, 'analytics').segment)).toEqual(['ajs_*']);
    expectValid(config);
  });

  it('does not collapse when the pattern would reach a cookie it was not made of', () => {
    const { config } = draftConfig(scan([
      item('wp-settings-1', 'preferences', { platform: 'WordPress' }),
      item('wp-settings-2', 'preferences', { platform: 'WordPress' }),
      item('wp-settings-time-1', 'preferences', { platform: 'WordPress' }),
      item('x_1', 'analytics', { platform: 'X' }),
      item('x_2', 'analytics', { platform: 'X' }),
    ]));
    expect(names(services(config, 'preferences').wordpress)).toEqual(['wp-settings-1', 'wp-settings-2', 'wp-settings-time-1']);
    // `x_*` would be a guess, not a family.
    expect(names(services(config, 'analytics').x)).toEqual(['x_1', 'x_2']);
  });

  it('finds trailing ids, not words', () => {
    expect(idStem('_hjSessionUser_123456')).toBe('_hjSessionUser_');
    expect(idStem('_pk_id.1.1fff')).toBe('_pk_id.1.');
    expect(idStem('ajs_a1b2c3d4-0000-4000-8000-00000000000a')).toBe('ajs_');
    expect(idStem('cookie_face')).toBeUndefined();
    expect(idStem('_hjSessionUser')).toBeUndefined();
    expect(idStem('a_1')).toBeUndefined();
  });

  it('refuses names samtykke would read wrongly or could never match', () => {
    expect(cookieNameProblem('_ga')).toBeUndefined();
    expect(cookieNameProblem('AMCV_0%40AdobeOrg')).toBeUndefined();
    for (const name of ['', 'x*', 'a;b', 'a=b', 'a\u0001', ' a', 'a ']) expect(cookieNameProblem(name)).toBeTypeOf('string');
  });
});

// ------------------------------------------------------------ review

describe('draftConfig: the review list', () => {
  it('holds what could not be placed, with a reason, in scan order', () => {
    const items = [
      item('mystery', 'unknown', { source: 'none', confidence: 'none' }),
      item('hjKey', 'analytics', { kind: 'localStorage', platform: 'Hotjar' }),
      item('csrf', 'necessary', { source: 'heuristic', confidence: 'low' }),
      item('PHPSESSID', 'necessary', { confidence: 'high' }),
      item('odd*', 'analytics', { platform: 'Hotjar' }),
      item('', 'marketing', { platform: 'Ads' }),
      item('x', 'bad id', { platform: 'X' }),
      item('guess', 'analytics', { source: 'heuristic', confidence: 'low' }),
      item('cdn.unknown.net', 'unknown', { kind: 'request', party: 'third', source: 'none', confidence: 'none' }),
    ];
    const { config, review } = draftConfig(scan(items));
    expectValid(config);
    const [mystery, hjKey, csrf, , odd, empty, x, guess, cdn] = items;
    expect(review.map((r) => [r.item, r.kind, r.name])).toEqual(
      [mystery, hjKey, csrf, odd, empty, x, guess, cdn].map((i) => [i.id, i.kind, i.name]),
    );
    const reasons = review.map((r) => r.reason);
    expect(reasons[0]).toMatch(/^unknown/);
    expect(reasons[1]).toMatch(/^localStorage key: .*cookies only.*Hotjar$/);
    expect(reasons[2]).toMatch(/necessary by a guess \(heuristic, low confidence\)/);
    expect(reasons[3]).toMatch(/ends in "\*"/);
    expect(reasons[4]).toMatch(/without a name/);
    expect(reasons[5]).toMatch(/"bad id" is not a samtykke category id/);
    expect(reasons[6]).toMatch(/nothing names a service/);
    expect(reasons[7]).toMatch(/^unknown/);
    // The storage key and the odd name still tell which services the site uses.
    expect(names(services(config, 'analytics').hotjar)).toEqual([]);
    expect(services(config, 'marketing').ads.cookies).toEqual([]);
    expect(JSON.stringify(config)).not.toContain('PHPSESSID');
  });

  it('reads as one line an item', () => {
    const review = [
      { item: 'cookie:a@example.com/', kind: 'cookie' as const, name: 'a', reason: 'unknown: nothing classified it' },
      { item: 'localStorage:https://example.com:k', kind: 'localStorage' as const, name: 'k', reason: 'storage' },
    ];
    expect(reviewText(review)).toBe('cookie:a@example.com/ - unknown: nothing classified it\nlocalStorage:https://example.com:k - storage\n');
    expect(reviewText([])).toBe('');
    // A storage key may hold a line break; the entry stays one line.
    expect(reviewText([{ item: 'localStorage:https://example.com:a\nb', kind: 'localStorage', name: 'a\nb', reason: 'storage' }]))
      .toBe('localStorage:https://example.com:a\\u000ab - storage\n');
  });
});

// ------------------------------------------------------------ the site's config

const BASE = {
  regime: 'auto',
  privacyPolicyUrl: '/privacy',
  texts: { da: { 'banner.title': 'Cookies' } },
  categories: {
    functional: {
      label: 'Functional',
      sale: true,
      services: { chat: { name: 'Chat', provider: 'Chat Co.', cookies: ['chat_id'] } },
    },
    analytics: {
      retention: '13 months',
      services: {
        hotjar: { name: 'Hotjar', cookies: ['_hjSessionUser_*', { name: '_hjid', lifetime: '1 year', party: 'first' }] },
        ga4: { name: 'Google Analytics 4', purpose: 'Statistics.' },
      },
    },
  },
};

describe('draftConfig: with the site’s config', () => {
  it('keeps what the site wrote and adds what it lacks', () => {
    const base = structuredClone(BASE);
    const { config, review } = draftConfig(scan([
      // Declared already (by a pattern, by name): nothing to add.
      item('_hjSessionUser_42', 'analytics', { source: 'config', service: 'hotjar' }),
      item('chat_id', 'functional', { source: 'config', service: 'chat' }),
      // New names in existing services: by the site's id, by platform name, by slug.
      item('chat_seen', 'functional', { source: 'config', service: 'chat', description: 'Whether the chat was opened.' }),
      item('_hjSession_5', 'analytics', { platform: 'hotjar', days: [30 / 1440] }),
      item('_ga', 'analytics', { platform: 'Google Analytics 4', days: [730] }),
      // A new service, in a new category, and one whose slug the site's
      // marketing-less config already uses in another category.
      item('_ttp', 'marketing', { platform: 'TikTok' }),
      item('chat_ad', 'marketing', { platform: 'Chat' }),
    ]), { base });
    expect(review).toEqual([]);
    expectValid(config);
    expectKept(BASE, config);
    expect(base).toEqual(BASE);
    expect(config.categories.functional.sale).toBe(true);
    expect(names(services(config, 'functional').chat)).toEqual(['chat_id', 'chat_seen']);
    expect(services(config, 'functional').chat.cookies[1]).toEqual({ name: 'chat_seen', lifetime: '13 months', party: 'first', description: 'Whether the chat was opened.' });
    expect(names(services(config, 'analytics').hotjar)).toEqual(['_hjSessionUser_*', '_hjid', '_hjSession_5']);
    expect(services(config, 'analytics').ga4).toEqual({ name: 'Google Analytics 4', purpose: 'Statistics.', cookies: [{ name: '_ga', lifetime: '2 years', party: 'first' }] });
    expect(Object.keys(config.categories)).toEqual(['functional', 'analytics', 'marketing']);
    expect(config.categories.marketing).toEqual({
      services: {
        tiktok: { name: 'TikTok', cookies: [{ name: '_ttp', lifetime: '13 months', party: 'first' }] },
        'chat-2': { name: 'Chat', cookies: [{ name: 'chat_ad', lifetime: '13 months', party: 'first' }] },
      },
    });
  });

  it('writes out the default categories of a config that names none, since writing any replaces them', () => {
    const base = { regime: 'opt-out' };
    const { config } = draftConfig(scan([item('_ttp', 'marketing', { platform: 'TikTok' })]), { base });
    expect(config).toEqual({
      regime: 'opt-out',
      categories: { preferences: {}, analytics: {}, marketing: { services: { tiktok: { name: 'TikTok', cookies: [{ name: '_ttp', lifetime: '13 months', party: 'first' }] } } } },
    });
    expectValid(config);
  });

  it('leaves the site’s config as it is when the scan adds nothing', () => {
    const base = { regime: 'opt-out', categories: { analytics: {} } };
    expect(draftConfig(scan([item('s', 'necessary'), item('m', 'unknown')]), { base }).config).toEqual(base);
  });
});

// ------------------------------------------------------------ the file

describe('draftFile', () => {
  const result = scan([item('_ga', 'analytics', { platform: 'Google Analytics' })]);

  it('is the draft as pretty JSON with $schema first, which validate() takes', () => {
    const textOut = draftFile(result);
    expect(textOut.endsWith('}\n')).toBe(true);
    expect(textOut).toContain('\n  "categories": {\n');
    const parsed = JSON.parse(textOut);
    expect(Object.keys(parsed)[0]).toBe('$schema');
    expect(parsed.$schema).toBe(SCHEMA_PATH);
    const { $schema, ...config } = parsed;
    expect(config).toEqual(draftConfig(result).config);
    expectValid(parsed);
  });

  it('keeps the site’s own $schema', () => {
    const parsed = JSON.parse(draftFile(result, { base: { $schema: 'samtykke.schema.json', regime: 'opt-in' } }));
    expect(parsed.$schema).toBe('samtykke.schema.json');
    expectValid(parsed);
  });

  it('throws on a RegExp in the base rather than writing {}', () => {
    const base = { categories: { analytics: { services: { ga: { cookies: [/^_ga/] } } } } };
    expect(() => draftFile(result, { base })).toThrow(/RegExp/);
    // In memory the draft keeps it, and covers the cookie with it.
    expect(draftConfig(result, { base }).config).toEqual(base);
  });
});

// ------------------------------------------------------------ any scan

/** Names as a site or a hostile page may set them: ordinary ones, families
 * with ids, prototype keys, and anything fast-check makes. */
const nameArb = fc.oneof(
  fc.constantFrom('_ga', '_gid', '_hjid', 'x*', '*', '', ' a', 'a;b', 'a=b', '__proto__', 'constructor', 'toString', 'wp-settings-time-1'),
  fc.tuple(fc.constantFrom('_ga_', '_hjSessionUser_', 'wp-settings-', '_pk_id.1.', 'x_'), fc.oneof(fc.nat().map(String), fc.uuid(), fc.stringMatching(/^[0-9a-f]{4,12}$/))).map(([stem, id]) => stem + id),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const categoryArb = fc.constantFrom('necessary', 'preferences', 'analytics', 'marketing', 'unknown', 'statistics', 'constructor', '__proto__', 'bad id', '9lives', '');
const platformArb = fc.option(
  fc.oneof(fc.constantFrom('Hotjar', 'hotjar', 'HOT JAR', 'Hot-Jar', '6sense', '123', '日本語', '', '  ', 'constructor', '__proto__', 'toString', 'P'.repeat(40), 'P'.repeat(40) + '!'), fc.string({ maxLength: 10 })),
  { nil: undefined },
);
const optionalText = fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('https://example.com/privacy', 'http://example.com/privacy', '/privacy', 'javascript:alert(1)', 'https://', 'https:// x')), { nil: undefined });
const classificationArb = fc.record(
  {
    category: categoryArb,
    source: fc.constantFrom('config', 'override', 'open-cookie-database', 'third-party-web', 'heuristic', 'none'),
    confidence: fc.constantFrom('high', 'medium', 'low', 'none'),
    match: fc.constantFrom('exact', 'prefix', 'pattern', 'host', 'known'),
    pattern: fc.oneof(fc.constantFrom('_ga_*', '*', 'x*', '_hj*', '/^_ga_/', '/^a\\.b/', '/x/'), fc.string({ maxLength: 6 })),
    service: fc.option(fc.oneof(fc.constantFrom('ga4', 'hotjar', 'hot-jar', 'constructor', '__proto__', 'bad id', 'chat'), fc.string({ maxLength: 6 })), { nil: undefined }),
    platform: platformArb,
    controller: optionalText,
    description: optionalText,
    privacyUrl: optionalText,
  },
  { requiredKeys: ['category', 'source', 'confidence'] },
) as fc.Arbitrary<Classification>;
const itemArb = fc.record({
  kind: fc.constantFrom<Kind>('cookie', 'cookie', 'localStorage', 'sessionStorage', 'request'),
  name: nameArb,
  party: fc.constantFrom<Party>('first', 'third'),
  domain: fc.constantFrom('example.com', '.doubleclick.net', '', 'cdn.example.net'),
  classification: classificationArb,
  days: fc.array(fc.option(fc.oneof(fc.double({ min: -10, max: 1000 }), fc.constantFrom(Number.NaN, Infinity, 0)), { nil: null }), { maxLength: 3 }),
});
const scanArb = fc.array(itemArb, { maxLength: 25 }).map((raw) =>
  scan(raw.map(({ kind, name, party, domain, classification, days }, i) => ({
    id: `${kind}:${name}@${domain}/#${i}`,
    kind,
    name,
    domain,
    party,
    classification,
    sightings: days.map((lifetimeDays) => ({ state: 'accept' as const, page: 'https://example.com/', at: 0, lifetimeDays })),
  }))),
);

describe('draftConfig: any scan', () => {
  const RUNS = 300;

  it('always passes validate() with zero problems, alone and as a file', () => {
    fc.assert(
      fc.property(scanArb, (result) => {
        const { config, review } = draftConfig(result);
        expectValid(config);
        expectValid(JSON.parse(draftFile(result)));
        expect(reviewText(review).split('\n').length).toBe(review.length + 1);
      }),
      { numRuns: runs(RUNS) },
    );
  }, timeout(RUNS));

  it('always passes validate() on top of a valid site config, and keeps all of it', () => {
    // The sites' configs: hand-written, and drafts of other scans.
    const baseArb = fc.oneof(fc.constant(BASE), fc.constant({ regime: 'opt-out' }), scanArb.map((result) => draftConfig(result).config));
    fc.assert(
      fc.property(baseArb, scanArb, (base, result) => {
        expectValid(base);
        const before = structuredClone(base);
        const { config } = draftConfig(result, { base });
        expectValid(config);
        expectKept(before, config);
        expect(base).toEqual(before);
      }),
      { numRuns: runs(RUNS) },
    );
  }, timeout(RUNS));
});
