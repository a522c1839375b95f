// The README's HTML and JavaScript snippets, pasted into pages as a site
// owner would paste them, and used through clicks. The unit test
// test/unit/readme.test.ts checks that every other block is exercised, and
// test/shared/readme.ts says which blocks are run here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLAIMS, claim } from '../shared/readme';
import { HTTPS, pageWith, serve, watchConsole } from './site';

const ROOT = join(import.meta.dirname, '..', '..');
const TITLE = 'We value your privacy';
const banner = (page: Page) => page.getByRole('region', { name: TITLE });
const preferences = (page: Page) => page.getByRole('dialog', { name: 'Privacy preferences' });

test.use({ timezoneId: 'Europe/Copenhagen', locale: 'en-GB' });

/** unpkg.com/samtykke/dist/<file> answered from this build, as if published. */
async function servePublished(page: Page) {
  await page.route('https://unpkg.com/samtykke/dist/**', (route) => {
    const file = new URL(route.request().url()).pathname.replace('/samtykke/dist/', '');
    return route.fulfill({ body: readFileSync(join(ROOT, 'dist', file)), contentType: 'text/javascript' });
  });
}

test('every HTML and JavaScript snippet is run by a test here (or in the spec its claim names)', () => {
  for (const { lang, phrase, by, spec } of CLAIMS) {
    if (by != 'browser') continue;
    claim(lang, phrase);
    const runner = readFileSync(spec ? join(import.meta.dirname, spec) : import.meta.filename, 'utf8');
    expect(runner, `${lang}: ${phrase}`).toContain(JSON.stringify(phrase).slice(1, -1).replace(/\\"/g, '"'));
  }
});

test('quick start: the pasted config block and script tag ask first, and page scripts see the choice', async ({ page }) => {
  const html = claim('html', 'id="samtykke-config"').code;
  const script = claim('js', 'Samtykke.whenAllowed').code;
  await serve(page, {
    '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${html}</head><body><h1>Shop</h1><p data-charts>no charts</p>
<script src="/page.js"></script></body></html>`,
    // The site's own code: loadCharts, then the snippet as written.
    '/page.js': {
      body: `function loadCharts() { window.charted = (window.charted || 0) + 1; document.querySelector('[data-charts]').textContent = 'charts'; }
window.allowedAtStart = ${script.split('\n')[0].replace(/;.*$/, '')};
${script}`,
      type: 'text/javascript',
    },
  });
  await servePublished(page);
  const console = watchConsole(page);
  const logged: string[] = [];
  page.on('console', (message) => void (message.type() == 'log' && logged.push(message.text())));
  await page.goto(HTTPS + '/');
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => (window as any).allowedAtStart)).toBe(false);
  await expect(page.locator('[data-charts]')).toHaveText('no charts');
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(page.locator('[data-charts]')).toHaveText('charts');
  expect(await page.evaluate(() => (window as any).charted)).toBe(1);
  await expect.poll(() => logged.length).toBeGreaterThan(0);
  expect(logged.at(-1)).toBe('{necessary: true, preferences: true, analytics: true, marketing: true}');
  expect(await page.evaluate(() => (window as any).Samtykke.allowed('analytics'))).toBe(true);
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
});

test('the preferences link and button from the README reopen the preferences', async ({ page }) => {
  const snippet = claim('html', 'data-samtykke-link="preferences"').code;
  await serve(page, { '/': pageWith({ regime: 'opt-in' }, snippet) });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await page.getByRole('link', { name: 'Cookie settings' }).click();
  await expect(preferences(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(preferences(page)).toBeHidden();
  await page.getByRole('button', { name: 'Privacy settings' }).click();
  await expect(preferences(page)).toBeVisible();
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
});

test('the opt-out links from the README: statutory text filled in, own text kept, each opens the opt-out dialog', async ({ page }) => {
  const snippet = claim('html', 'data-samtykke-link="do-not-sell"').code;
  await serve(page, { '/': pageWith({ regime: 'opt-out' }, `<footer>${snippet}</footer>`) });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  const links = page.getByRole('contentinfo').getByRole('link');
  await expect(links).toHaveText(['Do Not Sell or Share My Personal Information', /^Your Privacy Choices/, 'Sälj inte min personliga information']);
  await expect(links.nth(1).getByRole('img', { name: 'California Consumer Privacy Act (CCPA) Opt-Out Icon' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Do Not Sell or Share My Personal Information' });
  for (const index of [0, 1, 2]) {
    await links.nth(index).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
});

test('the privacy centre links from the README: statutory texts, each opens the privacy centre', async ({ page }) => {
  const snippet = claim('html', 'data-samtykke-link="limit-sensitive"').code;
  const config = { regime: 'auto', region: 'US-CA', categories: { location: { sensitive: ['precise-geolocation'] } } };
  await serve(page, { '/': pageWith(config, `<footer>${snippet}</footer>`) });
  const console = watchConsole(page);
  await page.goto(HTTPS + '/');
  const links = page.getByRole('contentinfo').getByRole('link');
  await expect(links).toHaveText(['Limit the Use of My Sensitive Personal Information', 'Notice at Collection', 'Privacy centre', /^Your Privacy Choices/]);
  const centre = page.getByRole('dialog', { name: 'Privacy centre' });
  for (const index of [0, 1, 2, 3]) {
    await links.nth(index).click();
    await expect(centre).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(centre).toBeHidden();
  }
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
});

test.describe('the gating snippet from the README', () => {
  const config = { regime: 'opt-in', categories: { analytics: { services: { hotjar: {} } }, marketing: {} } };
  const THIRD = ['ads.example', 'static.hotjar.com', 'www.youtube-nocookie.com'];

  async function open(page: Page) {
    const snippet = claim('html', 'data-samtykke="!marketing"').code;
    const site = await serve(page, {
      '/': pageWith(config, `<script src="/helpers.js"></script>${snippet}`),
      '/helpers.js': { body: `window.calls = []; function showVideoPlaceholder() { calls.push('placeholder'); }`, type: 'text/javascript' },
    });
    // The vendors' tags: each says it ran; the ad tag defines what the inline script calls.
    await page.route(/^https:\/\/(ads\.example|static\.hotjar\.com|www\.youtube-nocookie\.com)\//, (route) => {
      const url = new URL(route.request().url());
      const body = url.pathname == '/tag.js' ? `calls.push('tag.js'); window.adTag = { init: (o) => calls.push('init ' + o.slot) };` : url.hostname == 'static.hotjar.com' ? `calls.push('hotjar');` : '';
      return route.fulfill({ body, contentType: url.pathname.endsWith('.gif') ? 'image/gif' : url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html' });
    });
    const console = watchConsole(page);
    await page.goto(HTTPS + '/');
    await expect(banner(page)).toBeVisible();
    await page.waitForTimeout(200);
    expect(site.requests.filter((url) => THIRD.includes(new URL(url).hostname))).toEqual([]);
    return { site, console };
  }

  test('nothing loads before consent; Reject all runs only the !marketing placeholder', async ({ page }) => {
    const { site, console } = await open(page);
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).calls)).toEqual(['placeholder']);
    await page.waitForTimeout(200);
    expect(site.requests.filter((url) => THIRD.includes(new URL(url).hostname))).toEqual([]);
    expect(console.errors).toEqual([]);
  });

  test('Accept all runs the tags in order, the inline one after the tag it needs, and never the placeholder', async ({ page }) => {
    const { site, console } = await open(page);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).calls.length)).toBe(3);
    const calls: string[] = await page.evaluate(() => (window as any).calls);
    expect(calls.indexOf('init top')).toBeGreaterThan(calls.indexOf('tag.js'));
    expect(calls.sort()).toEqual(['hotjar', 'init top', 'tag.js']);
    const hosts = site.requests.map((url) => new URL(url).hostname);
    for (const host of THIRD) expect(hosts).toContain(host);
    expect(site.requests).toContain('https://ads.example/pixel.gif');
    expect(console.errors).toEqual([]);
  });
});
