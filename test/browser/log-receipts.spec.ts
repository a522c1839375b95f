// The example sites, with `receipts.url` pointed at a running consent log
// (`samtykke log serve`, PGlite, on another origin), send their receipts
// from real clicks in Chromium: every decision arrives, stored once and
// chained, with the config's revision and the version of the texts the
// visitor chose on, which `samtykke log notice` registered beforehand from
// the same config, so the log's history shows the words themselves.
import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standIn } from '../../scripts/server.mjs';
import { noticesFor } from '../../log/notice.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = 'browser-log-token-0123456789abcdef';
const BLOCK = /(<script type="application\/json" id="samtykke-config">)([\s\S]*?)(<\/script>)/;

test.describe.configure({ mode: 'serial' });
test.use({ timezoneId: 'UTC' });

let log: { url: string; child: ChildProcess; dir: string };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-log-browser-'));
  const origin = new URL(process.env.SAMTYKKE_EXAMPLES_URL!).origin;
  const child = spawn(process.execPath, [join(ROOT, 'bin/samtykke.js'), 'log', 'serve', '--port', '0', '--db', dir, '--origins', origin], {
    env: { ...process.env, SAMTYKKE_LOG_TOKEN: TOKEN, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const seen = (chunk: Buffer) => {
      text += chunk;
      const match = /receipts to (http:\/\/[^\s]+)\/v1\/receipts/.exec(text);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`samtykke log serve exited ${code}: ${text}`)));
  });
  log = { url, child, dir };
});

test.afterAll(() => {
  log?.child.kill('SIGTERM');
  if (log) rmSync(log.dir, { recursive: true, force: true });
});

const admin = (path: string, init: RequestInit = {}) => fetch(`${log.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });

/** The example's config, as its page holds it (its {{region}} as the server fills it). */
function configOf(example: string, region?: string) {
  const html = readFileSync(join(ROOT, 'examples', example, 'index.html'), 'utf8');
  const json = BLOCK.exec(html)![2].replace(/"region":\s*"\{\{region\}\}",?\s*/, region ? `"region": "${region}",` : '');
  return JSON.parse(json);
}

/** Opens the example with receipts.url pointing at the log; other hosts get the examples' stand-ins. */
async function open(page: Page, path: string) {
  // The page comes through page.route (to add receipts.url), which Chromium
  // cannot place in an address space, so it counts as public and asks
  // before reaching loopback (Local Network Access). A real site on a
  // public host reaching a log on another public host asks nothing.
  await page.context().grantPermissions(['local-network-access']);
  const examples = new URL(process.env.SAMTYKKE_EXAMPLES_URL!);
  const logHost = new URL(log.url).host;
  await page.context().route(
    (url) => url.host != examples.host && url.host != logHost && /^https?:$/.test(url.protocol),
    (route) => {
      const found = standIn(route.request().url());
      return found ? route.fulfill({ body: readFileSync(found.path), contentType: found.type }) : route.fulfill({ status: 404, body: '' });
    },
  );
  await page.route(new URL(path, examples).href, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(BLOCK, (_, open, json, close) => {
      const config = JSON.parse(json);
      config.receipts = { url: `${log.url}/v1/receipts` };
      return open + JSON.stringify(config) + close;
    });
    await route.fulfill({ response, body: html });
  });
  await page.goto(new URL(path, examples).href);
}

/** The log's history of this browser's consent id, once it holds `count` rows. */
async function historyOf(page: Page, count: number) {
  const id = await page.evaluate(() => (window as any).Samtykke.getConsent().id);
  expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  let history: any;
  await expect
    .poll(async () => {
      history = await admin(`/v1/consents/${id}`).then((r) => (r.ok ? r.json() : { rows: [] }));
      return history.rows.length;
    }, { timeout: 15_000 })
    .toBe(count);
  return history;
}

const EXAMPLES = [
  { example: 'basic', path: '/basic/', locale: 'en' },
  { example: 'script-tag-ga', path: '/script-tag-ga/?region=DK', region: 'DK', locale: 'da' },
  { example: 'support-widget', path: '/support-widget/', locale: 'nb' },
  { example: 'auto-regime', path: '/auto-regime/?region=DK', region: 'DK', locale: 'en' },
];

for (const { example, path, region, locale } of EXAMPLES) {
  test(`${example}: Accept all, then Reject all from the preferences, both arrive with the revision and the texts shown`, async ({ page }) => {
    const config = configOf(example, region);
    // What `samtykke log notice` registers for this site.
    const notices = noticesFor(config, { locales: [locale] });
    for (const { hash, revision, locale: language, texts } of notices) {
      const response = await admin('/v1/notices', { method: 'POST', body: JSON.stringify({ hash, revision, locale: language, texts }), headers: { 'content-type': 'application/json' } });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    }
    await open(page, path);
    await page.locator('samtykke-ui [data-action="accept"]').click();
    const first = await historyOf(page, 1);
    const [accepted] = first.rows;
    expect(accepted.receipt).toMatchObject({ v: 1, revision: config.revision ?? 0, regime: 'opt-in', optedOut: false });
    expect(Object.values(accepted.receipt.categories).every(Boolean)).toBe(true);
    const banner = notices.find((n: any) => n.view == 'banner');
    expect(accepted.receipt.texts).toBe(banner!.hash);
    // The log shows the words that version stands for.
    expect(first.notices[banner!.hash]).toMatchObject({ locale, texts: banner!.texts });
    expect(accepted.originAllowed).toBe(true);

    // A second decision, from the preferences: chained after the first.
    await page.evaluate(() => (window as any).Samtykke.showPreferences());
    await page.locator('samtykke-ui [data-action="reject"]').last().click();
    const second = await historyOf(page, 2);
    const rejected = second.rows[1];
    expect(Object.entries(rejected.receipt.categories).filter(([, on]) => on).map(([id]) => id)).toEqual(['necessary']);
    expect(rejected.receipt.texts).toBe(notices.find((n: any) => n.view == 'preferences')!.hash);
    expect(rejected.seq).toBeGreaterThan(accepted.seq);
  });
}

test('ccpa-ads, as a Californian: the opt-out from the footer link arrives, with the Swedish opt-out dialog\'s texts', async ({ page }) => {
  const config = configOf('ccpa-ads', 'US-CA');
  await open(page, '/ccpa-ads/?region=US-CA');
  await page.locator('[data-samtykke-link="do-not-sell"]').first().click();
  await page.locator('samtykke-ui [data-action="opt-out"]').click();
  const { rows } = await historyOf(page, 1);
  expect(rows[0].receipt).toMatchObject({ regime: 'opt-out', optedOut: true, revision: config.revision ?? 0 });
  const locale = 'sv'; // the page's <html lang>
  const optOut = noticesFor(config, { locales: [locale] }).find((n: any) => n.view == 'opt-out');
  expect(rows[0].receipt.texts).toBe(optOut!.hash);
});

test('the log holds every decision once, in one chain that verifies', async () => {
  const verified = await admin('/v1/verify').then((r) => r.json());
  expect(verified).toMatchObject({ ok: true, first: 1, last: EXAMPLES.length * 2 + 1, checked: EXAMPLES.length * 2 + 1 });
});
