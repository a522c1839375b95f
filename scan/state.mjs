// One state of a scan: a fresh browser context (no cookies, no storage, no
// cache), the state's signal (GPC), the choice clicked on the first page,
// then every page in turn, each loaded, scrolled and waited on, with the
// jar and the storage looked at before and after the click and after each
// page.
import { hookSource, BINDING } from './hooks.mjs';
import { createRecorder } from './recorder.mjs';
import { frameStorage, gatedHosts, inspectSamtykke, linksOf, scrollThrough } from './page.mjs';
import { partyOf } from './site.mjs';

/** The scan cannot go on (exit code 2): the site or its banner failed. */
export class ScanError extends Error {}

/** What each state clicks in samtykke's banner. */
export const ACTIONS = { before: undefined, reject: 'reject', accept: 'accept', gpc: 'accept' };
const METHODS = { reject: 'rejectAll', accept: 'acceptAll' };

/** Answers requests to other sites without the network: from a stand-in
 * server (`--stand-ins URL`: URL/<host>/<path>), or with a 404 (`--offline`).
 * Each is still recorded, as the page asked for it. */
async function routeThirdParties(context, { site, standIns, offline }) {
  if (!standIns && !offline) return;
  await context.route(
    (url) => /^https?:$/.test(url.protocol) && partyOf(url.hostname, site) == 'third',
    async (route) => {
      try {
        if (!standIns) return await route.fulfill({ status: 404, body: '' });
        const url = new URL(route.request().url());
        const response = await route.fetch({ url: `${standIns.replace(/\/$/, '')}/${url.hostname}${url.pathname}${url.search}`, maxRedirects: 0 });
        await route.fulfill({ response });
      } catch {
        await route.fulfill({ status: 404, body: '' }).catch(() => {});
      }
    },
  );
}

/** Which script asked for each request, from Chromium's network domain
 * (Playwright does not say). */
async function watchInitiators(context, page, recorder) {
  try {
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', ({ request, initiator }) => {
      const frame = initiator?.stack?.callFrames?.find((f) => f.url) ?? (initiator?.url ? { url: initiator.url } : undefined);
      recorder.onInitiator(request.url, frame?.url);
    });
    await cdp.send('Network.enable');
  } catch {
    // Not Chromium, or the session closed: requests go without a script.
  }
}

async function look(context, page, recorder) {
  try {
    recorder.seeCookies(await context.cookies());
  } catch {}
  recorder.seeStorage(await frameStorage(page));
}

/** Clicks the banner's button for `action`, or, where no banner asks
 * (the opt-out regime), calls the same method on the global. */
async function choose(page, action, { bannerTimeout }, apiFallback) {
  const before = await inspectSamtykke(page);
  const regime = before.consent?.regime;
  const button = page.locator(`samtykke-ui [data-action="${action}"]`).first();
  if (regime != 'opt-out') {
    try {
      await button.waitFor({ state: 'visible', timeout: bannerTimeout });
      const time = Date.now();
      await button.click({ timeout: bannerTimeout });
      return { via: 'banner', time };
    } catch {
      // No banner: the API may still make the choice (a site in the opt-out regime).
    }
  }
  if (!apiFallback) return undefined;
  const time = Date.now();
  const called = await page
    .evaluate((method) => {
      const api = /** @type {any} */ (window).Samtykke;
      if (!api || typeof api[method] != 'function') return false;
      api[method]();
      return true;
    }, METHODS[action])
    .catch(() => false);
  if (called) return { via: 'api', time };
  throw new ScanError(`samtykke's banner did not show its ${action == 'reject' ? 'Reject all' : 'Accept all'} button within ${bannerTimeout / 1000} s on ${page.url()}`);
}

/**
 * Runs one state.
 * @param {(options: object) => Promise<object>} launch opens a fresh browser context (browser.mjs)
 * @param {object} spec
 * @param {import('./types').StateName} spec.name
 * @param {{ next(): string | undefined, add(address: string): boolean }} spec.pages the crawl queue (only the first state adds to it), or a list
 * @param {(address: string, page: object) => Promise<void>} [spec.discover] called after each visit in the crawling state
 * @param {(visit: { state: string, url: string }) => void} [spec.onVisit]
 */
export async function runState(launch, spec) {
  const { name, options, site } = spec;
  const gpc = name == 'gpc';
  const action = ACTIONS[name];
  const recorder = createRecorder({ state: name, site, keepValues: options.keepValues });
  const context = await launch({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'allow',
    ...(options.timezone ? { timezoneId: options.timezone } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(gpc ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {}),
  });
  /** @type {import('./types').StateRun} */
  const run = { name, pages: [] };
  const found = { samtykke: false, block: null, consent: undefined, hosts: [] };
  try {
    await context.exposeBinding(BINDING, (_source, event) => recorder.onHook(event));
    await context.addInitScript(hookSource(gpc));
    await routeThirdParties(context, { site, standIns: options.standIns, offline: options.offline });
    context.on('request', (request) => recorder.onRequest(request));
    context.on('response', (response) => void recorder.onResponse(response));
    const page = context.pages()[0] ?? (await context.newPage());
    await watchInitiators(context, page, recorder);

    let first = true;
    for (let address = spec.pages.next(); address; address = spec.pages.next()) {
      spec.onVisit?.({ state: name, url: address });
      recorder.setPage(address);
      if (first) recorder.setReference(Date.now());
      /** @type {import('./types').PageVisit} */
      const visit = { url: address };
      run.pages.push(visit);
      try {
        const response = await page.goto(address, { waitUntil: 'load', timeout: options.timeoutMs });
        if (response) visit.status = response.status();
        if (page.url() != address) visit.finalUrl = page.url();
      } catch (error) {
        visit.error = String(error.message || error).split('\n')[0];
        if (first) throw new ScanError(`${address} could not be loaded: ${visit.error}`);
        continue;
      }
      await scrollThrough(page);
      await page.waitForTimeout(options.waitMs);
      await look(context, page, recorder);
      if (first) {
        const seen = await inspectSamtykke(page);
        found.samtykke = seen.global || seen.ui || seen.block != null;
        found.block = seen.block;
        found.consent = seen.consent;
        if (seen.consent) run.consent = seen.consent;
        if (action && found.samtykke) {
          // A GPC browser clicks only where a banner asks; the others make
          // their choice through the API where no banner asks (opt-out).
          const choice = await choose(page, action, options, !gpc);
          if (choice) {
            recorder.setReference(choice.time);
            run.choice = { action, page: address, clickedAt: new Date(choice.time).toISOString(), via: choice.via };
            await page.waitForTimeout(options.waitMs);
            await look(context, page, recorder);
            const chosen = await inspectSamtykke(page);
            if (chosen.consent) run.consent = chosen.consent;
          }
        }
      }
      // The regime can differ by page (a region passed per request).
      const regime = first ? (run.consent?.regime ?? found.consent?.regime) : (await inspectSamtykke(page)).consent?.regime;
      if (regime) visit.regime = regime;
      found.hosts.push(...(await gatedHosts(page)));
      if (spec.discover) for (const link of await linksOf(page)) spec.discover(link, address);
      first = false;
    }
    run.remaining = recorder.present();
    recorder.finish();
  } finally {
    await context.close().catch(() => {});
  }
  return { run, observations: recorder.observations, found };
}

