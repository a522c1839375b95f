// The tests the react and vue examples share (react.spec.ts, vue.spec.ts):
// both are rendered on the server and hydrated, with Google Analytics
// loaded by samtykke's config, a note behind a gate on `analytics`, and a
// video behind a gate on the `videohost` service with a "Load this video"
// placeholder. What is proven, through clicks as a visitor makes them: the
// server's HTML allows nothing; hydration gives no warning or error, even
// for a visitor whose stored choice allows everything; nothing gated loads
// before consent; the gates open on Accept all and close on withdrawal, in
// this tab and in a second one.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../demo';
import { watchConsole } from '../site';

const GA = 'www.googletagmanager.com';
const VIDEO = 'player.videohost.example';

const banner = (page: Page) => page.getByRole('region', { name: 'We value your privacy' });
const preferences = (page: Page) => page.getByRole('dialog', { name: 'Privacy preferences' });
const analytics = (page: Page) => page.locator('[data-analytics]');
const video = (page: Page) => page.getByTitle('Video: getting started');
const placeholder = (page: Page) => page.getByRole('button', { name: 'Load this video' });
const status = (page: Page) => page.locator('[data-status] li');

/** What the page shows is gated, and what is not, once hydrated. */
async function closed(page: Page) {
  await expect(analytics(page)).toHaveAttribute('data-analytics', 'off');
  await expect(placeholder(page)).toBeVisible();
  await expect(video(page)).toHaveCount(0);
}
async function open(page: Page) {
  await expect(analytics(page)).toHaveAttribute('data-analytics', 'on');
  await expect(placeholder(page)).toHaveCount(0);
  await expect(video(page)).toBeVisible();
}

/** The app has hydrated and read the visitor's consent: its status lists the config's categories. */
const hydrated = (page: Page) => expect(status(page)).toHaveText([/^necessary: /, /^analytics: /, /^marketing: /, /^choice made: /]);

export function gatedAppTests(path: string, framework: string) {
  test.afterEach(async ({ demo }) => {
    expect(demo.errors).toEqual([]);
    expect(demo.exceptions).toEqual([]);
    expect(demo.unexpected).toEqual([]);
    expect(demo.warnings.filter((warning) => /hydrat|mismatch/i.test(warning))).toEqual([]);
  });

  test(`the server renders the ${framework} app with everything gated shut, and the browser hydrates it with no warning`, async ({ page, demo, request }) => {
    const html = await (await request.get(path)).text();
    expect(html).toContain('data-analytics="off"');
    expect(html).toContain('Load this video');
    expect(html).not.toContain(VIDEO);
    expect(html).not.toContain('{{app}}');

    await page.goto(path);
    await expect(banner(page)).toBeVisible();
    await hydrated(page);
    await expect(status(page)).toHaveText(['necessary: allowed', 'analytics: not allowed', 'marketing: not allowed', 'choice made: no']);
    await closed(page);
    await page.waitForTimeout(300);
    expect(demo.to(GA)).toEqual([]);
    expect(demo.to(VIDEO)).toEqual([]);
    expect(demo.warnings).toEqual([]);
  });

  test('Accept all opens the gates (GA and the video load); Reject all in the preferences closes them again', async ({ page, demo }) => {
    await page.goto(path);
    await hydrated(page);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(page)).toBeHidden();
    await open(page);
    await expect(status(page)).toHaveText(['necessary: allowed', 'analytics: allowed', 'marketing: allowed', 'choice made: yes']);
    await expect.poll(() => demo.to(GA)).toHaveLength(1);
    await expect.poll(() => demo.to(VIDEO)).toEqual([`https://${VIDEO}/embed/intro`]);

    await page.getByRole('button', { name: 'Privacy settings' }).click();
    await preferences(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(preferences(page)).toBeHidden();
    await closed(page);
    await expect(status(page)).toHaveText(['necessary: allowed', 'analytics: not allowed', 'marketing: not allowed', 'choice made: yes']);
  });

  test('"Load this video" allows that one service: the video loads, analytics and the rest of marketing stay off, and the banner still asks', async ({ page, demo }) => {
    await page.goto(path);
    await hydrated(page);
    await placeholder(page).click();
    await expect(video(page)).toBeVisible();
    await expect.poll(() => demo.to(VIDEO)).toHaveLength(1);
    await expect(analytics(page)).toHaveAttribute('data-analytics', 'off');
    await expect(status(page)).toHaveText(['necessary: allowed', 'analytics: not allowed', 'marketing: not allowed', 'choice made: no']);
    await expect(banner(page)).toBeVisible();
    expect(demo.to(GA)).toEqual([]);
  });

  test('a returning visitor who accepted gets the same server HTML, hydrated with no warning, and the gates open right after', async ({ page, demo }) => {
    await page.goto(path);
    await hydrated(page);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await open(page);
    demo.requests.length = 0;
    await page.reload();
    await open(page);
    await expect(banner(page)).toHaveCount(0);
    expect(demo.to(VIDEO)).toHaveLength(1);
    expect(demo.warnings).toEqual([]);
  });

  test('a choice in one tab opens and closes the gates in a second tab, without a reload', async ({ page, context, demo }) => {
    const second = await tab(context, path);
    await page.goto(path);
    await hydrated(page);
    await closed(second.page);

    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await open(page);
    await open(second.page);
    await expect(banner(second.page)).toBeHidden();

    // Withdrawal from page code: the consent object's rejectAll().
    await page.evaluate(() => (window as any)[Symbol.for('samtykke')].rejectAll());
    await closed(page);
    await closed(second.page);
    expect(second.console).toEqual({ errors: [], warnings: [], exceptions: [] });
    // Each tab loaded GA and the video once, from the stand-ins (never the internet).
    const hosts = (requests: string[]) => requests.map((url) => new URL(url).hostname).filter((host) => host == GA || host == VIDEO).sort();
    expect(hosts(demo.requests)).toEqual([VIDEO, GA].sort());
    expect(hosts(second.requests)).toEqual([VIDEO, GA].sort());
    expect(demo.unexpected).toEqual([]);
  });
}

/** A second tab on `path`, hydrated, with its console watched. (The demo
 * fixture's route to the stand-ins is on the browser context, so it serves
 * this tab too.) */
async function tab(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const console = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (request) => void requests.push(request.url()));
  await page.goto(path);
  await hydrated(page);
  return { page, console, requests };
}
