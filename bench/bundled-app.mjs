// A small app that imports samtykke from npm, as a user's bundler meets it:
// `npm pack` of this repo, the tarball installed into a temp app, built by
// Vite, webpack 5 or esbuild (or served by Vite's dev server), and a static
// server for a build. Shared by the bundler bench (bench/bundlers.mjs) and
// the browser test that proves every bundler loads the languages
// (test/browser/bundlers.spec.ts).
//
// The package is installed from tarballs, never linked: a symlink outside
// node_modules is the app's own source to a bundler, and would skip the
// `files` list and the `exports` map. samtykke's dependencies (preact, zod)
// are packed from this repo's node_modules too, so the install is offline
// and quick. npm's cache and the bundlers' caches live in the temp dir.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const pkg = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
export const version = (name) => pkg(join(ROOT, 'node_modules', name)).version;

export const MAIN = `import { init } from 'samtykke';
init({ googleAnalytics: { id: 'G-TEST1234' }, privacyPolicyUrl: '/privacy' });
`;

/** The app's page; `?lang=xx` on any server below swaps its `<html lang>`. */
export const page = (script) => `<!doctype html>
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

/** `<html lang>` from `?lang=` in a page's URL, or null. */
function langOf(url) {
  const lang = new URL(url, 'http://localhost').searchParams.get('lang');
  return lang && /^[a-z]{2}(-[A-Z]{2})?$/.test(lang) ? lang : null;
}
const withLang = (html, url) => {
  const lang = langOf(url);
  return lang ? html.replace('<html lang="en">', `<html lang="${lang}">`) : html;
};

/** The packed tarball (and its dependencies, packed from node_modules)
 * installed into `tmp`/app, with main.js: what `npm install samtykke` gives. */
export function makeApp(tmp, main = MAIN) {
  const env = { ...process.env, npm_config_cache: join(tmp, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const pack = (dir) => JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp, dir], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))[0].filename;
  const dependencies = { samtykke: `file:../${pack('.')}` };
  for (const name of Object.keys(pkg(ROOT).dependencies)) dependencies[name] = `file:../${pack(`./node_modules/${name}`)}`;
  const app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bundled-app', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(app, 'main.js'), main);
  execFileSync('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return app;
}

/** Each bundler's production build of app/ into out/, with its defaults
 * (hidden source maps: no comment in the JS). */
export const BUNDLERS = [
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

const listening = (server) =>
  new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));

/** Serves out/ on loopback, no caching. Resolves with the URL and a close(). */
export function serve(out) {
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
    if (file.endsWith('.html')) body = Buffer.from(withLang(String(body), request.url));
    response.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream');
    response.end(body);
  });
  return listening(server);
}

/** Vite's dev server for app/ on loopback (dependencies pre-bundled into
 * `cache`, as `vite` does), the page's `<html lang>` from `?lang=`. */
export async function viteDev(app, cache) {
  writeFileSync(join(app, 'index.html'), page('<script type="module" src="/main.js"></script>'));
  const { createServer: createVite } = await import('vite');
  const lang = { name: 'lang-from-query', transformIndexHtml: (html, context) => withLang(html, context.originalUrl ?? '/') };
  const server = await createVite({
    root: app,
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: 'silent',
    cacheDir: cache,
    plugins: [lang],
    server: { host: '127.0.0.1', port: 0, strictPort: false, watch: null, hmr: false },
  });
  await server.listen();
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
