// The ESM path, as a user's bundler builds it. One small app (index.html +
// main.js calling init() with Google Analytics and a privacy policy link)
// is built for production by Vite, webpack 5 and esbuild, each build is
// served on loopback and visited in Chromium:
//   - first visit (English, banner shown, then Accept all) and returning
//     visit: bytes (gzip -9) of every JS file the browser asked for that
//     holds samtykke's code, and how many such requests;
//   - how many emitted JS files hold the English banner text;
//   - a first visit with <html lang="da">: does the Danish banner show?
// The package is consumed as a user gets it: `npm pack` of this repo, the
// tarball installed into a temp app by npm (bench/bundled-app.mjs, shared
// with test/browser/bundlers.spec.ts). Everything, npm's cache included,
// lives in one temp dir that is removed afterwards.
//
// `node bench/bundlers.mjs` runs it alone (needs `npm run build` first) and
// writes bench/results/bundlers.json; `npm run bench` runs it too.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { SDKS } from './sdks.mjs';
import { bundlerTable, filesContaining, ownFiles, share } from './emitted.mjs';
import { BUNDLERS, makeApp, serve } from './bundled-app.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
/** The app's own files; every other emitted JS file is samtykke's (see ownFiles). */
const APP_FILES = ['main.js'];
const ENGLISH = JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8'))['banner.title'];
const DANISH = JSON.parse(readFileSync(join(ROOT, 'locales/da.json'), 'utf8'))['banner.title'];
const GTAG_STUB = readFileSync(join(ROOT, 'examples/stand-ins/gtag.js'));
const [SAMTYKKE] = SDKS;

function jsFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(sep).join('/'))
    .filter((f) => f.endsWith('.js'))
    .sort();
}

/** What the build emitted: each JS file's sources (from its map), text and gzip -9 size. */
function emitted(out) {
  return jsFiles(out).map((file) => {
    const text = readFileSync(join(out, file), 'utf8');
    const map = join(out, `${file}.map`);
    const sources = existsSync(map) ? JSON.parse(readFileSync(map, 'utf8')).sources ?? [] : [];
    return { file, text, sources, gzip: gzipSync(text, { level: 9 }).length };
  });
}

async function newContext(browser) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await context.route(
    (u) => u.hostname != 'localhost' && u.hostname != '127.0.0.1',
    (route) => (route.request().url().startsWith('https://www.googletagmanager.com/') ? route.fulfill({ body: GTAG_STUB, contentType: 'text/javascript' }) : route.abort()),
  );
  return context;
}

/** Opens a page that records every same-origin file asked for, and those that 404. */
async function open(context, base) {
  const page = await context.newPage();
  const requested = [];
  const missing = [];
  const local = (u) => (u.startsWith(base) ? decodeURIComponent(new URL(u).pathname.slice(1)) : null);
  page.on('request', (r) => {
    const file = local(r.url());
    if (file) requested.push(file);
  });
  page.on('response', (r) => {
    const file = local(r.url());
    if (file && r.status() == 404) missing.push(file);
  });
  return { page, requested, missing };
}

const bannerShown = (page, timeout) => page.waitForFunction(SAMTYKKE.banner, undefined, { timeout, polling: 'raf' });
const gaRequested = (page) =>
  page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.startsWith('https://www.googletagmanager.com/')), undefined, { timeout: 15_000, polling: 20 });

/** The three visits to one build. */
async function visit(browser, base, own, sizes) {
  const context = await newContext(browser);
  try {
    const first = await open(context, base);
    await first.page.goto(base, { waitUntil: 'load' });
    await bannerShown(first.page, 15_000);
    const english = await first.page.locator('samtykke-ui').getByText(ENGLISH).isVisible();
    if (!english) throw new Error(`the banner does not say "${ENGLISH}"`);
    await first.page.locator(SAMTYKKE.accept).click();
    await gaRequested(first.page);
    await first.page.waitForTimeout(300);
    await first.page.close();

    const again = await open(context, base);
    await again.page.goto(base, { waitUntil: 'load' });
    await gaRequested(again.page);
    await again.page.waitForTimeout(500);
    await again.page.close();

    const danishContext = await newContext(browser);
    const danish = await open(danishContext, base);
    let danishShown = false;
    try {
      await danish.page.goto(`${base}?lang=da`, { waitUntil: 'load' });
      await bannerShown(danish.page, 15_000);
      danishShown = await danish.page
        .locator('samtykke-ui')
        .getByText(DANISH)
        .waitFor({ timeout: 3_000 })
        .then(() => true, () => false);
    } finally {
      await danishContext.close();
    }
    return {
      first: share(first.requested, own, sizes),
      returning: share(again.requested, own, sizes),
      danish: danishShown,
      missing: [...new Set([...first.missing, ...again.missing, ...danish.missing])],
    };
  } finally {
    await context.close();
  }
}

/** Builds and measures every bundler; returns the rows and the markdown. */
export async function measureBundlers(browser, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'samtykke-bundlers-'));
  const rows = [];
  try {
    const app = makeApp(tmp);
    log(`bundlers: app installed from the packed tarball (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    for (const bundler of BUNDLERS) {
      const out = join(tmp, 'out', bundler.id);
      const row = { id: bundler.id, name: bundler.name, version: bundler.version };
      rows.push(row);
      try {
        const t = Date.now();
        await bundler.build(app, out, join(tmp, `${bundler.id}-cache`));
        row.buildMs = Date.now() - t;
        const files = emitted(out);
        const own = ownFiles(files, APP_FILES);
        const sizes = Object.fromEntries(files.map((f) => [f.file, f.gzip]));
        row.emitted = files.map(({ file, gzip }) => ({ file, gzip, samtykke: own.includes(file) }));
        // Named by the samtykke modules that carry the English strings.
        row.englishFiles = filesContaining(files, ENGLISH).map((file) => {
          const modules = files.find((f) => f.file == file).sources.map((s) => s.match(/(locales\/[\w.-]+|ui\/ui|us-module)\.(js|ts|json)$/)?.[1]).filter(Boolean);
          return modules.length ? `${file} (${[...new Set(modules)].join(', ')})` : file;
        });
        row.english = row.englishFiles.length;
        const server = await serve(out);
        try {
          Object.assign(row, await visit(browser, server.url, own, sizes));
        } finally {
          await server.close();
        }
        log(`bundlers: ${bundler.name} done (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (error) {
        row.error = String(error.message ?? error).split('\n')[0];
        log(`bundlers: ${bundler.name} failed: ${row.error}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const notes = rows.flatMap((row) => [
    ...(row.error ? [`- ${row.name}: failed: ${row.error}`] : []),
    ...(row.returning ? [`- ${row.name}, returning visit: ${row.returning.files.map((f) => `${relative('.', f)} ${row.emitted.find((e) => e.file == f)?.gzip.toLocaleString('en-US')} B`).join(', ')}`] : []),
    ...(row.englishFiles?.length > 1 ? [`- ${row.name}: "${ENGLISH}" in ${row.englishFiles.join(', ')}`] : []),
  ]);
  const markdown = [
    `**Bundled as an npm package** (samtykke's share of one small app calling \`init()\`: every JS file the browser asked for that holds samtykke's code or its dependencies', gzip -9; English browser, Accept all on the first visit):`,
    '',
    bundlerTable(rows),
    '',
    ...notes,
  ].join('\n');
  return { rows, markdown, seconds: Math.round((Date.now() - started) / 1000) };
}

if (import.meta.url == pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(ROOT, 'dist/esm/index.js'))) throw new Error('No dist/: run `npm run build` first');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const result = await measureBundlers(browser);
    console.log(result.markdown);
    console.log(`\nbundlers: ${result.seconds} s`);
    mkdirSync(new URL('results', import.meta.url), { recursive: true });
    writeFileSync(new URL('results/bundlers.json', import.meta.url), JSON.stringify({ date: new Date().toISOString().slice(0, 10), rows: result.rows }, null, 2));
    if (result.rows.some((r) => r.error)) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
