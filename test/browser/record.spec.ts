// The consent record in a real browser: the cookie's attributes, reading it
// back on reload, and the script tag starting from the config block.
import { expect, test, type BrowserContext } from '@playwright/test';
import { HTTP, HTTPS, pageWith, serve, watchConsole } from './site';
import { encode } from '../../src/storage/codec';

const DAY = 86_400;

async function recordCookie(context: BrowserContext, url = HTTPS) {
  const cookies = await context.cookies(url);
  return cookies.filter((c) => c.name == 'samtykke');
}

test('writes the record cookie first-party, SameSite=Lax, Secure on https, Path=/, for 182 days', async ({ page, context }) => {
  await serve(page, { '/': pageWith({ revision: 3 }) });
  await page.goto(HTTPS + '/');
  expect(await recordCookie(context)).toEqual([]);
  await page.evaluate(() => (window as any).Samtykke.acceptAll());
  const [cookie] = await recordCookie(context);
  expect(cookie).toMatchObject({ domain: 'shop.example', path: '/', sameSite: 'Lax', secure: true, httpOnly: false });
  const days = (cookie.expires - Date.now() / 1000) / DAY;
  expect(days).toBeGreaterThan(181.9);
  expect(days).toBeLessThan(182.1);
  expect(cookie.value).toMatch(/^1\.3\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\.0\.preferences:1\|analytics:1\|marketing:1\.\.[0-9a-z]+$/);
});

test('reads the choice back after a reload: same consent id, same categories', async ({ page }) => {
  await serve(page, { '/': pageWith({}) });
  await page.goto(HTTPS + '/');
  const before = await page.evaluate(() => {
    const s = (window as any).Samtykke;
    s.set({ analytics: true, preferences: false, marketing: false });
    return s.getConsent();
  });
  await page.reload();
  const after = await page.evaluate(() => (window as any).Samtykke.getConsent());
  expect(after.id).toBe(before.id);
  expect(after.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
  expect(after.decided).toBe(true);
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('analytics'))).toBe(true);
});

test('leaves Secure off on plain http, where a Secure cookie would be dropped', async ({ page, context }) => {
  await serve(page, { '/': pageWith({}) });
  await page.goto(HTTP + '/');
  await page.evaluate(() => (window as any).Samtykke.rejectAll());
  const [cookie] = await recordCookie(context, HTTP);
  expect(cookie).toMatchObject({ secure: false, sameSite: 'Lax' });
});

test('keeps an opt-out of sale/sharing for 365 days', async ({ page, context }) => {
  await serve(page, { '/': pageWith({ regime: 'opt-out' }) });
  await page.goto(HTTPS + '/');
  await page.evaluate(() => (window as any).Samtykke.optOut());
  const [cookie] = await recordCookie(context);
  const days = (cookie.expires - Date.now() / 1000) / DAY;
  expect(days).toBeGreaterThan(364.9);
  expect(days).toBeLessThan(365.1);
  await page.reload();
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('marketing'))).toBe(false);
});

test('honours cookie.name, cookie.domain and cookie.days', async ({ page, context }) => {
  await serve(page, { '/': pageWith({ cookie: { name: 'consent', domain: 'shop.example', days: 30 } }) });
  await page.goto('https://www.shop.example/');
  await page.evaluate(() => (window as any).Samtykke.acceptAll());
  // Shared with every subdomain of shop.example.
  const [cookie] = (await context.cookies('https://blog.shop.example')).filter((c) => c.name == 'consent');
  expect(cookie.domain).toBe('.shop.example');
  expect((cookie.expires - Date.now() / 1000) / DAY).toBeCloseTo(30, 0);
});

test('reconciles a host-only and a domain copy of the cookie: the newest wins, one remains', async ({ page, context }) => {
  await serve(page, { '/': pageWith({}) });
  const record = (daysAgo: number, granted: boolean) =>
    encode({
      version: 1,
      revision: 0,
      timestamp: Date.now() - daysAgo * DAY * 1000,
      id: 'A'.repeat(22),
      categories: { preferences: granted, analytics: granted, marketing: false },
      services: {},
      optedOut: false,
      gpc: false,
      limited: false,
    });
  const old = record(2, false);
  const recent = record(1, true);
  await context.addCookies([
    { name: 'samtykke', value: old, domain: 'shop.example', path: '/' },
    { name: 'samtykke', value: recent, domain: '.shop.example', path: '/' },
  ]);
  await page.goto(HTTPS + '/');
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('analytics'))).toBe(true);
  const left = await recordCookie(context);
  expect(left.map((c) => c.value)).toEqual([recent]);
});

test('a tampered cookie is not trusted: nothing non-essential is allowed', async ({ page, context }) => {
  await serve(page, { '/': pageWith({}) });
  await context.addCookies([{ name: 'samtykke', value: '1.0.zzzzzzzz.x.0.analytics:1.', domain: 'shop.example', path: '/' }]);
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  const state = await page.evaluate(() => (window as any).Samtykke.getConsent());
  expect(state.categories.analytics).toBe(false);
  expect(state.decided).toBe(false);
  expect(console.exceptions).toEqual([]);
});

test('a bad config: one console error per problem, naming the path; the page keeps working', async ({ page }) => {
  await serve(page, { '/': pageWith({ regime: 'optin', cookie: { days: 9000 } }, '<p id="after">page script ran</p>') });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  expect(console.errors).toHaveLength(2);
  // Error 1 names the path and the value; samtykke.js says what it must be.
  expect(console.errors[0]).toMatch(/^samtykke: error 1 \(regime: got "optin"\)/);
  expect(console.errors[1]).toMatch(/^samtykke: error 1 \(cookie\.days: got 9000\)/);
  expect(console.exceptions).toEqual([]);
  expect(await page.evaluate(() => (window as any).Samtykke.getConsent().regime)).toBe('opt-in');
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('analytics'))).toBe(false);
});

test('the development bundle says what each bad key must be', async ({ page }) => {
  await serve(page, {
    '/': pageWith(
      { categores: {}, categories: { analytics: { services: { ga4: { cookies: [42] } } } } },
      '',
      '/dist/samtykke.js',
    ),
  });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  expect(console.errors).toEqual(
    expect.arrayContaining([
      'samtykke: categories.analytics.services.ga4.cookies[0] must be a string or RegExp.',
      'samtykke: categores is not a samtykke option (check the spelling).',
    ]),
  );
  expect(console.exceptions).toEqual([]);
});

test('a config block that is not JSON is reported and nothing non-essential runs', async ({ page }) => {
  await serve(page, { '/': pageWith('{ regime: opt-out,') });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  expect(console.errors).toHaveLength(1);
  expect(console.errors[0]).toMatch(/^samtykke: error 2 \(SyntaxError/);
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('marketing'))).toBe(false);
});

test('two inits, and the bundle included twice, are harmless', async ({ page }) => {
  const twice = pageWith({ regime: 'opt-out' }, '<script src="/dist/samtykke.min.js"></script>');
  await serve(page, { '/': twice });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  const same = await page.evaluate(() => {
    const s = (window as any).Samtykke;
    const a = s.init();
    const b = s.init();
    return a === b && s.getConsent().regime;
  });
  expect(same).toBe('opt-out');
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
});

test('Samtykke.init() works without a config block, and says so when nothing starts it', async ({ page }) => {
  await serve(page, {
    '/': pageWith(undefined),
  });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  expect(console.errors).toEqual([expect.stringMatching(/^samtykke: error 4; see /)]);
  const regime = await page.evaluate(() => (window as any).Samtykke.init({ regime: 'opt-out' }).getConsent().regime);
  expect(regime).toBe('opt-out');
});

test('announces changes with a samtykke:change event on window', async ({ page }) => {
  await serve(page, { '/': pageWith({}) });
  await page.goto(HTTPS + '/');
  const detail = await page.evaluate(
    () =>
      new Promise((resolve) => {
        addEventListener('samtykke:change', (e) => resolve((e as CustomEvent).detail.categories), { once: true });
        (window as any).Samtykke.set({ analytics: true });
      }),
  );
  expect(detail).toMatchObject({ analytics: true, marketing: false });
});

test('data-* attributes on the script tag configure a page without a config block', async ({ page }) => {
  const html = `<!doctype html><html><head><script src="/dist/samtykke.min.js" data-regime="auto" data-region="US-CA"></script></head><body></body></html>`;
  await serve(page, { '/': html });
  await page.goto(HTTPS + '/');
  expect(await page.evaluate(() => (window as any).Samtykke.getConsent().regime)).toBe('opt-out');
});

test('Global Privacy Control switches off sale categories without any pop-up, and is remembered', async ({ page }) => {
  await serve(page, { '/': pageWith({ regime: 'opt-out' }) });
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.goto(HTTPS + '/');
  expect(await page.evaluate(() => (window as any).Samtykke.getConsent())).toMatchObject({
    optedOut: true,
    gpc: true,
    categories: { marketing: false, analytics: true },
  });
});
