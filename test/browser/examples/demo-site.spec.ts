// The demo site `npm start` serves (scripts/server.mjs): the index lists
// every example and each one starts without a console error; the examples
// work offline, the inspector playing each third-party host from
// /stand-in/; and the server answers as a static host would, never with a
// file from outside examples/ and dist/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Request } from '@playwright/test';
import { cookieNames, expect, inspector, test, type Demo } from '../demo';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');

/** Every example directory with a page: what the index must link to. */
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name != 'stand-ins' && existsSync(join(EXAMPLES, entry.name, 'index.html')))
  .map((entry) => `/${entry.name}/`)
  .sort();

/** Nothing went wrong on the page: no console error, no exception, no unserved host. */
function expectClean(demo: Demo, ignore: (error: string) => boolean = () => false) {
  expect(demo.errors.filter((error) => !ignore(error))).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
}

test.describe('the index and the examples', () => {
  test.afterEach(async ({ demo }) => expectClean(demo));

  test('the index links to every example, and each one answers and starts without a console error', async ({ page, demo }) => {
    expect(examples.length).toBeGreaterThan(0);
    await page.goto('/');
    const links = await page
      .getByRole('main')
      .getByRole('link')
      .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).pathname));
    expect([...links].sort()).toEqual(examples);

    for (const link of links) {
      const response = await page.goto(link);
      expect(response?.status(), link).toBe(200);
      // samtykke started: the inspector shows what it allows (always `necessary`).
      await expect(inspector(page, 'allowed'), link).toHaveText(/^necessary(, |$)/);
      await page.waitForLoadState('networkidle');
      await expect(inspector(page, 'csp'), link).toHaveText('(none)');
      expect({ link, errors: demo.errors, exceptions: demo.exceptions, unexpected: demo.unexpected }).toEqual({
        link,
        errors: [],
        exceptions: [],
        unexpected: [],
      });
    }
  });

  test.describe('basic, as a visitor from a region samtykke cannot place', () => {
    // `regime: "auto"` reads the time zone; UTC is no region, so `defaultRegime` (opt-in) applies.
    test.use({ timezoneId: 'UTC' });

    test('starts from its config block, and the banner and the page buttons change what is allowed', async ({ page }) => {
      await page.goto('/basic/');
      await expect(inspector(page, 'regime')).toHaveText('opt-in');
      await expect(inspector(page, 'allowed')).toHaveText('necessary');
      // The banner's own buttons and the page's API buttons share names.
      const banner = page.getByRole('region', { name: 'We value your privacy' });
      await banner.getByRole('button', { name: 'Accept all' }).click();
      await expect(banner).toBeHidden();
      await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics, marketing');
      await expect(inspector(page, 'decided')).toHaveText('true / true');
      await page.getByRole('main').getByRole('button', { name: 'Do not sell or share' }).click();
      await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics');
      await expect(inspector(page, 'optedOut')).toHaveText('true');
    });
  });
});

test.describe('offline', () => {
  const OFFLINE = 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED';
  let failed: string[];

  test.beforeEach(async ({ page, demo }) => {
    expect(demo.unexpected).toEqual([]);
    // No internet: registered after the fixture's stand-in route, so it runs first.
    await page
      .context()
      .route((url) => url.hostname != 'localhost' && url.hostname != '127.0.0.1', (route) => route.abort('internetdisconnected'));
    failed = [];
    page.on('requestfailed', (request: Request) => {
      if (request.failure()?.errorText == 'net::ERR_INTERNET_DISCONNECTED') failed.push(request.url());
    });
  });

  // The browser's own report of each request that could not go out is expected here, and only that.
  test.afterEach(async ({ demo }) => expectClean(demo, (error) => error == OFFLINE));

  /** Requests the page made to the examples server's stand-in for `host`. */
  const standIns = (demo: Demo, host: string) => demo.requests.filter((url) => new URL(url).pathname.startsWith(`/stand-in/${host}/`));

  test('script-tag-ga: after "Accepter alle", Google Analytics runs from the stand-in and sets _ga', async ({ page, demo, baseURL }) => {
    await page.goto('/script-tag-ga/');
    const banner = page.getByRole('region', { name: 'Vi værner om dit privatliv' });
    await banner.getByRole('button', { name: 'Accepter alle' }).click();
    await expect(banner).toBeHidden();
    await expect(inspector(page, 'ran')).toContainText('gtag.js');
    await expect.poll(() => standIns(demo, 'www.googletagmanager.com')).toEqual([
      new URL('/stand-in/www.googletagmanager.com/gtag/js?id=G-KVITTO2026', baseURL).href,
    ]);
    // The real host was tried, and could not be reached.
    expect(failed).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-KVITTO2026']);
    await expect.poll(() => cookieNames(page)).toContain('_ga');
    expect(demo.errors).toContain(OFFLINE);
  });

  test('ccpa-ads: the ad tag and its pixel, allowed at once under opt-out, fill the slot from the stand-ins', async ({ page, demo, baseURL }) => {
    await page.goto('/ccpa-ads/');
    await expect(inspector(page, 'regime')).toHaveText('opt-out');
    await expect(page.getByRole('complementary', { name: 'Annons' })).toHaveText('Ad: top-banner (served by adnet)');
    await expect(inspector(page, 'ran')).toHaveText('ads.js');
    await expect.poll(() => standIns(demo, 'ads.adnet.example')).toEqual([new URL('/stand-in/ads.adnet.example/tag.js', baseURL).href]);
    await expect.poll(() => standIns(demo, 'px.adnet.example')).toEqual([new URL('/stand-in/px.adnet.example/view.gif?slot=top-banner', baseURL).href]);
    await expect.poll(() => [...failed].sort()).toEqual(['https://ads.adnet.example/tag.js', 'https://px.adnet.example/view.gif?slot=top-banner']);
    await expect.poll(() => cookieNames(page)).toContain('adnet_uid');
  });
});

test.describe('the server', () => {
  test('adds the trailing slash to an example, and answers 404 for an unknown page or stand-in host', async ({ page }) => {
    const redirect = await page.request.get('/ccpa-ads', { maxRedirects: 0 });
    expect(redirect.status()).toBe(301);
    expect(redirect.headers()['location']).toBe('/ccpa-ads/');
    await page.goto('/ccpa-ads');
    await expect(page).toHaveURL(/\/ccpa-ads\/$/);

    expect((await page.request.get('/no-such-example/')).status()).toBe(404);
    expect((await page.request.get('/no-such-page.html')).status()).toBe(404);
    expect((await page.request.get('/stand-in/unknown.host/x')).status()).toBe(404);
  });

  test('serves nothing from outside examples/ and dist/, however the path is encoded', async ({ page }) => {
    const pkg = readFileSync(join(ROOT, 'package.json'), 'utf8');
    // An HTML page outside examples/ (pages are read by the server itself, not by sirv).
    const html = join(ROOT, 'node_modules', 'playwright-core', 'lib', 'vite', 'recorder', 'index.html');
    expect(existsSync(html)).toBe(true);
    const attempts: [string, string][] = [
      ['/..%2f..%2fpackage.json', pkg],
      ['/..%2fpackage.json', pkg],
      ['/%2e%2e%2fpackage.json', pkg],
      ['/%2e%2e/package.json', pkg],
      ['/dist/..%2fpackage.json', pkg],
      ['/dist/%2e%2e%2fpackage.json', pkg],
      ['/%2e%2e%2fnode_modules%2fplaywright-core%2flib%2fvite%2frecorder%2findex.html', readFileSync(html, 'utf8')],
      ['/%2e%2e%2fnode_modules%2fplaywright-core%2flib%2fvite%2frecorder/', readFileSync(html, 'utf8')],
    ];
    const served: string[] = [];
    for (const [path, content] of attempts) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      const body = await response.text();
      if (response.status() != 404 || body.includes(content.slice(0, 200))) served.push(`${path}: ${response.status()}`);
    }
    expect(served).toEqual([]);
  });

  test('a /stand-in/ path whose host is not a host name is a 404, and the server stays up', async ({ page }) => {
    // On a server of its own (the same scripts/server.mjs, started the same
    // way): should this request bring it down, the suite's server lives on.
    const script = `import { startServer } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'server.mjs')).href)};
      console.log((await startServer({ port: 0 })).url);`;
    const server = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => void (stderr += chunk));
    const exited = new Promise((done) => server.once('exit', done));
    try {
      const url = await Promise.race([
        new Promise<string>((done) => server.stdout.once('data', (chunk) => done(String(chunk).trim()))),
        exited.then(() => Promise.reject(new Error(`the server did not start: ${stderr}`))),
      ]);
      expect((await page.request.get(url)).status()).toBe(200);
      const answer = await page.request.get(url + 'stand-in/..%2f..%2fpackage.json').then(
        (response) => response.status(),
        async (error) => {
          await Promise.race([exited, new Promise((done) => setTimeout(done, 1000))]);
          const cause = stderr.split('\n').find((line) => /Error/.test(line));
          return `no answer (${cause ?? error.message}); server ${server.exitCode == null ? 'still running' : `exited with ${server.exitCode}`}`;
        },
      );
      expect(answer).toBe(404);
      expect((await page.request.get(url)).status()).toBe(200);
    } finally {
      server.kill();
    }
  });
});
