// examples/script-tag-ga: a Danish SaaS site. Opt-in, a Danish banner, GA4
// loaded by samtykke only after consent (Consent Mode v2 basic), with IP
// masking and Google's data sharing off; a preference cookie gated by its
// service. Everything through clicks, as a visitor does it.
import { cookieNames, expect, inspector, test } from '../demo';
import type { Page } from '@playwright/test';

const GTM = 'www.googletagmanager.com';
const banner = (page: Page) => page.getByRole('region', { name: 'Vi værner om dit privatliv' });
const preferences = (page: Page) => page.getByRole('dialog', { name: 'Indstillinger for privatliv' });

test.beforeEach(async ({ page, demo }) => {
  await page.goto('/script-tag-ga/');
  await expect(banner(page)).toBeVisible();
  expect(demo.unexpected).toEqual([]);
});

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test('asks in Danish with three equal buttons, and loads nothing of Google before consent', async ({ page, demo }) => {
  const buttons = banner(page).getByRole('button');
  await expect(buttons).toHaveText(['Accepter alle', 'Afvis alle', 'Tilpas']);
  const sizes = await buttons.evaluateAll((all) => all.map((b) => `${Math.round(b.getBoundingClientRect().width)}x${Math.round(b.getBoundingClientRect().height)}`));
  expect(new Set(sizes).size).toBe(1);
  // Consent Mode's default is on the dataLayer, with everything but security denied.
  await expect(inspector(page, 'dataLayer')).toContainText('"consent","default"');
  await expect(inspector(page, 'dataLayer')).toContainText('"analytics_storage":"denied"');
  await expect(inspector(page, 'gated')).toContainText('waiting  valuta');
  await page.waitForTimeout(300);
  expect(demo.to(GTM)).toEqual([]);
  expect(await cookieNames(page)).toEqual([]);
});

test('Accept all loads GA4 with IP masking and data sharing off, and it persists across pages', async ({ page, demo }) => {
  await banner(page).getByRole('button', { name: 'Accepter alle' }).click();
  await expect(banner(page)).toBeHidden();
  await expect.poll(() => demo.to(GTM)).toEqual([`https://${GTM}/gtag/js?id=G-KVITTO2026`]);
  const config = inspector(page, 'dataLayer');
  await expect(config).toContainText('["consent","update",{"security_storage":"granted","analytics_storage":"granted"');
  await expect(config).toContainText('["config","G-KVITTO2026",{"anonymize_ip":true,"allow_google_signals":false,"allow_ad_personalization_signals":false}]');
  // No ads on this site: ad storage stays denied even after "accept all".
  await expect(config).toContainText('"ad_storage":"denied"');
  await expect.poll(() => cookieNames(page)).toEqual(['_ga', '_ga_KVITTO2026', 'samtykke']);

  // The remembered-currency preference ran, and works.
  await expect(inspector(page, 'gated')).toContainText('ran      valuta');
  await page.getByRole('button', { name: 'EUR' }).click();
  await expect.poll(() => cookieNames(page)).toContain('kvitto_valuta');

  // Another page of the site: no banner, GA loads at once.
  await page.getByRole('link', { name: 'Log ind' }).click();
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics');
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => demo.to(GTM).length).toBe(2);
});

test('Reject all keeps Google out, also after a reload, and the login cookie still works', async ({ page, demo }) => {
  await banner(page).getByRole('button', { name: 'Afvis alle' }).click();
  await expect(banner(page)).toBeHidden();
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await page.reload();
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(banner(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'EUR' }).click();
  await page.goto('/script-tag-ga/login.html');
  await page.getByLabel('E-mail').fill('kunde@example.dk');
  await page.getByLabel('Adgangskode').fill('hemmeligt');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('status')).toHaveText('Du er logget ind (demo).');
  await page.waitForTimeout(300);
  expect(demo.to(GTM)).toEqual([]);
  // Only what is necessary: the record and the session, no _ga, no currency.
  expect(await cookieNames(page)).toEqual(['kvitto_session', 'samtykke']);
});

test('Preferences: statistics only loads GA but does not remember the currency', async ({ page, demo }) => {
  await banner(page).getByRole('button', { name: 'Tilpas' }).click();
  const dialog = preferences(page);
  await expect(dialog.getByRole('switch', { name: 'Nødvendige' })).toBeDisabled();
  await expect(dialog.getByRole('switch', { name: 'Statistik' })).not.toBeChecked();
  await expect(dialog.getByRole('switch', { name: 'Præferencer' })).not.toBeChecked();
  await dialog.getByRole('switch', { name: 'Statistik' }).check();
  await dialog.getByRole('button', { name: 'Gem valg' }).click();
  await expect(inspector(page, 'allowed')).toHaveText('necessary, analytics');
  await expect.poll(() => demo.to(GTM).length).toBe(1);
  await page.getByRole('button', { name: 'EUR' }).click();
  await expect(inspector(page, 'gated')).toContainText('waiting  valuta');
  expect(await cookieNames(page)).not.toContain('kvitto_valuta');
});

test('withdrawing from the footer link deletes the Google Analytics cookies', async ({ page }) => {
  await banner(page).getByRole('button', { name: 'Accepter alle' }).click();
  await expect.poll(() => cookieNames(page)).toContain('_ga');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Cookieindstillinger' }).click();
  await preferences(page).getByRole('button', { name: 'Afvis alle' }).click();
  await expect.poll(() => cookieNames(page)).toEqual(['samtykke']);
  await expect(inspector(page, 'dataLayer')).toContainText('["consent","update",{"security_storage":"granted","analytics_storage":"denied"');
});
