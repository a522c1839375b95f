// A per-site build (`samtykke build`, bin/build.mjs) in Chromium: the bundle
// carries its config, so the page has no config block; it keeps the promises
// of the generic bundle (no Google request before consent, the banner, the
// choice remembered, only the core on a returning visit), and leaves out
// only what the site's config cannot use.
import { test, expect, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../../bin/build.mjs';
import { HTTPS, serve, watchConsole, type Site } from './site';

const ROOT = join(import.meta.dirname, '..', '..');
const GA = {
  regime: 'opt-in',
  privacyPolicyUrl: '/privacy',
  googleAnalytics: { id: 'G-TEST123' },
  texts: { en: { 'banner.title': 'Cookies on Shop' } },
};
const AUTO = { ...GA, regime: 'auto' };
/** A Californian site with sensitive data and a privacy centre (issue 17). */
const CENTRE = {
  regime: 'opt-out',
  region: 'US-CA',
  privacyPolicyUrl: '/privacy',
  categories: { location: { sensitive: ['precise-geolocation'], retention: '30 days' }, marketing: { sale: true } },
  privacyCentre: { rights: { access: 'mailto:privacy@shop.example', delete: '/privacy/delete', correct: '/privacy/correct' }, tollFree: '+1-800-555-0100' },
};

/** Each worker builds its own copies under dist/ (served as /dist/…). */
let folder = '';
test.beforeAll(async ({}, info) => {
  folder = `dist/site-test-${info.workerIndex}`;
  await buildSite({ config: GA, out: join(ROOT, folder, 'ga', 'consent.js'), locales: ['da'] });
  await buildSite({ config: AUTO, out: join(ROOT, folder, 'auto', 'consent.js'), locales: ['da'] });
  await buildSite({ config: CENTRE, out: join(ROOT, folder, 'centre', 'consent.js'), locales: ['da'] });
});
test.afterAll(() => rmSync(join(ROOT, folder), { recursive: true, force: true }));

const page = (src: string, attributes = '', lang = 'en', body = '') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title>
<script src="/${folder}/${src}" ${attributes}></script></head><body><h1>Shop</h1>${body}</body></html>`;
const own = (site: Site) => site.requests.filter((url) => url.startsWith(HTTPS + '/dist/')).map((url) => new URL(url).pathname.replace(`/${folder}/`, ''));
const gtag = (site: Site) => site.requests.filter((url) => url.startsWith('https://www.googletagmanager.com/'));
const banner = (p: Page, title = 'Cookies on Shop') => p.getByRole('region', { name: title });

test('with no config block: the banner, no request to Google before consent, Accept all loads GA, and a returning visit loads the core alone', async ({ page: p }) => {
  const site = await serve(p, { '/': page('ga/consent.js') });
  const log = watchConsole(p);
  await p.goto(HTTPS + '/');
  await expect(banner(p)).toBeVisible();
  await p.waitForTimeout(200);
  expect(gtag(site)).toEqual([]);
  expect(own(site)).toEqual(['ga/consent.js', 'ga/consent.ui.js']);
  await banner(p).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => gtag(site)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-TEST123']);
  const layer = await p.evaluate(() => ((window as any).dataLayer as IArguments[]).map((entry) => Array.from(entry).slice(0, 2).join(' ')));
  expect(layer.slice(0, 1)).toEqual(['consent default']);
  expect(layer).toContain('consent update');

  site.requests.length = 0;
  await p.reload();
  await expect.poll(() => gtag(site)).toHaveLength(1);
  expect(own(site)).toEqual(['ga/consent.js']);
  await expect(banner(p)).toBeHidden();
  expect(await p.evaluate(() => (window as any).Samtykke.getConsent().categories)).toMatchObject({ analytics: true, marketing: true });
  expect(log.errors).toEqual([]);
  expect(log.exceptions).toEqual([]);
});

test('an opt-in site is built without the US law code: no __gpp, no __uspapi, no US chunk; the opt-out dialog still opens from its link', async ({ page: p }) => {
  const site = await serve(p, { '/': page('ga/consent.js', '', 'en', '<a href="#" data-samtykke-link="do-not-sell">Do not sell my data</a>') });
  await p.goto(HTTPS + '/');
  await expect(banner(p)).toBeVisible();
  expect(await p.evaluate(() => [typeof (window as any).__gpp, typeof (window as any).__uspapi])).toEqual(['undefined', 'undefined']);
  await p.getByRole('link', { name: 'Do not sell my data' }).click();
  await expect(p.getByRole('dialog', { name: 'Do Not Sell or Share My Personal Information' })).toBeVisible();
  expect(own(site).filter((file) => file.includes('.us.'))).toEqual([]);
});

test('regime auto: the page still passes the region per request (data-region), and the language files sit beside the bundle', async ({ page: p }) => {
  const site = await serve(p, {
    '/ca': page('auto/consent.js', 'data-region="US-CA"'),
    '/dk': page('auto/consent.js', 'data-region="DK"', 'da'),
  });
  await p.goto(HTTPS + '/ca');
  await expect.poll(() => p.evaluate(() => (window as any).Samtykke.getConsent().regime)).toBe('opt-out');
  const ping = await p.evaluate(() => new Promise((resolve) => (window as any).__gpp('ping', resolve)));
  expect(ping).toMatchObject({ applicableSections: [8] });
  await expect.poll(() => own(site)).toContain('auto/consent.us.js');

  await p.goto(HTTPS + '/dk');
  // The site's texts are English only: the Danish visitor gets Danish.
  await expect(p.getByRole('region', { name: 'Vi værner om dit privatliv' })).toBeVisible();
  expect(await p.evaluate(() => (window as any).Samtykke.getConsent().regime)).toBe('opt-in');
  expect(own(site).some((file) => file.startsWith('auto/locales/da'))).toBe(true);
});

test('a per-site build with a privacy centre: the Limit link gets its text, the centre comes from consent.centre.js, and the Limit holds', async ({ page: p }) => {
  const footer = '<footer><a href="/privacy#limit" data-samtykke-link="limit-sensitive"></a></footer>';
  const site = await serve(p, { '/': page('centre/consent.js', '', 'en', footer) });
  const log = watchConsole(p);
  await p.goto(HTTPS + '/');
  const link = p.getByRole('contentinfo').getByRole('link', { name: 'Limit the Use of My Sensitive Personal Information' });
  await link.click();
  const centre = p.getByRole('dialog', { name: 'Privacy centre' });
  await centre.getByRole('button', { name: 'Limit the use', exact: true }).click();
  await expect(centre.getByRole('status').filter({ hasText: 'Use of sensitive personal information limited' })).toBeVisible();
  await expect(centre.getByRole('link', { name: '+1-800-555-0100' })).toBeVisible();
  expect(own(site)).toEqual(expect.arrayContaining(['centre/consent.js', 'centre/consent.us.js', 'centre/consent.ui.js', 'centre/consent.dialogs.js', 'centre/consent.centre.js']));
  expect(await p.evaluate(() => (window as any).Samtykke.getConsent())).toMatchObject({ limited: true, categories: { location: false, marketing: true } });
  expect(log.errors).toEqual([]);
  expect(log.exceptions).toEqual([]);
});
