// The fixture for tests of the example pages. The pages come from the real
// examples server (started in global-setup.ts); every request to another
// host is answered here, by the same stand-ins the offline demo uses, so
// the tests never reach the internet. Requests and console output are
// recorded, so a test can say what the visitor's browser did.
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { standIn } from '../../scripts/server.mjs';
import { watchConsole } from './site';

export interface Demo {
  /** Every URL the page (and its frames) asked for, in order. */
  requests: string[];
  /** Third-party URLs with no stand-in (answered 404): should stay empty. */
  unexpected: string[];
  /** Console errors, warnings and uncaught exceptions. */
  errors: string[];
  warnings: string[];
  exceptions: string[];
  /** Requests to `host` so far. */
  to(host: string): string[];
}

export const test = base.extend<{ demo: Demo }>({
  baseURL: async ({}, use) => {
    const url = process.env.SAMTYKKE_EXAMPLES_URL;
    if (!url) throw new Error('SAMTYKKE_EXAMPLES_URL is not set: run the browser tests through playwright.config.ts, whose global setup starts the examples server.');
    await use(url);
  },
  demo: async ({ page, baseURL }, use) => {
    const own = new URL(baseURL!).host;
    const demo: Demo = {
      requests: [],
      unexpected: [],
      ...watchConsole(page),
      to: (host) => demo.requests.filter((url) => new URL(url).hostname == host),
    };
    page.on('request', (request) => void demo.requests.push(request.url()));
    await page.context().route(
      (url) => url.host != own && /^https?:$/.test(url.protocol),
      async (route) => {
        const found = standIn(route.request().url());
        if (!found) {
          demo.unexpected.push(route.request().url());
          return route.fulfill({ status: 404, body: '' });
        }
        return route.fulfill({ body: readFileSync(found.path), contentType: found.type });
      },
    );
    await use(demo);
  },
});

export { expect };

/** The inspector's value for one field (see examples/inspector.js). */
export function inspector(page: Page, field: string) {
  return page.getByRole('complementary', { name: 'samtykke inspector' }).locator(`[data-field="${field}"]`);
}

/** Cookie names in the browser now. */
export async function cookieNames(page: Page): Promise<string[]> {
  return (await page.context().cookies()).map((cookie) => cookie.name).sort();
}
