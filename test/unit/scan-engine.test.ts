// @vitest-environment node
// The scanner's pure parts: which pages a crawl visits, how a cookie write
// is read, which script wrote it, what the recorder makes of the browser's
// events, the findings' rules, the exit codes, and the command's options.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getDomain } from 'tldts';
import { allowedByGlobs, crawlRules, createQueue, globToRegExp, pageAddress, sitemapLocations } from '../../scan/crawl.mjs';
import { parseSetCookie } from '../../scan/set-cookie.mjs';
import { scriptInStack } from '../../scan/hooks.mjs';
import { useDomains, siteOf, partyOf } from '../../scan/site.mjs';
import { createRecorder } from '../../scan/recorder.mjs';
import { collectItems } from '../../scan/collect.mjs';
import { countFindings, exitCodeFor, findFindings } from '../../scan/findings.mjs';
import { findingLines, parseDuration, readOptions, UsageError } from '../../scan/cli.mjs';
import { createProgress } from '../../scan/progress.mjs';

useDomains(getDomain);

describe('the crawl', () => {
  it('names a page without its fragment and utm_* parameters, and skips what is no page', () => {
    expect(pageAddress('/a?utm_source=x&id=3&UTM_medium=y#top', 'https://shop.example/')).toBe('https://shop.example/a?id=3');
    expect(pageAddress('b.html?utm_campaign=z', 'https://shop.example/dir/')).toBe('https://shop.example/dir/b.html');
    expect(pageAddress('mailto:a@b.example', 'https://shop.example/')).toBeUndefined();
    expect(pageAddress('javascript:void(0)', 'https://shop.example/')).toBeUndefined();
    expect(pageAddress('http://[bad', 'https://shop.example/')).toBeUndefined();
  });

  it('stays on the site: same registrable domain and scheme, no files, include and exclude globs', () => {
    const allowed = crawlRules({ start: 'https://www.shop.co.uk/', exclude: ['/admin/**'] });
    expect(allowed('https://www.shop.co.uk/about')).toBe(true);
    expect(allowed('https://blog.shop.co.uk/post')).toBe(true);
    expect(allowed('https://other.co.uk/')).toBe(false);
    expect(allowed('http://www.shop.co.uk/about')).toBe(false);
    expect(allowed('https://www.shop.co.uk/brochure.pdf')).toBe(false);
    expect(allowed('https://www.shop.co.uk/admin/users/1')).toBe(false);
    const only = crawlRules({ start: 'https://shop.example/', include: ['/products/*'] });
    expect(only('https://shop.example/products/socks')).toBe(true);
    expect(only('https://shop.example/products/socks/red')).toBe(false);
    expect(allowedByGlobs('https://shop.example/x', ['https://shop.example/*'], [])).toBe(true);
  });

  it('reads globs: * within a segment, ** across, ? one character, the rest literal', () => {
    expect(globToRegExp('/a/*.html').test('/a/b.html')).toBe(true);
    expect(globToRegExp('/a/*.html').test('/a/b/c.html')).toBe(false);
    expect(globToRegExp('/a/**').test('/a/b/c.html')).toBe(true);
    expect(globToRegExp('/p?ge').test('/page')).toBe(true);
    expect(globToRegExp('/a+b(c)').test('/a+b(c)')).toBe(true);
  });

  it('queues each page once, breadth-first, the start page whatever the rules', () => {
    const queue = createQueue(10, (address: string) => !address.includes('skip'));
    expect(queue.add('https://s.example/skip', true)).toBe(true);
    expect(queue.add('https://s.example/a')).toBe(true);
    expect(queue.add('https://s.example/a')).toBe(false);
    expect(queue.add('https://s.example/skip2')).toBe(false);
    expect([queue.next(), queue.next(), queue.next()]).toEqual(['https://s.example/skip', 'https://s.example/a', undefined]);
  });

  it('reads a sitemap', () => {
    expect(sitemapLocations('<urlset><url><loc> https://s.example/a?x=1&amp;y=2 </loc></url><url><loc>https://s.example/b</loc></url></urlset>')).toEqual([
      'https://s.example/a?x=1&y=2',
      'https://s.example/b',
    ]);
  });
});

describe('first or third party', () => {
  it('goes by registrable domain, with the private suffixes, and a host with none is its own site', () => {
    expect(siteOf('www.shop.co.uk')).toBe('shop.co.uk');
    expect(siteOf('.cdn.shop.co.uk')).toBe('shop.co.uk');
    expect(siteOf('alice.github.io')).toBe('alice.github.io');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(partyOf('bob.github.io', siteOf('alice.github.io'))).toBe('third');
    expect(partyOf('static.shop.co.uk', 'shop.co.uk')).toBe('first');
  });
});

describe('a cookie write', () => {
  it('gives its name, domain and path, and tells a deletion', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(parseSetCookie('_ga=GA1.1.2; Max-Age=3600; Domain=.Shop.example; Path=/x', now)).toEqual({ name: '_ga', domain: 'shop.example', path: '/x', deletes: false });
    expect(parseSetCookie('a=; max-age=0', now)?.deletes).toBe(true);
    expect(parseSetCookie('a=1; expires=Thu, 01 Jan 1970 00:00:00 GMT', now)?.deletes).toBe(true);
    expect(parseSetCookie('a=1; expires=Thu, 01 Jan 2099 00:00:00 GMT', now)?.deletes).toBe(false);
    expect(parseSetCookie('lonely', now)?.name).toBe('lonely');
    expect(parseSetCookie('', now)).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseSetCookie(text)));
  });

  it('finds the writing script in a Chromium stack, skipping the hook itself', () => {
    const stack = 'Error\n    at HTMLDocument.set [as cookie] (<anonymous>:20:17)\n    at write (https://cdn.trackly.example/t.js?v=2:3:19)\n    at https://shop.example/:40:5';
    expect(scriptInStack(stack)).toBe('https://cdn.trackly.example/t.js?v=2');
    expect(scriptInStack('Error\n    at HTMLDocument.set (<anonymous>:1:1)\n    at https://shop.example/page.html:12:3')).toBe('https://shop.example/page.html');
    expect(scriptInStack('Error\n    at <anonymous>:1:1')).toBeUndefined();
    expect(scriptInStack(undefined)).toBeUndefined();
  });
});

describe('the recorder', () => {
  const jarCookie = (name: string, value = '1', extra = {}) => ({ name, value, domain: 'shop.example', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax', ...extra });

  it('sees a cookie once per page, again where it is written again, with the writer and the time from the click', () => {
    const recorder = createRecorder({ state: 'reject', site: 'shop.example' });
    recorder.setPage('https://shop.example/');
    recorder.setReference(1000);
    recorder.onHook({ type: 'cookie', text: '_tk=1; max-age=31536000', stack: 'Error\n at x (<anonymous>:1:1)\n at https://cdn.t.example/t.js:1:1', time: 900, origin: 'https://shop.example' });
    recorder.seeCookies([jarCookie('_tk', '1', { expires: 1000 / 1000 + 365 * 86400 })], 950);
    recorder.seeCookies([jarCookie('_tk', '1')], 1100); // nothing new
    recorder.setPage('https://shop.example/b');
    recorder.onHook({ type: 'cookie', text: '_tk=1', stack: '', time: 1500, origin: 'https://shop.example' });
    recorder.onHook({ type: 'cookie', text: 'gone=; max-age=0', stack: '', time: 1500, origin: 'https://shop.example' });
    recorder.seeCookies([jarCookie('_tk', '1')], 1600);
    recorder.finish();
    const seen = recorder.observations.map((o: any) => [o.key, o.page, o.at, o.setBy.via]);
    expect(seen).toEqual([
      ['cookie:_tk@shop.example/', 'https://shop.example/', -100, 'script'],
      ['cookie:_tk@shop.example/', 'https://shop.example/b', 500, 'unknown'],
    ]);
    expect(recorder.observations[0]).toMatchObject({ party: 'first', setBy: { url: 'https://cdn.t.example/t.js' }, lifetimeDays: 365 });
    expect(recorder.present()).toEqual(['cookie:_tk@shop.example/']);
  });

  it('counts a Set-Cookie on a redirect, with its status, and only requests to other sites', async () => {
    const recorder = createRecorder({ state: 'before', site: 'shop.example' });
    recorder.setPage('https://shop.example/go');
    recorder.setReference(Date.now());
    await recorder.onResponse({ url: () => 'https://shop.example/go?x=1', status: () => 302, headersArray: async () => [{ name: 'Set-Cookie', value: 'ref=1; Path=/' }] });
    recorder.seeCookies([jarCookie('ref')]);
    expect(recorder.observations[0]).toMatchObject({ name: 'ref', setBy: { via: 'header', url: 'https://shop.example/go', status: 302 } });
    const request = (url: string, type = 'script', worker = false) => ({ url: () => url, resourceType: () => type, serviceWorker: () => (worker ? { url: () => 'https://shop.example/sw.js?v=3' } : null) });
    recorder.onRequest(request('https://shop.example/app.js'));
    recorder.onRequest(request('https://cdn.shop.example/app.js'));
    recorder.onRequest(request('https://www.google-analytics.com/g/collect?tid=G-1&cid=secret', 'ping'));
    recorder.onRequest(request('https://www.google-analytics.com/g/collect?again', 'ping'));
    recorder.onRequest(request('https://www.google-analytics.com/sw', 'fetch', true));
    recorder.onInitiator('https://www.google-analytics.com/g/collect?tid=G-1&cid=secret', 'https://shop.example/app.js?v=1');
    recorder.finish();
    const requests = recorder.observations.filter((o: any) => o.kind == 'request');
    expect(requests.map((o: any) => [o.name, o.url, o.beacon, o.serviceWorker, o.setBy?.url])).toEqual([
      ['www.google-analytics.com', 'https://www.google-analytics.com/g/collect', true, false, 'https://shop.example/app.js'],
      ['www.google-analytics.com', 'https://www.google-analytics.com/sw', false, true, 'https://shop.example/sw.js'],
    ]);
    // Times count from the click, which may come after the sighting.
    expect(requests.every((o: any) => typeof o.at == 'number' && !('time' in o) && !('request' in o))).toBe(true);
  });

  it('sees storage keys of every frame, by origin, and keeps values only when asked', () => {
    const recorder = createRecorder({ state: 'before', site: 'shop.example', keepValues: true });
    recorder.setPage('https://shop.example/');
    recorder.onHook({ type: 'storage', area: 'localStorage', key: 'wc', stack: 'Error\n at s (<anonymous>:1:1)\n at https://embed.w.example/f.html:3:1', time: 5, origin: 'https://embed.w.example' });
    recorder.seeStorage([
      { origin: 'https://shop.example', localStorage: {}, sessionStorage: { cart: '2' } },
      { origin: 'https://embed.w.example', localStorage: { wc: 'x' }, sessionStorage: {} },
    ]);
    recorder.finish();
    expect(recorder.observations.map((o: any) => [o.key, o.party, o.value, o.setBy.via])).toEqual([
      ['sessionStorage:https://shop.example:cart', 'first', '2', 'unknown'],
      ['localStorage:https://embed.w.example:wc', 'third', 'x', 'script'],
    ]);
  });
});

/** An item as collect.mjs makes it, for the rules. */
function item(kind: string, name: string, category: string, sightings: Array<[string, number]>, extra: Record<string, unknown> = {}) {
  const observations = sightings.map(([state, at]) => ({ key: `${kind}:${name}`, kind, name, domain: 'shop.example', party: 'first', state, page: `https://shop.example/${state}`, at, setBy: { via: 'script', url: 'https://cdn.example/t.js' }, ...extra }));
  return collectItems(observations, () => ({ category, source: category == 'unknown' ? 'none' : 'config', confidence: 'high', service: 'svc', pattern: name }))[0];
}
const config = {
  categories: {
    necessary: { sale: false, services: {} },
    analytics: { sale: false, services: { svc: { cookies: ['_tk', 'never_set'] } } },
    marketing: { sale: true, services: {} },
  },
};

describe('the findings', () => {
  const rules = (findings: any[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.name ?? f.pattern} ${f.state ?? ''}`.trim());

  it('a non-essential item before any choice is a violation under opt-in, not under opt-out', () => {
    const items = [item('cookie', '_tk', 'analytics', [['before', 10]])];
    expect(rules(findFindings({ items, states: [], regime: 'opt-in', config }))).toContain('violation nonessential-before-consent _tk before');
    expect(rules(findFindings({ items, states: [], regime: 'opt-out', config }))).not.toContain('violation nonessential-before-consent _tk before');
    const necessary = [item('cookie', 'sid', 'necessary', [['before', 10]])];
    expect(rules(findFindings({ items: necessary, states: [], regime: 'opt-in', config: undefined }))).toEqual([]);
  });

  it('after Reject all: set after the click is a violation; set before and left behind is a warning', () => {
    const after = [item('cookie', '_tk', 'analytics', [['reject', -50], ['reject', 300]])];
    expect(rules(findFindings({ items: after, states: [], regime: 'opt-in', config }))).toContain('violation nonessential-after-reject _tk reject');
    const left = [item('cookie', '_tk', 'analytics', [['reject', -50]])];
    const states = [{ name: 'reject', pages: [], remaining: ['cookie:_tk'] }] as any;
    expect(rules(findFindings({ items: left, states, regime: 'opt-in', config }))).toContain('warning persists-after-reject _tk reject');
    expect(rules(findFindings({ items: left, states: [{ name: 'reject', pages: [], remaining: [] }] as any, regime: 'opt-in', config }))).not.toContain('warning persists-after-reject _tk reject');
  });

  it('GPC: a sale category that ran is a violation; one that is not sale is not', () => {
    const items = [item('request', 'ads.example', 'marketing', [['gpc', 40]]), item('cookie', '_tk', 'analytics', [['gpc', 40]])];
    const found = rules(findFindings({ items, states: [], regime: 'opt-in', config }));
    expect(found).toContain('violation gpc-not-honoured ads.example gpc');
    expect(found.filter((f) => f.includes('gpc-not-honoured'))).toHaveLength(1);
  });

  it('warns of undeclared cookies, unknown third parties and lifetimes over 13 months; notes what was declared but unseen', () => {
    const items = [
      item('cookie', '_fbp', 'marketing', [['accept', 5]], {}),
      item('request', 'x.example', 'unknown', [['accept', 5]]),
      item('cookie', '_tk', 'analytics', [['accept', 5]], { lifetimeDays: 400 }),
    ];
    items[0].classification.source = 'open-cookie-database';
    const found = rules(findFindings({ items, states: [], regime: 'opt-in', config }));
    expect(found).toEqual([
      'warning undeclared _fbp accept',
      'warning unknown-third-party x.example accept',
      'warning lifetime-over-13-months _tk accept',
      'info declared-unseen never_set',
    ]);
    // Without a config nothing is undeclared, and nothing declared is unseen.
    expect(rules(findFindings({ items, states: [], regime: 'opt-in', config: undefined }))).toEqual(['warning unknown-third-party x.example accept', 'warning lifetime-over-13-months _tk accept']);
  });

  it('lists violations first, says who set it, and gives the exit code for --fail-on', () => {
    const items = [item('request', 'x.example', 'unknown', [['before', 5]]), item('cookie', '_tk', 'analytics', [['before', 5]])];
    const findings = findFindings({ items, states: [], regime: 'opt-in', config: undefined });
    expect(findings[0]).toMatchObject({ severity: 'violation', page: 'https://shop.example/before', script: 'https://cdn.example/t.js' });
    expect(countFindings(findings)).toEqual({ violation: 1, warning: 1, info: 0 });
    expect([exitCodeFor(findings, 'violation'), exitCodeFor(findings, 'warning'), exitCodeFor(findings, 'never')]).toEqual([1, 1, 0]);
    const warningsOnly = findings.filter((f: any) => f.severity != 'violation');
    expect([exitCodeFor(warningsOnly, 'violation'), exitCodeFor(warningsOnly, 'warning')]).toEqual([0, 1]);
    expect(exitCodeFor([], 'warning')).toBe(0);
  });

  it('prints one line per finding, as GitHub Actions annotations there', () => {
    const findings = findFindings({ items: [item('cookie', '_tk', 'analytics', [['before', 5]])], states: [], regime: 'opt-in', config: undefined });
    expect(findingLines(findings)[0]).toMatch(/^violation nonessential-before-consent: cookie _tk \(analytics, by the site's config\) was set before any choice on https:\/\/shop\.example\/before by https:\/\/cdn\.example\/t\.js$/);
    expect(findingLines(findings, { github: true })[0]).toMatch(/^::error title=samtykke scan nonessential-before-consent::cookie _tk/);
  });
});

describe('the command line', () => {
  it('reads the defaults', async () => {
    expect(await readOptions(['https://shop.example/'])).toMatchObject({ url: 'https://shop.example/', pages: 10, states: ['before', 'reject', 'accept', 'gpc'], waitMs: 3000, out: 'samtykke-scan', failOn: 'violation', keepValues: false });
  });

  it('reads durations as seconds or ms', () => {
    expect([parseDuration('3', 'wait'), parseDuration('2.5s', 'wait'), parseDuration('500ms', 'wait')]).toEqual([3000, 2500, 500]);
    expect(() => parseDuration('soon', 'wait')).toThrow(/--wait takes seconds/);
  });

  it.each([
    [[], /which site/],
    [['ftp://shop.example/'], /http: or https:/],
    [['not a url'], /is not a URL/],
    [['https://a.example/', '--pages', '0'], /--pages takes a whole number/],
    [['https://a.example/', '--states', 'before,later'], /--states takes before, reject, accept, gpc/],
    [['https://a.example/', '--fail-on', 'error'], /--fail-on takes violation, warning, never/],
    [['https://a.example/', '--timezone', 'Mars/Olympus'], /--timezone takes an IANA time zone/],
    [['https://a.example/', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['https://a.example/', '--config', '/nonexistent/samtykke.json'], /--config \/nonexistent\/samtykke.json: cannot read it/],
  ])('refuses %j with a clear message', async (args, message) => {
    await expect(readOptions(args as string[])).rejects.toThrow(UsageError);
    await expect(readOptions(args as string[])).rejects.toThrow(message);
  });
});

describe('progress', () => {
  it('rewrites one line on a terminal, and writes plain lines elsewhere', () => {
    const written: string[] = [];
    let t = 0;
    const plain = createProgress({ isTTY: false, write: (s: string) => void written.push(s) }, { now: () => (t += 1000) });
    plain.setTotal(8);
    plain.visit({ state: 'before', url: 'https://shop.example/' });
    expect(written).toEqual(['scan 1/8 before https://shop.example/ (1 s)\n']);
    const tty: string[] = [];
    const live = createProgress({ isTTY: true, columns: 40, write: (s: string) => void tty.push(s) }, { now: () => 0 });
    live.visit({ state: 'reject', url: 'https://shop.example/a/very/long/address/that/goes/on' });
    expect(tty[0].startsWith('\r\x1b[2K')).toBe(true);
    expect(tty[0].length).toBeLessThanOrEqual('\r\x1b[2K'.length + 39);
    live.end();
    expect(tty.at(-1)).toBe('\r\x1b[2K');
  });
});

describe('the regime, page by page', () => {
  it('judges a sighting before any choice by the regime of its own page', () => {
    const items = [item('cookie', '_tk', 'analytics', [['before', 10]])];
    const states = (regime: string) => [{ name: 'before', pages: [{ url: 'https://shop.example/before', regime }] }] as any;
    expect(findFindings({ items, states: states('opt-out'), regime: 'opt-in', config }).map((f) => f.rule)).not.toContain('nonessential-before-consent');
    expect(findFindings({ items, states: states('opt-in'), regime: 'opt-out', config }).map((f) => f.rule)).toContain('nonessential-before-consent');
  });
});
