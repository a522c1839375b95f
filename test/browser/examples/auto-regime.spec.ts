// examples/auto-regime: an outdoor shop with one page for two laws.
// "regime": "auto" picks the law from the region the server writes in from
// CloudFront's geo headers (or ?region=, which wins): a Dane is asked first
// (opt-in), a Californian gets analytics and ads until they opt out of the
// sale (opt-out), and a visitor from nowhere known falls back to
// defaultRegime, opt-in. Everything through the headers a CDN would send and
// through clicks, as a visitor does it.
import { cookieNames, expect, inspector, test } from '../demo';
import type { Page } from '@playwright/test';

const GTM = 'www.googletagmanager.com';
const ADS = 'ads.adnet.example';
const GA_TAG = `https://${GTM}/gtag/js?id=G-TRAILHEAD1`;
const AD_TAG = `https://${ADS}/tag.js`;
const UI_CHUNK = '/dist/samtykke.ui.min.js';
const DNS = 'Do Not Sell or Share My Personal Information';
const NOT_DONE = 'You have not opted out of the sale and sharing of your personal information.';
const DONE = 'You have opted out of the sale and sharing of your personal information on this browser.';

/** What CloudFront adds to the request of a visitor from there. */
const DENMARK = { 'CloudFront-Viewer-Country': 'DK' };
const CALIFORNIA = { 'CloudFront-Viewer-Country': 'US', 'CloudFront-Viewer-Country-Region': 'CA' };

/** GPP for a visitor no US law covers: the empty string, section -1 ("none applies"). */
const GPP_NONE = 'DBAA\nsections: [-1]  status: ready';

const banner = (page: Page) => page.getByRole('region', { name: 'We value your privacy' });
const optOutDialog = (page: Page) => page.getByRole('dialog', { name: DNS });
const privacyChoices = (page: Page) => page.getByRole('contentinfo').getByRole('link', { name: 'Your Privacy Choices' });
const visitingAs = (page: Page) => page.getByRole('main').getByText('You are visiting as:');
const advertisement = (page: Page) => page.getByRole('complementary', { name: 'Advertisement' });
const visitorLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Visitor' }).getByRole('link', { name });

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test('a Danish visitor (CloudFront-Viewer-Country: DK) is asked first, and nothing of Google or the ad network loads before consent', async ({ page, demo }) => {
  await page.setExtraHTTPHeaders(DENMARK);
  await page.goto('/auto-regime/');
  await expect(visitingAs(page)).toHaveText('You are visiting as: DK. The regime in force is shown in the inspector. Each visitor keeps their own choice; clear the cookie ("Forget my choice") before switching.');
  await expect(banner(page)).toBeVisible();
  await expect(banner(page).getByRole('button')).toHaveText(['Accept all', 'Reject all', 'Preferences']);
  await expect(inspector(page, 'regime')).toHaveText('opt-in');
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(inspector(page, 'decided')).toHaveText('false / false');
  await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  script ${AD_TAG}`);
  await expect(inspector(page, 'dataLayer')).toContainText('"analytics_storage":"denied","ad_storage":"denied"');
  // No US law applies to a Dane. __gpp answers with the empty GPP string and
  // applicableSections [-1], GPP's "no section applies" (not [] nor [2]: the
  // EU TCF is not part of samtykke); __uspapi with "1---", "CCPA does not apply".
  await expect(inspector(page, 'gpp')).toHaveText(GPP_NONE);
  await expect(inspector(page, 'usp')).toHaveText('1---');
  await page.waitForTimeout(300);
  expect(demo.to(GTM)).toEqual([]);
  expect(demo.to(ADS)).toEqual([]);
  await expect(advertisement(page)).toHaveText('Advertisement');
  expect(await cookieNames(page)).toEqual([]);

  // The consent is what held them back: Accept all lets both run.
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(banner(page)).toBeHidden();
  await expect.poll(() => demo.to(GTM)).toEqual([GA_TAG]);
  await expect.poll(() => demo.to(ADS)).toEqual([AD_TAG]);
  await expect(advertisement(page)).toHaveText('Ad: sidebar (served by adnet)');
  await expect.poll(() => cookieNames(page)).toEqual(['_ga', '_ga_TRAILHEAD1', 'adnet_uid', 'samtykke']);
  // Still no US law: the signals do not change with the consent.
  await expect(inspector(page, 'gpp')).toHaveText(GPP_NONE);
  await expect(inspector(page, 'usp')).toHaveText('1---');
});

test('a Californian (CloudFront-Viewer-Country US, -Region CA) is not stopped by a banner: GA and the ad run, GPP has section 8 (usca), US Privacy 1YNN', async ({ page, demo }) => {
  await page.setExtraHTTPHeaders(CALIFORNIA);
  await page.goto('/auto-regime/');
  await expect(visitingAs(page)).toContainText('You are visiting as: US-CA.');
  await expect(inspector(page, 'regime')).toHaveText('opt-out');
  await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics, marketing');
  await expect.poll(() => demo.to(GTM)).toEqual([GA_TAG]);
  await expect.poll(() => demo.to(ADS)).toEqual([AD_TAG]);
  await expect(advertisement(page)).toHaveText('Ad: sidebar (served by adnet)');
  // Both are async: either may run first.
  await expect(inspector(page, 'ran')).toHaveText(/^(gtag\.js, ads\.js|ads\.js, gtag\.js)$/);
  await expect(inspector(page, 'dataLayer')).toContainText('"analytics_storage":"granted","ad_storage":"granted"');
  await expect(inspector(page, 'gpp')).toContainText('sections: [8]  status: ready');
  await expect(inspector(page, 'usp')).toHaveText('1YNN');
  await expect.poll(() => cookieNames(page)).toEqual(['_ga', '_ga_TRAILHEAD1', 'adnet_uid', 'usprivacy']);
  // Nothing asks: no banner, no dialog, not even the UI chunk is fetched.
  await page.waitForTimeout(300);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(demo.requests.filter((url) => new URL(url).pathname == UI_CHUNK)).toEqual([]);
  await expect(inspector(page, 'decided')).toHaveText('false / false');
  // The statutory link, with the CPPA's icon, written into the empty footer link.
  await expect(privacyChoices(page)).toHaveText('Your Privacy Choices');
  await expect(privacyChoices(page).getByRole('img', { name: 'California Consumer Privacy Act (CCPA) Opt-Out Icon' })).toBeVisible();
});

test('a Californian who opts out through "Your Privacy Choices" gets US Privacy 1YYN, and after a reload the ad stays off while GA (analytics, not a sale) still runs', async ({ page, demo }) => {
  await page.setExtraHTTPHeaders(CALIFORNIA);
  await page.goto('/auto-regime/');
  await expect(advertisement(page)).toHaveText('Ad: sidebar (served by adnet)');
  await expect.poll(() => cookieNames(page)).toContain('adnet_uid');

  await privacyChoices(page).click();
  const dialog = optOutDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(NOT_DONE);
  await dialog.getByRole('button', { name: 'Opt out', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(DONE);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(inspector(page, 'gpp')).toContainText('sections: [8]  status: ready');
  // Only marketing is a sale: analytics stays allowed, and only the ad
  // network's declared cookie goes.
  await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences, analytics');
  await expect(inspector(page, 'dataLayer')).toContainText('["consent","update",{"security_storage":"granted","analytics_storage":"granted","ad_storage":"denied"');
  await expect.poll(() => cookieNames(page)).toEqual(['_ga', '_ga_TRAILHEAD1', 'samtykke', 'usprivacy']);

  // The next page view: GA loads again, the ad tag is never fetched.
  await page.reload();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect.poll(() => demo.to(GTM)).toEqual([GA_TAG, GA_TAG]);
  await expect(inspector(page, 'ran')).toHaveText('gtag.js');
  await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  script ${AD_TAG}`);
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(inspector(page, 'dataLayer')).toContainText('["consent","default",{"security_storage":"granted","analytics_storage":"granted","ad_storage":"denied"');
  await page.waitForTimeout(300);
  expect(demo.to(ADS)).toEqual([AD_TAG]);
  await expect(advertisement(page)).toHaveText('Advertisement');
  expect(await cookieNames(page)).not.toContain('adnet_uid');
});

test('with no geo header and no ?region= the page falls back to defaultRegime opt-in ("unknown"), and the visitor links switch the region', async ({ page, demo }) => {
  const response = await page.goto('/auto-regime/');
  expect(await response!.text()).not.toContain('"region"');
  await expect(visitingAs(page)).toContainText('You are visiting as: unknown.');
  await expect(banner(page)).toBeVisible();
  await expect(inspector(page, 'regime')).toHaveText('opt-in');
  await expect(inspector(page, 'gpp')).toHaveText(GPP_NONE);
  await expect(inspector(page, 'usp')).toHaveText('1---');

  await visitorLink(page, 'Visit as a Danish visitor').click();
  await expect(page).toHaveURL(/\/auto-regime\/\?region=DK$/);
  await expect(visitingAs(page)).toContainText('You are visiting as: DK.');
  await expect(banner(page)).toBeVisible();
  await expect(inspector(page, 'regime')).toHaveText('opt-in');
  await page.waitForTimeout(300);
  expect(demo.to(GTM)).toEqual([]);
  expect(demo.to(ADS)).toEqual([]);

  await visitorLink(page, 'Visit as a Californian').click();
  await expect(page).toHaveURL(/\/auto-regime\/\?region=US-CA$/);
  await expect(visitingAs(page)).toContainText('You are visiting as: US-CA.');
  await expect(inspector(page, 'regime')).toHaveText('opt-out');
  await expect(inspector(page, 'gpp')).toContainText('sections: [8]  status: ready');
  await expect(inspector(page, 'usp')).toHaveText('1YNN');
  await expect(advertisement(page)).toHaveText('Ad: sidebar (served by adnet)');
  await expect(banner(page)).toHaveCount(0);

  // Texas: a US state law other than California's, so GPP's national section (7, usnat).
  await visitorLink(page, 'Visit as a Texan').click();
  await expect(page).toHaveURL(/\/auto-regime\/\?region=US-TX$/);
  await expect(visitingAs(page)).toContainText('You are visiting as: US-TX.');
  await expect(inspector(page, 'regime')).toHaveText('opt-out');
  await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
  await expect(advertisement(page)).toHaveText('Ad: sidebar (served by adnet)');
  await expect(banner(page)).toHaveCount(0);
});

test('?region= wins over the CDN header: a Dane by CloudFront who clicks "Visit as a Californian" is treated as a Californian', async ({ page, demo }) => {
  await page.setExtraHTTPHeaders(DENMARK);
  await page.goto('/auto-regime/');
  await expect(banner(page)).toBeVisible();
  await expect(inspector(page, 'regime')).toHaveText('opt-in');

  await visitorLink(page, 'Visit as a Californian').click();
  await expect(page).toHaveURL(/\?region=US-CA$/);
  await expect(visitingAs(page)).toContainText('You are visiting as: US-CA.');
  await expect(inspector(page, 'regime')).toHaveText('opt-out');
  await expect(inspector(page, 'gpp')).toContainText('sections: [8]  status: ready');
  await expect.poll(() => demo.to(ADS)).toEqual([AD_TAG]);
  await expect(banner(page)).toHaveCount(0);
});

test('the server varies the page by the CloudFront headers and says so in Vary, so no cache hands one visitor\'s regime to another', async ({ page }) => {
  const response = await page.goto('/auto-regime/');
  const vary = (response!.headers()['vary'] ?? '').split(',').map((name) => name.trim().toLowerCase());
  expect(vary).toEqual(expect.arrayContaining(['cloudfront-viewer-country', 'cloudfront-viewer-country-region']));

  // The same URL, three visitors, three pages.
  const as = async (headers: Record<string, string>) => {
    const answer = await page.request.get('/auto-regime/', { headers });
    expect(answer.status()).toBe(200);
    expect(answer.headers()['vary']).toBe(response!.headers()['vary']);
    return answer.text();
  };
  const dane = await as(DENMARK);
  const californian = await as(CALIFORNIA);
  const nobody = await as({});
  expect(dane).toContain('"region": "DK"');
  expect(dane).toContain('<strong data-region>DK</strong>');
  expect(californian).toContain('"region": "US-CA"');
  expect(californian).toContain('<strong data-region>US-CA</strong>');
  expect(nobody).not.toContain('"region"');
  expect(nobody).toContain('<strong data-region>unknown</strong>');
  for (const html of [dane, californian, nobody]) expect(html).not.toContain('{{region}}');
});
