// The privacy centre as visitors meet it in Chromium (issue 17): the footer
// links of a site that declares sensitive personal information, each
// opening its section; "Limit the Use of My Sensitive Personal Information"
// switching the sensitive service off with one click and no verification,
// kept across a reload; the two-step undo; what ad tech reads (GPP usca and
// usnat sensitive-data fields, through IAB's own decoder); the GDPR rights
// with objection apart; the banner's word on withdrawal; and axe in light,
// dark and right to left. The network is watched from the first request.
import { expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { GppModel } from '@iabgpp/cmpapi';
import { checkedTest, HTTPS, pageWith, serve, type Site } from './site';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LIMIT = 'Limit the Use of My Sensitive Personal Information';
const NOTICE = 'Notice at Collection';
const CENTRE = 'Privacy centre';
const DNS = 'Do Not Sell or Share My Personal Information';
const LIMITED = 'Use of sensitive personal information limited';
const NOT_LIMITED = 'You have not limited the use of your sensitive personal information.';
const GEO = 'https://cdn.shop.example/geo.js';

const RIGHTS = {
  access: ['/privacy/request?type=know', 'mailto:privacy@shop.example'],
  delete: '/privacy/request?type=delete',
  correct: '/privacy/request?type=correct',
  portability: '/privacy/request?type=export',
  restrict: 'mailto:privacy@shop.example',
  object: 'mailto:object@shop.example',
  agent: '/privacy#agents',
  appeal: '/privacy/appeal',
  complaint: 'https://www.imy.se/',
};
const SITE = {
  privacyPolicyUrl: '/privacy',
  categories: {
    analytics: {},
    location: { label: 'Location', sensitive: ['precise-geolocation'], retention: '30 days', services: { nearby: {} } },
    marketing: { sale: true, retention: '13 months' },
  },
  privacyCentre: { rights: RIGHTS, tollFree: '+1-800-555-0100', noticeAtCollection: '/privacy#notice' },
  receipts: { url: '/consent' },
};
const CA = { ...SITE, regime: 'auto', region: 'US-CA' };
/** Virginia: an opt-out state whose law asks consent for sensitive data (GPP usnat). */
const VA = { ...CA, region: 'US-VA' };
const EU = { ...CA, region: 'DK' };

const FOOTER = `<footer>
  <a href="/privacy#dns" data-samtykke-link="do-not-sell"></a> |
  <a href="/privacy#limit" data-samtykke-link="limit-sensitive"></a> |
  <a href="/privacy#notice" data-samtykke-link="notice-at-collection"></a> |
  <a href="/privacy" data-samtykke-link="privacy-centre"></a>
</footer>`;
const CHOICES_FOOTER = '<footer><a href="/privacy" data-samtykke-link="privacy-choices"></a></footer>';
const NEARBY = `<script type="text/plain" data-samtykke="location" data-samtykke-service="nearby" src="${GEO}"></script>`;

const test = checkedTest;

async function visit(page: Page, config: object, footer = FOOTER, lang = 'en', bundle?: string) {
  const html = pageWith(config, '<main><p>Meeting rooms near you.</p></main>' + footer + NEARBY, bundle).replace('<html lang="en">', `<html lang="${lang}">`);
  const site = await serve(page, {
    '/': html,
    '/privacy': '<!doctype html><html lang="en"><title>Privacy</title><p>Privacy policy</p></html>',
    '/geo.js': { body: 'window.__geoRan = (window.__geoRan || 0) + 1;', type: 'text/javascript' },
  });
  await page.goto(HTTPS + '/');
  return site;
}

const call = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as any).Samtykke[m as string](...(a as unknown[])), [method, args] as const);
const consent = (page: Page) => call(page, 'getConsent');
const geoRequests = (site: Site) => site.requests.filter((url) => url == GEO);
const footerLink = (page: Page, name: string) => page.locator('footer').getByRole('link', { name, exact: true });
const centre = (page: Page) => page.getByRole('dialog', { name: CENTRE });

/** The element that has the focus, through shadow roots: its text and tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName.toLowerCase(), text: active?.textContent?.trim() };
  });

/** The GPP string as IAB's decoder reads it: the one section's fields. */
async function gppSection(page: Page, name: 'usca' | 'usnat') {
  const ping = await page.evaluate(
    () => new Promise<any>((resolve) => (window as any).__gpp('ping', (data: unknown) => resolve(data))),
  );
  return new GppModel(ping.gppString).getSection(name) as Record<string, any>;
}
const loaded = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => new Promise((resolve) => (window as any).__gpp('ping', (d: any) => resolve(d.cmpStatus)))))
    .toBe('loaded');

async function axe(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).include('samtykke-ui').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`), `axe: ${what}`).toEqual([]);
}

async function limitInCentre(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Limit the use', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: LIMITED })).toBeVisible();
}

test('the footer links get their statutory texts, and each opens the privacy centre at its section', async ({ page }) => {
  await visit(page, CA);
  for (const name of [DNS, LIMIT, NOTICE, CENTRE]) await expect(footerLink(page, name)).toBeVisible();
  // Links stay real links: samtykke blocked, each goes to its page.
  await expect(footerLink(page, LIMIT)).toHaveAttribute('href', '/privacy#limit');

  await footerLink(page, LIMIT).click();
  await expect(centre(page)).toBeVisible();
  await expect.poll(() => focused(page)).toEqual({ tag: 'h4', text: LIMIT });
  await page.keyboard.press('Escape');
  await expect(centre(page)).toBeHidden();

  await footerLink(page, NOTICE).click();
  await expect.poll(() => focused(page)).toEqual({ tag: 'h3', text: NOTICE });
  const notice = centre(page).getByRole('list').last();
  await expect(notice).toContainText('Location');
  await expect(notice).toContainText('Sensitive personal information: precise geolocation');
  await expect(notice).toContainText('Kept for: 30 days');
  await expect(notice.getByRole('listitem').filter({ hasText: 'Marketing' })).toContainText('Sold or shared: yes');
  await expect(centre(page).getByRole('link', { name: 'Full Notice at Collection' })).toHaveAttribute('href', '/privacy#notice');
  await page.keyboard.press('Escape');

  await footerLink(page, CENTRE).click();
  const dialog = centre(page);
  await expect(dialog.getByRole('heading', { name: 'Your rights' })).toBeVisible();
  // California: know, delete, correct, the agent and the appeal, every method, the toll-free number, the deadlines.
  const rights = dialog.getByRole('list').first();
  await expect(rights.getByRole('listitem')).toHaveCount(7);
  await expect(rights.getByRole('link', { name: 'privacy@shop.example' })).toHaveAttribute('href', 'mailto:privacy@shop.example');
  await expect(rights.getByRole('link', { name: '+1-800-555-0100' })).toHaveAttribute('href', 'tel:+18005550100');
  await expect(rights.getByRole('listitem').filter({ hasText: 'Authorised agent' }).getByRole('link')).toHaveAttribute('href', '/privacy#agents');
  await expect(dialog).toContainText('within 10 business days and answer within 45 days');
  // Objection is the GDPR's: not listed for California.
  await expect(dialog.getByRole('heading', { name: 'Your right to object' })).toHaveCount(0);
});

test('"Your Privacy Choices" shows the opt-out and the Limit together where data is sensitive', async ({ page }) => {
  await visit(page, CA, CHOICES_FOOTER);
  const link = footerLink(page, 'Your Privacy Choices California Consumer Privacy Act (CCPA) Opt-Out Icon');
  await link.click();
  const dialog = centre(page);
  await expect(dialog.getByRole('button', { name: 'Opt out', exact: true })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Limit the use', exact: true })).toBeVisible();
  await expect.poll(() => focused(page)).toEqual({ tag: 'h3', text: 'Your choices' });
});

test('the Limit switches the sensitive service off at once, asks for no verification, and survives a reload', async ({ page }) => {
  const site = await visit(page, CA);
  // California: sensitive data runs until the visitor limits it.
  await expect.poll(() => geoRequests(site).length).toBe(1);
  await loaded(page);
  const before = await gppSection(page, 'usca');
  expect(before.SensitiveDataLimitUseNotice).toBe(1);
  // usca bit 3 is precise geolocation: 2, did not opt out.
  expect(before.SensitiveDataProcessing).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0]);

  await footerLink(page, LIMIT).click();
  const dialog = centre(page);
  const url = page.url();
  await limitInCentre(dialog);
  // One click: no form, no identity asked, no page left.
  await expect(dialog.locator('input')).toHaveCount(0);
  expect(page.url()).toBe(url);
  expect(await consent(page)).toMatchObject({ limited: true, categories: { location: false, analytics: true, marketing: true }, services: { nearby: false } });
  expect((await gppSection(page, 'usca')).SensitiveDataProcessing).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0]);
  // A receipt says so, like the opt-out's.
  await expect.poll(() => (site.posted['/consent'] || []).map((body) => JSON.parse(body).limited)).toContain(true);
  await expect(footerLink(page, LIMIT)).toBeVisible();

  const cookie = (await page.context().cookies(HTTPS)).find((c) => c.name == 'samtykke')!;
  expect(cookie.value).toMatch(/^2\./);
  // Kept like the opt-out: 365 days.
  expect(Math.round((cookie.expires - Date.now() / 1000) / 86400)).toBe(365);

  const seen = site.requests.length;
  await page.reload();
  await expect(footerLink(page, LIMIT)).toBeVisible();
  expect(await consent(page)).toMatchObject({ limited: true, services: { nearby: false } });
  expect(site.requests.slice(seen).filter((u) => u == GEO)).toEqual([]);
  expect(await page.evaluate(() => (window as any).__geoRan)).toBeUndefined();
});

test('undoing the Limit takes a second, confirming click', async ({ page }) => {
  await visit(page, CA);
  await footerLink(page, LIMIT).click();
  const dialog = centre(page);
  await limitInCentre(dialog);
  await dialog.getByRole('button', { name: 'Stop limiting' }).click();
  expect((await consent(page)).limited).toBe(true);
  const ask = dialog.getByRole('group', { name: 'Do you want to undo this choice?' });
  await ask.getByRole('button', { name: 'Keep my choice' }).click();
  expect((await consent(page)).limited).toBe(true);
  await dialog.getByRole('button', { name: 'Stop limiting' }).click();
  await ask.getByRole('button', { name: 'Yes, undo' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: NOT_LIMITED })).toBeVisible();
  expect(await consent(page)).toMatchObject({ limited: false, services: { nearby: true } });
});

test('outside California sensitive data waits for consent, and GPP usnat says so before and after', async ({ page }) => {
  const site = await visit(page, VA);
  await loaded(page);
  expect(await consent(page)).toMatchObject({ regime: 'opt-out', categories: { location: false, analytics: true } });
  const before = await gppSection(page, 'usnat');
  // usnat bit 8 is precise geolocation: 1, no consent; the notices are given.
  expect(before.SensitiveDataProcessing[7]).toBe(1);
  expect(before.SensitiveDataProcessing.filter((v: number) => v != 0)).toHaveLength(1);
  expect(before.SensitiveDataLimitUseNotice).toBe(1);
  expect(before.SensitiveDataProcessingOptOutNotice).toBe(1);
  expect(geoRequests(site)).toEqual([]);

  await call(page, 'set', { location: true });
  await expect.poll(() => geoRequests(site).length).toBe(1);
  expect((await gppSection(page, 'usnat')).SensitiveDataProcessing[7]).toBe(2);
  await call(page, 'limitSensitive');
  expect((await gppSection(page, 'usnat')).SensitiveDataProcessing[7]).toBe(1);
  expect((await consent(page)).categories.location).toBe(false);
});

test('under the GDPR the centre lists the rights with the complaint, objection apart, and no US choices', async ({ page }) => {
  await visit(page, EU);
  // The first layer says where the choice can be withdrawn (Art. 7(3)).
  await expect(page.getByRole('region', { name: 'We value your privacy' })).toContainText('You can change or withdraw your choice at any time');
  await call(page, 'rejectAll');
  await footerLink(page, CENTRE).click();
  const dialog = centre(page);
  await expect(dialog).toContainText('Under the GDPR');
  const rights = dialog.getByRole('list').first().getByRole('listitem');
  await expect(rights).toHaveText([/^Access/, /^Correction/, /^Deletion/, /^Restriction/, /^Portability/, /^Complaint/]);
  const object = dialog.getByRole('region', { name: 'Your right to object' });
  await expect(object.getByRole('link', { name: 'object@shop.example' })).toHaveAttribute('href', 'mailto:object@shop.example');
  await expect(dialog.getByRole('button', { name: 'Opt out', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Limit the use', exact: true })).toHaveCount(0);
  // Cookie settings hand over to the preferences dialog.
  await dialog.getByRole('button', { name: 'Cookie settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Privacy preferences' })).toBeVisible();
  await expect(centre(page)).toHaveCount(0);
});

for (const [name, config, lang] of [
  ['light', { ...CA, theme: 'light' }, 'en'],
  ['dark', { ...CA, theme: 'dark' }, 'en'],
  ['high contrast', { ...CA, theme: 'high-contrast' }, 'en'],
  ['right to left (Arabic)', { ...CA, locale: 'ar' }, 'ar'],
] as const) {
  test(`axe finds nothing in the privacy centre: ${name}`, async ({ page }) => {
    await visit(page, config, FOOTER, lang);
    await page.locator('footer [data-samtykke-link="privacy-centre"]').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading').first()).toBeVisible();
    await limitInCentreAnyLanguage(page);
    await axe(page, name);
    if (lang == 'ar') await expect(page.locator('samtykke-ui')).toHaveAttribute('dir', 'rtl');
  });
}

/** The Limit's button by its place, whatever the language: the undo group shows after it. */
async function limitInCentreAnyLanguage(page: Page) {
  await page.locator('samtykke-ui').locator('[data-action="limit"]').click();
  await expect(page.locator('samtykke-ui').locator('[data-action="limit-undo"]')).toBeVisible();
}

test('works with the keyboard alone at 320 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await visit(page, CA);
  await footerLink(page, LIMIT).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toEqual({ tag: 'h4', text: LIMIT });
  // Tab order from the Limit's heading: its button comes next.
  for (let i = 0; i < 5 && (await focused(page)).text != 'Limit the use'; i++) await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('Limit the use');
  await page.keyboard.press('Enter');
  await expect(centre(page).getByRole('status').filter({ hasText: LIMITED })).toBeVisible();
  // Nothing wider than the screen: no sideways scrolling in the dialog.
  const overflow = await page.locator('samtykke-ui').evaluate((host) => {
    const dialog = host.shadowRoot!.querySelector('dialog')!;
    return [...dialog.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).map((el) => el.tagName);
  });
  expect(overflow).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(centre(page)).toBeHidden();
});

test('the development bundle warns, once the page is parsed, of a sensitive category with no Limit link', async ({ page, log }) => {
  await visit(page, CA, '<footer><a href="/privacy" data-samtykke-link="privacy-centre"></a></footer>', 'en', '/dist/samtykke.js');
  await expect.poll(() => log.warnings.filter((w) => w.includes('limit-sensitive'))).toHaveLength(1);
  expect(log.warnings.find((w) => w.includes('limit-sensitive'))).toMatch(/^samtykke: categories\.location/);
});

test('the development bundle has nothing to warn of on a page with the Limit link', async ({ page, log }) => {
  await visit(page, CA, FOOTER, 'en', '/dist/samtykke.js');
  await expect(footerLink(page, LIMIT)).toBeVisible();
  await page.waitForTimeout(200);
  expect(log.warnings.filter((w) => w.startsWith('samtykke: categories') || w.startsWith('samtykke: privacyCentre'))).toEqual([]);
});
