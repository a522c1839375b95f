// Serves test pages and the built bundle on made-up origins through
// page.route, so the tests need no server and never reach the internet:
// every request is answered here, and anything unexpected is refused and
// recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page, type Request } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');
export const HTTPS = 'https://shop.example';
export const HTTP = 'http://shop.example';

export interface Site {
  /** Every request the page made, in order. */
  requests: string[];
  /** Bodies POSTed to the site, by path. */
  posted: Record<string, string[]>;
  /** Requests to hosts the test did not serve (each is answered 404). */
  unexpected: string[];
}

export type Pages = Record<string, string | { body: string; type?: string; headers?: Record<string, string> }>;

/**
 * Stand-ins for third-party tags, by host. Each records that it ran, and
 * gtag.js does what the real one does with cookies: writes `_ga` and
 * `_ga_<id>` on the top domain only while analytics_storage is granted.
 */
export const thirdParty: Record<string, string> = {
  'www.googletagmanager.com': `
    (function () {
      var layer = window.dataLayer || [];
      window.__gtagRan = (window.__gtagRan || 0) + 1;
      function granted() {
        var state = 'denied';
        for (var i = 0; i < layer.length; i++) {
          var e = layer[i];
          if (Object.prototype.toString.call(e) == '[object Arguments]' && e[0] == 'consent' && e[2] && e[2].analytics_storage) state = e[2].analytics_storage;
        }
        return state == 'granted';
      }
      function write() {
        if (!granted()) return;
        document.cookie = '_ga=GA1.1.1234.5678; path=/; domain=shop.example';
        document.cookie = '_ga_TEST123=GS1.1.1; path=/; domain=shop.example';
        document.cookie = '_gid=GA1.1.99; path=/';
      }
      write();
      var push = layer.push;
      layer.push = function () { var r = push.apply(layer, arguments); write(); return r; };
    })();`,
  'ads.example': `window.__adRan = (window.__adRan || []).concat(document.currentScript && document.currentScript.src);`,
};

/** \`/dist/...\` from the build; other paths from \`pages\` (the example pages have their own server: see demo.ts). */
export async function serve(page: Page, pages: Pages): Promise<Site> {
  const site: Site = { requests: [], unexpected: [], posted: {} };
  page.on('request', (request: Request) => void site.requests.push(request.url()));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const third = thirdParty[url.hostname];
    if (third) return route.fulfill({ body: third, contentType: 'text/javascript' });
    if (route.request().method() == 'POST') {
      (site.posted[url.pathname] ||= []).push(route.request().postData() ?? '');
      return route.fulfill({ status: 204, body: '' });
    }
    if (url.hostname != 'shop.example' && !url.hostname.endsWith('.shop.example')) {
      site.unexpected.push(url.href);
      return route.fulfill({ status: 404, body: '' });
    }
    if (url.pathname.startsWith('/dist/')) {
      try {
        return route.fulfill({
          body: readFileSync(join(ROOT, url.pathname)),
          contentType: 'text/javascript',
        });
      } catch {
        return route.fulfill({ status: 404, body: '' });
      }
    }
    const entry = pages[url.pathname];
    if (entry === undefined) return route.fulfill({ status: 404, body: 'not found' });
    const { body, type = 'text/html', headers = {} } = typeof entry == 'string' ? { body: entry } : entry;
    return route.fulfill({ body, contentType: type, headers });
  });
  return site;
}

/** A page that loads the production bundle with the given config block. */
export function pageWith(config: unknown, extra = '', bundle = '/dist/samtykke.min.js'): string {
  const block =
    config === undefined
      ? ''
      : `<script type="application/json" id="samtykke-config">${typeof config == 'string' ? config : JSON.stringify(config)}</script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${block}
<script src="${bundle}"></script>
</head><body><h1>Shop</h1>${extra}</body></html>`;
}

/** Console errors and uncaught exceptions, as a site owner would see them. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  const warnings: string[] = [];
  const exceptions: string[] = [];
  page.on('console', (message) => {
    if (message.type() == 'error') errors.push(message.text());
    if (message.type() == 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => void exceptions.push(String(error)));
  return { errors, warnings, exceptions };
}

/** A test whose page may log no console error and throw no uncaught
 * exception, checked after the test; `log` has what it said. */
export const checkedTest = base.extend<{ log: ReturnType<typeof watchConsole> }>({
  log: [
    async ({ page }, use) => {
      const log = watchConsole(page);
      await use(log);
      expect(log.errors, 'console errors').toEqual([]);
      expect(log.exceptions, 'uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});
