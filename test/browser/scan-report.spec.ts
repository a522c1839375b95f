// The HTML report of `samtykke scan` (scan/report.mjs) in Chromium, rendered
// from test/fixtures/scan-result.json and served on a made-up URL: it shows
// what the fixture says, passes axe (WCAG 2.2 AA) at desktop width, at
// 320 px and in the dark scheme, and fetches nothing but itself.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations as axe, expectReflow } from './page-a11y';
import { renderReport } from '../../scan/report.mjs';
import type { ScanResult, StateName } from '../../scan/types';

const URL = 'https://reports.example/scan.html';
const fixture: ScanResult = JSON.parse(readFileSync(new globalThis.URL('../fixtures/scan-result.json', import.meta.url), 'utf8'));

interface Opened {
  /** Every request the page made, the document included. */
  requests: string[];
  /** Console errors (a CSP violation among them) and dialogs (alert()). */
  problems: string[];
}

/** Serves the report at URL and refuses (and records) anything else. */
async function open(page: Page, result: ScanResult = fixture): Promise<Opened> {
  const opened: Opened = { requests: [], problems: [] };
  page.on('request', (request) => void opened.requests.push(request.url()));
  page.on('console', (message) => void (message.type() == 'error' && opened.problems.push(message.text())));
  page.on('dialog', (dialog) => void (opened.problems.push(`dialog: ${dialog.message()}`), dialog.dismiss()));
  await page.route('**/*', (route) =>
    route.request().url() == URL ? route.fulfill({ body: renderReport(result), contentType: 'text/html; charset=utf-8' }) : route.abort(),
  );
  await page.goto(URL);
  return opened;
}

const STATE_LABEL: Record<StateName, string> = { before: 'Before any choice', reject: 'After Reject all', accept: 'After Accept all', gpc: 'Under GPC' };

test('renders its sections, and fetches nothing but the document', async ({ page }) => {
  const { requests, problems } = await open(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consent scan of shop.example');
  for (const name of ['Summary', `Findings (${fixture.findings.length})`, 'Cookies, storage and third-party hosts', 'Timeline: when trackers fired']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/^6 violations: this site uses non-essential cookies/)).toBeVisible();
  // Three timelines (the states with a click), each an image with a name.
  await expect(page.getByRole('img', { name: /when each tracker was seen/ })).toHaveCount(3);
  await page.getByText('After Accept all: the timeline as a table').click();
  await expect(page.getByRole('table', { name: /After Accept all: when each tracker was seen/ })).toBeVisible();
  expect(requests).toEqual([URL]);
  expect(problems).toEqual([]);
});

test('the summary shows the numbers of the fixture, and there is a row per finding', async ({ page }) => {
  await open(page);
  const summary = page.getByRole('table', { name: 'Items seen per state' });
  await expect(summary).toBeVisible();
  const headers = await summary.locator('thead th').allTextContents();
  expect(headers).toEqual(['State', 'Cookies', 'Storage keys', 'Third-party hosts', 'Non-essential']);
  const states = Object.keys(fixture.summary.states) as StateName[];
  await expect(summary.locator('tbody tr')).toHaveCount(states.length);
  for (const state of states) {
    const counts = fixture.summary.states[state]!;
    const row = summary.getByRole('row', { name: STATE_LABEL[state] });
    await expect(row.getByRole('cell')).toHaveText([counts.cookies, counts.storage, counts.requests, counts.nonessential].map(String));
  }
  for (const [severity, n] of Object.entries(fixture.summary.findings)) {
    await expect(page.getByRole('banner').locator(`[data-severity-count="${severity}"] .badge-n`)).toHaveText(String(n));
  }
  const findings = page.getByRole('region', { name: /^Findings/ });
  await expect(findings.locator('tbody tr')).toHaveCount(fixture.findings.length);
  // The first row is a violation's, the last an info's.
  await expect(findings.locator('tbody tr').first()).toHaveAttribute('data-severity', 'violation');
  await expect(findings.locator('tbody tr').last()).toHaveAttribute('data-severity', 'info');
});

test('no axe violations at desktop width', async ({ page }) => {
  await open(page);
  // Open the timelines' tables too, so axe checks them.
  for (const summary of await page.locator('details > summary').all()) await summary.click();
  await axe(page, 'desktop');
});

test('at 320 px: no axe violations, no sideways page scroll, and a wide table scrolls from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await open(page);
  await axe(page, '320 px');
  await expectReflow(page, 'Cookies (table, scrolls sideways)');
});

test('no axe violations in the dark scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page);
  await axe(page, 'dark');
});

test('hostile values from a scanned site stay text: nothing runs, nothing loads', async ({ page }) => {
  const hostile: ScanResult = JSON.parse(JSON.stringify(fixture));
  const XSS = `</script><img src=https://evil.example/x onerror=alert(1)><script>alert(2)</script>`;
  hostile.site.site = XSS;
  hostile.items[0].name = `"><svg onload=alert(3)>${XSS}`;
  hostile.findings[0].script = `javascript:alert(4)`;
  hostile.findings[1].message = XSS;
  const { requests, problems } = await open(page, hostile);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(XSS);
  await expect(page.locator('img, script, svg[onload]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.getByText('javascript:alert(4)')).toBeVisible();
  expect(requests).toEqual([URL]);
  expect(problems).toEqual([]);
});
