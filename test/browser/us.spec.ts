// The US opt-out as a Californian (or Virginian) visitor meets it in
// Chromium: the statutory footer links, the opt-out dialog, Global Privacy
// Control applied without a pop-up, the record and the `usprivacy` cookie,
// and what ad tech reads (IAB GPP `__gpp`, checked against IAB's own
// decoder, the legacy `__uspapi`, and both through iframes). Outside the US
// nothing of this is fetched, unless the page has an opt-out link.
import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { GppModel } from '@iabgpp/cmpapi';
import { checkedTest, HTTPS, pageWith, serve, watchConsole, type Pages, type Site } from './site';

const DNS = 'Do Not Sell or Share My Personal Information';
const CHOICES = 'Your Privacy Choices';
const ICON = 'California Consumer Privacy Act (CCPA) Opt-Out Icon';
const HONORED = 'Opt-Out Request Honored';
const NOT_DONE = 'You have not opted out of the sale and sharing of your personal information.';
const DONE = 'You have opted out of the sale and sharing of your personal information on this browser.';
const UI_CHUNK = '/dist/samtykke.ui.min.js';
const US_CHUNK = '/dist/samtykke.us.min.js';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const CA = { regime: 'auto', region: 'US-CA', privacyPolicyUrl: '/privacy' };
const VA = { ...CA, region: 'US-VA' };
/** Denmark: the opt-in regime, GDPR; no US law applies. */
const EU = { ...CA, region: 'DK' };

const CONTENT = '<main><p>See our <a href="#products">products</a> and prices.</p></main>';
const FOOTER = `<footer>
  <a href="#" data-samtykke-link="do-not-sell"></a> |
  <a href="#" data-samtykke-link="privacy-choices"></a> |
  <a href="/privacy">Privacy policy</a>
</footer>`;
const AD_TAG = '<script type="text/plain" data-samtykke="marketing" src="https://ads.example/tag.js"></script>';
const SHOP = CONTENT + FOOTER + AD_TAG;
const PRIVACY = '<!doctype html><html lang="en"><title>Privacy</title><p>Privacy policy</p></html>';

/** Each test's page: no console error and no uncaught exception, checked after the test. */
const test = checkedTest;

// ---------------------------------------------------------------------------
// Helpers

interface Visit {
  config?: Record<string, unknown>;
  body?: string;
  /** Rewrites the generated page (e.g. to add a script after the bundle). */
  edit?: (html: string) => string;
  headers?: Record<string, string>;
  pages?: Pages;
}

function serveShop(page: Page, { config = CA, body = SHOP, edit = (h) => h, headers, pages = {} }: Visit = {}) {
  const html = edit(pageWith(config, body));
  return serve(page, { '/': headers ? { body: html, headers } : html, '/privacy': PRIVACY, ...pages });
}

/** Serves the shop (California, footer links, an ad tag, unless told otherwise) and opens it. */
async function visit(page: Page, options: Visit = {}) {
  const served = await serveShop(page, options);
  const response = await page.goto(HTTPS + '/');
  return { site: served, response: response! };
}

const requestsTo = (site: Site, match: (url: URL) => boolean) => site.requests.filter((url) => match(new URL(url)));
const adRequests = (site: Site) => requestsTo(site, (url) => url.hostname == 'ads.example');
const chunkRequests = (site: Site, chunk: string) => requestsTo(site, (url) => url.pathname == chunk);
const adRan = (page: Page) => page.evaluate(() => (window as any).__adRan as string[] | undefined);

const call = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as any).Samtykke[m as string](...(a as unknown[])), [method, args] as const);
const consent = (page: Page) => call(page, 'getConsent');
const cookie = async (page: Page, name: string) => (await page.context().cookies(HTTPS)).find((c) => c.name == name)?.value;

/** `__gpp(command, callback, parameter)`: what the callback got; it must report success. */
async function gpp(page: Page | Frame, command: string, parameter?: unknown): Promise<any> {
  const [data, success] = await page.evaluate(
    ([c, p]) => new Promise<[unknown, boolean]>((resolve) => (window as any).__gpp(c, (d: unknown, s: boolean) => resolve([d, s]), p)),
    [command, parameter] as const,
  );
  expect(success, `__gpp('${command}', …, ${JSON.stringify(parameter)}) success`).toBe(true);
  return data;
}

/** The ping once the full API has taken over from the stub. */
async function loaded(page: Page) {
  await expect.poll(async () => (await gpp(page, 'ping')).cmpStatus, { message: '__gpp cmpStatus' }).toBe('loaded');
  return gpp(page, 'ping');
}

/** `__uspapi('getUSPData', 1, cb)`: the US Privacy string; it must report success. */
async function usp(page: Page) {
  const [data, success] = await page.evaluate(
    () => new Promise<[any, boolean]>((resolve) => (window as any).__uspapi('getUSPData', 1, (d: unknown, s: boolean) => resolve([d, s]))),
  );
  expect(success, '__uspapi success').toBe(true);
  return data as { version: number; uspString: string };
}

/** A GPP string as IAB's own library reads it. */
function decode(gppString: string) {
  const model = new GppModel(gppString);
  const sections: Record<string, any> = {};
  for (const id of model.getSectionIds()) {
    const name = ({ 7: 'usnat', 8: 'usca' } as Record<number, string>)[id] ?? String(id);
    sections[name] = model.getSection(name);
  }
  return { ids: model.getSectionIds(), sections };
}

const footerLink = (page: Page, name: string) => page.locator('footer').getByRole('link', { name });
const optOutDialog = (page: Page) => page.getByRole('dialog', { name: DNS });
/** The status `<span>` the SDK puts right after a link. */
const statusOf = (page: Page, name: string) => footerLink(page, name).locator('xpath=following-sibling::*[1]');

/** Clicks the footer's Do Not Sell link and waits for the dialog. */
async function openDialog(page: Page) {
  await footerLink(page, DNS).click();
  const dialog = optOutDialog(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The focused element inside shadow roots: its accessible-ish name and whether it is inside `container`. */
const focusIn = (container: Locator) =>
  container.evaluate((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const name = (active?.getAttribute('aria-label') || active?.textContent || active?.tagName || '').trim();
    return { name, inside: !!active && el.contains(active) };
  });

async function axe(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  expect(found, `axe violations: ${what}`).toEqual([]);
}

/** Makes the page a GPC browser: the JS property and the `Sec-GPC: 1` header. */
async function sendGpc(page: Page) {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
}

// ---------------------------------------------------------------------------

test.describe('California (usca): the Do Not Sell link', () => {
  test('the footer link opens the dialog; Opt out is recorded, usprivacy 1YYN, and the ad tag does not load on the next view', async ({ page }) => {
    const { site } = await visit(page);
    const link = footerLink(page, DNS);
    await expect(link).toHaveText(DNS);
    await expect(link).toBeVisible();
    // The opt-out regime: no banner, and marketing runs until the visitor opts out.
    await expect.poll(() => adRan(page)).toEqual(['https://ads.example/tag.js']);
    expect(await page.locator('samtykke-ui').count()).toBe(0);
    expect(chunkRequests(site, UI_CHUNK)).toEqual([]);
    const before = await loaded(page);
    expect(before.applicableSections).toEqual([8]);
    expect(before.parsedSections.usca).toMatchObject({ SaleOptOut: 2, SharingOptOut: 2, Gpc: false });
    expect(await cookie(page, 'usprivacy')).toBe('1YNN');
    expect(await cookie(page, 'samtykke')).toBeUndefined();
    expect(await consent(page)).toMatchObject({ optedOut: false, gpc: false, regime: 'opt-out' });

    const dialog = await openDialog(page);
    expect(chunkRequests(site, UI_CHUNK)).toHaveLength(1);
    await expect(dialog.getByRole('status')).toHaveText(NOT_DONE);
    await expect(dialog.getByRole('link', { name: 'privacy policy' })).toHaveAttribute('href', '/privacy');
    await dialog.getByRole('button', { name: 'Opt out', exact: true }).click();
    // The dialog stays open and confirms.
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    await expect(dialog.getByRole('button', { name: 'Opt back in' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Opt out', exact: true })).toHaveCount(0);

    const after = await consent(page);
    expect(after).toMatchObject({ optedOut: true, gpc: false });
    expect(after.categories).toMatchObject({ marketing: false, analytics: true, preferences: true });
    expect(await cookie(page, 'samtykke')).toBeDefined();
    expect(await cookie(page, 'usprivacy')).toBe('1YYN');
    expect(await usp(page)).toEqual({ version: 1, uspString: '1YYN' });

    const ping = await gpp(page, 'ping');
    expect(ping).toMatchObject({ gppVersion: '1.1', cmpStatus: 'loaded', signalStatus: 'ready', applicableSections: [8] });
    expect(ping.parsedSections.usca).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1 });
    const decoded = decode(ping.gppString);
    expect(decoded.ids).toEqual([8]);
    expect(decoded.sections.usca).toMatchObject({ SaleOptOutNotice: 1, SharingOptOutNotice: 1, SaleOptOut: 1, SharingOptOut: 1, Gpc: false });
    expect(await gpp(page, 'getSection', 'usca')).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1 });
    expect(await gpp(page, 'getField', 'usca.SaleOptOut')).toBe(1);
    expect(await gpp(page, 'hasSection', 'usca')).toBe(true);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();

    // The next page view: the opt-out holds and the ad tag is never fetched.
    await page.reload();
    expect((await loaded(page)).parsedSections.usca.SaleOptOut).toBe(1);
    await page.waitForTimeout(200);
    expect(adRequests(site), 'requests to ads.example').toHaveLength(1);
    expect(await adRan(page)).toBeUndefined();
    expect(await page.locator('script[src="https://ads.example/tag.js"]').getAttribute('type')).toBe('text/plain');
    expect(await usp(page)).toEqual({ version: 1, uspString: '1YYN' });
    expect(await consent(page)).toMatchObject({ optedOut: true });
  });

  test('Opt back in from the dialog: optedOut false, usprivacy 1YNN, status line changes, the ad tag loads again', async ({ page }) => {
    const { site } = await visit(page);
    await openDialog(page);
    await optOutDialog(page).getByRole('button', { name: 'Opt out', exact: true }).click();
    await expect(optOutDialog(page).getByRole('status')).toHaveText(DONE);
    await page.reload();
    await loaded(page);
    await page.waitForTimeout(100);
    expect(await adRan(page)).toBeUndefined();

    const dialog = await openDialog(page);
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    await dialog.getByRole('button', { name: 'Opt back in' }).click();
    await expect(dialog.getByRole('status')).toHaveText(NOT_DONE);
    await expect(dialog.getByRole('button', { name: 'Opt out', exact: true })).toBeVisible();
    expect(await consent(page)).toMatchObject({ optedOut: false });
    expect((await consent(page)).categories.marketing).toBe(true);
    expect(await cookie(page, 'usprivacy')).toBe('1YNN');
    expect(await usp(page)).toEqual({ version: 1, uspString: '1YNN' });
    expect(await gpp(page, 'getField', 'usca.SaleOptOut')).toBe(2);
    expect(decode((await gpp(page, 'ping')).gppString).sections.usca).toMatchObject({ SaleOptOut: 2, SharingOptOut: 2 });
    // Marketing is allowed again at once, and on the next view.
    await expect.poll(() => adRan(page)).toEqual(['https://ads.example/tag.js']);
    const fetched = adRequests(site).length;
    await page.reload();
    await expect.poll(() => adRan(page)).toEqual(['https://ads.example/tag.js']);
    expect(adRequests(site)).toHaveLength(fetched + 1);
  });

  test('clearing cookies brings the visitor back to not opted out: marketing runs, usprivacy 1YNN, SaleOptOut 2', async ({ page, context }) => {
    const { site } = await visit(page);
    await loaded(page);
    await call(page, 'optOut');
    expect(await cookie(page, 'usprivacy')).toBe('1YYN');
    await page.reload();
    await loaded(page);
    await page.waitForTimeout(100);
    expect(await adRan(page)).toBeUndefined();
    const fetched = adRequests(site).length;

    await context.clearCookies();
    await page.reload();
    const ping = await loaded(page);
    expect(ping.parsedSections.usca).toMatchObject({ SaleOptOut: 2, SharingOptOut: 2 });
    expect(await gpp(page, 'getField', 'usca.SaleOptOut')).toBe(2);
    await expect.poll(() => adRan(page)).toEqual(['https://ads.example/tag.js']);
    expect(adRequests(site)).toHaveLength(fetched + 1);
    expect(await consent(page)).toMatchObject({ optedOut: false, gpc: false });
    expect(await cookie(page, 'usprivacy')).toBe('1YNN');
    expect(await usp(page)).toEqual({ version: 1, uspString: '1YNN' });
    expect(await cookie(page, 'samtykke')).toBeUndefined();
  });

  test('mspa: true marks the LSPA/MSPA covered transaction: usprivacy 1YNY, then 1YYY after opting out', async ({ page }) => {
    await visit(page, { config: { ...CA, mspa: true }, body: CONTENT + FOOTER });
    expect((await loaded(page)).parsedSections.usca).toMatchObject({ MspaCoveredTransaction: 1 });
    expect(await cookie(page, 'usprivacy')).toBe('1YNY');
    await call(page, 'optOut');
    expect(await cookie(page, 'usprivacy')).toBe('1YYY');
    expect(await usp(page)).toEqual({ version: 1, uspString: '1YYY' });
    expect(decode((await gpp(page, 'ping')).gppString).sections.usca).toMatchObject({ SaleOptOut: 1, MspaCoveredTransaction: 1 });
  });
});

test.describe('Global Privacy Control', () => {
  test('applies the opt-out with no dialog; the status says Opt-Out Request Honored; the ad tag never loads; a later visit without GPC stays opted out', async ({ page, context }) => {
    await sendGpc(page);
    const { site, response } = await visit(page);
    expect((await response.request().allHeaders())['sec-gpc']).toBe('1');
    await expect(footerLink(page, DNS)).toHaveText(DNS);

    // Frictionless (11 CCR §7025(f)): nothing pops up, no UI byte is fetched.
    const ping = await loaded(page);
    await page.waitForTimeout(300);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('samtykke-ui')).toHaveCount(0);
    expect(chunkRequests(site, UI_CHUNK)).toEqual([]);

    // The status next to each link (§7025(c)(6)).
    await expect(statusOf(page, DNS)).toHaveAttribute('data-samtykke-status', '');
    await expect(statusOf(page, DNS)).toHaveText(HONORED);
    await expect(statusOf(page, CHOICES)).toHaveText(HONORED);

    expect(await consent(page)).toMatchObject({ optedOut: true, gpc: true });
    expect((await consent(page)).categories.marketing).toBe(false);
    expect(await cookie(page, 'samtykke')).toBeDefined();
    expect(await cookie(page, 'usprivacy')).toBe('1YYN');
    expect(ping.parsedSections.usca).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, Gpc: true });
    expect(await gpp(page, 'getSection', 'usca')).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, GpcSegmentType: 1, Gpc: true });
    expect(await gpp(page, 'getField', 'usca.Gpc')).toBe(true);
    // The test vector from the spec digest, made with IAB's library.
    expect(ping.gppString).toBe('DBABBg~BUUAAACA.YA');
    expect(decode(ping.gppString).sections.usca).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, Gpc: true });
    expect(adRequests(site)).toEqual([]);
    expect(await adRan(page)).toBeUndefined();

    // Opened by the visitor, the dialog confirms and offers no way round the signal.
    const dialog = await openDialog(page);
    await expect(dialog.getByRole('status')).toHaveText(HONORED);
    await expect(dialog).toContainText('Global Privacy Control');
    await expect(dialog.getByRole('button', { name: 'Opt back in' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Opt out', exact: true })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // A later visit from this browser without the signal (§7025(c)(5)).
    const later = await context.newPage();
    const laterLog = watchConsole(later);
    const laterSite = await serveShop(later);
    await later.goto(HTTPS + '/');
    expect(await later.evaluate(() => (navigator as any).globalPrivacyControl)).not.toBe(true);
    expect((await loaded(later)).parsedSections.usca).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1 });
    expect(await consent(later)).toMatchObject({ optedOut: true });
    expect(await cookie(later, 'usprivacy')).toBe('1YYN');
    expect(await usp(later)).toEqual({ version: 1, uspString: '1YYN' });
    await expect(statusOf(later, DNS)).toHaveText(HONORED);
    await later.waitForTimeout(200);
    expect(adRequests(laterSite)).toEqual([]);
    expect(await adRan(later)).toBeUndefined();
    expect(laterLog.errors).toEqual([]);
    expect(laterLog.exceptions).toEqual([]);
  });

  // IAB's usca/usnat GPC sub-section: "Entities creating GPC Subsections should
  // check whether GPC is set and pass along the value from the headers or
  // javascript API". The opt-out itself is kept in SaleOptOut/SharingOptOut.
  test('the GPP Gpc field passes along the signal as it is now: false on a later visit without GPC, and after opting back in', async ({ page, context }) => {
    await sendGpc(page);
    await visit(page, { body: CONTENT + FOOTER });
    expect((await loaded(page)).parsedSections.usca).toMatchObject({ SaleOptOut: 1, Gpc: true });

    const later = await context.newPage();
    await serveShop(later, { body: CONTENT + FOOTER });
    await later.goto(HTTPS + '/');
    const kept = (await loaded(later)).parsedSections.usca;
    expect(kept, 'the opt-out outlives the signal').toMatchObject({ SaleOptOut: 1, SharingOptOut: 1 });
    expect.soft(kept.Gpc, 'Gpc on a visit whose browser sends no GPC').toBe(false);

    await footerLink(later, DNS).click();
    await optOutDialog(later).getByRole('button', { name: 'Opt back in' }).click();
    await expect(optOutDialog(later).getByRole('status')).toHaveText(NOT_DONE);
    const section = await gpp(later, 'getSection', 'usca');
    expect(section).toMatchObject({ SaleOptOut: 2, SharingOptOut: 2 });
    // Gpc true beside SaleOptOut 2 reads as an opt-out to vendors that honour GPC.
    expect.soft(section.Gpc, 'Gpc after the visitor opted back in, with no signal').toBe(false);
    expect.soft(decode((await gpp(later, 'ping')).gppString).sections.usca.Gpc).toBe(false);
  });
});

test.describe('other US states (usnat)', () => {
  test('Virginia: applicableSections [7]; after opting out usnat has Sale, Sharing and TargetedAdvertising OptOut 1; no usca', async ({ page }) => {
    await visit(page, { config: VA });
    const ping = await loaded(page);
    expect(ping).toMatchObject({ applicableSections: [7], sectionList: [7], signalStatus: 'ready' });
    expect(ping.parsedSections).not.toHaveProperty('usca');
    expect(await gpp(page, 'hasSection', 'usca')).toBe(false);
    expect(await gpp(page, 'hasSection', 'usnat')).toBe(true);
    expect(await gpp(page, 'getSection', 'usca')).toBeNull();
    expect(await gpp(page, 'getSection', 'usnat')).toMatchObject({ SaleOptOut: 2, SharingOptOut: 2, TargetedAdvertisingOptOut: 2 });
    await expect(footerLink(page, DNS)).toHaveText(DNS);

    // Opened by the API this time.
    await call(page, 'showOptOut');
    const dialog = optOutDialog(page);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Opt out', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    const section = await gpp(page, 'getSection', 'usnat');
    expect(section).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, TargetedAdvertisingOptOut: 1, Gpc: false });
    expect(await gpp(page, 'getField', 'usnat.TargetedAdvertisingOptOut')).toBe(1);
    const decoded = decode((await gpp(page, 'ping')).gppString);
    expect(decoded.ids).toEqual([7]);
    expect(decoded.sections.usnat).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, TargetedAdvertisingOptOut: 1 });
    expect(await gpp(page, 'hasSection', 'usca')).toBe(false);
  });

  test.describe('regime opt-out, no region, an East Coast time zone', () => {
    test.use({ timezoneId: 'America/New_York' });
    test('gets usnat (7)', async ({ page }) => {
      await visit(page, { config: { regime: 'opt-out', privacyPolicyUrl: '/privacy' } });
      expect((await loaded(page)).applicableSections).toEqual([7]);
      expect(await cookie(page, 'usprivacy')).toBe('1YNN');
    });
  });
});

test.describe('outside the US', () => {
  test('an EU visitor: __gpp answers [-1] and DBAA, __uspapi 1---, no usprivacy cookie, the US chunk is never fetched', async ({ page }) => {
    const { site } = await visit(page, { config: EU, body: CONTENT + AD_TAG });
    await expect(page.getByRole('region', { name: 'We value your privacy' })).toBeVisible();
    expect(await page.evaluate(() => typeof (window as any).__gpp)).toBe('function');
    const ping = await gpp(page, 'ping');
    expect(ping).toMatchObject({ gppVersion: '1.1', cmpStatus: 'loaded', signalStatus: 'ready', applicableSections: [-1], gppString: 'DBAA' });
    expect(decode(ping.gppString).ids).toEqual([]);
    expect(await gpp(page, 'hasSection', 'usca')).toBe(false);
    expect(await gpp(page, 'getSection', 'usca')).toBeNull();
    expect(await usp(page)).toEqual({ version: 1, uspString: '1---' });
    await call(page, 'acceptAll');
    await page.waitForTimeout(300);
    expect(await cookie(page, 'usprivacy')).toBeUndefined();
    expect(await cookie(page, 'samtykke')).toBeDefined();
    expect(chunkRequests(site, US_CHUNK)).toEqual([]);
  });

  test('an EU page with a Do Not Sell link: the US chunk loads for the link, and the dialog works', async ({ page }) => {
    const { site } = await visit(page, { config: EU, body: CONTENT + FOOTER });
    await expect(footerLink(page, DNS)).toHaveText(DNS);
    await expect(footerLink(page, CHOICES)).toContainText(CHOICES);
    expect(chunkRequests(site, US_CHUNK)).toHaveLength(1);
    await call(page, 'rejectAll');
    const dialog = await openDialog(page);
    await expect(dialog.getByRole('status')).toHaveText(NOT_DONE);
    await dialog.getByRole('button', { name: 'Opt out', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    expect(await consent(page)).toMatchObject({ optedOut: true, regime: 'opt-in' });
    // Still no US law: the signals say so.
    expect(await gpp(page, 'ping')).toMatchObject({ applicableSections: [-1], gppString: 'DBAA' });
    expect(await usp(page)).toEqual({ version: 1, uspString: '1---' });
    expect(await cookie(page, 'usprivacy')).toBeUndefined();
  });

  test('a returning EU visitor on a page whose footer links carry their own text loads samtykke.min.js alone; the links still open the dialogs', async ({ page }) => {
    const footer = `<footer>
      <a href="#" data-samtykke-link="do-not-sell">Do not sell my data</a>
      <a href="#" data-samtykke-link="privacy-choices">Privacy choices</a>
      <a href="#" data-samtykke-link="preferences">Cookie settings</a>
    </footer>`;
    const { site } = await visit(page, { config: EU, body: CONTENT + footer });
    await call(page, 'rejectAll');
    site.requests.length = 0;
    await page.reload();
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const own = site.requests.filter((url) => new URL(url).origin == HTTPS && new URL(url).pathname != '/');
    expect(own.map((url) => new URL(url).pathname)).toEqual(['/dist/samtykke.min.js']);
    await expect(page.locator('footer [data-samtykke-status]')).toHaveCount(0);
    // The signals are there all the same.
    expect(await gpp(page, 'ping')).toMatchObject({ applicableSections: [-1], gppString: 'DBAA' });
    expect(await usp(page)).toEqual({ version: 1, uspString: '1---' });
    await page.locator('footer').getByRole('link', { name: 'Do not sell my data' }).click();
    await expect(optOutDialog(page)).toBeVisible();
    expect(chunkRequests(site, UI_CHUNK)).toHaveLength(1);
    expect(chunkRequests(site, US_CHUNK)).toEqual([]);
  });
});

test.describe('GPP events', () => {
  const record = (id: string) => `function (e) { window.${id}.push([e.eventName, e.data, e.listenerId, e.pingData.signalStatus, e.pingData.gppString]); }`;

  test('a listener added after load: optOut() gives signalStatus not ready, sectionChange usca, signalStatus ready; removed, it hears no more', async ({ page }) => {
    await visit(page, { body: CONTENT + FOOTER });
    const before = (await loaded(page)).gppString;
    await page.evaluate(`window.__events = []; __gpp('addEventListener', ${record('__events')});`);
    await call(page, 'optOut');
    const events: any[][] = await page.evaluate(() => (window as any).__events);
    const after = (await gpp(page, 'ping')).gppString;
    expect(after).not.toBe(before);
    const id = events[0][2];
    expect(events).toEqual([
      ['listenerRegistered', true, id, 'ready', before],
      ['signalStatus', 'not ready', id, 'not ready', before],
      ['sectionChange', 'usca', id, 'not ready', after],
      ['signalStatus', 'ready', id, 'ready', after],
    ]);
    const removed = await page.evaluate(
      (listenerId) => new Promise<any>((resolve) => (window as any).__gpp('removeEventListener', resolve, listenerId)),
      id,
    );
    expect(removed).toMatchObject({ eventName: 'listenerRemoved', data: true });
    await call(page, 'optIn');
    expect(await page.evaluate(() => (window as any).__events.length)).toBe(4);
  });

  test('a listener added by a page script right after samtykke.min.js hears listenerRegistered, then the load in the spec\'s order', async ({ page }) => {
    const early = `<script>window.__early = []; __gpp('addEventListener', ${record('__early')});</script>`;
    await visit(page, { body: CONTENT + FOOTER, edit: (html) => html.replace('</head>', early + '</head>') });
    await loaded(page);
    const events: any[][] = await page.evaluate(() => (window as any).__early);
    expect(events.map(([name, data]) => [name, data])).toEqual([
      ['listenerRegistered', true],
      ['signalStatus', 'not ready'],
      ['cmpStatus', 'loaded'],
      ['sectionChange', 'usca'],
      ['signalStatus', 'ready'],
    ]);
    expect(new Set(events.map((e) => e[2])).size, 'one listenerId throughout').toBe(1);
    expect(decode(events.at(-1)![4]).sections.usca).toMatchObject({ SaleOptOut: 2 });
  });
});

test.describe('iframes', () => {
  // A vendor's frame: finds the ancestor that has the locator frame and asks it by postMessage.
  const FRAME = `<!doctype html><html lang="en"><title>Ad</title><script>
    var next = 1;
    function locate(api) {
      for (var w = window; ; w = w.parent) {
        try { if (w.frames[api + 'Locator']) return w; } catch (e) {}
        if (w === window.top) return null;
      }
    }
    function post(api, command, parameter, callId, asText, onReply) {
      var host = locate(api);
      if (!host) return onReply('no ' + api + 'Locator');
      var call = {};
      call[api + 'Call'] = { command: command, parameter: parameter, version: api == '__gpp' ? '1.1' : 1, callId: callId };
      window.addEventListener('message', function (event) {
        var data = event.data;
        try { if (typeof data == 'string') data = JSON.parse(data); } catch (e) { return; }
        var reply = data && data[api + 'Return'];
        if (reply && reply.callId === callId) onReply({ form: typeof event.data, fromHost: event.source === host, reply: reply });
      });
      host.postMessage(asText ? JSON.stringify(call) : call, '*');
    }
    /** One call, one reply. */
    window.ask = function (api, command, parameter, asText) {
      var callId = next++;
      return new Promise(function (resolve) { post(api, command, parameter, callId, asText, resolve); });
    };
    /** addEventListener: every event that comes back. */
    window.events = [];
    window.subscribe = function () {
      post('__gpp', 'addEventListener', undefined, 1000, false, function (r) {
        window.events.push([r.reply.returnValue.eventName, r.reply.returnValue.data]);
      });
    };
  </script></html>`;

  const origins = { 'same-origin': HTTPS, 'cross-origin': 'https://ads.shop.example' };
  for (const [kind, origin] of Object.entries(origins)) {
    test(`a ${kind} child frame reaches __gpp and __uspapi through the locator frames, in object and in string form`, async ({ page }) => {
      await visit(page, { body: CONTENT + FOOTER + `<iframe src="${origin}/frame" title="Ad"></iframe>`, pages: { '/frame': FRAME } });
      await loaded(page);
      const frame = page.frames().find((f) => f.url() == origin + '/frame')!;
      expect(frame, 'the ad frame').toBeDefined();
      const ask = (api: string, command: string, parameter?: unknown, asText = false) =>
        frame.evaluate(([a, c, p, t]) => (window as any).ask(a, c, p, t), [api, command, parameter, asText] as const);

      const ping = await ask('__gpp', 'ping');
      expect(ping).toMatchObject({ form: 'object', fromHost: true, reply: { success: true, callId: 1 } });
      expect(ping.reply.returnValue).toMatchObject({ gppVersion: '1.1', applicableSections: [8], cmpStatus: 'loaded' });
      expect(await ask('__uspapi', 'getUSPData')).toEqual({
        form: 'object',
        fromHost: true,
        reply: { returnValue: { version: 1, uspString: '1YNN' }, success: true, callId: 2 },
      });
      const text = await ask('__gpp', 'ping', undefined, true);
      expect(text).toMatchObject({ form: 'string', fromHost: true, reply: { success: true, callId: 3 } });
      expect(text.reply.returnValue.applicableSections).toEqual([8]);

      await frame.evaluate(() => (window as any).subscribe());
      await expect.poll(() => frame.evaluate(() => (window as any).events)).toEqual([['listenerRegistered', true]]);
      await call(page, 'optOut');
      await expect.poll(() => frame.evaluate(() => (window as any).events)).toEqual([
        ['listenerRegistered', true],
        ['signalStatus', 'not ready'],
        ['sectionChange', 'usca'],
        ['signalStatus', 'ready'],
      ]);
      expect(await ask('__gpp', 'getField', 'usca.SaleOptOut')).toMatchObject({ reply: { returnValue: 1, success: true } });
      expect(await ask('__uspapi', 'getUSPData', undefined, true)).toMatchObject({
        form: 'string',
        reply: { returnValue: { version: 1, uspString: '1YYN' }, success: true },
      });
    });
  }
});

test.describe('keyboard and accessibility', () => {
  test('Tab to the link, Enter opens the dialog, focus stays inside, Escape closes it back to the link; axe finds nothing', async ({ page }) => {
    await visit(page, { body: CONTENT + FOOTER });
    const link = footerLink(page, DNS);
    await expect(link).toHaveText(DNS);
    await expect(footerLink(page, CHOICES).getByRole('img', { name: ICON })).toBeVisible();
    await axe(page, 'the page with the footer links');

    for (let i = 0; i < 6 && !(await link.evaluate((el) => el == document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = optOutDialog(page);
    await expect(dialog).toBeVisible();
    expect((await focusIn(dialog)).inside, 'focus moved into the dialog').toBe(true);

    const seen = new Set<string>();
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 1; i <= 8; i++) {
        await page.keyboard.press(key);
        const { name, inside } = await focusIn(dialog);
        expect(inside, `${key} #${i} moved focus out of the dialog, to "${name}"`).toBe(true);
        seen.add(name);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Close', 'privacy policy', 'Opt out']));
    await axe(page, 'the opt-out dialog');

    // Operable by keyboard: Opt out with the Space key.
    while ((await focusIn(dialog)).name != 'Opt out') await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    expect((await focusIn(dialog)).name, 'focus stays on the action, now Opt back in').toBe('Opt back in');
    await axe(page, 'the opt-out dialog after opting out');

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();
    expect(await consent(page)).toMatchObject({ optedOut: true });
  });

  test('with GPC, the footer with its "Opt-Out Request Honored" status passes axe', async ({ page }) => {
    await sendGpc(page);
    await visit(page, { body: CONTENT + FOOTER });
    await expect(statusOf(page, DNS)).toHaveText(HONORED);
    await axe(page, 'the footer links with the GPC status');
  });
});

test.describe('link texts', () => {
  const OWN = 'Sälj inte min personliga information';
  const LINKS = `<footer>
    <a href="#" data-samtykke-link="do-not-sell"></a>
    <a href="#" data-samtykke-link="privacy-choices"></a>
    <a href="#" data-samtykke-link="do-not-sell" lang="sv">${OWN}</a>
  </footer>`;

  test('empty links get the statutory texts and the icon; a link with its own text keeps it; one status per link', async ({ page }) => {
    await visit(page, { body: CONTENT + LINKS });
    const links = page.locator('footer a');
    await expect(links.nth(0)).toHaveText(DNS);
    const choices = links.nth(1);
    await expect(choices).toHaveText(CHOICES);
    const icon = choices.getByRole('img', { name: ICON });
    await expect(icon).toBeVisible();
    expect(await icon.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    const box = (await icon.boundingBox())!;
    expect(box.height).toBeGreaterThan(8);
    expect(box.width / box.height).toBeCloseTo(30 / 14, 0);
    await expect(links.nth(2)).toHaveText(OWN);
    await expect(links.nth(2).locator('svg')).toHaveCount(0);
    await expect(page.locator('footer [data-samtykke-status]')).toHaveCount(3);

    // A change redraws the links without doubling texts or statuses.
    await call(page, 'optOut');
    await call(page, 'optIn');
    await expect(links.nth(0)).toHaveText(DNS);
    await expect(choices.locator('svg')).toHaveCount(1);
    await expect(links.nth(2)).toHaveText(OWN);
    await expect(page.locator('footer [data-samtykke-status]')).toHaveCount(3);
    for (const status of await page.locator('footer [data-samtykke-status]').all()) await expect(status).toHaveText('');

    // The site's own link and the Your Privacy Choices link open the same dialog.
    for (const link of [links.nth(2), choices]) {
      await link.click();
      await expect(optOutDialog(page)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(optOutDialog(page)).toBeHidden();
      await expect(link).toBeFocused();
    }
    expect(new URL(page.url()).hash, 'the click did not follow href="#"').toBe('');
  });

  test('texts.en["optOut.link"] overrides the text of an empty link', async ({ page }) => {
    const config = { ...CA, texts: { en: { 'optOut.link': 'Opt out of sale' } } };
    await visit(page, { config, body: CONTENT + FOOTER });
    await expect(page.locator('footer [data-samtykke-link="do-not-sell"]')).toHaveText('Opt out of sale');
    await expect(footerLink(page, CHOICES)).toHaveText(CHOICES);
  });
});

test.describe('strict CSP', () => {
  test("default-src 'self' without unsafe-inline: the links, the icon and the dialog render, with no violation", async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
    });
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";
    await visit(page, { body: CONTENT + FOOTER, headers: { 'content-security-policy': csp } });
    await expect(footerLink(page, DNS)).toHaveText(DNS);
    const icon = footerLink(page, CHOICES).getByRole('img', { name: ICON });
    await expect(icon).toBeVisible();
    // Its alignment is set through the CSSOM, which the CSP allows.
    expect(await icon.evaluate((el) => getComputedStyle(el).verticalAlign)).not.toBe('baseline');
    await loaded(page);

    const dialog = await openDialog(page);
    expect(await dialog.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('8px');
    await dialog.getByRole('button', { name: 'Opt out', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(DONE);
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  });
});
