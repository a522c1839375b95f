import { test, expect } from '@playwright/test';
import { serve, pageWith, HTTPS, watchConsole } from './site';

const CONFIG = {
  privacyPolicyUrl: '/privacy',
  googleAnalytics: { id: 'G-TEST123' },
  categories: {
    preferences: { services: { chat: { name: 'Support chat', provider: 'Chatly AS', purpose: 'Live support', cookies: [{ name: 'chatly_id', lifetime: '1 year', party: 'third' }] } } },
    analytics: {},
    marketing: {},
  },
};

for (const layout of ['bar', 'box', 'modal', 'bar-top']) {
  test(`shot ${layout}`, async ({ page }) => {
    const log = watchConsole(page);
    await serve(page, { '/': pageWith({ ...CONFIG, layout }, '<p>Content</p>'.repeat(30)) });
    await page.goto(HTTPS + '/');
    await expect(page.getByRole('button', { name: 'Accept all' })).toBeVisible();
    await page.screenshot({ path: `test-results/shot-${layout}.png` });
    await page.getByRole('button', { name: 'Preferences' }).click();
    await expect(page.getByRole('dialog', { name: 'Privacy preferences' })).toBeVisible();
    await page.getByText('Services and cookies').first().click();
    await page.screenshot({ path: `test-results/shot-${layout}-prefs.png` });
    console.log(log);
  });
}
