// `npm run bench`: samtykke against its peers, side by side in one run, in
// the same Chromium, on the same article page. Prints markdown tables and
// writes bench/results/latest.json. Options:
//   --runs N       runs per SDK and CPU setting (default 9)
//   --only a,b     only these SDK ids (samtykke's own builds are always included)
//   --readme       also replace the table in README.md's Performance section
//   --no-bundlers  leave out the bundler bench (bench/bundlers.mjs)
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { SDKS, SAMTYKKE_CONFIG, SITE_BUILD } from './sdks.mjs';
import { buildSite } from '../bin/build.mjs';
import { startBenchServer } from './server.mjs';
import { measureRun } from './measure.mjs';
import { scalePage, measureScale, ELEMENTS, SERVICES } from './scale.mjs';
import { summary, table } from './stats.mjs';
import { measureBundlers } from './bundlers.mjs';

const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, only: { type: 'string' }, readme: { type: 'boolean', default: false }, 'no-bundlers': { type: 'boolean', default: false } },
});
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${options.runs}`);
const only = options.only?.split(',');
const sdks = SDKS.filter((sdk) => sdk.own || !only || only.includes(sdk.id));
const THROTTLES = [1, 4];

/** Figures in the table; lower is better for every one. */
export const FIGURES = [
  { key: 'firstBytes', label: 'first visit: bytes loaded (gzip)' },
  { key: 'firstRequests', label: 'first visit: requests' },
  { key: 'returningBytes', label: 'returning visit: bytes loaded (gzip)' },
  { key: 'linksBytes', label: 'returning visit with footer links: bytes loaded (gzip)' },
  { key: 'linksRequests', label: 'returning visit with footer links: requests' },
  { key: 'bannerMs', label: 'banner visible (ms from navigation)' },
  { key: 'scriptMs', label: 'first visit: main-thread script (ms)' },
  { key: 'longTaskMs', label: 'first visit: long tasks (ms)' },
  { key: 'cls', label: 'cumulative layout shift', digits: 3 },
  { key: 'acceptToTagMs', label: 'Accept all → GA request (ms)', digits: 1 },
  { key: 'preferencesMs', label: 'Preferences → dialog on screen (ms)' },
  { key: 'returningTagMs', label: 'returning visit: GA request (ms from navigation)' },
  { key: 'returningScriptMs', label: 'returning visit: main-thread script (ms)' },
  { key: 'gatedBeforeConsent', label: 'GA requests before consent (must be 0)' },
];

// The per-site build of the same config, as `samtykke build` writes it.
await buildSite({ config: SAMTYKKE_CONFIG, out: SITE_BUILD, locales: ['en'] });
const browserPath = findChromium();
const server = await startBenchServer(SDKS, { '/scale.html': scalePage });
const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
const started = Date.now();
const results = {};
const failures = [];
try {
  for (const throttle of THROTTLES) {
    results[throttle] = {};
    // Interleave SDKs run by run, so a slow patch of the machine hits all alike.
    const raw = Object.fromEntries(sdks.map((sdk) => [sdk.id, []]));
    for (let run = 0; run < runs; run++) {
      for (const sdk of sdks) {
        try {
          const linksUrl = sdk.links ? `${server.url}${sdk.id}.links.html` : undefined;
          raw[sdk.id].push(await measureRun(browser, `${server.url}${sdk.id}.html`, sdk, throttle, linksUrl));
        } catch (error) {
          failures.push(`${sdk.name}, ${throttle}× CPU, run ${run + 1}: ${error.message.split('\n')[0]}`);
        }
      }
      process.stderr.write(`bench: ${throttle}× CPU, run ${run + 1}/${runs} done\n`);
    }
    for (const sdk of sdks) {
      const samples = raw[sdk.id];
      const stats = {};
      for (const { key } of FIGURES) {
        stats[key] = summary(samples.map((s) => (key == 'firstRequests' ? s.firstFiles.length : s[key])));
      }
      stats.files = samples[0] ? { first: samples[0].firstFiles, returning: samples[0].returningFiles, links: samples[0].linksFiles ?? null } : null;
      stats.bannerOnReturn = samples.some((s) => s.returningBanner);
      results[throttle][sdk.id] = stats;
    }
  }
  const scale = [];
  for (const throttle of THROTTLES) {
    const samples = [];
    for (let run = 0; run < Math.min(runs, 3); run++) samples.push(await measureScale(browser, `${server.url}scale.html`, throttle));
    scale.push({ throttle, initMs: summary(samples.map((s) => s.initMs)), activateMs: summary(samples.map((s) => s.activateMs)) });
  }

  // The ESM path: the packed package in an app built by Vite, webpack, esbuild.
  const bundlers = options['no-bundlers'] ? null : await measureBundlers(browser);
  for (const row of bundlers?.rows ?? []) if (row.error) failures.push(`bundler bench, ${row.name}: ${row.error}`);

  const version = (await browser.version?.()) ?? browser.version();
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${version}`;
  const date = new Date().toISOString().slice(0, 10);
  const versions = sdks.map((s) => `${s.name} ${s.version}`).join(', ');
  const lines = [
    `Run on ${date}, ${machine}. Medians of ${runs} runs, (min–max). ${versions}.`,
    '',
    ...THROTTLES.flatMap((throttle) => [
      `**${throttle == 1 ? 'No CPU throttling' : `${throttle}× CPU throttling`}**`,
      '',
      table(FIGURES, sdks, results[throttle]),
      '',
    ]),
    `**Scale check** (samtykke, ${ELEMENTS.toLocaleString('en-US')} gated elements, ${SERVICES} services, medians of ${Math.min(runs, 3)}):`,
    '',
    '| CPU | start (ms) | Accept all → all switched on (ms) |',
    '| --- | ---: | ---: |',
    ...scale.map((s) => `| ${s.throttle}× | ${s.initMs.median.toFixed(1)} | ${s.activateMs.median.toFixed(0)} |`),
    ...(bundlers ? ['', bundlers.markdown] : []),
  ];
  const markdown = lines.join('\n');
  console.log(markdown);
  for (const sdk of sdks) {
    const files = results[1][sdk.id]?.files;
    if (files) console.log(`\n${sdk.name} files, first visit: ${files.first.map((f) => `${f.file} ${f.gzip} B`).join(', ')}`);
  }
  if (failures.length) console.log(`\nFailed runs (left out of the medians):\n${failures.map((f) => `- ${f}`).join('\n')}`);
  console.log(`\nbench: ${((Date.now() - started) / 1000).toFixed(0)} s`);

  mkdirSync(new URL('results', import.meta.url), { recursive: true });
  writeFileSync(new URL('results/latest.json', import.meta.url), JSON.stringify({ date, machine, runs, sdks: sdks.map(({ id, name, version }) => ({ id, name, version })), figures: FIGURES, results, scale, bundlers: bundlers?.rows ?? null, failures }, null, 2));
  if (options.readme) {
    const path = new URL('../README.md', import.meta.url);
    const readme = readFileSync(path, 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    if (!readme.includes(start) || !readme.includes(end)) throw new Error(`README.md has no ${start} … ${end} markers`);
    writeFileSync(path, readme.slice(0, readme.indexOf(start) + start.length) + '\n' + markdown + '\n' + readme.slice(readme.indexOf(end)));
    console.log('bench: README.md updated');
  }
} finally {
  await browser.close();
  await server.close();
}
if (failures.length) process.exitCode = 1;
