// examples/npm-esm: a notes app that imports `samtykke` as an ES module and
// bundles it with rollup (dist/examples/npm-esm/app.js and chunks/). Opt-in,
// English; analytics started through whenAllowed, a chat widget through
// loadScript, the page's own status list and log fed by on('change') and
// on('consent'). Everything through clicks, as a visitor does it; and the
// types it ships are real: the example type-checks, a wrong use does not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { cookieNames, expect, inspector, test } from '../demo';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const APP = '/dist/examples/npm-esm/app.js';
const UI_CHUNK = /^\/dist\/examples\/npm-esm\/chunks\/ui-[\w-]+\.js$/;
// English is built into the UI chunk (the banner's strings) and the dialogs
// chunk (theirs), not fetched per language.
const ENGLISH_BY_LANGUAGE = /^\/dist\/examples\/npm-esm\/chunks\/en(\.(banner|preferences|opt-out))?-[\w-]+\.js$/;
// How a language's parts are read back (src/ui/locale-parts.ts, and the
// banner's key list in locale-parts.json): shared by the UI and the US
// chunk, so rollup makes it a chunk of its own.
const PARTS_CHUNK = /^\/dist\/examples\/npm-esm\/chunks\/locale-parts(\.json)?-[\w-]+\.js$/;
const CHAT = 'widget.supportly.example';

const banner = (page: Page) => page.getByRole('region', { name: 'We value your privacy' });
const preferences = (page: Page) => page.getByRole('dialog', { name: 'Privacy preferences' });
const status = (page: Page) => page.locator('[data-status] li');
const log = (page: Page) => page.locator('[data-log] li');
const settings = (page: Page) => page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Privacy settings' });

/** Paths of the requests to the examples server, in order. */
const ownPaths = (requests: string[], baseURL: string) =>
  requests.filter((url) => new URL(url).origin == new URL(baseURL).origin).map((url) => new URL(url).pathname);

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test.describe('in the browser', () => {
  test.beforeEach(async ({ page, demo }) => {
    await page.goto('/npm-esm/');
    await expect(banner(page)).toBeVisible();
    expect(demo.unexpected).toEqual([]);
  });

  test('the app bundle is an ES module with no global, and the banner (with English) comes from a chunk fetched only when it is needed', async ({ page, demo, baseURL }) => {
    await expect(page.locator(`script[type="module"][src="${APP}"]`)).toHaveCount(1);
    expect(await page.evaluate(() => 'Samtykke' in window)).toBe(false);
    // The one consent object is under the shared symbol, which the inspector reads.
    expect(await page.evaluate(() => typeof (window as any)[Symbol.for('samtykke')]?.getConsent)).toBe('function');
    await expect(inspector(page, 'allowed')).toHaveText('necessary');
    await expect(banner(page).getByRole('button')).toHaveText(['Accept all', 'Reject all', 'Preferences']);

    const first = ownPaths(demo.requests, baseURL!);
    const fetched = first.filter((path) => path.startsWith('/dist/'));
    expect(fetched[0]).toBe(APP);
    expect(fetched.filter((path) => UI_CHUNK.test(path))).toHaveLength(1);
    expect(fetched.filter((path) => PARTS_CHUNK.test(path))).toHaveLength(1);
    // Besides those, at most the chunk rollup makes of what the UI shares
    // with the floating button's chunk (the host, the banner's English).
    expect(fetched.length).toBeLessThanOrEqual(4);
    // The banner's English is fetched once.
    const english = fetched.filter((path) => readFileSync(join(ROOT, path), 'utf8').includes('We value your privacy'));
    expect(english).toHaveLength(1);
    expect(first.filter((path) => ENGLISH_BY_LANGUAGE.test(path))).toEqual([]);

    // A returning visitor with a choice needs no banner: no UI chunk.
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(page)).toBeHidden();
    demo.requests.length = 0;
    await page.reload();
    await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics');
    await expect(log(page)).toHaveText(['Analytics started.', 'Chat widget loaded.']);
    await page.waitForTimeout(300);
    expect(ownPaths(demo.requests, baseURL!).filter((path) => UI_CHUNK.test(path))).toEqual([]);
    await expect(banner(page)).toHaveCount(0);

    // Asking for the preferences is what fetches it.
    await settings(page).click();
    await expect(preferences(page)).toBeVisible();
    expect(ownPaths(demo.requests, baseURL!).filter((path) => UI_CHUNK.test(path))).toHaveLength(1);
  });

  test('nothing is allowed, started or loaded before a choice', async ({ page, demo }) => {
    await expect(status(page)).toHaveText(['necessary: allowed', 'preferences: not allowed', 'analytics: not allowed']);
    await page.waitForTimeout(300);
    await expect(log(page)).toHaveCount(0);
    await expect(page.locator('html')).not.toHaveAttribute('data-analytics');
    expect(demo.to(CHAT)).toEqual([]);
    await expect(page.getByRole('button', { name: 'Chat with support' })).toHaveCount(0);
    expect(await cookieNames(page)).toEqual([]);
  });

  test('Accept all starts analytics and the chat; whenAllowed runs once however often the choice changes, and each choice is logged', async ({ page, demo }) => {
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(page)).toBeHidden();
    await expect(status(page)).toHaveText(['necessary: allowed', 'preferences: allowed', 'analytics: allowed']);
    await expect(log(page)).toHaveText(['Analytics started.', 'Your choice was saved.', 'Chat widget loaded.']);
    await expect(page.locator('html')).toHaveAttribute('data-analytics', 'on');
    expect(demo.to(CHAT)).toEqual([`https://${CHAT}/chat.js`]);
    await expect(page.getByRole('button', { name: 'Chat with support' })).toBeVisible();
    await expect(inspector(page, 'ran')).toHaveText('chat.js');

    // Withdraw everything from the app's own button…
    await settings(page).click();
    await preferences(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(preferences(page)).toBeHidden();
    await expect(status(page)).toHaveText(['necessary: allowed', 'preferences: not allowed', 'analytics: not allowed']);
    await expect(log(page)).toHaveText(['Analytics started.', 'Your choice was saved.', 'Chat widget loaded.', 'Your choice was saved.']);

    // …and allow it again: a choice more is logged, analytics does not start twice.
    await settings(page).click();
    await preferences(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(preferences(page)).toBeHidden();
    await expect(status(page)).toHaveText(['necessary: allowed', 'preferences: allowed', 'analytics: allowed']);
    await expect(log(page)).toHaveText([
      'Analytics started.',
      'Your choice was saved.',
      'Chat widget loaded.',
      'Your choice was saved.',
      'Your choice was saved.',
    ]);
    await page.waitForTimeout(300);
    await expect(log(page).filter({ hasText: 'Analytics started.' })).toHaveCount(1);
    expect(demo.to(CHAT)).toHaveLength(1);
  });

  test('after Accept all and a reload there is no banner, analytics starts at once and the chat loads', async ({ page, demo }) => {
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(log(page)).toContainText(['Chat widget loaded.']);
    await page.reload();
    await expect(inspector(page, 'decided')).toHaveText('true / true');
    await expect(status(page)).toHaveText(['necessary: allowed', 'preferences: allowed', 'analytics: allowed']);
    // No choice was made on this page: whenAllowed ran at once, nothing was "saved".
    await expect(log(page)).toHaveText(['Analytics started.', 'Chat widget loaded.']);
    await expect(page.locator('html')).toHaveAttribute('data-analytics', 'on');
    await expect(page.getByRole('button', { name: 'Chat with support' })).toBeVisible();
    expect(demo.to(CHAT)).toEqual([`https://${CHAT}/chat.js`, `https://${CHAT}/chat.js`]);
    await expect(banner(page)).toHaveCount(0);
  });
});

test('the published types are real: the example type-checks, and a wrong config does not', () => {
  // One compiler run (the types take seconds to check): the example's own
  // tsconfig (its options and its `samtykke` → dist/esm/index.d.ts mapping),
  // over the example's sources and a file that misuses init().
  test.setTimeout(60_000);
  const example = join(ROOT, 'examples', 'npm-esm');
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-types-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(example, 'tsconfig.json'), include: [join(example, 'src'), 'wrong.ts'] }));
    writeFileSync(join(dir, 'wrong.ts'), "import { init } from 'samtykke';\n\ninit({ regime: 'maybe' });\n");
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let run: { status: number | null; stdout: string } = { status: 0, stdout: '' };
    try {
      run.stdout = execFileSync(process.execPath, [tsc, '-p', dir, '--noEmit', '--pretty', 'false', '--listFiles'], { cwd: ROOT, encoding: 'utf8' });
    } catch (error) {
      run = error as typeof run;
    }
    const lines = run.stdout.split('\n').filter(Boolean);
    // The example and the package's declarations were checked…
    expect(lines).toEqual(expect.arrayContaining([join(example, 'src', 'app.ts'), join(example, 'src', 'view.ts'), join(ROOT, 'dist', 'esm', 'index.d.ts')]));
    // …and the one error is the wrong regime, not anything in the example.
    expect(run.status, 'tsc accepted init({ regime: "maybe" })').not.toBe(0);
    expect(lines.filter((line) => /error TS\d+/.test(line))).toEqual([
      expect.stringMatching(/wrong\.ts\(3,8\): error TS2322: Type '"maybe"' is not assignable to type '"auto" \| "opt-in" \| "opt-out" \| undefined'\.$/),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
