// What privacy policies promise, proven in Chromium by watching the network
// and the cookie jar: nothing non-essential runs before the choice allows it.
import { expect, test, type Page } from '@playwright/test';
import { HTTPS, pageWith, serve, watchConsole, type Site } from './site';

const GA = { googleAnalytics: { id: 'G-TEST123' } };
const gtagRequests = (site: Site) => site.requests.filter((url) => url.startsWith('https://www.googletagmanager.com/'));
const call = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as any).Samtykke[m as string](...(a as unknown[])), [method, args] as const);
const cookieNames = async (page: Page) => (await page.context().cookies(page.url())).map((c) => c.name).sort();

/** The dataLayer as gtag.js sees it: which entries are real gtag commands. */
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as any).dataLayer as unknown[]).map((entry) => ({
      command: Object.prototype.toString.call(entry) == '[object Arguments]',
      args: JSON.parse(JSON.stringify(Array.from(entry as ArrayLike<unknown>))),
    })),
  );

test.describe('Google Analytics 4', () => {
  test('sends no request to googletagmanager.com and sets no _ga cookie before consent', async ({ page }) => {
    const site = await serve(page, { '/': pageWith(GA) });
    await page.goto(HTTPS + '/');
    await page.waitForTimeout(300);
    expect(gtagRequests(site)).toEqual([]);
    expect(await cookieNames(page)).toEqual([]);
  });

  test('after Accept: gtag.js loads; consent default comes before config; IP masked; signals off', async ({ page }) => {
    const site = await serve(page, { '/': pageWith(GA) });
    const console = watchConsole(page);
    await page.goto(HTTPS + '/');
    await call(page, 'acceptAll');
    await expect.poll(() => page.evaluate(() => (window as any).__gtagRan)).toBe(1);
    expect(gtagRequests(site)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-TEST123']);
    const layer = await dataLayer(page);
    expect(layer.every((entry) => entry.command)).toBe(true);
    const index = (name: string, sub?: string) => layer.findIndex((e) => e.args[0] == name && (!sub || e.args[1] == sub));
    expect(index('consent', 'default')).toBe(0);
    expect(layer[0].args[2]).toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied', security_storage: 'granted', wait_for_update: 500 });
    expect(index('consent', 'update')).toBeLessThan(index('config'));
    expect(layer[index('consent', 'update')].args[2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'granted' });
    expect(layer[index('config')].args).toEqual([
      'config',
      'G-TEST123',
      { anonymize_ip: true, allow_google_signals: false, allow_ad_personalization_signals: false },
    ]);
    expect(await cookieNames(page)).toEqual(expect.arrayContaining(['_ga', '_ga_TEST123']));
    expect(console.errors).toEqual([]);
  });

  test('after Reject no request to Google is ever made', async ({ page }) => {
    const site = await serve(page, { '/': pageWith(GA) });
    await page.goto(HTTPS + '/');
    await call(page, 'rejectAll');
    await page.reload();
    await page.waitForTimeout(500);
    expect(gtagRequests(site)).toEqual([]);
    expect((await cookieNames(page)).filter((n) => n.startsWith('_g'))).toEqual([]);
  });

  test('withdrawing analytics deletes _ga* cookies (host and parent domain) after the denied update', async ({ page }) => {
    await serve(page, { '/': pageWith(GA) });
    await page.goto('https://www.shop.example/');
    await call(page, 'acceptAll');
    await expect.poll(() => cookieNames(page)).toEqual(expect.arrayContaining(['_ga', '_ga_TEST123', '_gid']));
    await call(page, 'set', { analytics: false });
    expect((await cookieNames(page)).filter((n) => n.startsWith('_g'))).toEqual([]);
    const layer = await dataLayer(page);
    expect(layer.at(-1)!.args).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'denied' })]);
    // The tag that already ran is told to stop (GA's own kill switch), so the cookies do not come back.
    expect(await page.evaluate(() => (window as any)['ga-disable-G-TEST123'])).toBe(true);
    await page.evaluate(() => (window as any).dataLayer.push({ event: 'page_view' }));
    expect((await cookieNames(page)).filter((n) => n.startsWith('_g'))).toEqual([]);
  });

  test('a returning visitor gets the stored choice as the default: no denied→granted flip', async ({ page }) => {
    const site = await serve(page, { '/': pageWith(GA) });
    await page.goto(HTTPS + '/');
    await call(page, 'acceptAll');
    await page.reload();
    await expect.poll(() => page.evaluate(() => (window as any).__gtagRan)).toBe(1);
    const layer = await dataLayer(page);
    expect(layer[0].args).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'granted' })]);
    expect(layer[0].args[2]).not.toHaveProperty('wait_for_update');
    expect(layer.some((e) => e.args[1] == 'update')).toBe(false);
    expect(gtagRequests(site)).toHaveLength(2);
  });

  test('advanced mode loads gtag.js at once with everything denied, and sets no cookie', async ({ page }) => {
    const site = await serve(page, { '/': pageWith({ ...GA, consentMode: { mode: 'advanced' } }) });
    await page.goto(HTTPS + '/');
    await expect.poll(() => gtagRequests(site).length).toBe(1);
    expect((await dataLayer(page))[0].args[2]).toMatchObject({ analytics_storage: 'denied' });
    expect(await cookieNames(page)).toEqual([]);
  });

  test('reuses the page\'s own gtag and dataLayer, and honours ads_data_redaction and url_passthrough', async ({ page }) => {
    const head = `<script nonce="n">window.dataLayer=[];window.gtag=function(){dataLayer.push(arguments)};window.gtag.own=true;</script>`;
    const html = pageWith({ consentMode: { adsDataRedaction: true, urlPassthrough: true } }).replace('<head>', '<head>' + head);
    await serve(page, { '/': html });
    await page.goto(HTTPS + '/');
    expect(await page.evaluate(() => (window as any).gtag.own)).toBe(true);
    const layer = await dataLayer(page);
    expect(layer.map((e) => e.args.slice(0, 2))).toEqual([
      ['consent', 'default'],
      ['set', 'ads_data_redaction'],
      ['set', 'url_passthrough'],
    ]);
  });
});

test.describe('declarative gating', () => {
  const tags = `
    <script type="text/plain" data-samtykke="marketing" src="https://ads.example/tag.js" data-slot="top"></script>
    <script type="text/plain" data-samtykke="marketing">window.__order = (window.__adRan || []).length + ':inline';</script>
    <iframe data-samtykke="marketing" data-src="https://shop.example/video" title="video"></iframe>
    <img data-samtykke="marketing" data-src="https://ads.example/pixel.gif" alt="">
    <p data-samtykke="!marketing" id="fallback" hidden></p>
    <script type="text/plain" data-samtykke="!marketing">window.__refused = true;</script>`;

  test('keeps ad tags, iframes and pixels inert until marketing is allowed, then runs them in order', async ({ page }) => {
    const site = await serve(page, { '/': pageWith({}, tags), '/video': '<p>video</p>' });
    await page.goto(HTTPS + '/');
    await page.waitForTimeout(200);
    expect(site.requests.filter((u) => u.includes('ads.example') || u.endsWith('/video'))).toEqual([]);
    await call(page, 'acceptAll');
    // The inline script ran after the external one it depends on had loaded.
    await expect.poll(() => page.evaluate(() => (window as any).__order)).toBe('1:inline');
    const script = page.locator('script[data-slot="top"]');
    expect(await script.getAttribute('type')).toBeNull();
    expect(await page.locator('iframe[title="video"]').getAttribute('src')).toBe('https://shop.example/video');
    await expect.poll(() => site.requests.filter((u) => u.includes('ads.example')).length).toBe(2);
    expect(await page.evaluate(() => (window as any).__refused)).toBeUndefined();
  });

  test('a returning visitor who allowed marketing gets the iframe loaded while the page is still parsing', async ({ page }) => {
    // Regression: Chromium ignores a src set on an iframe the parser is still
    // inserting, so the gate switched the frame on and it stayed blank.
    const site = await serve(page, { '/': pageWith({}, tags + '<p>after</p>'), '/video': '<p>the video</p>' });
    await page.goto(HTTPS + '/');
    await call(page, 'acceptAll');
    await page.reload();
    const frame = page.frameLocator('iframe[title="video"]');
    await expect(frame.getByText('the video')).toBeVisible();
    expect(site.requests.filter((u) => u.endsWith('/video'))).toHaveLength(2);
  });

  test('an iframe added after load with marketing allowed loads at once', async ({ page }) => {
    await serve(page, { '/': pageWith({}), '/video': '<p>the video</p>' });
    await page.goto(HTTPS + '/');
    await call(page, 'acceptAll');
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<iframe data-samtykke="marketing" data-src="/video" title="late"></iframe>'));
    await expect(page.frameLocator('iframe[title="late"]').getByText('the video')).toBeVisible();
  });

  test('runs !marketing elements once marketing is refused, and never the ad tag', async ({ page }) => {
    const site = await serve(page, { '/': pageWith({}, tags) });
    await page.goto(HTTPS + '/');
    expect(await page.evaluate(() => (window as any).__refused)).toBeUndefined();
    await call(page, 'rejectAll');
    await expect.poll(() => page.evaluate(() => (window as any).__refused)).toBe(true);
    expect(site.requests.filter((u) => u.includes('ads.example'))).toEqual([]);
  });

  test('gates a script inserted two seconds after load, and runs it once allowed', async ({ page }) => {
    const later = `<script nonce="x">setTimeout(function () {
      var s = document.createElement('script'); s.type = 'text/plain'; s.setAttribute('data-samtykke', 'analytics');
      s.text = 'window.__late = (window.__late || 0) + 1'; document.body.appendChild(s);
      window.__inserted = true; }, 2000);</script>`;
    await serve(page, { '/': pageWith({}, later) });
    await page.goto(HTTPS + '/');
    await page.waitForFunction(() => (window as any).__inserted, null, { timeout: 5000 });
    expect(await page.evaluate(() => (window as any).__late)).toBeUndefined();
    await call(page, 'acceptAll');
    await call(page, 'set', { marketing: false });
    await call(page, 'acceptAll');
    await expect.poll(() => page.evaluate(() => (window as any).__late)).toBe(1);
  });

  test('runs the activated inline script under a strict nonce CSP, with no violation', async ({ page }) => {
    const html = pageWith({ regime: 'opt-out' }, '<script type="text/plain" data-samtykke="analytics" nonce="r4nd0m">window.__csp = "ran"</script>')
      .replace('<script type="application/json"', '<script nonce="r4nd0m" type="application/json"')
      .replace('<script src="/dist/samtykke.min.js">', '<script nonce="r4nd0m" src="/dist/samtykke.min.js">');
    await serve(page, {
      '/': { body: html, headers: { 'content-security-policy': "script-src 'nonce-r4nd0m'; object-src 'none'; base-uri 'none'" } },
    });
    const console = watchConsole(page);
    await page.goto(HTTPS + '/');
    await expect.poll(() => page.evaluate(() => (window as any).__csp)).toBe('ran');
    expect(console.errors).toEqual([]);
  });

  test('warns about a marked script that is not inert', async ({ page }) => {
    await serve(page, { '/': pageWith({}, '<script data-samtykke="analytics">window.__leak = 1</script>') });
    const console = watchConsole(page);
    await page.goto(HTTPS + '/');
    // Error 11: a marked element that is not inert.
    expect(console.errors).toEqual([expect.stringMatching(/^samtykke: error 11 \(script\)/)]);
  });

  test('loadScript() waits for the category', async ({ page }) => {
    const site = await serve(page, { '/': pageWith({}) });
    await page.goto(HTTPS + '/');
    await page.evaluate(() => {
      (window as any).Samtykke.loadScript('https://ads.example/lib.js', 'marketing').then(() => ((window as any).__lib = 'loaded'));
    });
    await page.waitForTimeout(200);
    expect(site.requests.filter((u) => u.includes('lib.js'))).toEqual([]);
    await call(page, 'acceptAll');
    await expect.poll(() => page.evaluate(() => (window as any).__lib)).toBe('loaded');
  });

  test('reloadOnRevoke reloads the page when consent is withdrawn', async ({ page }) => {
    await serve(page, { '/': pageWith({ reloadOnRevoke: true }) });
    await page.goto(HTTPS + '/');
    await call(page, 'acceptAll');
    await page.evaluate(() => ((window as any).__before = true));
    await Promise.all([page.waitForEvent('load'), call(page, 'rejectAll')]);
    expect(await page.evaluate(() => (window as any).__before)).toBeUndefined();
    expect(await call(page, 'allowed', 'analytics')).toBe(false);
  });
});

test.describe('consent receipts', () => {
  test('sends one JSON receipt per decision, without personal data', async ({ page }) => {
    const site = await serve(page, { '/shop': pageWith({ receipts: { url: '/consent-log' }, revision: 4 }) });
    await page.goto(HTTPS + '/shop?q=secret');
    await call(page, 'set', { analytics: true });
    await call(page, 'rejectAll');
    await expect.poll(() => site.posted['/consent-log']?.length).toBe(2);
    const [first, second] = site.posted['/consent-log'].map((body) => JSON.parse(body));
    expect(first).toMatchObject({
      v: 1,
      revision: 4,
      regime: 'opt-in',
      categories: { necessary: true, analytics: true, marketing: false },
      optedOut: false,
      gpc: false,
      limited: false,
      page: 'https://shop.example/shop',
    });
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second.id).toBe(first.id);
    expect(second.categories.analytics).toBe(false);
    expect(Object.keys(first).sort()).toEqual(['categories', 'gpc', 'id', 'limited', 'locale', 'optedOut', 'page', 'regime', 'revision', 'services', 'texts', 'time', 'v']);
  });
});
