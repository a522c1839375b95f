// Two open tabs of one site, in one browser: a choice made in one reaches
// the other within a second, without a reload (BroadcastChannel, or the
// storage-event fallback): its banner closes, its gates open, a withdrawal
// there deletes the cookies here, and a reset there asks here again.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { HTTPS, pageWith, serve, watchConsole } from './site';

const CONFIG = { googleAnalytics: { id: 'G-TEST123' }, privacyPolicyUrl: '/privacy' };
const GATED = `
<script type="text/plain" data-samtykke="analytics">window.__analytics = (window.__analytics || 0) + 1;</script>
<script type="text/plain" data-samtykke="!analytics">window.__refused = (window.__refused || 0) + 1;</script>`;

async function tab(context: BrowserContext) {
  const page = await context.newPage();
  const log = watchConsole(page);
  await serve(page, { '/': pageWith(CONFIG, GATED) });
  await page.goto(HTTPS + '/');
  return { page, log };
}

const banner = (page: Page) => page.locator('samtykke-ui').getByRole('region');
const state = (page: Page) =>
  page.evaluate(() => ({
    analytics: (window as any).__analytics ?? 0,
    refused: (window as any).__refused ?? 0,
    gtag: (window as any).__gtagRan ?? 0,
    decided: (window as any).Samtykke.getConsent().decided,
  }));
const WITHIN = { timeout: 1_000 };

for (const channel of ['BroadcastChannel', 'the storage event (no BroadcastChannel)'] as const) {
  test(`a choice in one tab reaches the other within a second, over ${channel}`, async ({ context }) => {
    if (channel != 'BroadcastChannel') await context.addInitScript(() => delete (window as any).BroadcastChannel);
    const one = await tab(context);
    const two = await tab(context);
    await expect(banner(one.page)).toBeVisible();
    await expect(banner(two.page)).toBeVisible();

    // Accept in tab one: tab two's banner closes, its analytics and gtag.js start.
    await banner(one.page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(two.page)).toBeHidden(WITHIN);
    await expect.poll(() => state(two.page), WITHIN).toEqual({ analytics: 1, refused: 0, gtag: 1, decided: true });
    expect(await two.page.evaluate(() => (window as any).dataLayer.filter((e: any) => e[0] == 'consent').map((e: any) => [e[1], e[2].analytics_storage]))).toEqual([
      ['default', 'denied'],
      ['update', 'granted'],
    ]);

    // Withdraw in tab two: tab one stops analytics, deletes GA's cookies, runs `!analytics`.
    expect((await context.cookies()).map((c) => c.name)).toContain('_ga');
    await two.page.evaluate(() => (window as any).Samtykke.set({ analytics: false }));
    await expect.poll(() => one.page.evaluate(() => (window as any).Samtykke.allowed('analytics')), WITHIN).toBe(false);
    await expect.poll(() => state(one.page), WITHIN).toMatchObject({ refused: 1 });
    await expect.poll(async () => (await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('_g')), WITHIN).toEqual([]);

    // Forget in tab one: tab two asks again.
    await one.page.evaluate(() => (window as any).Samtykke.reset());
    await expect(banner(two.page)).toBeVisible(WITHIN);

    for (const { log } of [one, two]) expect(log).toMatchObject({ errors: [], exceptions: [] });
  });
}

test('a tab on another subdomain sharing the cookie is not told, and catches up when it is shown', async ({ context }) => {
  const open = async (origin: string) => {
    const page = await context.newPage();
    await serve(page, { '/': pageWith({ ...CONFIG, cookie: { domain: 'shop.example' } }, GATED) });
    await page.goto(origin + '/');
    return page;
  };
  const www = await open('https://www.shop.example');
  const shop = await open(HTTPS);
  await shop.evaluate(() => (window as any).Samtykke.acceptAll());
  await www.waitForTimeout(300);
  expect((await state(www)).decided).toBe(false);
  // What the browser fires when the visitor switches back to the tab.
  await www.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => state(www), WITHIN).toEqual({ analytics: 1, refused: 0, gtag: 1, decided: true });
  await expect(banner(www)).toBeHidden();
});
