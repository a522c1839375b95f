// The privacy centre in two example sites, through clicks (issue 17's
// seeds): the Swedish conferencing site, whose "nearby rooms" service uses
// precise geolocation, with the Limit link in Swedish; and the Danish SaaS
// site with Google Analytics, its GDPR rights and a California section
// (know, delete, correct, the authorised agent, the opt-out, the Notice at
// Collection). The region comes in as a CDN would pass it (`?region=`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inspector, test } from '../demo';
import type { Page } from '@playwright/test';

const locale = (code: string): Record<string, string> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'locales', `${code}.json`), 'utf8'));
const SV = locale('sv');
const DA = locale('da');
const GEO = 'geo.nearby.example';
const GTM = 'www.googletagmanager.com';

const footer = (page: Page) => page.getByRole('contentinfo');

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test.describe('ccpa-ads (Swedish): precise geolocation and the Limit', () => {
  test('in California the nearby-rooms service runs until the Swedish Limit link switches it off, for good', async ({ page, demo }) => {
    await page.goto('/ccpa-ads/?region=US-CA');
    await expect(inspector(page, 'gpp')).toContainText('sections: [8]  status: ready');
    await expect.poll(() => demo.to(GEO).length).toBe(1);
    await expect(page.getByRole('complementary', { name: 'Mötesrum nära dig' })).toContainText('Nearby: 3 rooms');

    // The empty link got the statutory text in Swedish, beside the site's own "Do Not Sell" text.
    const link = footer(page).getByRole('link', { name: SV['limit.link'], exact: true });
    await expect(link).toHaveAttribute('href', '/ccpa-ads/#privacy');
    await link.click();
    const dialog = page.getByRole('dialog', { name: SV['centre.title'] });
    await dialog.getByRole('button', { name: SV['limit.button'], exact: true }).click();
    await expect(dialog.getByRole('status').filter({ hasText: SV['limit.done'] })).toBeVisible();
    // The Notice at Collection says what is sensitive and how long it is kept, in Swedish.
    await expect(dialog).toContainText(SV['notice.sensitive'].replace('{types}', SV['sensitive.precise-geolocation']));
    await expect(dialog).toContainText(SV['notice.retention'].replace('{retention}', '30 dagar'));

    const seen = demo.to(GEO).length;
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await expect(inspector(page, 'gpp')).toContainText('status: ready');
      await page.waitForTimeout(300);
      expect(demo.to(GEO).slice(seen)).toEqual([]);
      await expect(page.getByRole('complementary', { name: 'Mötesrum nära dig' })).not.toContainText('Nearby');
    }
    // The ads are a sale, not sensitive data: the Limit left them alone.
    await expect(page.getByRole('complementary', { name: 'Annons' })).toHaveText('Ad: top-banner (served by adnet)');
  });

  test('elsewhere in the US precise geolocation waits for the visitor\'s consent', async ({ page, demo }) => {
    await page.goto('/ccpa-ads/');
    await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
    await page.waitForTimeout(300);
    expect(demo.to(GEO)).toEqual([]);
    await footer(page).getByRole('link', { name: SV['centre.link'], exact: true }).click();
    const dialog = page.getByRole('dialog', { name: SV['centre.title'] });
    // The rights under US state laws, with every way in, in Swedish.
    await expect(dialog).toContainText(SV['rights.us']);
    await expect(dialog.getByRole('link', { name: 'privacy@motesrummet.example' })).toHaveAttribute('href', 'mailto:privacy@motesrummet.example');
    await expect(dialog.getByRole('link', { name: '+1-800-555-0100' })).toBeVisible();
    // Allowing it in the preferences starts the service.
    await dialog.getByRole('button', { name: SV['centre.cookies'] }).click();
    const preferences = page.getByRole('dialog', { name: SV['preferences.title'] });
    await preferences.getByRole('switch', { name: 'Plats' }).check();
    await preferences.getByRole('button', { name: SV['button.save'] }).click();
    await expect.poll(() => demo.to(GEO).length).toBe(1);
  });
});

test.describe('script-tag-ga (Danish): GDPR rights and a California section', () => {
  test('an EU visitor finds the GDPR rights in Danish, the complaint to Datatilsynet and objection apart; Google waits', async ({ page, demo }) => {
    await page.goto('/script-tag-ga/');
    const banner = page.getByRole('region', { name: DA['banner.title'] });
    await expect(banner).toContainText(DA['banner.withdraw']);
    await banner.getByRole('button', { name: DA['button.rejectAll'] }).click();
    await footer(page).getByRole('link', { name: DA['centre.link'], exact: true }).click();
    const dialog = page.getByRole('dialog', { name: DA['centre.title'] });
    await expect(dialog).toContainText(DA['rights.gdpr']);
    await expect(dialog.getByRole('list').first().getByRole('listitem')).toHaveCount(6);
    await expect(dialog.getByRole('link', { name: DA['rights.form'] }).first()).toHaveAttribute('href', '/script-tag-ga/privacy-request.html?type=access');
    await expect(dialog.getByRole('listitem').filter({ hasText: DA['rights.complaint'].split(':')[0] }).getByRole('link')).toHaveAttribute('href', 'https://www.datatilsynet.dk/');
    await expect(dialog.getByRole('region', { name: DA['object.title'] })).toContainText(DA['object.text']);
    // No US choices for an EU visitor.
    await expect(dialog.getByRole('button', { name: DA['optOut.button'], exact: true })).toHaveCount(0);
    await page.waitForTimeout(200);
    expect(demo.to(GTM)).toEqual([]);
    // Links with their own text: an EU visitor never fetches the US chunk.
    expect(demo.requests.filter((url) => url.includes('samtykke.us.min.js'))).toEqual([]);
  });

  test('a Californian (no banner: opt-out) finds know, delete, correct, the agent, the toll-free number, the opt-out and the Notice at Collection', async ({ page }) => {
    await page.goto('/script-tag-ga/?region=US-CA');
    await expect(inspector(page, 'regime')).toHaveText('opt-out');
    await expect(page.getByRole('region', { name: DA['banner.title'] })).toHaveCount(0);
    // The site's own link text (its California section is in English).
    await footer(page).getByRole('link', { name: 'Notice at Collection', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: DA['centre.title'] });
    // The Notice at Collection: analytics, not sold, kept 14 months.
    await expect(dialog).toContainText(DA['notice.retention'].replace('{retention}', '14 måneder'));
    await expect(dialog.getByRole('link', { name: DA['notice.more'] })).toHaveAttribute('href', '/script-tag-ga/#california');
    const rights = dialog.getByRole('list').first();
    await expect(rights).toContainText(DA['rights.agent'].split(':')[0]);
    await expect(rights.getByRole('link', { name: '+1-800-555-0142' })).toHaveAttribute('href', 'tel:+18005550142');
    await expect(dialog).toContainText(DA['rights.us']);
    // The opt-out: one click, no verification.
    await dialog.getByRole('button', { name: DA['optOut.button'], exact: true }).click();
    await expect(dialog.getByRole('status').filter({ hasText: DA['optOut.done'] })).toBeVisible();
    await expect(inspector(page, 'optedOut')).toHaveText('true');
  });
});
