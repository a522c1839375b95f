// The consent log's dashboard (log/dashboard.mjs, served by log/server.mjs
// over the in-memory fake store) in Chromium: the login form sets the
// session, the dashboard passes axe (WCAG 2.2 AA) at desktop width, at
// 320 px and in the dark scheme, a consent id can be looked up, and the
// page loads nothing but itself and its stylesheet, with no CSP violation.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations as axe, expectReflow } from './page-a11y';
import { createLogServer } from '../../log/server.mjs';
import type { Received } from '../../log/types';
import { createFakeStore } from '../unit/log-fake-store';

const TOKEN = 'browser-test-token-0123456789abcdef';
const NOW = new Date('2026-01-20T12:00:00.000Z');
const LOOKUP_ID = 'LookMeUp_0123456789abc';

let base: string;
let server: ReturnType<typeof createLogServer>;

test.beforeAll(async () => {
  const store = createFakeStore();
  // Two weeks of receipts in both regimes, one hostile category name among them.
  const batch: Received[] = [];
  for (let day = 0; day < 14; day++) {
    for (let i = 0; i < 6; i++) {
      const regime = i % 3 == 0 ? 'opt-out' : 'opt-in';
      const id = i == 0 && day == 3 ? LOOKUP_ID : `d${String(day).padStart(2, '0')}i${String(i).padStart(2, '0')}${'x'.repeat(16)}`;
      batch.push({
        receipt: {
          v: 1, id, time: new Date(NOW.getTime() - (13 - day) * 86_400_000).toISOString(), revision: 2, regime,
          categories: { necessary: true, analytics: (day + i) % 2 == 0, marketing: i % 4 == 0, '<b>x</b>': i == 1 },
          services: { ga4: (day + i) % 2 == 0 }, optedOut: regime == 'opt-out' && i % 2 == 1, gpc: i == 5, limited: false,
          locale: 'da', texts: 'v1', page: 'https://shop.example/pricing',
        },
        receivedAt: new Date(NOW.getTime() - (13 - day) * 86_400_000),
        ip: '203.0.113.0', userAgent: 'Mozilla/5.0', origin: 'https://shop.example', originAllowed: true,
      });
    }
  }
  await store.insertBatch(batch);
  await store.checkpoint();
  server = createLogServer({ store, token: TOKEN, now: () => NOW, retentionMonths: null, log: () => {} });
  base = await server.listen(0);
});

test.afterAll(() => server.close(100));

interface Opened {
  requests: string[];
  problems: string[];
}

/** Logs in through the form and lands on the dashboard. */
async function open(page: Page, path = '/'): Promise<Opened> {
  const opened: Opened = { requests: [], problems: [] };
  page.on('request', (request) => void opened.requests.push(new URL(request.url()).pathname));
  page.on('console', (message) => void (message.type() == 'error' && opened.problems.push(message.text())));
  await page.goto(`${base}/`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consent log' })).toBeVisible();
  if (path != '/') await page.goto(`${base}${path}`);
  return opened;
}

test('the login form opens the dashboard; a wrong token is said so, next to the field', async ({ page }) => {
  await page.goto(`${base}/`);
  await page.getByLabel('Admin token').fill('not-the-token');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Admin token')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('That is not the admin token.')).toBeVisible();
  await axe(page, 'login with an error');
  const { requests, problems } = await open(page);
  for (const name of ['Summary', 'Opt-ins and opt-outs per day: opt-in regime', 'Opt-ins and opt-outs per day: opt-out regime', 'Acceptance per category', 'Look up a consent id']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('img', { name: 'Opt-in and opt-out rates per day, opt-in regime' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Receipts per day (UTC), opt-in regime' }).locator('tbody tr')).toHaveCount(14);
  await expect(page.getByRole('cell', { name: '<b>x</b>' }).or(page.getByRole('rowheader', { name: '<b>x</b>' }))).toBeVisible();
  // Nothing but the pages and the stylesheet; no CSP violation, no script.
  expect(new Set(requests)).toEqual(new Set(['/', '/login', '/dashboard.css']));
  expect(problems).toEqual([]);
  await expect(page.locator('script')).toHaveCount(0);
  // The export link downloads with the session.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('samtykke-log-2026-01-20.csv');
  expect(await download.failure()).toBeNull();
});

test('looks up a consent id: its history and the checkpoint that covers it', async ({ page }) => {
  await open(page);
  await page.getByRole('textbox', { name: 'Consent id' }).fill(LOOKUP_ID);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(`History of ${LOOKUP_ID}`);
  await expect(page.getByRole('table', { name: '1 receipt, oldest first' })).toBeVisible();
  await expect(page.getByText(/^Covered by signed checkpoint 1/)).toBeVisible();
  await axe(page, 'lookup');
});

test('no axe violations at desktop width', async ({ page }) => {
  await open(page, `/?id=${LOOKUP_ID}`);
  await axe(page, 'desktop');
});

test('at 320 px: no axe violations, no sideways page scroll, wide tables scroll in their own box', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await open(page, `/?id=${LOOKUP_ID}`);
  await axe(page, '320 px');
  await expectReflow(page, '1 receipt, oldest first');
});

test('no axe violations in the dark scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, `/?id=${LOOKUP_ID}`);
  await axe(page, 'dark');
});

test('logging out ends the session', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByLabel('Admin token')).toBeVisible();
  await page.goto(`${base}/`);
  await expect(page.getByLabel('Admin token')).toBeVisible();
});
