// `npm run profile`: where a first visit's main-thread time goes, for one
// SDK of the bench (samtykke by default) on the bench's article page.
// Records a CPU profile through the DevTools protocol at 4× CPU throttling
// (as the bench's slow rows), then prints the long tasks (≥ 50 ms) and the
// functions with the most self time, by file and line. Options:
//   --sdk ID        another SDK of bench/sdks.mjs (samtykke-site: the per-site build)
//   --throttle N    CPU slowdown (default 4)
//   --top N         how many functions (default 25)
//   --accept        profile the click on Accept all instead (up to the
//                   gated GA tag's request), as the bench's "Accept all →
//                   GA request" row times it
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { SDKS, SAMTYKKE_CONFIG, SITE_BUILD } from './sdks.mjs';
import { startBenchServer } from './server.mjs';
import { buildSite } from '../bin/build.mjs';
import { sdkFile } from './measure.mjs';
import { mappings, originalPosition } from '../scripts/source-map.mjs';

const { values: options } = parseArgs({
  options: {
    sdk: { type: 'string', default: 'samtykke' },
    throttle: { type: 'string', default: '4' },
    top: { type: 'string', default: '25' },
    accept: { type: 'boolean', default: false },
  },
});
const sdk = SDKS.find((s) => s.id == options.sdk);
if (!sdk) throw new Error(`--sdk: no SDK '${options.sdk}' in bench/sdks.mjs (${SDKS.map((s) => s.id).join(', ')})`);
if (sdk.id == 'samtykke-site') await buildSite({ config: SAMTYKKE_CONFIG, out: SITE_BUILD, locales: ['en'] });

/** Where a frame's code comes from: the source file and line through the
 * built file's source map, where it has one; else the URL and line. */
const maps = new Map();
function whereIs({ url, lineNumber, columnNumber }) {
  const path = url && new URL(url).pathname;
  const file = path && sdkFile(sdk, path);
  if (file && !maps.has(file)) {
    const map = existsSync(file + '.map') ? JSON.parse(readFileSync(file + '.map', 'utf8')) : null;
    maps.set(file, map && { map, lines: mappings(map) });
  }
  const mapped = file && maps.get(file);
  return (mapped && originalPosition(mapped.map, mapped.lines, lineNumber, columnNumber)) || (path ? `${path}:${lineNumber + 1}` : '(native)');
}

/** Self time per function from a CDP profile: [key, ms], most first. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const ms = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const { callFrame } = byId.get(profile.samples[i]);
    const key = `${callFrame.functionName || '(anonymous)'}  ${whereIs(callFrame)}`;
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...ms].sort((a, b) => b[1] - a[1]);
}

const server = await startBenchServer(SDKS);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await context.route((u) => u.hostname != 'localhost' && u.hostname != '127.0.0.1', (route) => route.abort());
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(options.throttle) });
  await cdp.send('Profiler.enable');
  // Fine samples: the tasks being looked for are tens of milliseconds long.
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  let clickToTag;
  if (options.accept) {
    // The tag is answered with an empty script: only its request's start counts.
    await page.route((u) => u.hostname == 'www.googletagmanager.com', (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
    await page.goto(`${server.url}${sdk.id}.html`, { waitUntil: 'load' });
    await page.locator(sdk.accept).first().waitFor();
    await page.waitForTimeout(500);
    await page.evaluate(() => addEventListener('pointerdown', () => (window.__click = performance.now()), { capture: true, once: true }));
    await cdp.send('Profiler.start');
    await page.locator(sdk.accept).first().click();
    clickToTag = await (
      await page.waitForFunction(() => {
        const tag = performance.getEntriesByType('resource').find((e) => e.name.startsWith('https://www.googletagmanager.com/'));
        return tag && tag.startTime - window.__click;
      })
    ).jsonValue();
    await page.waitForTimeout(200);
  } else {
    await cdp.send('Profiler.start');
    await page.goto(`${server.url}${sdk.id}.html`, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate(() => window.__longTasks);
  mkdirSync(new URL('results', import.meta.url), { recursive: true });
  const file = new URL(`results/${sdk.id}.cpuprofile`, import.meta.url);
  writeFileSync(file, JSON.stringify(profile));

  console.log(`${sdk.name}, ${options.accept ? `Accept all → GA request ${clickToTag.toFixed(1)} ms` : 'first visit'}, ${options.throttle}× CPU`);
  console.log(`long tasks (start ms, duration ms): ${longTasks.length ? longTasks.map(([s, d]) => `${s}+${d}`).join(', ') : 'none'}`);
  const rows = selfTimes(profile).filter(([key]) => !/^\((idle|program|garbage collector)\)/.test(key));
  console.log(`\nself time (ms)  function  file:line`);
  for (const [key, ms] of rows.slice(0, Number(options.top))) console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);
  console.log(`\nThe whole profile: ${file.pathname} (open it in Chromium's DevTools, Performance panel).`);
} finally {
  await browser.close();
  await server.close();
}
