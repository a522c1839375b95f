// @vitest-environment node
// samtykke scan's classification (scan/classify.mjs and the modules it
// asks): which category a cookie, storage key or request host belongs to,
// and which source said so.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subject } from '../../scan/types';
import { createCookieIndex, databaseCategory, domainsOf, loadCookieDatabase, parseCsv, rowsFromTable } from '../../scan/cookie-database.mjs';
import { createHostIndex, loadThirdParties, thirdPartyCategory } from '../../scan/third-parties.mjs';
import { OUT_DIR, thirdPartyWebFiles } from '../../scripts/third-party-web.mjs';

// classify.mjs reads the config with dist/esm's normaliser: say so if it is missing.
if (!existsSync(new URL('../../dist/esm/config/normalise.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first');
const { createClassifier, loadOverride, parseOverride } = await import('../../scan/classify.mjs');

const cookie = (name: string, domain = 'example.com', party: Subject['party'] = 'first'): Subject => ({ kind: 'cookie', name, domain, party });
const request = (host: string): Subject => ({ kind: 'request', name: host, domain: host, party: 'third' });
const storage = (name: string, domain = 'example.com'): Subject => ({ kind: 'localStorage', name, domain, party: 'first' });

const dir = mkdtempSync(join(tmpdir(), 'samtykke-classify-'));
function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The database's header, for small tables in its columns. */
const HEADER = 'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match';

describe('parseCsv', () => {
  it('reads quoted fields: commas, doubled quotes and line breaks inside, CRLF between records', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,,3,\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3', ''],
    ]);
  });

  it('takes LF and a lone CR as line breaks, drops a BOM, and starts no record after the last line break', () => {
    expect(parseCsv('\ufeffa,b\nc,d\re,f\n')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('a,""\n')).toEqual([['a', '']]);
  });

  it('is lenient where RFC 4180 is silent: a quote inside an unquoted field, text after a closing quote', () => {
    expect(parseCsv('ab"c,"d"e')).toEqual([['ab"c', 'de']]);
  });

  it('throws on a quoted field that never closes, naming its line', () => {
    expect(() => parseCsv('a,b\nc,"d\ne')).toThrow('unterminated quoted field on line 2');
  });

  it('inverts a CSV writer (property)', () => {
    const unit = fc.constantFrom('a', 'B', ' ', ',', '"', '\r', '\n', 'é', '*');
    const field = fc.oneof(fc.string({ unit }), fc.string());
    // A record of one empty field is quoted: unquoted it would be a blank line.
    const write = (rows: string[][], eol: string) =>
      rows
        .map((row) => row.map((f) => (/[",\r\n]/.test(f) || (row.length == 1 && f == '') ? `"${f.replace(/"/g, '""')}"` : f)).join(','))
        .join(eol);
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.constantFrom('\r\n', '\n'), fc.boolean(), (rows, eol, final) => {
        expect(parseCsv(write(rows, eol) + (final && rows.length ? eol : ''))).toEqual(rows);
      }),
    );
  });
});

describe('the Open Cookie Database', () => {
  const db = loadCookieDatabase();

  it('ships unchanged with its licence and source: 2,264 entries', () => {
    expect(db.rows).toHaveLength(2264);
    expect(readFileSync(new URL('../../scan/data/open-cookie-database/SOURCE.md', import.meta.url), 'utf8')).toContain('0ee5a17fe1cb002943f89370d24fc26a4226061c');
    expect(readFileSync(new URL('../../scan/data/open-cookie-database/LICENSE', import.meta.url), 'utf8')).toContain('Apache License');
    expect(loadCookieDatabase()).toBe(db);
  });

  it('matches a whole name first, else the longest wildcard prefix', () => {
    expect(db.match('_ga')).toMatchObject({ match: 'exact', pattern: '_ga', row: { name: '_ga', category: 'analytics', platform: 'Google Analytics' } });
    expect(db.match('_ga_ABC123')).toMatchObject({ match: 'prefix', pattern: '_ga_*', row: { name: '_ga_' } });
    // `_gat` is a prefix too, and shorter.
    expect(db.match('_gat_gtag_UA_123_1')).toMatchObject({ match: 'prefix', pattern: '_gat_gtag_*' });
    // A wildcard row matches its own name whole.
    expect(db.match('_gat')).toMatchObject({ match: 'exact', pattern: '_gat' });
    expect(db.match('no-such-cookie-anywhere')).toBeUndefined();
  });

  it('keeps the row\'s platform, description, retention, controller and privacy page', () => {
    expect(db.match('_ga')?.row).toEqual({
      name: '_ga',
      wildcard: false,
      category: 'analytics',
      domains: [],
      platform: 'Google Analytics',
      description: 'ID used to identify users',
      retention: '2 years',
      controller: 'Google',
      privacyUrl: 'https://business.safety.google/privacy/',
    });
  });

  it('prefers, among rows of one name, the one whose Domain the cookie is on, else one naming no domain, else the first', () => {
    expect(db.match('DSID', 'stats.doubleclick.net')?.row.platform).toBe('DoubleClick/Google Marketing');
    expect(db.match('DSID', 'example.com')?.row.platform).toBe('Google');
    const index = createCookieIndex(rowsFromTable(parseCsv(`${HEADER}\n1,A,Analytics,id,a.com,,,,,0\n2,B,Marketing,id,.b.com (3rd party),,,,,0\n3,C,Marketing,x_,c.com,,,,,1\n4,D,Analytics,x_,d.com,,,,,1`)));
    expect(index.match('id', 'www.b.com')?.row.platform).toBe('B');
    expect(index.match('id', 'xb.com')?.row.platform).toBe('A');
    expect(index.match('x_1', 'd.com')?.row.platform).toBe('D');
    expect(index.match('x_1', 'e.com')?.row.platform).toBe('C');
    const general = createCookieIndex(rowsFromTable(parseCsv(`${HEADER}\n1,A,Analytics,id,a.com,,,,,0\n2,B,Marketing,id,,,,,,0`)));
    expect(general.match('id', 'e.com')?.row.platform).toBe('B');
    expect(general.match('id', 'a.com')?.row.platform).toBe('A');
  });

  it('reads the Domain column\'s "(3rd party)", "or" and leading dots as a list of domains', () => {
    expect(domainsOf('.bing.com (3rd party) or .microsoft.com (3rd party)')).toEqual(['bing.com', 'microsoft.com']);
    expect(domainsOf('google-analytics.com (3rd party) or ')).toEqual(['google-analytics.com']);
    expect(domainsOf('.commander1.com\u200b')).toEqual(['commander1.com']);
    expect(domainsOf('')).toEqual([]);
  });

  it('maps its categories to samtykke\'s', () => {
    expect(['Functional', 'Security', 'Analytics', 'Marketing', 'Personalization', 'Necessary', 'Other'].map(databaseCategory)).toEqual([
      'necessary',
      'necessary',
      'analytics',
      'marketing',
      'preferences',
      'necessary',
      undefined,
    ]);
    const rows = rowsFromTable(parseCsv(`${HEADER}\n1,P,Personalization,a,,,,,,0\n2,P,Whatever,b,,,,,,0\n3,P,Security,c*,,,,,,0`));
    expect(rows.map(({ name, category, wildcard }) => [name, category, wildcard])).toEqual([
      ['a', 'preferences', false],
      ['b', 'unknown', false],
      ['c', 'necessary', true],
    ]);
  });
});

describe('third-party-web', () => {
  const hosts = loadThirdParties();

  it('finds a host\'s entity: www.google-analytics.com is Google Analytics, analytics', () => {
    expect(hosts.find('www.google-analytics.com')).toMatchObject({ category: 'analytics', pattern: '*.google-analytics.com', entity: { name: 'Google Analytics', company: 'Google' } });
    expect(hosts.find('googleads.g.doubleclick.net')).toMatchObject({ category: 'marketing', entity: { company: 'Google' } });
    expect(hosts.find('example.org')).toBeUndefined();
  });

  it('matches `*.d` for d and all under it, a plain host only itself, the nearest listed domain first', () => {
    const index = createHostIndex([
      { name: 'Wide', category: 'ad', domains: ['*.example.net'] },
      { name: 'Narrow', category: 'cdn', domains: ['*.cdn.example.net', 'Exact.Example.COM'] },
    ]);
    expect(index.find('example.net')?.entity.name).toBe('Wide');
    expect(index.find('a.b.example.net')?.entity.name).toBe('Wide');
    expect(index.find('x.cdn.example.net')).toMatchObject({ entity: { name: 'Narrow' }, category: 'necessary', pattern: '*.cdn.example.net' });
    expect(index.find('exact.example.com')?.entity.name).toBe('Narrow');
    expect(index.find('sub.exact.example.com')).toBeUndefined();
  });

  it('maps its categories to samtykke\'s', () => {
    const map = Object.fromEntries(
      ['ad', 'social', 'marketing', 'video', 'analytics', 'customer-success', 'content', 'cdn', 'hosting', 'utility', 'tag-manager', 'consent-provider', 'other'].map((c) => [c, thirdPartyCategory(c)]),
    );
    expect(map).toEqual({
      ad: 'marketing',
      social: 'marketing',
      marketing: 'marketing',
      video: 'marketing',
      analytics: 'analytics',
      'customer-success': 'preferences',
      content: 'preferences',
      cdn: 'necessary',
      hosting: 'necessary',
      utility: 'necessary',
      'tag-manager': 'necessary',
      'consent-provider': 'necessary',
      other: 'unknown',
    });
    // Every category the data uses is one of these.
    expect(new Set(hosts.entities.map((e) => e.category))).toEqual(new Set(Object.keys(map)));
  });

  it('the committed copy is what scripts/third-party-web.mjs writes from the installed package', () => {
    const files = thirdPartyWebFiles();
    expect(Object.keys(files).sort()).toEqual(['LICENSE', 'SOURCE.md', 'entities.json']);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(OUT_DIR, name), 'utf8'), `${name}: run node scripts/third-party-web.mjs`).toBe(text);
    const entities = JSON.parse(files['entities.json']);
    expect(entities.every((e: object) => Object.keys(e).every((k) => ['name', 'company', 'category', 'domains'].includes(k)))).toBe(true);
    expect(files['SOURCE.md']).toMatch(/version\s+0\.30\.0/);
  });
});

describe('createClassifier', () => {
  const classify = createClassifier();

  describe('the site\'s config', () => {
    const config = {
      cookie: { name: 'consent_rec' },
      categories: {
        analytics: {
          services: {
            hotjar: {
              name: 'Hotjar',
              provider: 'Hotjar Ltd.',
              purpose: 'Heatmaps',
              privacyPolicyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
              cookies: [{ name: '_hjSession_*', lifetime: '30 minutes', description: 'The current session' }, '_hjFirstSeen', /^_hjSessionUser_\d+$/],
            },
          },
        },
        marketing: { services: { meta: { cookies: ['_fbp'] } } },
      },
    };
    const site = createClassifier({ config });

    it('wins over the database: Hotjar cookies the database calls Functional are analytics where the site says so', () => {
      expect(classify(cookie('_hjFirstSeen'))).toMatchObject({ category: 'necessary', source: 'open-cookie-database' });
      expect(site(cookie('_hjFirstSeen'))).toEqual({
        category: 'analytics',
        source: 'config',
        confidence: 'high',
        match: 'exact',
        pattern: '_hjFirstSeen',
        service: 'hotjar',
        platform: 'Hotjar',
        controller: 'Hotjar Ltd.',
        description: 'Heatmaps',
        privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
      });
    });

    it('matches `name*` as a prefix and a RegExp as a pattern, with the cookie row\'s description and lifetime', () => {
      expect(site(cookie('_hjSession_4711'))).toMatchObject({ category: 'analytics', match: 'prefix', pattern: '_hjSession_*', description: 'The current session', retention: '30 minutes' });
      expect(site(cookie('_hjSessionUser_4711'))).toMatchObject({ category: 'analytics', match: 'pattern', pattern: '/^_hjSessionUser_\\d+$/', service: 'hotjar' });
      expect(site(cookie('_hjSessionUser_x'))).toMatchObject({ source: 'open-cookie-database' });
      expect(site(cookie('_fbp'))).toMatchObject({ category: 'marketing', service: 'meta', match: 'exact' });
    });

    it('prefers a whole name, then the longest prefix, then a RegExp', () => {
      const c = createClassifier({
        config: { categories: { a: { services: { s1: { cookies: [/^x/, 'x*'] } } }, b: { services: { s2: { cookies: ['xy*', 'xyz'] } } } } },
      });
      expect(c(cookie('xyz'))).toMatchObject({ category: 'b', match: 'exact' });
      expect(c(cookie('xyw'))).toMatchObject({ category: 'b', match: 'prefix', pattern: 'xy*' });
      expect(c(cookie('xa'))).toMatchObject({ category: 'a', match: 'prefix', pattern: 'x*' });
    });

    it('knows the record cookie: `samtykke` by default, else config.cookie.name', () => {
      expect(site(cookie('consent_rec'))).toMatchObject({ category: 'necessary', source: 'config', confidence: 'high', match: 'known', pattern: 'consent_rec' });
      expect(createClassifier({ config: {} })(cookie('samtykke'))).toMatchObject({ category: 'necessary', match: 'known' });
      expect(site(cookie('samtykke'))).toEqual({ category: 'unknown', source: 'none', confidence: 'none' });
    });

    it('knows Google\'s cookies only where the config has their category', () => {
      expect(site(cookie('_ga'))).toMatchObject({ category: 'analytics', source: 'config', match: 'known', pattern: '_ga' });
      expect(site(cookie('_ga_ABC123'))).toMatchObject({ category: 'analytics', source: 'config', match: 'known', pattern: '/^_ga_/' });
      expect(site(cookie('_gcl_au'))).toMatchObject({ category: 'marketing', source: 'config', match: 'known' });
      // No analytics or marketing category: the database answers instead.
      const prefs = createClassifier({ config: { categories: { preferences: {} } } });
      expect(prefs(cookie('_ga'))).toMatchObject({ category: 'analytics', source: 'open-cookie-database' });
      expect(prefs(cookie('_gcl_au'))).toMatchObject({ category: 'marketing', source: 'open-cookie-database' });
      // With no categories given, the default ones apply (as in the SDK).
      expect(createClassifier({ config: {} })(cookie('_gid'))).toMatchObject({ category: 'analytics', source: 'config' });
    });

    it('classifies cookies and requests, not storage keys', () => {
      expect(site(storage('_hjFirstSeen'))).toMatchObject({ source: 'open-cookie-database' });
      expect(site(storage('samtykke'))).toMatchObject({ source: 'none' });
    });

    it('matches a request host, or a parent domain, that the page\'s gated elements name', () => {
      const byMap = createClassifier({ config, siteHosts: new Map([['hotjar.com', { category: 'analytics', service: 'hotjar' }]]) });
      expect(byMap(request('static.hotjar.com'))).toEqual({
        category: 'analytics',
        source: 'config',
        confidence: 'high',
        match: 'host',
        pattern: 'hotjar.com',
        service: 'hotjar',
        platform: 'Hotjar',
        controller: 'Hotjar Ltd.',
        description: 'Heatmaps',
        privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
      });
      const byObject = createClassifier({ siteHosts: { 'Stats.Example.NET': { category: 'stats' } } });
      expect(byObject(request('a.stats.example.net'))).toEqual({ category: 'stats', source: 'config', confidence: 'high', match: 'host', pattern: 'stats.example.net' });
      expect(byObject(request('example.net'))).toMatchObject({ source: 'none' });
      expect(byObject(request('xstats.example.net'))).toMatchObject({ source: 'none' });
    });
  });

  describe('an override (--db)', () => {
    const override = parseOverride(
      JSON.stringify({
        cookies: [
          { name: '_hjSession_*', category: 'statistics', platform: 'Hotjar (ours)' },
          { name: 'id', category: 'marketing', domain: 'ads.example.net' },
          { name: 'id', category: 'necessary' },
        ],
        hosts: [{ host: '*.google-analytics.com', category: 'statistics' }],
      }),
      'ours.json',
    );
    const c = createClassifier({ override });

    it('beats the database and third-party-web, with any category id', () => {
      expect(c(cookie('_hjSession_1'))).toEqual({ category: 'statistics', source: 'override', confidence: 'high', match: 'prefix', pattern: '_hjSession_*', platform: 'Hotjar (ours)' });
      expect(c(request('www.google-analytics.com'))).toEqual({ category: 'statistics', source: 'override', confidence: 'high', match: 'host', pattern: 'google-analytics.com' });
      expect(c(cookie('id', 'x.ads.example.net', 'third'))).toMatchObject({ category: 'marketing', match: 'exact' });
      expect(c(cookie('id'))).toMatchObject({ category: 'necessary' });
    });

    it('loses to the config', () => {
      const both = createClassifier({ override, config: { categories: { analytics: { services: { hj: { cookies: ['_hjSession_*'] } } } } } });
      expect(both(cookie('_hjSession_1'))).toMatchObject({ category: 'analytics', source: 'config' });
    });

    it('reads a CSV in the Open Cookie Database\'s columns, mapping its categories and keeping others', () => {
      const path = file('fork.csv', `${HEADER}\r\nx,Acme,Analytics,acme_,,"Visits, counted",1 year,Acme Inc.,https://acme.test/privacy,1\r\ny,Acme,statistics,acme_stat,,,,,,0\r\n`);
      const fork = createClassifier({ override: loadOverride(path) });
      expect(fork(cookie('acme_1'))).toEqual({
        category: 'analytics',
        source: 'override',
        confidence: 'high',
        match: 'prefix',
        pattern: 'acme_*',
        platform: 'Acme',
        description: 'Visits, counted',
        retention: '1 year',
        controller: 'Acme Inc.',
        privacyUrl: 'https://acme.test/privacy',
      });
      expect(fork(cookie('acme_stat'))).toMatchObject({ category: 'statistics', match: 'exact' });
      // Told apart by content where the name has no extension.
      expect(loadOverride(file('fork', `${HEADER}\n1,A,Marketing,zz,,,,,,0`)).cookies.match('zz')?.row.category).toBe('marketing');
      expect(loadOverride(file('db', '{"hosts": [{"host": "a.test", "category": "x"}]}')).hosts.get('a.test')).toEqual({ category: 'x' });
    });

    it('throws a one-line message naming the file and the problem', () => {
      const cases: [string, string, string | RegExp][] = [
        ['bad.json', '{"cookies": [', /^bad\.json: not valid JSON \(.+\)$/],
        ['a.json', '[]', 'a.json: expected an object {"cookies": [...], "hosts": [...]}, found an array'],
        ['b.json', '{"cookie": []}', 'b.json: unknown key "cookie" (expected "cookies" and "hosts")'],
        ['c.json', '{}', 'c.json: has neither "cookies" nor "hosts"'],
        ['d.json', '{"cookies": {}}', 'd.json: "cookies" must be a list, found an object'],
        ['e.json', '{"cookies": [{"category": "analytics"}]}', 'e.json: cookies[0] has no name'],
        ['f.json', '{"cookies": [{"name": "_x", "category": " "}]}', 'f.json: cookies[0] ("_x") has no category'],
        ['g.json', '{"cookies": [{"name": "_x", "category": "a", "categroy": "b"}]}', /^g\.json: cookies\[0\] has an unknown key "categroy"/],
        ['h.json', '{"cookies": [{"name": "_x", "category": 1}]}', 'h.json: cookies[0].category must be a string, found a number'],
        ['i.json', '{"cookies": [{"name": "*", "category": "a"}]}', 'i.json: cookies[0]: a name of only "*" would match every cookie'],
        ['j.json', '{"hosts": [{"host": "https://a.test/x", "category": "a"}]}', /^j\.json: hosts entry "https:\/\/a\.test\/x": give a host name/],
        ['k.json', '{"hosts": [{"category": "a"}]}', 'k.json: hosts[0] has no host'],
        ['a.csv', 'Name,Category\nx,y', 'a.csv: no "Cookie / Data Key name" column in the header (the Open Cookie Database\'s columns are expected)'],
        ['b.csv', `${HEADER}\n1,A,,zz,,,,,,0`, 'b.csv: data row 1 has no "Category"'],
        ['c.csv', `${HEADER}\n1,A,Analytics,"zz,,,,,,0`, 'c.csv: unterminated quoted field on line 2'],
        ['notes.txt', 'hello', 'notes.txt: neither JSON ({"cookies": [...], "hosts": [...]}) nor a CSV in the Open Cookie Database\'s columns'],
      ];
      for (const [name, text, message] of cases) {
        const path = file(name, text);
        const error = (() => {
          try {
            loadOverride(path);
          } catch (e) {
            return e as Error;
          }
        })();
        expect(error, name).toBeInstanceOf(Error);
        expect(error!.message.startsWith(path + ': '), error!.message).toBe(true);
        // The file named, then the problem.
        const said = name + error!.message.slice(path.length);
        if (typeof message == 'string') expect(said).toBe(message);
        else expect(said).toMatch(message);
        expect(error!.message, name).not.toContain('\n');
      }
      expect(() => loadOverride(join(dir, 'missing.json'))).toThrow(`${join(dir, 'missing.json')}: cannot be read (ENOENT)`);
    });
  });

  describe('the Open Cookie Database', () => {
    it('classifies cookies and storage keys: medium, low for a prefix under 4 characters', () => {
      expect(classify(cookie('_ga'))).toEqual({
        category: 'analytics',
        source: 'open-cookie-database',
        confidence: 'medium',
        match: 'exact',
        pattern: '_ga',
        platform: 'Google Analytics',
        description: 'ID used to identify users',
        retention: '2 years',
        controller: 'Google',
        privacyUrl: 'https://business.safety.google/privacy/',
      });
      expect(classify(cookie('_ga_ABC123'))).toMatchObject({ confidence: 'medium', match: 'prefix', pattern: '_ga_*' });
      expect(classify(storage('ab.storage.sessionId.123'))).toMatchObject({ category: 'analytics', source: 'open-cookie-database', platform: 'Braze' });
      expect(classify(cookie('tpx'))).toMatchObject({ category: 'marketing', confidence: 'low', match: 'prefix', pattern: 'tp*' });
    });

    it('a prefix under 4 characters waits for the host and the conventions', () => {
      // `_s*` (an analytics vendor's) would otherwise claim every `_s…` cookie.
      expect(classify(cookie('_sxyz'))).toMatchObject({ category: 'analytics', confidence: 'low', pattern: '_s*' });
      expect(classify(cookie('_session_id'))).toMatchObject({ category: 'necessary', source: 'heuristic' });
      expect(classify(cookie('_sxyz', 'x.doubleclick.net', 'third'))).toMatchObject({ category: 'marketing', source: 'third-party-web' });
    });
  });

  describe('third-party-web', () => {
    it('classifies a request host: medium', () => {
      expect(classify(request('www.google-analytics.com'))).toEqual({
        category: 'analytics',
        source: 'third-party-web',
        confidence: 'medium',
        match: 'host',
        pattern: '*.google-analytics.com',
        platform: 'Google Analytics',
        controller: 'Google',
      });
      expect(classify(request('www.googletagmanager.com'))).toMatchObject({ category: 'necessary', platform: 'Google Tag Manager' });
    });

    it('classifies a third party\'s cookie or storage key the names left unmatched by its domain: low', () => {
      expect(classify(cookie('uid_xq', 'ad.doubleclick.net', 'third'))).toMatchObject({ category: 'marketing', source: 'third-party-web', confidence: 'low', platform: 'Google/Doubleclick Ads' });
      expect(classify({ kind: 'localStorage', name: 'uid_xq', domain: 'static.hotjar.com', party: 'third' })).toMatchObject({ category: 'analytics', confidence: 'low' });
      // First party: the site's own domain says nothing.
      expect(classify(cookie('uid_xq', 'ad.doubleclick.net', 'first'))).toMatchObject({ source: 'none' });
      // The name, where listed, comes first.
      expect(classify(cookie('IDE', 'ad.doubleclick.net', 'third'))).toMatchObject({ source: 'open-cookie-database' });
    });

    it('names the company of an `other` entity, its category unknown, after the conventions', () => {
      const hosts = createHostIndex([{ name: 'Mystery', company: 'Mystery Inc.', category: 'other', domains: ['*.mystery.test'] }]);
      const c = createClassifier({ hosts, database: createCookieIndex([]) });
      expect(c(request('cdn.mystery.test'))).toEqual({ category: 'unknown', source: 'third-party-web', confidence: 'medium', match: 'host', pattern: '*.mystery.test', platform: 'Mystery', controller: 'Mystery Inc.' });
      expect(c(cookie('sid_session', 'mystery.test', 'third'))).toMatchObject({ category: 'necessary', source: 'heuristic' });
      expect(c(cookie('abc', 'mystery.test', 'third'))).toMatchObject({ category: 'unknown', source: 'third-party-web', confidence: 'low' });
    });
  });

  describe('heuristics', () => {
    const bare = createClassifier({ database: createCookieIndex([]) });

    it('call session ids, CSRF tokens and load-balancer stickiness necessary, low', () => {
      for (const name of ['PHPSESSID', 'JSESSIONID', 'ASP.NET_SessionId', 'connect.sid', 'laravel_session', 'sessionid']) {
        expect(bare(cookie(name)), name).toEqual({ category: 'necessary', source: 'heuristic', confidence: 'low', match: 'exact', pattern: name });
      }
      for (const name of ['myapp_session', 'SESSION', 'csrftoken', 'X-XSRF-TOKEN', 'AWSALBAPP-0', 'AWSELB', 'BIGipServerpool_web', 'ARRAffinitySameSite']) {
        expect(bare(cookie(name)), name).toMatchObject({ category: 'necessary', source: 'heuristic', confidence: 'low', match: 'pattern' });
      }
      expect(classify(cookie('zz_session_x'))).toMatchObject({ source: 'heuristic', pattern: '/session/i' });
    });

    it('apply to cookies only, and come after the database', () => {
      expect(bare(storage('app_session'))).toMatchObject({ source: 'none' });
      expect(classify(cookie('PHPSESSID'))).toMatchObject({ category: 'necessary', source: 'open-cookie-database' });
    });
  });

  it('is unknown where nothing answers', () => {
    expect(classify(cookie('wz_user'))).toEqual({ category: 'unknown', source: 'none', confidence: 'none' });
    expect(classify(request('cdn.example.org'))).toEqual({ category: 'unknown', source: 'none', confidence: 'none' });
    expect(classify(storage('wz_user'))).toEqual({ category: 'unknown', source: 'none', confidence: 'none' });
  });
});
