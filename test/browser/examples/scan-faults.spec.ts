// examples/scan-faults: a deliberately faulty bakery site, the fixture for
// `samtykke scan` (its EXPECTED.md lists what a scanner must report). These
// tests prove that each fault still happens in a browser, in the states a
// scan visits (before any choice, Reject all, Accept all, and GPC with Accept
// all), so a failing scanner test points at the scanner, not the fixture.
// The faults are checked the way a scanner sees them: at the browser
// context, which also reports a service worker's requests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Cookie, type Page, type Request } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { redirectRule, standIn } from '../../../scripts/server.mjs';
import { cookieNames, expect, inspector, test, type Demo } from '../demo';

const INDEX = '/scan-faults/';
const BEACON = 'https://collect.trackly.example/b';
const SW_HIT = 'https://www.google-analytics.com/g/collect?v=2&tid=G-FJORD1&en=sw_ping';
/** What waits for consent, rightly (GA, the language preference) or by the wrong category (the ad tag). */
const GATED = ['_ga', '_ga_FJORD1', 'adnet_uid', 'fj_lang'];
const DAY = 24 * 60 * 60;

const cookie = async (context: BrowserContext, name: string) => (await context.cookies()).find((c) => c.name == name);
const days = (c: Cookie | undefined) => (c ? Math.round((c.expires - Date.now() / 1000) / DAY) : undefined);
const banner = (page: Page) => page.getByRole('region', { name: 'We value your privacy' });

/** Every request the context saw, the service worker's included. */
function requests(context: BrowserContext) {
  const seen: Request[] = [];
  context.on('request', (request) => void seen.push(request));
  return seen;
}

function expectClean(demo: Demo) {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
}

test.describe('scan-faults, the fixture for samtykke scan', () => {
  // Each test names `demo`, so its route to the stand-ins is in place from
  // the start (a fixture named only here would come after the test).
  test.afterEach(async ({ demo }) => expectClean(demo));

  test('before any choice: the ungated tag, the late cookie, the frame, the redirect and the worker all act; nothing gated does', async ({ page, context, demo }) => {
    const seen = requests(context);
    const routed: string[] = [];
    // Registered after the fixture's route, so it runs first and passes on.
    await context.route('https://www.google-analytics.com/**', (route) => {
      routed.push(`${route.request().url()} from ${route.request().serviceWorker() ? 'a service worker' : 'a page'}`);
      return route.fallback();
    });

    await page.goto(INDEX, { waitUntil: 'domcontentloaded' });
    // 2: not yet; late.js waits two seconds.
    expect(await cookie(context, '_fbp')).toBeUndefined();

    // 1: Trackly's first-party id for a year, and its beacon.
    await expect.poll(async () => days(await cookie(context, '_tk_id'))).toBe(365);
    expect((await cookie(context, '_tk_id'))?.domain).toBe('localhost');
    await expect.poll(() => seen.filter((r) => r.url() == BEACON).map((r) => `${r.method()} ${r.resourceType()}`)).toEqual(['POST ping']);

    // 3: the frame's own cookie, on its own host. Chromium as Playwright
    // starts it blocks third-party cookies, so the widget falls back to a
    // partitioned one (the test below allows them). Chromium keeps no cookie
    // longer than 400 days: the 2 years asked become 400.
    await expect.poll(() => cookie(context, 'wc_visitor')).toMatchObject({ domain: 'embed.widgetco.example', sameSite: 'None', secure: true });
    expect(days(await cookie(context, 'wc_visitor'))).toBe(400);

    // 5: the worker's hit, reported by the context and routed by context.route.
    await expect
      .poll(() => seen.filter((r) => r.url().startsWith('https://www.google-analytics.com/')).map((r) => `${r.method()} ${r.url()} ${!!r.serviceWorker()}`))
      .toEqual([`POST ${SW_HIT} true`]);
    expect(routed).toEqual([`${SW_HIT} from a service worker`]);

    // 2: two seconds after, Meta's cookie, for 90 days.
    await expect.poll(async () => days(await cookie(context, '_fbp')), { timeout: 5000 }).toBe(90);

    // 4: the newsletter link's 302 sets ref_src on the way.
    const redirect = page.waitForResponse((response) => new URL(response.url()).pathname == '/scan-faults/go/offers');
    await page.getByRole('link', { name: "this week's offers" }).click();
    const response = await redirect;
    expect(response.status()).toBe(302);
    expect(await response.headerValue('set-cookie')).toBe('ref_src=newsletter; Max-Age=2592000; Path=/');
    await expect(page).toHaveURL(/\/scan-faults\/offers\.html$/);
    expect(days(await cookie(context, 'ref_src'))).toBe(30);

    // 6 and 7: what waits, waits.
    await expect(banner(page)).toBeVisible();
    expect((await cookieNames(page)).filter((name) => GATED.includes(name))).toEqual([]);
  });

  test('after Reject all: Trackly still runs on the next page; nothing gated does', async ({ page, context, demo }) => {
    const seen = requests(context);
    await page.goto(INDEX);
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(banner(page)).toBeHidden();
    const clicked = seen.length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About us' }).click();
    await expect(inspector(page, 'ran')).toHaveText('trackly.js');
    await expect.poll(() => seen.slice(clicked).filter((r) => r.url() == BEACON).length).toBe(1);
    await expect(inspector(page, 'allowed')).toHaveText('necessary');
    expect((await cookieNames(page)).filter((name) => GATED.includes(name))).toEqual([]);
  });

  test('after Accept all: GA, the language preference and the ad tag run', async ({ page, demo }) => {
    await page.goto(INDEX);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => (await cookieNames(page)).filter((name) => GATED.includes(name))).toEqual(GATED);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' }).click();
    await expect(page.getByRole('complementary', { name: 'Advertisement' })).toHaveText('Ad: offers-banner (served by adnet)');
  });

  test('with GPC and Accept all: marketing stays off, yet the ad tag, gated by analytics, sets adnet_uid', async ({ page, context, demo }) => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
    await page.goto(INDEX);
    // The banner's button, through its open shadow root, as a scanner finds it.
    await page.locator('samtykke-ui [data-action=accept]').click();
    await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics');
    await expect(inspector(page, 'optedOut')).toHaveText('true');
    await expect.poll(() => cookieNames(page)).toEqual(expect.arrayContaining(['_ga', 'adnet_uid', 'fj_lang']));
  });
});

test('where third-party cookies are allowed, the frame sets wc_visitor unpartitioned and wc_last_seen in its storage', async ({ baseURL }, testInfo) => {
  // A profile whose cookie setting allows third-party cookies: Chromium's
  // default here blocks them, and Playwright's new contexts cannot change it.
  const profile = testInfo.outputPath('profile');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_ARGS, baseURL });
  try {
    const own = new URL(baseURL!).host;
    await context.route(
      (url) => url.host != own && /^https?:$/.test(url.protocol),
      (route) => {
        const found = standIn(route.request().url());
        return found ? route.fulfill({ body: readFileSync(found.path), contentType: found.type }) : route.fulfill({ status: 404, body: '' });
      },
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(INDEX);
    await expect.poll(() => cookie(context, 'wc_visitor')).toMatchObject({ domain: 'embed.widgetco.example', sameSite: 'None', secure: true });
    expect((await cookie(context, 'wc_visitor'))?.partitionKey).toBeUndefined();
    const frame = page.frame({ url: 'https://embed.widgetco.example/frame.html' });
    await expect.poll(() => frame?.evaluate(() => localStorage.getItem('wc_last_seen'))).toMatch(/^\d+$/);
  } finally {
    await context.close();
  }
});

test('the server answers a redirects.json rule only with a path on itself', () => {
  expect(redirectRule({ to: '/scan-faults/offers.html', setCookie: 'a=b; Path=/' })).toEqual({ to: '/scan-faults/offers.html', status: 302, cookies: ['a=b; Path=/'] });
  expect(redirectRule({ to: '/x', status: 308 })).toEqual({ to: '/x', status: 308, cookies: [] });
  for (const to of ['//evil.example/', '/\\evil.example/', 'https://evil.example/', 'x', '/a b', '/a\r\nSet-Cookie: x=y', 42]) expect(redirectRule({ to }), String(to)).toBeUndefined();
  expect(redirectRule({ to: '/x', status: 200 })).toBeUndefined();
  expect(redirectRule({ to: '/x', setCookie: 'a=b\r\nLocation: //evil.example' })).toBeUndefined();
  expect(redirectRule(null)).toBeUndefined();
});
