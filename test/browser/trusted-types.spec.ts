// A page whose CSP enforces Trusted Types (`require-trusted-types-for
// 'script'`) together with a nonce-only script policy: samtykke loads its
// UI chunk, starts the site's gated scripts and loads gtag.js through its
// own policy, with no violation (under the README's CSP); the policy's name is configurable; and a
// CSP that does not allow the policy gets one clear message and nothing
// runs.
import { expect, test, type Page } from '@playwright/test';
import { HTTPS, serve, watchConsole } from './site';
import { claim } from '../shared/readme';

const NONCE = 'tT0kq3nonce';

function page(config: object) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script>
<script nonce="${NONCE}">
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);
</script>
<script nonce="${NONCE}" src="/dist/samtykke.min.js"></script>
<script type="text/plain" data-samtykke="analytics">window.__inline = (window.__inline || 0) + 1;</script>
<script type="text/plain" data-samtykke="marketing" src="https://ads.example/tag.js"></script>
</head><body><h1>Shop</h1></body></html>`;
}

/** The README's Trusted Types policy, with this page's nonce and `policies`
 * as the allowed policy names. */
const csp = (policies: string) =>
  claim('http', 'require-trusted-types-for')
    .code.trim()
    .replace(/^Content-Security-Policy:\s*/, '')
    .replace('{random}', NONCE)
    .replace(/trusted-types samtykke$/, `trusted-types ${policies}`);

async function visit(page: Page, config: object, policies: string) {
  const log = watchConsole(page);
  const site = await serve(page, { '/': { body: pageFor(config), headers: { 'content-security-policy': csp(policies) } } });
  await page.goto(HTTPS + '/');
  return { log, site };
}
const pageFor = page;

const ran = (p: Page) =>
  p.evaluate(() => ({ inline: (window as any).__inline ?? 0, ads: ((window as any).__adRan ?? []).length, gtag: (window as any).__gtagRan ?? 0 }));

for (const [name, config] of [
  ['the default policy name', {}],
  ['a policy name the site chose', { trustedTypesPolicy: 'consent-sdk' }],
] as const) {
  test(`under Trusted Types and a nonce-only CSP, with ${name}: banner, gated scripts and gtag.js work with no violation`, async ({ page }) => {
    const policy = (config as { trustedTypesPolicy?: string }).trustedTypesPolicy ?? 'samtykke';
    const { log, site } = await visit(page, { ...config, googleAnalytics: { id: 'G-TEST123' } }, policy);
    const banner = page.locator('samtykke-ui').getByRole('button', { name: 'Accept all' });
    await expect(banner).toBeVisible();
    expect(await ran(page)).toEqual({ inline: 0, ads: 0, gtag: 0 });
    expect(site.requests.filter((url) => !url.startsWith(HTTPS))).toEqual([]);

    await banner.click();
    await expect.poll(() => ran(page)).toEqual({ inline: 1, ads: 1, gtag: 1 });
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(log).toEqual({ errors: [], warnings: [expect.stringContaining('privacyPolicyUrl')], exceptions: [] });

    // A returning visitor: everything starts on load, still through the policy.
    await page.reload();
    await expect.poll(() => ran(page)).toEqual({ inline: 1, ads: 1, gtag: 1 });
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  });
}

test('a CSP whose trusted-types list lacks the policy: one message naming trustedTypesPolicy, nothing gated runs, no exception', async ({ page }) => {
  const { log } = await visit(page, { trustedTypesPolicy: 'samtykke' }, 'other-policy');
  await page.evaluate(() => (window as any).Samtykke.acceptAll());
  await page.waitForTimeout(200);
  expect(await ran(page)).toEqual({ inline: 0, ads: 0, gtag: 0 });
  expect(log.exceptions).toEqual([]);
  const ours = log.errors.filter((e) => e.startsWith('samtykke:'));
  // Error 14: the policy was refused; the README's "Errors" names trustedTypesPolicy.
  expect(ours[0]).toMatch(/^samtykke: error 14 \('samtykke' was refused \(/);
  // The browser reports the refused policy and sinks itself; samtykke says
  // each of its problems once.
  expect(new Set(ours).size).toBe(ours.length);
});
