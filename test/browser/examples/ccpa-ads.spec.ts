// examples/ccpa-ads: a Swedish (and English) video-meeting site with ads,
// under the US opt-out regime. The ad tag and its view beacon run until the
// visitor opts out of the sale/sharing of their personal information, with
// the footer's "Do Not Sell" link or a Global Privacy Control signal. What
// ad tech reads (__gpp, __uspapi) follows the choice. Everything through
// clicks, as a visitor does it; the network is watched from the first request.
import { cookieNames, expect, inspector, test } from '../demo';
import type { Page } from '@playwright/test';

const ADS = 'ads.adnet.example';
const PIXEL = 'px.adnet.example';
const AD_TAG = `https://${ADS}/tag.js`;
const BEACON = `https://${PIXEL}/view.gif?slot=top-banner`;

// The Swedish page: the site's own link text (texts.sv["optOut.link"]), the
// rest from locales/sv.json.
const SV = {
  link: 'Sälj inte min personliga information',
  dialog: 'Sälj eller dela inte mina personuppgifter',
  optOut: 'Tacka nej',
  optIn: 'Tillåt igen',
  done: 'Du har tackat nej till försäljning och delning av dina personuppgifter i den här webbläsaren.',
  notDone: 'Du har inte tackat nej till försäljning och delning av dina personuppgifter.',
  honored: 'Begäran om att tacka nej har tillgodosetts',
};
// The English page: the statutory text, from locales/en.json.
const EN = { link: 'Do Not Sell or Share My Personal Information' };

const footer = (page: Page) => page.getByRole('contentinfo');
const doNotSell = (page: Page, name: string) => footer(page).getByRole('link', { name, exact: true });
/** The status samtykke puts right after the link. */
const statusOf = (page: Page, name: string) => doNotSell(page, name).locator('xpath=following-sibling::*[1]');
const optOutDialog = (page: Page) => page.getByRole('dialog', { name: SV.dialog });
const adSlot = (page: Page, name: string) => page.getByRole('complementary', { name, exact: true });

/** Requests to the ad network (tag and beacon) so far, in order. */
const adnet = (demo: { requests: string[] }) => demo.requests.filter((url) => [ADS, PIXEL].includes(new URL(url).hostname));

/** The GPP string the inspector shows (the first line of its `gpp` field). */
async function gppString(page: Page) {
  await expect(inspector(page, 'gpp')).toContainText('status: ready');
  return ((await inspector(page, 'gpp').textContent()) ?? '').split('\n')[0];
}

/** Opens the footer link's dialog on the Swedish page and clicks one of its buttons. */
async function choose(page: Page, button: string, status: string) {
  await doNotSell(page, SV.link).click();
  const dialog = optOutDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(status);
  return dialog;
}

/** Ads ran on this view: the tag and beacon were requested, the slot filled. */
async function adsRan(page: Page, demo: { to(host: string): string[] }, slot = 'Annons') {
  await expect(inspector(page, 'gated')).toContainText(`ran      adnet  script ${AD_TAG}`);
  await expect(inspector(page, 'gated')).toContainText(`ran      adnet  img ${BEACON}`);
  await expect(adSlot(page, slot)).toHaveText('Ad: top-banner (served by adnet)');
  await expect.poll(() => demo.to(ADS)).toContain(AD_TAG);
  await expect.poll(() => demo.to(PIXEL)).toContain(BEACON);
}

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.warnings).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test('with no choice made, ads run, the Swedish footer reads "Sälj inte min personliga information", GPP usnat is ready and USP is 1YNN', async ({ page, demo }) => {
  await page.goto('/ccpa-ads/');
  await expect(inspector(page, 'regime')).toHaveText('opt-out');
  await expect(inspector(page, 'optedOut')).toHaveText('false');
  await expect(inspector(page, 'allowed')).toContainText('marketing');
  // Opt-out: no banner asks anything.
  await expect(page.getByRole('region')).toHaveCount(0);

  await adsRan(page, demo);
  await expect(inspector(page, 'ran')).toHaveText('ads.js');
  await expect.poll(() => cookieNames(page)).toContain('adnet_uid');

  await expect(doNotSell(page, SV.link)).toBeVisible();
  await expect(footer(page).locator('[data-samtykke-link="do-not-sell"]')).toHaveText(SV.link);
  await expect(statusOf(page, SV.link)).toHaveText('');

  await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
  expect(await gppString(page)).toMatch(/^DB/);
  await expect(inspector(page, 'usp')).toHaveText('1YNN');
});

test('the English page runs the ads too, and its footer link reads "Do Not Sell or Share My Personal Information"', async ({ page, demo }) => {
  await page.goto('/ccpa-ads/en.html');
  await expect(inspector(page, 'optedOut')).toHaveText('false');
  await adsRan(page, demo, 'Advertisement');
  await expect(footer(page).locator('[data-samtykke-link="do-not-sell"]')).toHaveText(EN.link);
  await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
  await expect(inspector(page, 'usp')).toHaveText('1YNN');
});

test('opting out with the footer link stops the ads on the next view, deletes adnet_uid, changes GPP and USP, and sticks across reloads and to the English page', async ({ page, demo }) => {
  await page.goto('/ccpa-ads/');
  await adsRan(page, demo);
  await expect.poll(() => cookieNames(page)).toContain('adnet_uid');
  const before = await gppString(page);

  const dialog = await choose(page, SV.optOut, SV.done);
  await expect(dialog.getByRole('button', { name: SV.optIn, exact: true })).toBeVisible();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
  expect(await gppString(page)).not.toBe(before);
  // The ad network's identifier goes with the opt-out.
  await expect.poll(() => cookieNames(page)).not.toContain('adnet_uid');
  // Not GPC: no "honored" status, that is for the signal.
  await expect(statusOf(page, SV.link)).toHaveText('');

  // The next views: no ad request at all, the choice remembered.
  const seen = adnet(demo).length;
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(inspector(page, 'optedOut')).toHaveText('true');
    await expect(inspector(page, 'decided')).toHaveText('true / true');
    await expect(inspector(page, 'usp')).toHaveText('1YYN');
    await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  script ${AD_TAG}`);
    await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  img ${BEACON}`);
    await page.waitForTimeout(300);
    expect(adnet(demo).slice(seen)).toEqual([]);
    await expect(adSlot(page, 'Annons')).toHaveText('Annons');
    await expect(inspector(page, 'ran')).toHaveText('(none)');
    expect(await cookieNames(page)).not.toContain('adnet_uid');
  }

  // The English page of the site, through its nav link.
  await page.getByRole('navigation').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/ccpa-ads\/en\.html$/);
  await expect(page.getByRole('heading', { name: 'Video meetings without the hassle' })).toBeVisible();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(footer(page).locator('[data-samtykke-link="do-not-sell"]')).toHaveText(EN.link);
  await page.waitForTimeout(300);
  expect(adnet(demo).slice(seen)).toEqual([]);
  await expect(adSlot(page, 'Advertisement')).toHaveText('Advertisement');
});

test('opting back in with the same link and dialog brings the ads back, at once and on the next view', async ({ page, demo }) => {
  await page.goto('/ccpa-ads/');
  await adsRan(page, demo);
  await choose(page, SV.optOut, SV.done);
  await page.reload();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  script ${AD_TAG}`);
  const optedOut = await gppString(page);
  const before = adnet(demo).length;

  const dialog = await choose(page, SV.optIn, SV.notDone);
  await expect(dialog.getByRole('button', { name: SV.optOut, exact: true })).toBeVisible();
  await expect(inspector(page, 'optedOut')).toHaveText('false');
  await expect(inspector(page, 'usp')).toHaveText('1YNN');
  expect(await gppString(page)).not.toBe(optedOut);
  // The ad runs on this view already.
  await expect.poll(() => adnet(demo).slice(before).sort()).toEqual([AD_TAG, BEACON]);
  await expect(adSlot(page, 'Annons')).toHaveText('Ad: top-banner (served by adnet)');

  const seen = adnet(demo).length;
  await page.reload();
  await expect(inspector(page, 'optedOut')).toHaveText('false');
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await adsRan(page, demo);
  await expect.poll(() => adnet(demo).slice(seen).sort()).toEqual([AD_TAG, BEACON]);
  await expect.poll(() => cookieNames(page)).toContain('adnet_uid');
});

test('a GPC browser (?gpc=1) never requests the ads, is opted out with USP 1YYN, and the footer says the request was honoured, in Swedish', async ({ page, demo }) => {
  await page.goto('/ccpa-ads/?gpc=1');
  await expect(inspector(page, 'gpc')).toHaveText('true (played by ?gpc=1)');
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(inspector(page, 'gpp')).toContainText('sections: [7]  status: ready');
  await expect(statusOf(page, SV.link)).toHaveText(SV.honored);
  await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  script ${AD_TAG}`);
  await expect(inspector(page, 'gated')).toContainText(`waiting  adnet  img ${BEACON}`);

  // The dialog says so too, without a click on its button.
  await doNotSell(page, SV.link).click();
  await expect(optOutDialog(page).getByRole('status')).toHaveText(SV.honored);
  await page.keyboard.press('Escape');
  await expect(optOutDialog(page)).toBeHidden();

  await page.reload();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(statusOf(page, SV.link)).toHaveText(SV.honored);
  await page.waitForTimeout(300);
  expect(adnet(demo)).toEqual([]);
  await expect(adSlot(page, 'Annons')).toHaveText('Annons');
  await expect(inspector(page, 'ran')).toHaveText('(none)');
  expect(await cookieNames(page)).not.toContain('adnet_uid');
});

test('a real GPC browser (navigator.globalPrivacyControl and Sec-GPC: 1) gets no ads either, on the English page', async ({ page, demo }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
  await page.goto('/ccpa-ads/en.html');
  await expect(inspector(page, 'gpc')).toHaveText('true');
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'usp')).toHaveText('1YYN');
  await expect(statusOf(page, EN.link)).toHaveText('Opt-Out Request Honored');
  await page.waitForTimeout(300);
  expect(adnet(demo)).toEqual([]);
  await expect(adSlot(page, 'Advertisement')).toHaveText('Advertisement');
});

test('an opted-out visitor never reaches the ad network: no request to ads.adnet.example or px.adnet.example on any view', async ({ page, demo }) => {
  // Opt out before any ad ran: on a GPC view, then without the signal.
  await page.goto('/ccpa-ads/?gpc=1');
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await page.goto('/ccpa-ads/');
  await expect(inspector(page, 'gpc')).toHaveText('false');
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await page.reload();
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await page.getByRole('navigation').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/ccpa-ads\/en\.html$/);
  await expect(inspector(page, 'optedOut')).toHaveText('true');
  await page.waitForTimeout(300);
  expect(adnet(demo)).toEqual([]);
  await expect(inspector(page, 'requests')).toHaveText('(none)');
});
