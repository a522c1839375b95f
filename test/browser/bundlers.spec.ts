// Every bundler splits samtykke's languages with no config: a small app that
// imports samtykke from the packed tarball (bench/bundled-app.mjs, as a user
// installs it) is built by Vite, webpack and esbuild, and served by Vite's
// dev server too. Each shows the banner in English by default, in Danish for
// <html lang="da"> (and the Danish preferences dialog, whose strings are a
// second file), and in Arabic, right to left, for <html lang="ar">; no file
// it asks for is missing. (Before the languages were literal imports, Vite
// left the template-literal import alone: Danish visitors got a 404 and
// English.) The app is installed and built once per worker, in a temp dir
// removed afterwards; the tests of this file run in order in one worker.
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLERS, makeApp, serve, viteDev, type Served } from '../../bench/bundled-app.mjs';

const strings = (code: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../locales/${code}.json`, import.meta.url), 'utf8'));
const GTAG_STUB = readFileSync(new URL('../../examples/stand-ins/gtag.js', import.meta.url));

const TARGETS = [...BUNDLERS.map(({ id, name, version }) => ({ id, title: `${name} ${version} build` })), { id: 'vite-dev', title: 'Vite dev server' }];

const test = base.extend<{ visit: (url: string) => Promise<string[]> }, { apps: Record<string, string> }>({
  apps: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(new URL('../../dist/esm/index.js', import.meta.url))) throw new Error('No dist/esm: run `npm run build` first.');
      const tmp = mkdtempSync(join(tmpdir(), 'samtykke-bundlers-test-'));
      const servers: Served[] = [];
      try {
        const app = makeApp(tmp);
        const urls: Record<string, string> = {};
        for (const bundler of BUNDLERS) {
          const out = join(tmp, 'out', bundler.id);
          await bundler.build(app, out, join(tmp, `${bundler.id}-cache`));
          servers.push(await serve(out));
          urls[bundler.id] = servers.at(-1)!.url;
        }
        servers.push(await viteDev(app, join(tmp, 'vite-dev-cache')));
        urls['vite-dev'] = servers.at(-1)!.url;
        await use(urls);
      } finally {
        for (const server of servers) await server.close();
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  /** Opens `url` with the internet answered locally (gtag.js) or refused;
   * resolves with the same-origin files that were missing (404). */
  visit: async ({ page }, use) => {
    await page.context().route(
      (url) => url.hostname != '127.0.0.1',
      (route) => (route.request().url().startsWith('https://www.googletagmanager.com/') ? route.fulfill({ body: GTAG_STUB, contentType: 'text/javascript' }) : route.abort()),
    );
    const missing: string[] = [];
    page.on('response', (response) => void (response.status() >= 400 && !response.url().endsWith('/favicon.ico') && missing.push(response.url())));
    await use(async (url) => {
      await page.goto(url);
      return missing;
    });
  },
});

test.describe.configure({ mode: 'default' });

const host = (page: Page) => page.locator('samtykke-ui');
const banner = (page: Page, code: string) => page.getByRole('region', { name: strings(code)['banner.title'] });

for (const { id, title } of TARGETS) {
  test.describe(title, () => {
    test('shows the English banner by default', async ({ apps, visit, page }) => {
      const missing = await visit(apps[id]);
      await expect(banner(page, 'en')).toBeVisible({ timeout: 15_000 });
      await expect(host(page)).toHaveAttribute('lang', 'en');
      expect(missing).toEqual([]);
    });

    test('speaks Danish to <html lang="da">, in the banner and in the preferences dialog', async ({ apps, visit, page }) => {
      const da = strings('da');
      const missing = await visit(`${apps[id]}?lang=da`);
      await expect(banner(page, 'da')).toBeVisible({ timeout: 15_000 });
      await expect(host(page)).toHaveAttribute('lang', 'da');
      await banner(page, 'da').getByRole('button', { name: da['button.preferences'], exact: true }).click();
      // Its strings are the second Danish file (da.preferences.js).
      const dialog = page.getByRole('dialog', { name: da['preferences.title'] });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('heading', { name: da['category.analytics'], exact: true })).toBeVisible();
      await expect(dialog.getByRole('button', { name: da['button.save'], exact: true })).toBeVisible();
      expect(missing).toEqual([]);
    });

    test('speaks Arabic, right to left, to <html lang="ar">', async ({ apps, visit, page }) => {
      const missing = await visit(`${apps[id]}?lang=ar`);
      await expect(banner(page, 'ar')).toBeVisible({ timeout: 15_000 });
      await expect(host(page)).toHaveAttribute('lang', 'ar');
      await expect(host(page)).toHaveAttribute('dir', 'rtl');
      expect(await banner(page, 'ar').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      expect(missing).toEqual([]);
    });
  });
}
