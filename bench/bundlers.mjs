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
// tarball installed into a temp app by npm (so only the `files` list, the
// `exports` map and a real copy in node_modules, not a symlink into the
// repo, which bundlers would treat as the app's own source). Everything,
// npm's cache included, lives in one temp dir that is removed afterwards.
//
// `node bench/bundlers.mjs` runs it alone (needs `npm run build` first) and
// writes bench/results/bundlers.json; `npm run bench` runs it too.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { SDKS } from './sdks.mjs';
import { bundlerTable, filesContaining, ownFiles, share } from './emitted.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
/** The app's own files; every other emitted JS file is samtykke's (see ownFiles). */
const APP_FILES = ['main.js'];
const ENGLISH = JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8'))['banner.title'];
const DANISH = JSON.parse(readFileSync(join(ROOT, 'locales/da.json'), 'utf8'))['banner.title'];
const GTAG_STUB = readFileSync(join(ROOT, 'examples/stand-ins/gtag.js'));
const [SAMTYKKE] = SDKS;
const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

const MAIN = `import { init } from 'samtykke';
init({ googleAnalytics: { id: 'G-TEST1234' }, privacyPolicyUrl: '/privacy' });
`;
const page = (script) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bundled app</title>
${script}
</head>
<body>
<h1>A bundled app</h1>
<p>It imports samtykke from npm.</p>
</body>
</html>
`;

/** Each bundler's production build of app/ into out/; hidden source maps (no comment in the JS). */
const BUNDLERS = [
  {
    id: 'vite',
    name: 'Vite',
    version: version('vite'),
    async build(app, out, cache) {
      writeFileSync(join(app, 'index.html'), page('<script type="module" src="/main.js"></script>'));
      const { build } = await import('vite');
      await build({ root: app, configFile: false, envFile: false, publicDir: false, logLevel: 'silent', cacheDir: cache, build: { outDir: out, emptyOutDir: true, sourcemap: 'hidden' } });
    },
  },
  {
    id: 'webpack',
    name: 'webpack',
    version: version('webpack'),
    async build(app, out) {
      const { default: webpack } = await import('webpack');
      const compiler = webpack({
        mode: 'production',
        context: app,
        entry: { main: './main.js' },
        output: { path: out, publicPath: '/', filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
        devtool: 'hidden-source-map',
        cache: false,
        performance: { hints: false },
        infrastructureLogging: { level: 'error' },
      });
      const stats = await new Promise((done, fail) => compiler.run((error, result) => (error ? fail(error) : done(result))));
      await new Promise((done) => compiler.close(done));
      if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
      writeFileSync(join(out, 'index.html'), page('<script defer src="/main.js"></script>'));
    },
  },
  {
    id: 'esbuild',
    name: 'esbuild',
    version: version('esbuild'),
    async build(app, out) {
      const esbuild = await import('esbuild');
      await esbuild.build({
        absWorkingDir: app,
        entryPoints: ['main.js'],
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        sourcemap: 'external',
        define: { 'process.env.NODE_ENV': '"production"' },
        outdir: out,
        logLevel: 'silent',
      });
      writeFileSync(join(out, 'index.html'), page('<script type="module" src="/main.js"></script>'));
    },
  },
];

/** The packed tarball installed into a fresh app dir: what `npm install samtykke` would give. */
function makeApp(tmp) {
  const cache = join(tmp, 'npm-cache');
  const env = { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  const app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bundled-app', private: true, type: 'module', dependencies: { samtykke: `file:../${filename}` } }, null, 2));
  writeFileSync(join(app, 'main.js'), MAIN);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return app;
}

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

/** Serves out/ on loopback, no caching; `?lang=xx` rewrites the page's <html lang>. */
function serve(out) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    response.setHeader('Cache-Control', 'no-store');
    const path = url.pathname == '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = resolve(out, '.' + path);
    if (!file.startsWith(out + sep) || !existsSync(file)) {
      response.statusCode = 404;
      return void response.end('Not found');
    }
    let body = readFileSync(file);
    if (file.endsWith('.html')) {
      const lang = url.searchParams.get('lang');
      if (lang && /^[a-z]{2}(-[A-Z]{2})?$/.test(lang)) body = Buffer.from(String(body).replace('<html lang="en">', `<html lang="${lang}">`));
    }
    response.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream');
    response.end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
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
