// `npm run packaging` (part of `npm test`): the package as a user gets it.
// Packs it once (npm pack: the `files` list, the `exports` map) and checks
// the tarball:
//   - publint --strict: package.json fields and exports point at real files;
//   - attw (Are the Types Wrong?): types resolve for every entry under
//     node16 (from ESM and CJS) and bundler, and for the main entry under
//     node10. The package is ESM only: attw's CJSResolvesToESM warning is
//     expected and ignored (README: require('samtykke') needs Node's
//     require(esm), Node 20.19+ or 22.12+); subpaths need exports, which
//     node10 resolution predates;
//   - TypeScript consumers (test/types) compiled against the installed
//     tarball under moduleResolution nodenext and bundler, skipLibCheck off;
//   - require('samtykke') from CommonJS on this Node;
//   - what ships: no example app, no bench site, no ESM source maps.
// Everything happens in one temp dir, removed afterwards.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const failures = [];

/** Runs a check; its output is shown only when it fails. */
function check(name, command, args, cwd = ROOT) {
  try {
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(`ok    ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL  ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

if (!existsSync(join(ROOT, 'dist/esm/index.js'))) {
  console.error('packaging: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

const temp = mkdtempSync(join(tmpdir(), 'samtykke-packaging-'));
try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const tarball = join(temp, packed.filename);
  const shipped = packed.files.map((file) => file.path);
  const stray = shipped.filter((path) => /^dist\/(examples|bench-site)\//.test(path) || /^dist\/esm\/.*\.map$/.test(path));
  if (stray.length) failures.push('contents'), console.log(`FAIL  contents: ${stray.length} files that users do not need, e.g. ${stray[0]}`);
  else console.log(`ok    contents: ${shipped.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`);

  // The scanner's data ships with the licence and source note of each.
  const data = ['open-cookie-database/open-cookie-database.csv', 'open-cookie-database/LICENSE', 'open-cookie-database/SOURCE.md', 'third-party-web/entities.json', 'third-party-web/LICENSE', 'third-party-web/SOURCE.md'].map((file) => `scan/data/${file}`);
  const missing = data.filter((file) => !shipped.includes(file));
  if (missing.length) failures.push('scanner data'), console.log(`FAIL  scanner data: not packed: ${missing.join(', ')}`);
  else console.log(`ok    scanner data: the Open Cookie Database and third-party-web, each with its licence and source note`);
  // What only `samtykke scan` and `samtykke log` need is an optional peer:
  // `npm install samtykke` never downloads a browser driver or a database.
  const toolsOnly = ['playwright-core', 'tldts', '@electric-sql/pglite', 'pg'];
  const required = toolsOnly.filter((name) => pkg.dependencies?.[name] || !pkg.peerDependenciesMeta?.[name]?.optional);
  if (required.length) failures.push('tool dependencies'), console.log(`FAIL  tool dependencies: ${required.join(', ')} must be optional peer dependencies`);
  else console.log(`ok    tool dependencies: ${toolsOnly.join(', ')} are optional peers`);

  check('publint --strict', bin('publint'), ['--strict', '--pack', 'false'], ROOT);
  check('attw (node16 ESM and CJS, bundler; node10 for the main entry)', bin('attw'), [tarball, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm']);

  // An app with the tarball installed, its dependencies linked from here.
  const app = join(temp, 'app');
  const installed = join(app, 'node_modules/samtykke');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  // The React and Vue consumers need React's types, which React itself does not ship.
  for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), '@types/react']) {
    const from = join(ROOT, 'node_modules', name);
    if (!existsSync(from)) continue;
    mkdirSync(join(app, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(from, join(app, 'node_modules', name), 'dir');
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  cpSync(join(ROOT, 'test/types'), join(app, 'types'), { recursive: true });
  for (const mode of ['nodenext', 'bundler']) check(`TypeScript consumer, moduleResolution ${mode}`, process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'types', mode)], app);

  writeFileSync(join(app, 'require.cjs'), "const { init } = require('samtykke'); if (typeof init != 'function') throw new Error('no init');");
  check(`require('samtykke') from CommonJS (Node ${process.version})`, process.execPath, ['--no-warnings', join(app, 'require.cjs')], app);

  // Without the optional peers, the scan says what to install (exit 3).
  const bare = join(temp, 'bare');
  mkdirSync(join(bare, 'node_modules'), { recursive: true });
  cpSync(installed, join(bare, 'node_modules/samtykke'), { recursive: true });
  try {
    execFileSync(process.execPath, [join(bare, 'node_modules/samtykke/bin/samtykke.js'), 'scan', 'https://shop.example/'], { cwd: bare, encoding: 'utf8', stdio: 'pipe' });
    failures.push('scan without playwright-core'), console.log('FAIL  scan without playwright-core: it did not fail');
  } catch (error) {
    if (error.status == 3 && /needs playwright-core, which is not installed: npm install --save-dev playwright-core tldts/.test(error.stderr)) console.log('ok    scan without playwright-core: exit 3, and what to install');
    else failures.push('scan without playwright-core'), console.log(`FAIL  scan without playwright-core: exit ${error.status}\n${error.stderr}`);
  }
  // And the consent log without PGlite.
  try {
    execFileSync(process.execPath, [join(bare, 'node_modules/samtykke/bin/samtykke.js'), 'log', 'serve', '--port', '0', '--db', join(bare, 'log')], { cwd: bare, encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });
    failures.push('log without PGlite'), console.log('FAIL  log without PGlite: it did not fail');
  } catch (error) {
    if (error.status == 3 && /needs @electric-sql\/pglite, which is not installed: npm install --save-dev @electric-sql\/pglite/.test(error.stderr)) console.log('ok    log without PGlite: exit 3, and what to install');
    else failures.push('log without PGlite'), console.log(`FAIL  log without PGlite: exit ${error.status}\n${error.stderr}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\npackaging: ${failures.length} check(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
