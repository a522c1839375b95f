// `samtykke scan` against examples/scan-faults, the deliberately faulty
// bakery (its EXPECTED.md lists every fault): the command exits 1, each fault
// is found with the right page, state, category and script, nothing done
// right is blamed, scan.json matches its golden copy (times, ports and
// random ids left out), the report page agrees with scan.json and passes
// axe, and the drafted config passes `samtykke validate`.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesUrl, runScan, type ScanRun } from './run-scan';
import { expectNoAxeViolations } from '../page-a11y';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const GOLDEN = join(import.meta.dirname, 'golden', 'scan-faults.json');

/** scan.json without what differs between runs: times, the server's port,
 * consent ids; sightings reduced to where and when (before or after the
 * click) each item was seen, in a stable order. */
export function comparable(result: any) {
  const origin = new URL(examplesUrl()).origin;
  const text = JSON.stringify(result).replaceAll(origin, '<origin>');
  const r = JSON.parse(text);
  return {
    schemaVersion: r.schemaVersion,
    url: r.url,
    site: r.site,
    pages: r.pages,
    states: r.states.map((s: any) => ({ name: s.name, pages: s.pages, choice: s.choice && { action: s.choice.action, page: s.choice.page, via: s.choice.via }, categories: s.consent?.categories, optedOut: s.consent?.optedOut })),
    items: r.items.map((i: any) => ({
      id: i.id,
      party: i.party,
      classification: { category: i.classification.category, source: i.classification.source, match: i.classification.match, service: i.classification.service, platform: i.classification.platform },
      seen: [...new Set(i.sightings.map((s: any) => `${s.state} ${s.at < 0 ? 'before' : 'after'} ${s.page}${s.resourceType ? ` ${s.resourceType}` : ''}${s.serviceWorker ? ' (service worker)' : ''} by ${s.setBy?.via}${s.setBy?.url ? ` ${s.setBy.url}` : ''}${s.setBy?.status ? ` ${s.setBy.status}` : ''}`))].sort(),
    })),
    findings: r.findings,
    summary: r.summary,
  };
}

test.describe.configure({ mode: 'default' });
let run: ScanRun;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  run = await runScan('/scan-faults/', ['--draft-config', '{out}/draft.json']);
});

const findings = (rule: string) => run.result.findings.filter((f: any) => f.rule == rule);
const one = (rule: string, name: string, state?: string) => findings(rule).find((f: any) => f.name == name && (!state || f.state == state));

test('exits 1 with one line per finding on stderr and the outcome on stdout', () => {
  expect(run.code, run.stderr).toBe(1);
  const { violation, warning, info } = run.result.summary.findings;
  expect(violation).toBeGreaterThan(0);
  expect(run.stdout).toContain(`samtykke scan: 4 pages × 4 states in `);
  expect(run.stdout).toContain(`: ${violation} violations, ${warning} warnings, ${info} info; report: `);
  const lines = run.stderr.split('\n').filter((line) => /^(violation|warning|info) /.test(line));
  expect(lines).toHaveLength(run.result.findings.length);
  expect(lines[0]).toMatch(/^violation /);
});

test('finds every fault, with its page, state, category and who set it', () => {
  const origin = new URL(examplesUrl()).origin;
  const page = (path: string) => `${origin}/scan-faults/${path}`;
  // 1: the ungated analytics tag, before any choice and again after Reject all.
  expect(one('nonessential-before-consent', '_tk_id')).toMatchObject({ category: 'analytics', state: 'before', page: page(''), script: 'https://cdn.trackly.example/t.js' });
  expect(one('nonessential-after-reject', '_tk_id')).toMatchObject({ category: 'analytics', state: 'reject', page: page('about.html'), script: 'https://cdn.trackly.example/t.js' });
  // 2: the cookie set two seconds after load, which only the database knows.
  expect(one('nonessential-before-consent', '_fbp')).toMatchObject({ category: 'marketing', state: 'before', page: page(''), script: page('late.js') });
  expect(one('undeclared', '_fbp')).toMatchObject({ category: 'marketing' });
  expect(run.result.items.find((i: any) => i.name == '_fbp').classification).toMatchObject({ source: 'open-cookie-database', platform: 'Facebook' });
  // 3: the third-party frame's cookie (third party, two years asked, 400 days kept) and its storage.
  expect(one('nonessential-before-consent', 'wc_visitor')).toMatchObject({ category: 'marketing', state: 'before', page: page(''), script: 'https://embed.widgetco.example/frame.html' });
  expect(one('lifetime-over-13-months', 'wc_visitor')).toBeTruthy();
  expect(run.result.items.find((i: any) => i.name == 'wc_visitor')).toMatchObject({ party: 'third', domain: 'embed.widgetco.example' });
  expect(run.result.items.find((i: any) => i.id == 'localStorage:https://embed.widgetco.example:wc_last_seen')).toMatchObject({ party: 'third' });
  // 4: the Set-Cookie on a redirect.
  expect(one('nonessential-before-consent', 'ref_src')).toMatchObject({ category: 'marketing', state: 'before', page: page('go/offers'), script: page('go/offers') });
  const redirect = run.result.items.find((i: any) => i.name == 'ref_src').sightings[0];
  expect(redirect.setBy).toEqual({ via: 'header', url: page('go/offers'), status: 302 });
  // 5: the service worker's beacon, known to third-party-web.
  expect(one('nonessential-before-consent', 'www.google-analytics.com')).toMatchObject({ kind: 'request', category: 'analytics', state: 'before', page: page(''), script: page('sw.js') });
  expect(run.result.items.find((i: any) => i.name == 'www.google-analytics.com').sightings[0]).toMatchObject({ serviceWorker: true, resourceType: 'fetch' });
  // 7: the ad tag gated on the wrong category runs under GPC.
  expect(one('gpc-not-honoured', 'adnet_uid')).toMatchObject({ category: 'marketing', state: 'gpc', page: page(''), script: 'https://ads.adnet.example/ads.js' });
});

test('blames nothing done right: GA and the language preference wait for consent, GPC leaves analytics alone', () => {
  const blamed = (name: string) => run.result.findings.filter((f: any) => f.name == name && f.severity == 'violation');
  for (const name of ['_ga', '_ga_FJORD1', 'fj_lang', 'www.googletagmanager.com', 'samtykke']) expect(blamed(name), name).toEqual([]);
  expect(findings('gpc-not-honoured').filter((f: any) => f.category != 'marketing')).toEqual([]);
  expect(findings('declared-unseen')).toEqual([]);
  expect(findings('undeclared').map((f: any) => f.name)).toEqual(['_fbp']);
  const ga = run.result.items.find((i: any) => i.name == '_ga');
  expect([...new Set(ga.sightings.map((s: any) => s.state))]).toEqual(['accept', 'gpc']);
  expect(ga.sightings.every((s: any) => s.at >= 0)).toBe(true);
});

test('scan.json matches its golden copy, times left out', () => {
  const actual = comparable(run.result);
  if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
});

test('the report page renders, shows the counts of scan.json, and passes axe', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => void requests.push(request.url()));
  await page.goto(`file://${join(run.out, 'report.html')}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { violation, warning } = run.result.summary.findings;
  await expect(page.locator('body')).toContainText(`${violation} violations`);
  await expect(page.locator('body')).toContainText(`${warning} warnings`);
  await expectNoAxeViolations(page, 'the report');
  expect(requests).toHaveLength(1);
});

test('the drafted config passes samtykke validate as it is', () => {
  const file = join(run.out, 'draft.json');
  expect(existsSync(file), 'the draft was written').toBe(true);
  expect(run.stdout).toContain(`samtykke scan: draft config in ${file}`);
  const validated = spawnSync(process.execPath, [join(ROOT, 'bin', 'samtykke.js'), 'validate', file], { encoding: 'utf8' });
  expect(validated.status, validated.stderr).toBe(0);
  const config = JSON.parse(readFileSync(file, 'utf8'));
  // The site's own services are kept, and _fbp joins a service of the draft's.
  expect(Object.keys(config.categories.marketing.services)).toEqual(expect.arrayContaining(['widgetco', 'referrals', 'adnet']));
  expect(JSON.stringify(config.categories.marketing)).toContain('_fbp');
});
