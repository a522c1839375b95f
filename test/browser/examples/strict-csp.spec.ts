// examples/strict-csp: an invoicing SaaS served with a strict
// Content-Security-Policy (a fresh nonce per response, 'strict-dynamic', no
// 'unsafe-inline'). samtykke's modal banner, Google Analytics (Consent Mode
// basic), a gated inline script with no nonce of its own and a gated ad tag
// must all work under it with zero violations. The last test is the control:
// the same page with samtykke's nonce taken away must break, visibly, so a
// green run here means something.
import { cookieNames, expect, inspector, test } from '../demo';
import type { Page, Response } from '@playwright/test';

const GTM = 'www.googletagmanager.com';
const ADS = 'ads.adnet.example';
const GA_TAG = `https://${GTM}/gtag/js?id=G-LEDGERLY1`;
const AD_TAG = `https://${ADS}/tag.js`;
const ANALYTICS_ON = 'Analytics: on (this gated inline script ran).';

const banner = (page: Page) => page.getByRole('dialog', { name: 'We value your privacy' });
const preferences = (page: Page) => page.getByRole('dialog', { name: 'Privacy preferences' });
const analyticsStatus = (page: Page) => page.getByRole('main').getByText(/^Analytics: /);
const advertisement = (page: Page) => page.getByRole('complementary', { name: 'Advertisement' });

/** Every CSP violation Chromium reports on the console, across reloads. */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => void (message.text().includes('Content Security Policy') && violations.push(message.text())));
  return violations;
}

/** The nonce in the response's CSP header. */
function nonceOf(response: Response | null) {
  const policy = response?.headers()['content-security-policy'] ?? '';
  const found = /'nonce-([^']+)'/.exec(policy);
  expect(found, `a nonce in the policy: ${policy}`).not.toBeNull();
  return found![1];
}

/** Is the banner a modal <dialog>, and is focus (looked for in shadow roots) inside it? */
const modalWithFocus = (page: Page) =>
  banner(page).evaluate((dialog) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { element: dialog.localName, modal: dialog.matches(':modal'), focusInside: !!active && dialog.contains(active) };
  });

test.describe('served as shipped', () => {
  test.afterEach(async ({ demo }) => {
    expect(demo.errors).toEqual([]);
    expect(demo.exceptions).toEqual([]);
    expect(demo.unexpected).toEqual([]);
  });

  test('the page comes with a strict CSP whose nonce is the one its scripts carry, fresh on every load', async ({ page }) => {
    const first = await page.goto('/strict-csp/');
    const policy = first!.headers()['content-security-policy'];
    const nonce = nonceOf(first);
    expect(policy).toContain(`script-src 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    // The HTML as sent: both scripts carry the header's nonce, and no placeholder is left.
    const html = await first!.text();
    expect(html).toContain(`<script src="/inspector.js" nonce="${nonce}"></script>`);
    expect(html).toContain(`<script src="/dist/samtykke.min.js" nonce="${nonce}"></script>`);
    expect(html).not.toContain('{{nonce}}');
    // In the page (the browser hides the attribute, the property keeps it):
    // the two from the HTML, and the UI chunk samtykke added for the banner.
    await expect(banner(page)).toBeVisible();
    const running = page.locator('script[src]:not([type="text/plain"])');
    const inPage = await running.evaluateAll((scripts) => scripts.map((s) => [new URL((s as HTMLScriptElement).src).pathname, (s as HTMLScriptElement).nonce]));
    expect(inPage).toEqual([
      ['/inspector.js', nonce],
      ['/dist/samtykke.min.js', nonce],
      ['/dist/samtykke.ui.min.js', nonce],
    ]);

    const second = await page.reload();
    const next = nonceOf(second);
    expect(next).not.toBe(nonce);
    expect(await second!.text()).toContain(`<script src="/dist/samtykke.min.js" nonce="${next}"></script>`);
    const third = await page.request.get('/strict-csp/');
    expect(third.headers()['content-security-policy']).not.toContain(nonce);
    expect(third.headers()['content-security-policy']).not.toContain(next);
  });

  test('Accept all in the modal banner runs GA, the inline script and the ad with the page nonce, Reject all in Cookie settings deletes _ga, and not one CSP violation', async ({ page, demo }) => {
    const violations = watchCsp(page);
    const nonce = nonceOf(await page.goto('/strict-csp/'));

    // The banner: a modal dialog, focus inside it, nothing loaded yet.
    await expect(banner(page)).toBeVisible();
    expect(await modalWithFocus(page)).toEqual({ element: 'dialog', modal: true, focusInside: true });
    await expect(banner(page).getByRole('button')).toHaveText(['Accept all', 'Reject all', 'Preferences']);
    await expect(inspector(page, 'gated')).toHaveText(`waiting  analytics  inline script\nwaiting  adnet  script ${AD_TAG}`);
    expect(demo.to(GTM)).toEqual([]);

    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(page)).toBeHidden();
    await expect.poll(() => demo.to(GTM)).toEqual([GA_TAG]);
    await expect.poll(() => demo.to(ADS)).toEqual([AD_TAG]);
    // What samtykke switched on carries the page's nonce: gtag.js, the ad tag,
    // and the inline script that had none of its own. ('strict-dynamic' would
    // let a script added by samtykke run without it; a nonce-only policy would not.)
    const nonceOfScript = (selector: string) => page.locator(selector).evaluate((s) => (s as HTMLScriptElement).nonce);
    expect(await nonceOfScript(`script[src="${GA_TAG}"]`)).toBe(nonce);
    expect(await nonceOfScript(`script[src="${AD_TAG}"]`)).toBe(nonce);
    expect(await nonceOfScript('script[data-samtykke="analytics"]:not([type="text/plain"])')).toBe(nonce);
    await expect(analyticsStatus(page)).toHaveText(ANALYTICS_ON);
    await expect(advertisement(page)).toHaveText('Ad: inline (served by adnet)');
    // Both are async: either may run first.
    await expect(inspector(page, 'ran')).toHaveText(/^(gtag\.js, ads\.js|ads\.js, gtag\.js)$/);
    await expect(inspector(page, 'gated')).toHaveText(`ran      analytics  inline script\nran      adnet  script ${AD_TAG}`);
    await expect(inspector(page, 'dataLayer')).toContainText('["consent","update",{"security_storage":"granted","analytics_storage":"granted"');
    await expect.poll(() => cookieNames(page)).toEqual(['_ga', '_ga_LEDGERLY1', 'adnet_uid', 'samtykke']);
    await expect(inspector(page, 'csp')).toHaveText('(none)');

    // Withdrawal from the footer.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    const dialog = preferences(page);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Reject all' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => cookieNames(page)).toEqual(['samtykke']);
    await expect(inspector(page, 'allowed')).toHaveText('necessary');
    await expect(inspector(page, 'dataLayer')).toContainText('["consent","update",{"security_storage":"granted","analytics_storage":"denied","ad_storage":"denied"');
    await expect(inspector(page, 'csp')).toHaveText('(none)');

    // And the next view stays quiet, still without a violation.
    await page.reload();
    await expect(inspector(page, 'allowed')).toHaveText('necessary');
    await expect(inspector(page, 'csp')).toHaveText('(none)');
    await page.waitForTimeout(300);
    await expect(banner(page)).toHaveCount(0);
    expect(demo.to(GTM)).toEqual([GA_TAG]);
    expect(demo.to(ADS)).toEqual([AD_TAG]);
    await expect(analyticsStatus(page)).toHaveText('Analytics: off.');
    expect(violations).toEqual([]);
  });

  test('Reject all on the first visit: GA, the inline script and the ad never run, and no CSP violation', async ({ page, demo }) => {
    const violations = watchCsp(page);
    await page.goto('/strict-csp/');
    await expect(banner(page)).toBeVisible();
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(banner(page)).toBeHidden();
    await expect(inspector(page, 'decided')).toHaveText('true / true');
    await expect(inspector(page, 'allowed')).toHaveText('necessary');
    await page.waitForTimeout(300);
    expect(demo.to(GTM)).toEqual([]);
    expect(demo.to(ADS)).toEqual([]);
    await expect(analyticsStatus(page)).toHaveText('Analytics: off.');
    await expect(advertisement(page)).toHaveText('Advertisement');
    await expect(inspector(page, 'gated')).toHaveText(`waiting  analytics  inline script\nwaiting  adnet  script ${AD_TAG}`);
    await expect(inspector(page, 'ran')).toHaveText('(none)');
    expect(await cookieNames(page)).toEqual(['samtykke']);
    await expect(inspector(page, 'csp')).toHaveText('(none)');
    expect(violations).toEqual([]);
  });
});

test.describe('control: the same page without samtykke\'s nonce', () => {
  test('with the nonce taken off samtykke\'s script the banner never appears and the violation is reported; the untouched copy, served the same way, works', async ({ page, demo }) => {
    const violations = watchCsp(page);
    const original = await page.request.get('/strict-csp/');
    const policy = original.headers()['content-security-policy'];
    const html = await original.text();
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    const withNonce = `<script src="/dist/samtykke.min.js" nonce="${nonce}"></script>`;
    expect(html).toContain(withNonce);
    const broken = html.replace(withNonce, '<script src="/dist/samtykke.min.js"></script>');
    expect(broken).not.toContain(withNonce);
    const serve = (body: string) => ({ body, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': policy } });
    await page.route('**/strict-csp/copy.html', (route) => route.fulfill(serve(html)));
    await page.route('**/strict-csp/broken.html', (route) => route.fulfill(serve(broken)));

    // The copy as served (same HTML, same header, through the same route) works,
    // so what breaks below is the missing nonce and nothing else.
    await page.goto('/strict-csp/copy.html');
    await expect(banner(page)).toBeVisible();
    await expect(inspector(page, 'regime')).toHaveText('opt-in');
    await expect(inspector(page, 'csp')).toHaveText('(none)');
    expect(violations).toEqual([]);

    await page.goto('/strict-csp/broken.html');
    // The inspector (still with its nonce) runs and reports the blocked script.
    await expect(inspector(page, 'csp')).toContainText('script-src-elem: ');
    await expect(inspector(page, 'csp')).toContainText('/dist/samtykke.min.js');
    await expect(inspector(page, 'allowed')).toHaveText('(not started)');
    await page.waitForTimeout(300);
    await expect(banner(page)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'We value your privacy' })).toHaveCount(0);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain('/dist/samtykke.min.js');
    expect(violations[0]).toContain(`script-src 'nonce-${nonce}' 'strict-dynamic'`);
    // Chromium logs the violation as a console error, and it is the only one.
    expect(demo.errors).toEqual(violations);
    expect(demo.exceptions).toEqual([]);
    expect(demo.unexpected).toEqual([]);
    expect(demo.to(GTM)).toEqual([]);
  });
});
