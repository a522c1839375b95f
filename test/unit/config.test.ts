// The config readers: normalise() (the core's, on every page view),
// normaliseUi() (the UI chunk's) and validate() (zod, for development and
// the CLI). A wrong key is reported once with its path and falls back to a
// safe value; the two sides agree on what is wrong.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalise } from '../../src/config/normalise';
import { normaliseUi } from '../../src/config/normalise-ui';
import { validate } from '../../src/config/validate';
import { describe as describeProblem, type Problem } from '../../src/config/problem';
import { COOKIE_NAME_PATTERN, GA_ID_PATTERN, POLICY_PATTERN, REGION_PATTERN } from '../../src/config/defaults';
import { runs } from './fc-runs';

const paths = (problems: Problem[]) => problems.map((p) => p.path);
const lines = (problems: Problem[]) => problems.map((p) => `${p.path} ${p.message}`);

afterEach(() => {
  // Should a reader ever pollute Object.prototype, keep it from leaking into other tests.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('normalise: defaults', () => {
  it('gives necessary, preferences, analytics and marketing, in that order', () => {
    const { config, problems } = normalise({});
    expect(problems).toEqual([]);
    expect(Object.keys(config.categories)).toEqual(['necessary', 'preferences', 'analytics', 'marketing']);
  });

  it('flags only marketing as a sale', () => {
    const { categories } = normalise({}).config;
    expect(categories.necessary.sale).toBe(false);
    expect(categories.preferences.sale).toBe(false);
    expect(categories.analytics.sale).toBe(false);
    expect(categories.marketing.sale).toBe(true);
  });

  it('gives categories without services', () => {
    for (const category of Object.values(normalise({}).config.categories)) expect(category.services).toEqual({});
  });

  it('stores the record in a Lax cookie named samtykke on / for 182 days, 365 after an opt-out', () => {
    expect(normalise({}).config.cookie).toEqual({
      name: 'samtykke', path: '/', days: 182, optOutDays: 365, sameSite: 'Lax',
    });
  });

  it('is opt-in under revision 0, with opt-in as the auto fallback and no region', () => {
    const { config } = normalise({});
    expect(config.regime).toBe('opt-in');
    expect(config.defaultRegime).toBe('opt-in');
    expect(config.revision).toBe(0);
    expect(config.region).toBeUndefined();
    expect(config.googleAnalytics).toBeUndefined();
    // Consent Mode is off unless Google Analytics or the site turns it on.
    expect(config.consentMode).toBe(false);
  });

  it('gives the same defaults for undefined', () => {
    expect(normalise(undefined)).toEqual(normalise({}));
  });
});

describe('normalise: a site\'s values', () => {
  it('keeps necessary first and the site\'s categories in its order', () => {
    const { config } = normalise({ categories: { video: {}, necessary: {}, analytics: {} } });
    expect(Object.keys(config.categories)).toEqual(['necessary', 'video', 'analytics']);
  });

  it('always adds necessary, even when the site lists only its own categories', () => {
    expect(Object.keys(normalise({ categories: { analytics: {} } }).config.categories)).toEqual(['necessary', 'analytics']);
  });

  it('flags a site\'s marketing as a sale unless it says otherwise, and its own categories not', () => {
    const { categories } = normalise({ categories: { marketing: {}, video: {}, ads: { sale: true }, stats: { sale: false } } }).config;
    expect(categories.marketing.sale).toBe(true);
    expect(categories.video.sale).toBe(false);
    expect(categories.ads.sale).toBe(true);
    expect(categories.stats.sale).toBe(false);
    expect(normalise({ categories: { marketing: { sale: false } } }).config.categories.marketing.sale).toBe(false);
  });

  it('keeps the cookie names of each service, from strings and { name } objects', () => {
    const { config, problems } = normalise({
      categories: { analytics: { services: { ga4: { cookies: ['_ga', { name: '_gid', lifetime: '1 day' }] }, hotjar: {} } } },
    });
    expect(problems).toEqual([]);
    expect(config.categories.analytics.services).toEqual({ ga4: { cookies: ['_ga', '_gid'] }, hotjar: { cookies: [] } });
  });

  it('keeps RegExp cookie patterns such as /^_ga_/, so those cookies can be deleted on withdrawal', () => {
    const pattern = /^_ga_/;
    const { config, problems } = normalise({
      categories: { analytics: { services: { ga4: { cookies: ['_ga', pattern, { name: /^_gat/ }] } } } },
    });
    expect(problems).toEqual([]);
    expect(config.categories.analytics.services.ga4.cookies).toEqual(['_ga', pattern, /^_gat/]);
  });

  it('reads the regime, region, revision, cookie and Google Analytics options', () => {
    const { config, problems } = normalise({
      regime: 'auto',
      defaultRegime: 'opt-out',
      region: 'us-ca',
      revision: 7,
      cookie: { name: 'consent', domain: 'example.com', path: '/shop', days: 30, optOutDays: 400, sameSite: 'Strict' },
      googleAnalytics: { id: 'G-ABC123XYZ', anonymizeIp: false },
      consentMode: true,
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      regime: 'auto',
      defaultRegime: 'opt-out',
      region: 'US-CA',
      revision: 7,
      cookie: { name: 'consent', domain: 'example.com', path: '/shop', days: 30, optOutDays: 400, sameSite: 'Strict' },
      googleAnalytics: { id: 'G-ABC123XYZ', anonymizeIp: false },
      consentMode: { mode: 'basic', waitForUpdate: 500, adsDataRedaction: false, urlPassthrough: false, dataLayer: 'dataLayer' },
    });
  });

  it('turns Consent Mode on with Google Analytics, and off when asked', () => {
    expect(normalise({ googleAnalytics: { id: 'G-ABC123XYZ' } }).config.consentMode).toMatchObject({ mode: 'basic' });
    expect(normalise({ googleAnalytics: { id: 'G-ABC123XYZ' }, consentMode: false }).config.consentMode).toBe(false);
    expect(normalise({ consentMode: { mode: 'advanced', waitForUpdate: 0, dataLayer: 'gtmLayer' } }).config.consentMode).toEqual({
      mode: 'advanced',
      waitForUpdate: 0,
      adsDataRedaction: false,
      urlPassthrough: false,
      dataLayer: 'gtmLayer',
    });
  });

  it('ignores keys only the UI reads', () => {
    const { config, problems } = normalise({ layout: 'box', texts: { en: { title: 'x' } }, locale: 'da' });
    expect(problems).toEqual([]);
    expect(config).not.toHaveProperty('layout');
    expect(config).not.toHaveProperty('texts');
  });
});

type Core = ReturnType<typeof normalise>['config'];

/** [what is wrong, config, the one path reported, the safe value after]. */
const WRONG: [string, unknown, string, (c: Core) => unknown, unknown][] = [
  ['an unknown regime', { regime: 'gdpr' }, 'regime', (c) => c.regime, 'opt-in'],
  ['a regime of the wrong type', { regime: 1 }, 'regime', (c) => c.regime, 'opt-in'],
  ['auto as the default regime', { defaultRegime: 'auto' }, 'defaultRegime', (c) => c.defaultRegime, 'opt-in'],
  ['a region that is not an ISO code', { region: 'Denmark' }, 'region', (c) => c.region, undefined],
  ['an empty region', { region: '' }, 'region', (c) => c.region, undefined],
  ['a negative revision', { revision: -1 }, 'revision', (c) => c.revision, 0],
  ['a fractional revision', { revision: 1.5 }, 'revision', (c) => c.revision, 0],
  ['a revision given as a string', { revision: '2' }, 'revision', (c) => c.revision, 0],
  ['0 cookie days', { cookie: { days: 0 } }, 'cookie.days', (c) => c.cookie.days, 182],
  ['cookie days beyond the browsers\' 400', { cookie: { days: 401 } }, 'cookie.days', (c) => c.cookie.days, 182],
  ['cookie days as a string', { cookie: { days: '30' } }, 'cookie.days', (c) => c.cookie.days, 182],
  ['NaN cookie days', { cookie: { days: NaN } }, 'cookie.days', (c) => c.cookie.days, 182],
  ['opt-out days beyond 400', { cookie: { optOutDays: 1000 } }, 'cookie.optOutDays', (c) => c.cookie.optOutDays, 365],
  ['a lower-case sameSite', { cookie: { sameSite: 'lax' } }, 'cookie.sameSite', (c) => c.cookie.sameSite, 'Lax'],
  ['a cookie name with a space', { cookie: { name: 'my consent' } }, 'cookie.name', (c) => c.cookie.name, 'samtykke'],
  ['an empty cookie name', { cookie: { name: '' } }, 'cookie.name', (c) => c.cookie.name, 'samtykke'],
  ['a relative cookie path', { cookie: { path: 'shop' } }, 'cookie.path', (c) => c.cookie.path, '/'],
  ['a cookie domain of the wrong type', { cookie: { domain: 5 } }, 'cookie.domain', (c) => c.cookie.domain, undefined],
  ['a cookie option that is not an object', { cookie: 'samtykke' }, 'cookie', (c) => c.cookie.name, 'samtykke'],
  ['a consentMode that is not a boolean or object', { consentMode: 'yes' }, 'consentMode', (c) => c.consentMode, false],
  ['a Consent Mode mode that does not exist', { consentMode: { mode: 'full' } }, 'consentMode.mode', (c) => (c.consentMode as { mode: string }).mode, 'basic'],
  ['a dataLayer name that is no variable', { consentMode: { dataLayer: 'data layer' } }, 'consentMode.dataLayer', (c) => (c.consentMode as { dataLayer: string }).dataLayer, 'dataLayer'],
  ['a receipts url that is not http(s) or a path', { receipts: { url: 'javascript:alert(1)' } }, 'receipts.url', (c) => c.receipts, undefined],
  ['a reloadOnRevoke that is not a boolean', { reloadOnRevoke: 'yes' }, 'reloadOnRevoke', (c) => c.reloadOnRevoke, undefined],
  ['a sale that is not a boolean', { categories: { analytics: { sale: 'no' } } }, 'categories.analytics.sale', (c) => c.categories.analytics.sale, true],
  ['a sale of null', { categories: { analytics: { sale: null } } }, 'categories.analytics.sale', (c) => c.categories.analytics.sale, true],
  [
    'a cookie that is neither a name nor { name }',
    { categories: { analytics: { services: { ga4: { cookies: [5, '_ga'] } } } } },
    'categories.analytics.services.ga4.cookies[0]',
    (c) => c.categories.analytics.services.ga4.cookies,
    ['_ga'],
  ],
  [
    'cookies that are not a list',
    { categories: { analytics: { services: { ga4: { cookies: '_ga' } } } } },
    'categories.analytics.services.ga4.cookies',
    (c) => c.categories.analytics.services.ga4.cookies,
    [],
  ],
  [
    'a service that is not an object',
    { categories: { analytics: { services: { ga4: true } } } },
    'categories.analytics.services.ga4',
    (c) => c.categories.analytics.services.ga4,
    undefined,
  ],
  [
    'a service id with a space',
    { categories: { analytics: { services: { 'google analytics': {} } } } },
    'categories.analytics.services.google analytics',
    (c) => Object.keys(c.categories.analytics.services),
    [],
  ],
  ['services that are not an object', { categories: { analytics: { services: [] } } }, 'categories.analytics.services', (c) => c.categories.analytics.services, {}],
  ['a category that is not an object', { categories: { analytics: true } }, 'categories.analytics', (c) => Object.keys(c.categories), ['necessary']],
  ['a category id with a dot', { categories: { 'a.b': {} } }, 'categories.a.b', (c) => Object.keys(c.categories), ['necessary']],
  ['a category id starting with a digit', { categories: { '1st': {} } }, 'categories.1st', (c) => Object.keys(c.categories), ['necessary']],
  ['categories that are not an object', { categories: ['analytics'] }, 'categories', (c) => Object.keys(c.categories), ['necessary']],
  ['a UA- Google Analytics id', { googleAnalytics: { id: 'UA-12345-1' } }, 'googleAnalytics.id', (c) => c.googleAnalytics, undefined],
  ['a missing Google Analytics id', { googleAnalytics: {} }, 'googleAnalytics.id', (c) => c.googleAnalytics, undefined],
  [
    'a Google Analytics flag that is not a boolean',
    { googleAnalytics: { id: 'G-ABC123', anonymizeIp: 'yes' } },
    'googleAnalytics.anonymizeIp',
    (c) => c.googleAnalytics,
    { id: 'G-ABC123' },
  ],
];

describe('normalise: wrong values', () => {
  it.each(WRONG)('reports %s once, at its path, and falls back safely', (_, input, path, pick, safe) => {
    const { config, problems } = normalise(input);
    expect(paths(problems)).toEqual([path]);
    expect(pick(config)).toEqual(safe);
  });

  it.each(WRONG)('validate() reports %s at the same path', (_, input, path) => {
    expect(paths(validate(input).problems)).toContain(path);
  });

  it('names the value it got and says a safe default is used', () => {
    const [problem] = normalise({ regime: 'gdpr' }).problems;
    expect(problem.message).toContain('got "gdpr"');
    expect(problem.message).toContain('safe default');
    expect(describeProblem(problem)).toMatch(/^samtykke: regime is not valid \(got "gdpr"\)/);
    expect(normalise({ cookie: { days: [1] } }).problems[0].message).toContain('got a list');
    expect(normalise({ cookie: { days: {} } }).problems[0].message).toContain('got an object');
  });

  it('keeps the other values when one is wrong', () => {
    const { config, problems } = normalise({ regime: 'gdpr', cookie: { days: 0, name: 'consent' }, revision: 2 });
    expect(paths(problems)).toEqual(['regime', 'cookie.days']);
    expect(config.cookie.name).toBe('consent');
    expect(config.revision).toBe(2);
  });

  it('reports a necessary category flagged as a sale, and keeps it off the opt-out', () => {
    const { config, problems } = normalise({ categories: { necessary: { sale: true } } });
    expect(paths(problems)).toEqual(['categories.necessary.sale']);
    expect(config.categories.necessary.sale).toBe(false);
  });

  it('reports a necessary sale that is not a boolean', () => {
    const { config, problems } = normalise({ categories: { necessary: { sale: 'yes' } } });
    expect(paths(problems)).toEqual(['categories.necessary.sale']);
    expect(config.categories.necessary.sale).toBe(false);
  });

  it('reports a necessary category that is not an object', () => {
    const { config, problems } = normalise({ categories: { necessary: 5, analytics: {} } });
    expect(paths(problems)).toEqual(['categories.necessary']);
    expect(Object.keys(config.categories)).toEqual(['necessary', 'analytics']);
  });

  it('reports a googleAnalytics that is not an object once', () => {
    const { config, problems } = normalise({ googleAnalytics: 'G-ABC123XYZ' });
    expect(paths(problems)).toEqual(['googleAnalytics']);
    expect(config.googleAnalytics).toBeUndefined();
  });

  it('reports a service id used in two categories, at its second use', () => {
    const { problems } = normalise({
      categories: { analytics: { services: { ga4: {} } }, marketing: { services: { ga4: {}, meta: {} } } },
    });
    expect(problems).toEqual([
      { path: 'categories.marketing.services.ga4', message: 'is used by two categories; service ids must be unique' },
    ]);
  });

  it('does not report a service named like an Object.prototype member as used twice', () => {
    const { config, problems } = normalise({
      categories: { analytics: { services: { toString: {}, constructor: {}, valueOf: {} } } },
    });
    expect(problems).toEqual([]);
    expect(Object.keys(config.categories.analytics.services)).toEqual(['toString', 'constructor', 'valueOf']);
  });

  it('accepts categories named like Object.prototype members as the site\'s own', () => {
    const { config, problems } = normalise({ categories: { constructor: {}, toString: { sale: true } } });
    expect(problems).toEqual([]);
    expect(config.categories.constructor).toEqual({ sale: false, sensitive: [], services: {} });
    expect(config.categories.toString).toEqual({ sale: true, sensitive: [], services: {} });
  });
});

describe('normalise: input that is not a config', () => {
  it.each([
    ['null', null, []],
    ['42', 42, ['config']],
    ['a string', 'x', ['config']],
    ['a list', [], ['config']],
    ['a boolean', true, ['config']],
    ['a function', () => 1, ['config']],
  ])('does not throw on %s and gives the defaults', (_, input, reported) => {
    const { config, problems } = normalise(input);
    expect(paths(problems)).toEqual(reported);
    expect(config).toEqual(normalise({}).config);
  });

  it.each([null, 42, 'x', [], true])('normaliseUi does not throw on %j and gives its defaults', (input) => {
    const { config } = normaliseUi(input);
    expect(config).toEqual(normaliseUi({}).config);
  });

  // The UI renders these as links: a `javascript:` URL would run on click.
  it.each(['javascript:alert(1)', 'data:text/html,x', 'privacy.html'])(
    'links the UI renders must be http(s) or root-relative: %j is reported and dropped by both readers',
    (url) => {
      const input = {
        privacyPolicyUrl: url,
        categories: { analytics: { services: { chat: { privacyPolicyUrl: url } } } },
      };
      const ui = normaliseUi(input);
      expect(ui.config.privacyPolicyUrl).toBeUndefined();
      expect(ui.config.categories.analytics.services.chat.privacyPolicyUrl).toBeUndefined();
      const expected = ['privacyPolicyUrl', 'categories.analytics.services.chat.privacyPolicyUrl'];
      expect(paths(ui.problems).sort()).toEqual(expected.sort());
      expect(paths(validate(input).problems).sort()).toEqual(expected.sort());
    },
  );

  it.each([42, 'x', [], true])('validate() does not throw on %j and reports the config', (input) => {
    const result = validate(input);
    expect(result.ok).toBe(false);
    expect(paths(result.problems)).toEqual(['config']);
  });

  it('validate() does not throw on null or undefined', () => {
    expect(() => validate(null)).not.toThrow();
    expect(() => validate(undefined)).not.toThrow();
  });
});

describe('prototype pollution', () => {
  const HOSTILE = [
    '{"categories":{"__proto__":{"polluted":1}}}',
    '{"categories":{"__proto__":{"services":{"polluted":{}}}}}',
    '{"categories":{"analytics":{"services":{"__proto__":{"polluted":1}}}}}',
    '{"categories":{"analytics":{"services":{"ga4":{"cookies":[{"name":"_ga","__proto__":{"polluted":1}}]}}}}}',
    '{"categories":{"constructor":{"prototype":{"polluted":1}}}}',
    '{"categories":{"prototype":{"polluted":1}}}',
    '{"texts":{"__proto__":{"polluted":"x"}}}',
    '{"texts":{"en":{"__proto__":{"polluted":"x"}}}}',
    '{"texts":{"constructor":{"prototype":"x"}}}',
    '{"__proto__":{"polluted":1}}',
    '{"cookie":{"__proto__":{"polluted":1}}}',
    '{"googleAnalytics":{"id":"G-ABC123","__proto__":{"polluted":1}}}',
  ];

  it.each(HOSTILE)('leaves Object.prototype alone after reading %s', (json) => {
    normalise(JSON.parse(json));
    normaliseUi(JSON.parse(json));
    validate(JSON.parse(json));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reports __proto__ as a category or service id and drops it', () => {
    const categories = normalise(JSON.parse('{"categories":{"__proto__":{"polluted":1},"analytics":{}}}'));
    expect(paths(categories.problems)).toEqual(['categories.__proto__']);
    expect(Object.keys(categories.config.categories)).toEqual(['necessary', 'analytics']);
    expect(Object.getPrototypeOf(categories.config.categories)).toBe(Object.prototype);

    const services = normalise(JSON.parse('{"categories":{"analytics":{"services":{"__proto__":{"polluted":1}}}}}'));
    expect(paths(services.problems)).toEqual(['categories.analytics.services.__proto__']);
    expect(services.config.categories.analytics.services).toEqual({});
    expect(Object.getPrototypeOf(services.config.categories.analytics.services)).toBe(Object.prototype);
  });

  it('does not let __proto__ in texts replace the prototype of the texts it reads', () => {
    const { config } = normaliseUi(JSON.parse('{"texts":{"__proto__":{"polluted":"x"},"en":{"__proto__":"y","title":"Hi"}}}'));
    expect(Object.getPrototypeOf(config.texts)).toBe(Object.prototype);
    expect(Object.keys(config.texts!)).toEqual(['en']);
    expect(Object.getPrototypeOf(config.texts!.en)).toBe(Object.prototype);
    expect(config.texts!.en).toEqual({ title: 'Hi' });
  });

  it('does not let a __proto__ category or service replace the prototype of what the UI reads', () => {
    const { config } = normaliseUi(
      JSON.parse('{"categories":{"__proto__":{"label":"x"},"analytics":{"services":{"__proto__":{"name":"y"}}}}}'),
    );
    expect(Object.getPrototypeOf(config.categories)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(config.categories.analytics.services)).toBe(Object.prototype);
    expect((config.categories as Record<string, unknown>).label).toBeUndefined();
  });
});

describe('validate', () => {
  const FULL = {
    categories: {
      necessary: { label: 'Necessary', services: { session: { cookies: ['sid'] } } },
      analytics: {
        label: 'Statistics',
        description: 'How the site is used',
        sale: false,
        services: {
          ga4: {
            name: 'Google Analytics 4',
            provider: 'Google Ireland Ltd.',
            purpose: 'Visitor statistics',
            privacyPolicyUrl: 'https://policies.google.com/privacy',
            cookies: [
              '_ga',
              /^_ga_/,
              { name: '_gid', lifetime: '1 day', party: 'first', domain: '.example.com', description: 'Visits' },
              { name: /^_gat/, party: 'third' },
            ],
          },
        },
      },
      marketing: { sale: true, services: { meta: { cookies: ['_fbp'] } } },
      video: {},
    },
    regime: 'auto',
    defaultRegime: 'opt-out',
    region: 'US-CA',
    revision: 4,
    cookie: { name: 'consent', domain: 'example.com', path: '/', days: 180, optOutDays: 365, sameSite: 'Strict' },
    locale: 'da',
    privacyPolicyUrl: '/privacy',
    texts: { da: { 'banner.title': 'Cookies' }, en: { 'banner.title': 'Cookies' } },
    googleAnalytics: { id: 'G-ABC123XYZ', anonymizeIp: true, allowGoogleSignals: false, allowAdPersonalizationSignals: false },
    consentMode: true,
    layout: 'box',
    theme: 'dark',
  };

  it('accepts a valid full config with no problems', () => {
    expect(validate(FULL)).toEqual({ ok: true, problems: [], warnings: [] });
  });

  it('accepts an empty config', () => {
    expect(validate({})).toEqual({ ok: true, problems: [], warnings: [] });
  });

  it('says what a cookie must be, at its exact path', () => {
    const { ok, problems } = validate({ categories: { analytics: { services: { ga4: { cookies: [5] } } } } });
    expect(ok).toBe(false);
    expect(lines(problems)).toEqual(['categories.analytics.services.ga4.cookies[0] must be a string or RegExp']);
  });

  it('names an unknown key and asks to check the spelling', () => {
    expect(lines(validate({ categores: {} }).problems)).toEqual([
      'categores is not a samtykke option (check the spelling)',
    ]);
    expect(lines(validate({ cookie: { days: 30, maxAge: 30 } }).problems)).toEqual([
      'cookie.maxAge is not a samtykke option (check the spelling)',
    ]);
    expect(lines(validate({ categories: { analytics: { services: { ga4: { cookie: ['_ga'] } } } } }).problems)).toEqual([
      'categories.analytics.services.ga4.cookie is not a samtykke option (check the spelling)',
    ]);
  });

  it.each([
    [{ regime: 'gdpr' }, 'regime must be "opt-in", "opt-out" or "auto"'],
    [{ defaultRegime: 'auto' }, 'defaultRegime must be "opt-in" or "opt-out"'],
    [{ region: 'Denmark' }, 'region must be an ISO 3166 code such as "DK" or "US-CA"'],
    [{ revision: 1.5 }, 'revision must be a whole number of 0 or more'],
    [{ cookie: { days: 401 } }, 'cookie.days must be a number of days from 1 to 400 (browsers cap cookies at 400 days)'],
    [{ cookie: { sameSite: 'lax' } }, 'cookie.sameSite must be "Lax", "Strict" or "None"'],
    [{ cookie: { name: 'a b' } }, 'cookie.name must be 1-64 letters, digits, "_" or "-"'],
    [{ cookie: { path: 'x' } }, 'cookie.path must be a URL path starting with "/"'],
    [{ categories: { analytics: { sale: 'no' } } }, 'categories.analytics.sale must be true or false'],
    [{ categories: { 'a b': {} } }, 'categories.a b must be an id of letters, digits, "_" or "-", starting with a letter (at most 32)'],
    [{ categories: { a: { services: { s: { cookies: '_ga' } } } } }, 'categories.a.services.s.cookies must be a list of cookie names or { name, lifetime, party } objects'],
    [{ categories: { a: { services: { s: { cookies: [{ name: '_ga', party: 'fourth' }] } } } } }, 'categories.a.services.s.cookies[0].party must be "first" or "third"'],
    [{ googleAnalytics: { id: 'UA-1' } }, 'googleAnalytics.id must be a GA4 measurement id such as "G-ABC123XYZ"'],
    [{ layout: 'popup' }, 'layout must be "bar", "bar-top", "box" or "modal"'],
    [{ theme: 'neon' }, 'theme must be "auto", "light", "dark" or "high-contrast"'],
    [{ texts: { en: { title: 5 } } }, 'texts.en.title must be a string'],
  ])('reports %j as "%s"', (input, line) => {
    const result = validate(input);
    expect(result.ok).toBe(false);
    expect(lines(result.problems)).toEqual([line]);
  });

  it('reports a service id used in two categories', () => {
    const result = validate({ categories: { analytics: { services: { ga4: {} } }, marketing: { services: { ga4: {} } } } });
    expect(result.ok).toBe(false);
    expect(lines(result.problems)).toEqual([
      'categories.marketing.services.ga4 is used by two categories; service ids must be unique',
    ]);
  });

  it('reports a necessary category flagged as a sale', () => {
    const result = validate({ categories: { necessary: { sale: true } } });
    expect(result.ok).toBe(false);
    expect(lines(result.problems)).toEqual([
      'categories.necessary.sale cannot be true: the necessary category is never a sale',
    ]);
  });

  it('reports every problem, not only the first', () => {
    const result = validate({ regime: 'x', cookie: { days: 0 }, layout: 'y' });
    expect(paths(result.problems).sort()).toEqual(['cookie.days', 'layout', 'regime']);
  });
});

describe('normaliseUi', () => {
  it('defaults to the bar layout and the auto theme', () => {
    const { config, problems } = normaliseUi({});
    expect(problems).toEqual([]);
    expect(config).toEqual({ layout: 'bar', theme: 'auto', categories: {} });
  });

  it.each(['bar', 'bar-top', 'box', 'modal'])('reads the %s layout', (layout) => {
    expect(normaliseUi({ layout }).config.layout).toBe(layout);
  });

  it.each(['auto', 'light', 'dark', 'high-contrast'])('reads the %s theme', (theme) => {
    expect(normaliseUi({ theme }).config.theme).toBe(theme);
  });

  it('falls back to bar and auto for a wrong layout or theme, reporting each once', () => {
    const { config, problems } = normaliseUi({ layout: 'popup', theme: 5 });
    expect(paths(problems)).toEqual(['layout', 'theme']);
    expect(config.layout).toBe('bar');
    expect(config.theme).toBe('auto');
  });

  it('copies locale, privacy policy and texts', () => {
    const texts = { da: { 'banner.title': 'Vi bruger cookies' }, en: { 'banner.title': 'We use cookies', accept: 'OK' } };
    const { config, problems } = normaliseUi({ locale: 'da', privacyPolicyUrl: '/privatliv', texts });
    expect(problems).toEqual([]);
    expect(config.locale).toBe('da');
    expect(config.privacyPolicyUrl).toBe('/privatliv');
    expect(config.texts).toEqual(texts);
    expect(config.texts).not.toBe(texts);
  });

  it('drops and reports a text that is not a string, keeping the others', () => {
    const { config, problems } = normaliseUi({ texts: { en: { title: 5, accept: 'OK' }, da: 'x' } });
    expect(paths(problems)).toEqual(['texts.en.title', 'texts.da']);
    expect(config.texts).toEqual({ en: { accept: 'OK' }, da: {} });
  });

  it('copies labels, descriptions and service details', () => {
    const { config, problems } = normaliseUi({
      categories: {
        analytics: {
          label: 'Statistics',
          description: 'How the site is used',
          services: { ga4: { name: 'Google Analytics', provider: 'Google', purpose: 'Statistics', privacyPolicyUrl: 'https://g.co' } },
        },
      },
    });
    expect(problems).toEqual([]);
    expect(config.categories.analytics).toEqual({
      label: 'Statistics',
      description: 'How the site is used',
      services: { ga4: { name: 'Google Analytics', provider: 'Google', purpose: 'Statistics', privacyPolicyUrl: 'https://g.co', cookies: [] } },
    });
  });

  it('turns every cookie into a row of the cookie table', () => {
    const pattern = /^_ga_/;
    const { config, problems } = normaliseUi({
      categories: {
        analytics: {
          services: {
            ga4: {
              cookies: [
                '_ga',
                pattern,
                { name: '_gid', lifetime: '1 day', party: 'first', domain: '.example.com', description: 'Visits' },
                { name: '_gat', party: 'third' },
              ],
            },
          },
        },
      },
    });
    expect(problems).toEqual([]);
    expect(config.categories.analytics.services.ga4.cookies).toEqual([
      { name: '_ga' },
      { name: pattern },
      { name: '_gid', lifetime: '1 day', party: 'first', domain: '.example.com', description: 'Visits' },
      { name: '_gat', party: 'third' },
    ]);
  });

  it('drops a wrong party or lifetime from a row, reporting it, and keeps the row', () => {
    const { config, problems } = normaliseUi({
      categories: { a: { services: { s: { cookies: [{ name: '_x', party: 'fourth', lifetime: 5 }] } } } },
    });
    expect(paths(problems)).toEqual(['categories.a.services.s.cookies[0].lifetime', 'categories.a.services.s.cookies[0].party']);
    expect(config.categories.a.services.s.cookies).toEqual([{ name: '_x' }]);
  });

  it('leaves out cookies without a usable name (normalise() reports them)', () => {
    const { config } = normaliseUi({ categories: { a: { services: { s: { cookies: [5, { lifetime: '1 day' }, '_ok'] } } } } });
    expect(config.categories.a.services.s.cookies).toEqual([{ name: '_ok' }]);
  });

  it('reports a wrong label at its path', () => {
    const { config, problems } = normaliseUi({ categories: { analytics: { label: 5, description: 'ok' } } });
    expect(paths(problems)).toEqual(['categories.analytics.label']);
    expect(config.categories.analytics).toEqual({ description: 'ok', services: {} });
  });
});

// ---------------------------------------------------------------- agreement

describe('normalise and validate agree', () => {
  it('reports a cookie { name } that is not a pattern at the same path', () => {
    const input = { categories: { analytics: { services: { ga4: { cookies: [{ name: 5 }] } } } } };
    const validated = paths(validate(input).problems);
    for (const path of paths(normalise(input).problems)) expect(validated).toContain(path);
  });

  it('reports a __proto__ category id in validate() as normalise() does', () => {
    const input = JSON.parse('{"categories":{"__proto__":{}}}');
    expect(paths(normalise(input).problems)).toEqual(['categories.__proto__']);
    expect(paths(validate(input).problems)).toEqual(['categories.__proto__']);
  });

  it('agrees on a revision beyond Number.MAX_SAFE_INTEGER', () => {
    const input = { revision: 1e20 };
    expect(validate(input).ok).toBe(normalise(input).problems.length == 0);
  });

  const ABSENT = Symbol('absent');
  type Maybe = unknown;

  /** A key left out, given a valid value, or given an invalid one. */
  const either = (valid: fc.Arbitrary<Maybe>, invalid: fc.Arbitrary<Maybe>) =>
    fc.oneof(fc.constant(ABSENT), valid, invalid);

  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.constant({}));
  const notNumber = fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.constant([1]), fc.constant({}));
  const badString = (ok: (s: string) => boolean) => fc.string({ maxLength: 12 }).filter((s) => !ok(s));
  const pick = (values: readonly string[]) => fc.constantFrom(...values);
  const days = either(
    fc.oneof(fc.integer({ min: 1, max: 400 }), fc.double({ min: 1e-9, max: 400, noNaN: true })),
    fc.oneof(
      fc.integer({ min: -1000, max: 0 }),
      fc.double({ min: 400, noNaN: true, noDefaultInfinity: false }).filter((d) => d > 400),
      fc.constantFrom(NaN, Infinity, -Infinity, -0.5),
      notNumber,
    ),
  );

  const configArb = fc
    .record({
      regime: either(pick(['opt-in', 'opt-out', 'auto']), fc.oneof(pick(['gdpr', 'OPT-IN', 'optin', '']), notString)),
      defaultRegime: either(pick(['opt-in', 'opt-out']), fc.oneof(pick(['auto', 'Opt-in', '']), notString)),
      region: either(
        fc.stringMatching(REGION_PATTERN),
        fc.oneof(badString((s) => REGION_PATTERN.test(s)), pick(['DNK', 'US-CALI', 'D', 'US_CA']), notString),
      ),
      revision: either(
        fc.oneof(fc.nat(), fc.constant(0)),
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.double().filter((d) => !Number.isInteger(d)),
          notNumber,
        ),
      ),
      days,
      sameSite: either(pick(['Lax', 'Strict', 'None']), fc.oneof(pick(['lax', 'STRICT', 'none', '']), notString)),
      name: either(
        fc.stringMatching(COOKIE_NAME_PATTERN),
        fc.oneof(badString((s) => COOKIE_NAME_PATTERN.test(s)), fc.constant('x'.repeat(65)), notString),
      ),
      saleCategory: pick(['analytics', 'marketing', 'video']),
      sale: either(fc.boolean(), fc.oneof(pick(['true', 'false', 'yes']), fc.constantFrom(0, 1, null), fc.constant({}))),
      policy: either(
        fc.stringMatching(POLICY_PATTERN),
        fc.oneof(badString((s) => POLICY_PATTERN.test(s)), pick(['two words', "'none'", 'a'.repeat(65)]), notString),
      ),
      gaId: either(
        fc.stringMatching(GA_ID_PATTERN),
        fc.oneof(badString((s) => GA_ID_PATTERN.test(s)), pick(['UA-12345-1', 'G-abc123', 'G-123', 'GTM-ABC123']), notString),
      ),
    })
    .map((r) => {
      const config: Record<string, unknown> = {};
      const set = (bag: Record<string, unknown>, key: string, value: unknown) => {
        if (value !== ABSENT) bag[key] = value;
      };
      set(config, 'regime', r.regime);
      set(config, 'defaultRegime', r.defaultRegime);
      set(config, 'region', r.region);
      set(config, 'revision', r.revision);
      set(config, 'trustedTypesPolicy', r.policy);
      const cookie: Record<string, unknown> = {};
      set(cookie, 'days', r.days);
      set(cookie, 'sameSite', r.sameSite);
      set(cookie, 'name', r.name);
      if (Object.keys(cookie).length) config.cookie = cookie;
      if (r.sale !== ABSENT) config.categories = { [r.saleCategory]: { sale: r.sale } };
      if (r.gaId !== ABSENT) config.googleAnalytics = { id: r.gaId };
      return config;
    });

  it('validate() is ok exactly when neither normaliser reports a problem', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const ok = normalise(config).problems.length === 0 && normaliseUi(config).problems.length === 0;
        expect(validate(config).ok).toBe(ok);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('every path normalise() reports is a path validate() reports', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const validated = paths(validate(config).problems);
        for (const path of paths(normalise(config).problems)) expect(validated).toContain(path);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('reports each wrong key exactly once on both sides', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const normalised = paths(normalise(config).problems);
        expect(new Set(normalised).size).toBe(normalised.length);
        expect(new Set(normalised)).toEqual(new Set(paths(validate(config).problems)));
      }),
      { numRuns: runs(1000) },
    );
  });
});
