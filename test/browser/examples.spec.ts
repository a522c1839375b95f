// The example pages `npm start` serves must work as shipped.
import { expect, test } from '@playwright/test';
import { HTTPS, serve, watchConsole } from './site';

test('the basic example starts from its config block without a console error', async ({ page }) => {
  const site = await serve(page, {});
  const console = watchConsole(page);
  await page.goto(HTTPS + '/basic/');
  await expect(page.locator('.inspector')).toContainText('allowed');
  // The banner's own buttons and the page's API buttons share names.
  const banner = page.getByRole('region', { name: 'We value your privacy' });
  await banner.getByRole('button', { name: 'Accept all' }).click();
  await expect(banner).toBeHidden();
  await expect(page.locator('.inspector')).toContainText('necessary, preferences, analytics, marketing');
  await page.getByRole('main').getByRole('button', { name: 'Do not sell or share' }).click();
  await expect(page.locator('.inspector')).toContainText('necessary, preferences, analytics\n');
  expect(console.errors).toEqual([]);
  expect(console.exceptions).toEqual([]);
  expect(site.unexpected).toEqual([]);
});

test('the examples index links to every example', async ({ page }) => {
  await serve(page, {});
  await page.goto(HTTPS + '/');
  const links = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  expect(links).toContain('/basic/');
  for (const link of links) {
    const response = await page.goto(HTTPS + link);
    expect(response?.status(), link).toBe(200);
  }
});
