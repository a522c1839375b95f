// Receipts as the consent log (`samtykke log serve`) receives them: sent to
// another origin as text/plain, with no CORS preflight, and carrying in
// `texts` the version of the texts the visitor chose on, which
// `samtykke log notice` (log/notice.mjs) recomputes in Node from the config
// and the language files; a choice made through the API carries none.
//
// Two real servers on 127.0.0.1, not page.route: Playwright answers a
// preflight itself when it intercepts requests, so one would never be seen.
// The site (the page and dist/) on one port, the log on another: another
// origin, as a log on its own host is.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { checkedTest as test, pageWith } from './site';
// The same functions `samtykke log notice` runs.
import { noticesFor } from '../../log/notice.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

interface Logged {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

/** The log: records every request, preflights included, and takes any POST. */
async function startLog() {
  const requests: Logged[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      // A preflight would pass (sendBeacon's are credentialed), so that the
      // receipt arrives and the test, not the browser, sees the preflight.
      response.writeHead(request.method == 'OPTIONS' ? 204 : 201, {
        'access-control-allow-origin': request.headers.origin || '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
      });
      response.end();
    });
  });
  return { url: await listen(server), requests, server };
}

/** The site: `/` is the page, `/dist/…` the build. */
async function startSite(html: string) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url!, 'http://site').pathname;
    if (path == '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (path == '/favicon.ico') return response.writeHead(204).end();
    if (!path.startsWith('/dist/') || path.includes('..')) return response.writeHead(404).end();
    try {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(ROOT, path)));
    } catch {
      response.writeHead(404).end();
    }
  });
  return { url: await listen(server), server };
}

const servers: Server[] = [];
test.afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections(), server.close();
});

/** A page with `config` (receipts to the log) in `lang`, and the log it sends to. */
async function visit(page: Page, config: Record<string, unknown>, lang = 'en') {
  const log = await startLog();
  const full = { ...config, receipts: { url: `${log.url}/v1/receipts` } };
  const site = await startSite(pageWith(full).replace('<html lang="en">', `<html lang="${lang}">`));
  servers.push(log.server, site.server);
  await page.goto(site.url + '/');
  /** The receipts the log got, parsed, once there are `count`. */
  const receipts = async (count: number) => {
    await expect.poll(() => log.requests.filter((r) => r.method == 'POST').length).toBe(count);
    return log.requests.filter((r) => r.method == 'POST').map((r) => JSON.parse(r.body));
  };
  return { log, receipts, config: full, origin: site.url };
}

/** What `samtykke log notice` registers for `view` in `locale`. */
const version = (config: unknown, locale: string, view: string) => noticesFor(config, { locales: [locale] }).find((notice) => notice.view == view)!.hash;

const ui = (page: Page, action: string) => page.locator(`samtykke-ui >> [data-action="${action}"]`);

const SITE = {
  privacyPolicyUrl: '/privacy',
  categories: { analytics: { label: 'Statistics', services: { plausible: { provider: 'Plausible Insights OÜ', purpose: 'Counts visits.' } } }, marketing: {} },
  texts: { en: { 'banner.title': 'Cookies on Shop' }, da: { 'banner.title': 'Cookies i butikken' } },
};

test('Accept all in the banner: text/plain to another origin, no preflight, the version log notice computes', async ({ page }) => {
  const { log, receipts, config, origin } = await visit(page, SITE);
  await ui(page, 'accept').click();
  const [receipt] = await receipts(1);
  const post = log.requests.find((r) => r.method == 'POST')!;
  expect(post.url).toBe('/v1/receipts');
  expect(post.headers['content-type']).toBe('text/plain;charset=UTF-8');
  expect(post.headers.origin).toBe(origin);
  expect(log.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]);
  expect(receipt).toMatchObject({ v: 1, categories: { analytics: true, marketing: true }, locale: 'en' });
  expect(receipt.texts).toMatch(/^[0-9a-z]{1,13}$/);
  expect(receipt.texts).toBe(version(config, 'en', 'banner'));

  // The same visitor later, through the API: no texts.
  await page.evaluate(() => (window as any).Samtykke.rejectAll());
  const [, api] = await receipts(2);
  expect(api).toMatchObject({ id: receipt.id, categories: { analytics: false }, texts: null });
  expect(log.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]);
});

test('a choice made through the API while the banner is up carries no texts', async ({ page }) => {
  const { receipts } = await visit(page, SITE);
  await expect(ui(page, 'accept')).toBeVisible();
  await page.evaluate(() => (window as any).Samtykke.acceptAll());
  const [receipt] = await receipts(1);
  expect(receipt).toMatchObject({ categories: { analytics: true }, texts: null });
  await expect(ui(page, 'accept')).toHaveCount(0);
});

test('Save in the Danish preferences: the preferences notice in Danish, with the site’s words', async ({ page }) => {
  const { receipts, config } = await visit(page, SITE, 'da');
  await ui(page, 'preferences').click();
  const dialog = page.locator('samtykke-ui >> dialog');
  await expect(dialog.getByText('Statistics')).toBeVisible();
  await dialog.getByRole('switch', { name: 'Statistics' }).check();
  await ui(page, 'save').click();
  const [receipt] = await receipts(1);
  expect(receipt).toMatchObject({ categories: { analytics: true, marketing: false }, locale: 'da' });
  expect(receipt.texts).toBe(version(config, 'da', 'preferences'));
  expect(receipt.texts).not.toBe(version(config, 'da', 'banner'));
  expect(receipt.texts).not.toBe(version(config, 'en', 'preferences'));
});

test('the opt-out dialog and the privacy centre each send their own notice’s version', async ({ page }) => {
  const { receipts, config } = await visit(page, { ...SITE, regime: 'opt-out' });
  await page.evaluate(() => (window as any).Samtykke.showOptOut());
  await ui(page, 'opt-out').click();
  const [optOut] = await receipts(1);
  expect(optOut).toMatchObject({ optedOut: true, texts: version(config, 'en', 'opt-out') });
  await page.locator('samtykke-ui >> dialog').getByRole('button', { name: 'Close' }).click();

  await page.evaluate(() => (window as any).Samtykke.showPrivacyCentre());
  await ui(page, 'opt-out-undo').click();
  await ui(page, 'opt-out-confirm').click();
  const [, centre] = await receipts(2);
  expect(centre).toMatchObject({ optedOut: false, texts: version(config, 'en', 'privacy-centre') });
});
