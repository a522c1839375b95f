// Consistency under churn (hardening issue 9, part 5): random sequences of
// acceptAll / rejectAll / set / optOut / optIn / reset / reload (with or
// without Global Privacy Control), in the EU opt-in regime and as a
// Californian under the US opt-out regime, each checked against a model of
// what the visitor chose (churn-model.ts).
//
// After the page loads and after every step, everything samtykke tells the
// page must agree with the model, and so with each other:
// - getConsent(): categories, services, optedOut, gpc, decided, persisted,
//   and an id that stays until a reset;
// - the `samtykke` cookie, decoded in Node (its lifetime too: 182 or 365 days);
// - Google Consent Mode: the page load's `default`, first in the dataLayer
//   and the stored choice (with wait_for_update only while undecided), and
//   the last `consent` command, which must match the categories now;
// - US Privacy (`__uspapi` and the `usprivacy` cookie) and IAB GPP (`ping`,
//   `getSection`, the string decoded by IAB's own library, and what a GPP
//   event listener was last told); outside the US, "not applicable";
// - the gates: each gated script ran at most once, and it ran (or the pixel
//   got its src) iff its category or service was allowed at some point of
//   this page load (a script cannot un-run; after a reload only what is
//   allowed now runs), in document order within each decision; gtag.js was
//   added (and ran) iff `ga4` was allowed, GA's kill switch is set iff it is
//   not allowed now, and there is no `_ga` cookie while analytics is denied;
// - the banner is up iff the opt-in visitor was asked and has not decided;
// - events: one `samtykke:change` per step that changed what is allowed, its
//   detail the state now, and one `consent` event per choice.
//
// Runs: 1,000 sequences of 1 to 8 steps (about 4,300 steps and 5,300 checked
// states in all), in four tests of 250 with fixed seeds, two per regime, so
// that two workers share them: about 3 minutes of CPU in all (Chromium and
// Node), so about 1.5 minutes on two idle cores. Each sequence starts afresh (cookies cleared, page
// loaded), so a failure prints fast-check's shrunk sequence, the seed and
// path to replay it, and every disagreement at the failing step.
// - More runs: SAMTYKKE_CHURN_RUNS=2000 (per test).
// - Another stream: SAMTYKKE_FC_SEED=$RANDOM (as for the unit tests).
// - Replay one failure: SAMTYKKE_CHURN_PATH=<path> with -g for its test.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GppModel } from '@iabgpp/cmpapi';
import { decode } from '../../src/storage/codec';
import { HTTPS, pageWith, serve, watchConsole } from './site';
import { CATEGORIES, GATED, Model, SET_NAMES, consentModeState, describeAction, uspString, type Action, type Regime } from './churn-model';

const RUNS = Number(process.env.SAMTYKKE_CHURN_RUNS) || 250;
const SEED = process.env.SAMTYKKE_FC_SEED ? Number(process.env.SAMTYKKE_FC_SEED) : undefined;
const GA_ID = 'G-CHURN1';
const DAY_S = 86_400;

// ---------------------------------------------------------------------------
// The page

function configFor(regime: Regime) {
  const categories: Record<string, unknown> = {};
  for (const [id, { sale, services }] of Object.entries(CATEGORIES)) {
    categories[id] = {
      sale,
      services: Object.fromEntries(services.map((s) => [s, s == 'ga4' ? { name: 'Google Analytics', cookies: ['_ga', '_ga_*', '_gid'] } : { name: s }])),
    };
  }
  // regime 'opt-out' with region US-CA: the usca GPP section and US Privacy apply.
  const where = regime == 'opt-in' ? { regime: 'opt-in', region: 'DK' } : { regime: 'opt-out', region: 'US-CA' };
  return { ...where, revision: 1, privacyPolicyUrl: '/privacy', categories, googleAnalytics: { id: GA_ID }, consentMode: true };
}

/** A 1×1 image as a data: URL: no request for page.route to answer, which keeps each step cheap. */
const PIXEL = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%221%22 height=%221%22/%3E';

/**
 * Counters and listeners first, then the gated elements (GATED, in order),
 * as markup. (Inline gated scripts wait for DOMContentLoaded on a first
 * load: see "a gated inline script split across two network chunks".)
 */
const BODY = `<script>
  window.__ran = {};
  window.__order = [];
  window.__hit = function (id) { __ran[id] = (__ran[id] || 0) + 1; __order.push(id); };
  window.__events = { change: 0, consent: 0, last: null, gpp: null };
  addEventListener('samtykke:change', function (e) { __events.change++; __events.last = e.detail; });
  Samtykke.on('consent', function () { __events.consent++; });
  __gpp('addEventListener', function (e) {
    if (e && e.eventName == 'signalStatus' && e.data == 'ready') __events.gpp = e.pingData.gppString;
  });
</script>
${GATED.map((g) => {
  const attributes = `id="${g.id}"${g.rule ? ` data-samtykke="${g.rule}"` : ''}${g.service ? ` data-samtykke-service="${g.service}"` : ''}`;
  if (g.element == 'inline') return `<script type="text/plain" ${attributes}>__hit('${g.id}')</script>`;
  if (g.element == 'src') return `<script type="text/plain" ${attributes} data-churn-src src="/hit/${g.id}.js"></script>`;
  return `<img ${attributes} data-src="${PIXEL}" alt="">`;
}).join('\n')}`;

/** Installed before every page load: GPC from sessionStorage (so that a
 * reload can switch it on or off in this tab), and one function that reads
 * everything the checks need in one round trip. */
function harness() {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
    configurable: true,
    get: () => {
      try {
        return sessionStorage.getItem('churn-gpc') == '1';
      } catch {
        return false;
      }
    },
  });
  const w = window as any;
  // Both APIs answer at once, through the callback: __gpp(command, callback,
  // parameter) and __uspapi(command, version, callback).
  type Answer = { data: any; success: boolean };
  const gpp = (command: string, parameter?: unknown) =>
    new Promise<Answer>((resolve) => w.__gpp(command, (data: unknown, success: boolean) => resolve({ data, success }), parameter));
  const usp = () =>
    new Promise<Answer>((resolve) => w.__uspapi('getUSPData', 1, (data: unknown, success: boolean) => resolve({ data, success })));
  w.__churn = async (action: { do: string; choices?: unknown } | null, us: boolean) => {
    if (action) w.Samtykke[action.do](...(action.do == 'set' ? [action.choices] : []));
    // Gated scripts run from a promise chain: let it settle.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (us) {
      // The full GPP API arrives with the US chunk, a moment after the page.
      for (let i = 0; i < 500 && (await gpp('ping')).data.cmpStatus != 'loaded'; i++) await new Promise((r) => setTimeout(r, 10));
    }
    // An external gated script runs once it has loaded: wait for those let run.
    const pending = () =>
      Array.from(document.querySelectorAll<HTMLScriptElement>('script[data-churn-src]')).some((s) => s.type != 'text/plain' && !w.__ran[s.id]);
    for (let i = 0; i < 200 && pending(); i++) await new Promise((r) => setTimeout(r, 5));
    // The UI chunk, once asked for, loads async too; the banner is drawn right after.
    const ui = () => document.querySelector('script[src$="/samtykke.ui.min.js"]') && !w[Symbol.for('samtykke.ui')];
    for (let i = 0; i < 200 && ui(); i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // gtag.js (the stand-in from site.ts) loads async: let it run, so that the
    // cookies it writes are in the jar before they are checked.
    const gtag = document.querySelectorAll('script[src^="https://www.googletagmanager.com/gtag/js"]').length;
    for (let i = 0; i < 500 && (w.__gtagRan || 0) < gtag; i++) await new Promise((r) => setTimeout(r, 10));
    const layer = (w.dataLayer || []) as unknown[];
    const isCommand = (e: unknown) => Object.prototype.toString.call(e) == '[object Arguments]';
    const images: Record<string, boolean> = {};
    for (const img of Array.from(document.querySelectorAll('img[id]'))) images[img.id] = img.hasAttribute('src');
    return {
      snapshot: JSON.parse(JSON.stringify(w.Samtykke.getConsent())),
      consent: layer.filter((e: any) => isCommand(e) && e[0] == 'consent').map((e: any) => [e[1], { ...e[2] }]),
      firstIsDefault: isCommand(layer[0]) && (layer[0] as any)[0] == 'consent' && (layer[0] as any)[1] == 'default',
      usp: await usp(),
      ping: await gpp('ping'),
      section: await gpp('getSection', 'usca'),
      ran: { ...w.__ran },
      order: [...w.__order],
      images,
      gtag,
      gtagRan: w.__gtagRan || 0,
      gaDisable: w['ga-disable-G-CHURN1'],
      events: JSON.parse(JSON.stringify(w.__events)),
      banner: !!document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('.banner'),
    };
  };
}
/** What `__churn` returns. */
interface Observed {
  snapshot: any;
  /** The dataLayer's `consent` commands, in order: [default | update, state]. */
  consent: [string, Record<string, unknown>][];
  firstIsDefault: boolean;
  usp: { data: any; success: boolean };
  ping: { data: any; success: boolean };
  section: { data: any; success: boolean };
  /** How many times each gated script ran, and in what order. */
  ran: Record<string, number>;
  order: string[];
  /** Whether each gated img got its src. */
  images: Record<string, boolean>;
  /** gtag.js script elements, and how many times the stand-in ran. */
  gtag: number;
  gtagRan: number;
  gaDisable: boolean | undefined;
  events: { change: number; consent: number; last: any; gpp: string | null };
  /** The banner is on the page. */
  banner: boolean;
}

// ---------------------------------------------------------------------------
// The checks

/** Every way the page disagrees with the model (and so with itself). */
function disagreements(model: Model, seen: Observed, cookies: Awaited<ReturnType<BrowserContext['cookies']>>, us: boolean): string[] {
  const problems: string[] = [];
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (!isDeepStrictEqual(actual, expected)) problems.push(`${what}: got ${JSON.stringify(actual)}, model says ${JSON.stringify(expected)}`);
  };
  const view = model.view();
  const stored = model.stored;
  const { snapshot } = seen;

  // getConsent()
  same('getConsent().categories', snapshot.categories, view.categories);
  same('getConsent().services', snapshot.services, view.services);
  same('getConsent().optedOut', snapshot.optedOut, view.optedOut);
  same('getConsent().gpc', snapshot.gpc, view.gpc);
  same('getConsent().decided', snapshot.decided, view.decided);
  same('getConsent().persisted', snapshot.persisted, !!stored);
  same('getConsent().regime', snapshot.regime, model.regime);
  same('getConsent().id is set', snapshot.id != null, !!stored);

  // The record cookie.
  const records = cookies.filter((c) => c.name == 'samtykke');
  same('samtykke cookies', records.length, stored ? 1 : 0);
  if (stored && records.length == 1) {
    const record = decode(records[0].value);
    if (!record) problems.push(`samtykke cookie does not decode: ${records[0].value}`);
    else {
      same('cookie categories', record.categories, stored.categories);
      same('cookie services', record.services, stored.services);
      same('cookie optedOut', record.optedOut, stored.optedOut);
      same('cookie gpc', record.gpc, stored.gpc);
      same('cookie id = getConsent().id', record.id, snapshot.id);
      same('cookie revision', record.revision, 1);
      const days = Math.round((records[0].expires - record.timestamp / 1000) / DAY_S);
      same('cookie lifetime (days)', days, stored.optedOut ? 365 : 182);
    }
  }

  // Google Consent Mode: one default per page, first in the dataLayer, then updates.
  const defaults = seen.consent.filter(([kind]) => kind == 'default');
  same('consent default commands', defaults.length, 1);
  same('consent default is the first dataLayer entry', seen.firstIsDefault, true);
  const initial = model.load.initial;
  same('consent default', defaults[0]?.[1], {
    ...consentModeState(initial.categories),
    ...(initial.decided ? {} : { wait_for_update: 500 }),
  });
  const last = seen.consent.at(-1);
  const latest = { ...consentModeState(view.categories), ...(last?.[0] == 'default' && !initial.decided ? { wait_for_update: 500 } : {}) };
  same('last consent command', last?.[1], latest);

  // US Privacy and GPP.
  same('__uspapi success', seen.usp.success, true);
  same('__uspapi uspString', seen.usp.data?.uspString, us ? uspString(view.optedOut) : '1---');
  same('usprivacy cookie', cookies.find((c) => c.name == 'usprivacy')?.value, us ? uspString(view.optedOut) : undefined);
  same('__gpp ping success', seen.ping.success, true);
  const ping = seen.ping.data;
  if (us) {
    same('__gpp ping status', [ping.cmpStatus, ping.signalStatus, ping.applicableSections], ['loaded', 'ready', [8]]);
    const optOut = view.optedOut ? 1 : 2;
    const expected = { SaleOptOutNotice: 1, SharingOptOutNotice: 1, SaleOptOut: optOut, SharingOptOut: optOut, Gpc: model.gpc };
    const pick = (fields: Record<string, unknown> | null | undefined) =>
      fields && Object.fromEntries(Object.keys(expected).map((k) => [k, fields[k]]));
    try {
      const gpp = new GppModel(ping.gppString);
      same('GPP string sections (IAB decoder)', gpp.getSectionIds(), [8]);
      same('GPP string usca (IAB decoder)', pick(gpp.getSection('usca') as Record<string, unknown>), expected);
    } catch (error) {
      problems.push(`GPP string ${ping.gppString} does not decode: ${error}`);
    }
    same('__gpp ping parsedSections.usca', pick(ping.parsedSections?.usca), expected);
    same('__gpp getSection usca = parsedSections.usca', seen.section.data, ping.parsedSections?.usca);
    same('GPP string a listener was last told', seen.events.gpp, ping.gppString);
  } else {
    same('__gpp ping outside the US', [ping.applicableSections, ping.gppString], [[-1], 'DBAA']);
    same('__gpp getSection outside the US', seen.section.data, null);
  }

  // The gates.
  for (const gated of GATED) {
    const expected = model.load.ran.has(gated.id);
    if (gated.element != 'img') same(`gated script #${gated.id} runs`, seen.ran[gated.id] ?? 0, expected ? 1 : 0);
    else same(`gated img #${gated.id} has its src`, seen.images[gated.id], expected);
  }
  same('gated scripts ran in this order', seen.order, [...model.load.ran].filter((id) => GATED.find((g) => g.id == id)!.element != 'img'));
  same('gtag.js added, and ran', [seen.gtag, seen.gtagRan], model.load.gaLoaded ? [1, 1] : [0, 0]);
  same('GA kill switch', seen.gaDisable, model.load.gaLoaded ? !view.services.ga4 : undefined);
  const ga = cookies.filter((c) => /^_g(a|id)/.test(c.name)).map((c) => c.name);
  if (ga.length && !view.categories.analytics) problems.push(`GA cookies ${ga.join(', ')} while analytics is denied`);

  // The banner: shown when the page starts undecided in the opt-in regime, and after each reset there;
  // gone once a choice leaves the visitor decided.
  same('banner shown', seen.banner, model.load.banner);

  // Events.
  same('samtykke:change events this page load', seen.events.change, model.load.changes);
  same('consent events this page load', seen.events.consent, model.load.consents);
  if (seen.events.last) {
    const { categories, services, optedOut } = seen.events.last;
    same('last samtykke:change detail', { categories, services, optedOut }, { categories: view.categories, services: view.services, optedOut: view.optedOut });
  }
  return problems;
}

// ---------------------------------------------------------------------------
// The runner

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ do: 'acceptAll' } as const) },
  { weight: 2, arbitrary: fc.constant({ do: 'rejectAll' } as const) },
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.tuple(fc.constantFrom(...SET_NAMES), fc.boolean()), { selector: ([name]) => name, maxLength: 4 })
      .map((entries) => ({ do: 'set', choices: Object.fromEntries(entries) }) as const),
  },
  { weight: 2, arbitrary: fc.constant({ do: 'optOut' } as const) },
  { weight: 2, arbitrary: fc.constant({ do: 'optIn' } as const) },
  { weight: 1, arbitrary: fc.constant({ do: 'reset' } as const) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('reload' as const), gpc: gpcArbitrary() }) },
);
/** Most browsers send no GPC. */
function gpcArbitrary() {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
}
const sequenceArbitrary = fc.record({ gpc: gpcArbitrary(), actions: fc.array(actionArbitrary, { minLength: 1, maxLength: 8 }) });
type Sequence = { gpc: boolean; actions: Action[] };

interface Churn {
  page: Page;
  log: ReturnType<typeof watchConsole>;
  regime: Regime;
  sequences: number;
  steps: number;
}

const setGpc = (page: Page, gpc: boolean) => page.evaluate((on) => sessionStorage.setItem('churn-gpc', on ? '1' : ''), gpc);

async function observe(churn: Churn, action: Action | null): Promise<Observed> {
  return churn.page.evaluate(([a, us]) => (window as any).__churn(a, us), [action, churn.regime == 'opt-out'] as const);
}

/** Runs one sequence from a fresh browser state (no cookies), checking after the load and after each step. */
async function run(churn: Churn, sequence: Sequence) {
  const { page } = churn;
  const model = new Model(churn.regime);
  const ids = new Map<number, string>();
  const trail: string[] = [];
  const check = async (seen: Observed, step: string) => {
    trail.push(step);
    const cookies = await page.context().cookies(HTTPS);
    const problems = disagreements(model, seen, cookies, churn.regime == 'opt-out');
    // The consent id stays while a record does; a reset gives the next choice a new one.
    if (model.stored && seen.snapshot.id) {
      const known = ids.get(model.stored.generation);
      if (known === undefined && [...ids.values()].includes(seen.snapshot.id)) problems.push(`getConsent().id ${seen.snapshot.id} reused after reset`);
      else if (known !== undefined && known != seen.snapshot.id) problems.push(`getConsent().id changed without a reset: ${known} → ${seen.snapshot.id}`);
      ids.set(model.stored.generation, seen.snapshot.id);
    }
    for (const line of [...churn.log.exceptions, ...churn.log.errors]) problems.push(`page: ${line}`);
    if (problems.length) throw new Error(`${churn.regime}, after ${trail.join(' → ')}:\n  ${problems.join('\n  ')}`);
  };

  churn.log.errors.length = churn.log.exceptions.length = 0;
  await page.context().clearCookies();
  await setGpc(page, sequence.gpc);
  await page.goto(HTTPS + '/', { waitUntil: 'domcontentloaded' });
  model.start(sequence.gpc);
  await check(await observe(churn, null), `load(gpc: ${sequence.gpc})`);
  for (const action of sequence.actions) {
    if (action.do == 'reload') {
      await setGpc(page, action.gpc);
      await page.reload({ waitUntil: 'domcontentloaded' });
      model.apply(action);
      await check(await observe(churn, null), describeAction(action));
    } else {
      const seen = await observe(churn, action);
      model.apply(action);
      await check(seen, describeAction(action));
    }
  }
  churn.steps += sequence.actions.length;
  churn.sequences++;
}

/** Opens the churn page for `regime`; the harness runs before each load. */
async function open(page: Page, regime: Regime) {
  const scripts = GATED.filter((g) => g.element == 'src').map((g) => [`/hit/${g.id}.js`, { body: `__hit(${JSON.stringify(g.id)})`, type: 'text/javascript' }]);
  const site = await serve(page, {
    '/': pageWith(configFor(regime), BODY),
    '/privacy': 'Privacy',
    ...Object.fromEntries(scripts),
  });
  await page.addInitScript(harness);
  await page.goto(HTTPS + '/');
  return site;
}

// One page per test, cookies cleared between sequences; four tests of RUNS
// sequences each, two per regime, with their own fixed seeds.
const CHUNKS: { regime: Regime; seed: number }[] = [
  { regime: 'opt-in', seed: 0x5a4e1 },
  { regime: 'opt-in', seed: 0x5a4e2 },
  { regime: 'opt-out', seed: 0x5a4e3 },
  { regime: 'opt-out', seed: 0x5a4e4 },
];

test.describe('consistency under churn (model-based)', () => {
  for (const [index, { regime, seed }] of CHUNKS.entries()) {
    const name = regime == 'opt-in' ? 'EU opt-in (DK)' : 'US opt-out (US-CA)';
    test(`${name}, chunk ${index % 2 + 1}: ${RUNS} random sequences agree with the model after every step`, async ({ page }) => {
      test.setTimeout(Math.max(120_000, RUNS * 2_000));
      const log = watchConsole(page);
      const site = await open(page, regime);
      const churn: Churn = { page, log, regime, sequences: 0, steps: 0 };
      const replay = process.env.SAMTYKKE_CHURN_PATH ? { path: process.env.SAMTYKKE_CHURN_PATH, endOnFailure: true } : {};
      await fc.assert(
        fc.asyncProperty(sequenceArbitrary, (sequence) => run(churn, sequence)),
        { seed: SEED === undefined ? seed : SEED + index, numRuns: RUNS, ...replay },
      );
      test.info().annotations.push({ type: 'churn', description: `${churn.sequences} sequences, ${churn.steps} steps` });
      expect(site.unexpected, 'requests to hosts the test does not serve').toEqual([]);
      expect(log.errors, 'console errors').toEqual([]);
      expect(log.exceptions, 'uncaught exceptions').toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------
// Bugs in samtykke that the churn met (the first) or that building its
// checks showed (the second), kept as deterministic tests.

test.describe('bugs the churn found', () => {
  // While the page loads, the parser can pause inside a script's text (at a
  // network chunk's end, or when its time slice runs out): the gate once ran
  // such a script with the text read so far. Now an inline script found
  // while loading waits for DOMContentLoaded (gate.ts).
  test('a gated inline script split across two network chunks runs whole, once allowed', async ({ page }) => {
    const root = join(import.meta.dirname, '..', '..');
    const config = JSON.stringify({ regime: 'opt-out', region: 'US-CA' });
    // The page tells the server how far it got: /parsed once the parser has run
    // the bundle and reached the gated script, /first if that script starts
    // with only its first half. The second half is sent on /first, or 1 s
    // after /parsed (with the bug fixed, nothing runs before it arrives).
    // 2 KB of padding, so that Chromium parses the first chunk without waiting for more.
    const first = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="application/json" id="samtykke-config">${config}</script>
<script src="/dist/samtykke.min.js"></script></head><body>
<script>
  window.__ran = [];
  window.__hit = function (id) { __ran.push(id); if (id == 'first') fetch('/first'); };
  fetch('/parsed');
</script>
<script type="text/plain" data-samtykke="analytics">__hit('first');${' '.repeat(2048)}`;
    const second = `__hit('second');</script></body></html>`;
    // A local server: page.route answers with the whole body at once, and the bug needs two chunks.
    let sendRest: ((rest: string) => void) | undefined;
    const finish = () => {
      sendRest?.(second);
      sendRest = undefined;
    };
    const server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path.startsWith('/dist/')) {
        response.setHeader('content-type', 'text/javascript');
        try {
          return response.end(readFileSync(join(root, path)));
        } catch {
          response.statusCode = 404;
          return response.end();
        }
      }
      if (path == '/parsed' || path == '/first') {
        response.statusCode = 204;
        response.end();
        return path == '/first' ? finish() : void setTimeout(finish, 1000);
      }
      response.setHeader('content-type', 'text/html');
      response.write(first);
      sendRest = (rest) => response.end(rest);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      await page.route((url) => url.hostname != '127.0.0.1', (route) => route.abort());
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForTimeout(100);
      expect(await page.evaluate(() => (window as any).__ran)).toEqual(['first', 'second']);
    } finally {
      server.close();
    }
  });

  // A choice made while the UI chunk is on its way (the site's own button,
  // the API, another tab) must not be followed by the banner (consent.ts show()).
  test('a choice made while the UI chunk is on its way: the banner does not appear', async ({ page }) => {
    const log = watchConsole(page);
    await serve(page, { '/': pageWith({ regime: 'opt-in', region: 'DK', privacyPolicyUrl: '/privacy' }) });
    // The UI chunk is held back until the choice is made (routes added later are
    // asked first; fallback() passes it on to serve()).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/dist/samtykke.ui.min.js', async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto(HTTPS + '/', { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => (window as any).Samtykke.acceptAll());
    expect(await page.evaluate(() => (window as any).Samtykke.getConsent().decided)).toBe(true);
    release();
    await page.waitForFunction(() => (window as any)[Symbol.for('samtykke.ui')]);
    await page.waitForTimeout(100);
    expect(log.exceptions).toEqual([]);
    expect(await page.getByRole('button', { name: 'Accept all' }).count(), 'banner buttons').toBe(0);
  });
});
