// One benchmark run of one SDK: a first visit (banner, bytes, script time,
// long tasks, layout shift, anything gated requested early), a click on
// Accept all (time to the gated tag's request), and a returning visit (time
// to the gated tag's request, bytes), then, for an SDK with footer links,
// a returning visit to the same page with those links (bytes and every
// request of the SDK's own files, so a chunk fetched there shows). Times
// come from the page's own clock (performance.now(), zero at navigation
// start), so the harness's latency does not count.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve, sep } from 'node:path';

const GTAG_STUB = readFileSync(new URL('../examples/stand-ins/gtag.js', import.meta.url));

/** Injected before any page script: the banner watcher and the observers. */
const WATCH = `(() => {
  const bench = (window.__bench = { banner: null, click: null, cls: 0, longTasks: 0, longTaskMs: 0 });
  const visible = () => { try { return __VISIBLE__; } catch { return false; } };
  const poll = () => { if (visible()) bench.banner = performance.now(); else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) bench.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { bench.longTasks++; bench.longTaskMs += e.duration; } }).observe({ type: 'longtask', buffered: true });
  addEventListener('pointerdown', () => { if (bench.click == null) bench.click = performance.now(); }, true);
})();`;

const gzipCache = new Map();
/** gzip -9 bytes of an SDK file, as a server with compression would send it
 * (0 for a file that is not there: its request still counts). */
function gzipBytes(path) {
  if (!gzipCache.has(path)) gzipCache.set(path, existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : 0);
  return gzipCache.get(path);
}

/** The file on disk behind /sdk/<id>/<file>, or undefined. */
export function sdkFile(sdk, pathname) {
  const prefix = `/sdk/${sdk.id}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const file = resolve(sdk.dir, '.' + decodeURIComponent(pathname.slice(prefix.length - 1)));
  return file.startsWith(sdk.dir + sep) ? file : undefined;
}

async function openPage(context, sdk, throttle) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const files = [];
  page.on('request', (request) => {
    const file = sdkFile(sdk, new URL(request.url()).pathname);
    if (file) files.push(file);
  });
  return { page, cdp, files };
}

async function scriptMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name == 'ScriptDuration')?.value ?? NaN);
}

const bytesOf = (files, root) => {
  const unique = [...new Set(files)];
  return { total: unique.reduce((sum, f) => sum + gzipBytes(f), 0), files: unique.map((f) => ({ file: f.slice(root.length + 1), gzip: gzipBytes(f) })) };
};

/** The gated tag's request time on the page's clock, once it has been made. */
async function tagRequestAt(page) {
  const handle = await page.waitForFunction(
    () => performance.getEntriesByType('resource').find((e) => e.name.startsWith('https://www.googletagmanager.com/'))?.startTime,
    undefined,
    { timeout: 15_000, polling: 20 },
  );
  return handle.jsonValue();
}

/** linksUrl: the page with the SDK's footer links, or undefined for none. */
export async function measureRun(browser, url, sdk, throttle, linksUrl) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  let phase = 'before consent';
  const gated = [];
  // The gated tag is answered by a local stand-in; anything else off-site is refused.
  await context.route(
    (u) => u.hostname != 'localhost' && u.hostname != '127.0.0.1',
    (route) => {
      const target = route.request().url();
      if (target.startsWith('https://www.googletagmanager.com/')) {
        gated.push({ phase, url: target });
        return route.fulfill({ body: GTAG_STUB, contentType: 'text/javascript' });
      }
      return route.abort();
    },
  );
  await context.addInitScript({ content: WATCH.replace('__VISIBLE__', sdk.banner) });
  try {
    // First visit.
    const first = await openPage(context, sdk, throttle);
    await first.page.goto(url, { waitUntil: 'load' });
    await first.page.waitForFunction(() => window.__bench.banner != null, undefined, { timeout: 15_000, polling: 'raf' });
    await first.page.waitForTimeout(500);
    const seen = await first.page.evaluate(() => ({ ...window.__bench }));
    const firstScript = await scriptMs(first.cdp);
    const early = gated.filter((g) => g.phase == 'before consent').length;

    // Accept all, through a real click.
    phase = 'accept';
    await first.page.locator(sdk.accept).click();
    const tagAt = await tagRequestAt(first.page);
    const click = await first.page.evaluate(() => window.__bench.click);
    const firstBytes = bytesOf(first.files, sdk.dir);
    await first.page.close();

    // Returning visit: the choice is stored; no banner, the tag should come at once.
    phase = 'returning';
    const again = await openPage(context, sdk, throttle);
    await again.page.goto(url, { waitUntil: 'load' });
    const returningTag = await tagRequestAt(again.page);
    await again.page.waitForTimeout(300);
    const returningScript = await scriptMs(again.cdp);
    const returningBanner = await again.page.evaluate(() => window.__bench.banner);
    const returningBytes = bytesOf(again.files, sdk.dir);
    await again.page.close();

    // Returning visit to the page with footer links: the same stored choice.
    let links = null;
    if (linksUrl) {
      const linked = await openPage(context, sdk, throttle);
      await linked.page.goto(linksUrl, { waitUntil: 'load' });
      await tagRequestAt(linked.page);
      // Long enough for a chunk the links might pull in to be asked for.
      await linked.page.waitForTimeout(500);
      const bytes = bytesOf(linked.files, sdk.dir);
      // Every request, repeats included: a file fetched twice is a regression too.
      links = { bytes: bytes.total, requests: linked.files.length, files: bytes.files };
    }

    // A first visit again, for the time from a click on the banner's
    // Preferences to the dialog on screen (SDKs that say how to find both).
    let preferencesMs = null;
    if (sdk.preferences) {
      await context.clearCookies();
      const fresh = await openPage(context, sdk, throttle);
      await fresh.page.goto(url, { waitUntil: 'load' });
      await fresh.page.waitForFunction(() => window.__bench.banner != null, undefined, { timeout: 15_000, polling: 'raf' });
      await fresh.page.evaluate(`addEventListener('pointerdown', () => {
        const start = performance.now();
        const poll = () => { let open = false; try { open = ${sdk.dialog}; } catch {} if (open) window.__preferencesMs = performance.now() - start; else requestAnimationFrame(poll); };
        requestAnimationFrame(poll);
      }, { capture: true, once: true })`);
      await fresh.page.locator(sdk.preferences).click();
      const shown = await fresh.page.waitForFunction(() => window.__preferencesMs, undefined, { timeout: 15_000, polling: 20 });
      preferencesMs = await shown.jsonValue();
      await fresh.page.close();
    }

    return {
      preferencesMs,
      firstBytes: firstBytes.total,
      firstFiles: firstBytes.files,
      returningBytes: returningBytes.total,
      returningFiles: returningBytes.files,
      linksBytes: links?.bytes,
      linksRequests: links?.requests,
      linksFiles: links?.files,
      bannerMs: seen.banner,
      scriptMs: firstScript,
      longTaskMs: seen.longTaskMs,
      longTasks: seen.longTasks,
      cls: seen.cls,
      acceptToTagMs: tagAt - click,
      returningTagMs: returningTag,
      returningScriptMs: returningScript,
      returningBanner: returningBanner != null,
      gatedBeforeConsent: early,
    };
  } finally {
    await context.close();
  }
}

