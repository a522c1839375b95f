// `npm start`: the quick build (scripts/quick-build.mjs: what the examples
// load, types stripped by esbuild, nothing minified), then the examples
// server (scripts/serve.mjs) once all of it is written, so no page is
// served from an older build; then, while it serves, in a child process at
// low priority, the rest of `npm run build`: the .d.ts files, and the
// script-tag bundles built as it builds them (type-checked, minified), each
// moved into place whole, so a page gets the quick file or the minified
// one, never half of one. dist/esm and the examples' builds stay as the
// quick build wrote them (the same code, unminified, as the ESM build is).
//
// `node scripts/start.mjs --minify` is that last step alone.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundle, quickBuild, types } from './quick-build.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
process.chdir(ROOT);
const STAGING = 'dist/.minified/';

/** The .d.ts files, and the script-tag bundles (every rollup config that
 * writes one file) into STAGING, then each file over its quick-built self. */
async function minify() {
  const { default: configs } = await import('../rollup.config.mjs');
  await types();
  rmSync(STAGING, { recursive: true, force: true });
  const scripts = configs.filter((config) => config.output.file?.startsWith('dist/samtykke'));
  // The maps' paths as from dist/, not from one folder deeper.
  const output = (given) => ({ ...given, file: STAGING + given.file.slice('dist/'.length), sourcemapPathTransform: (path) => path.replace(/^\.\.\//, '') });
  for (const config of scripts) await bundle({ ...config, output: output(config.output) });
  for (const file of readdirSync(STAGING)) renameSync(STAGING + file, 'dist/' + file);
  rmSync(STAGING, { recursive: true, force: true });
}

if (process.argv.includes('--minify')) {
  await minify();
} else {
  const started = Date.now();
  console.log('samtykke examples: building (quick: not minified, types not checked)…');
  mkdirSync('dist', { recursive: true });
  await quickBuild();
  console.log(`samtykke examples: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await import('./serve.mjs');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--minify'], { stdio: 'inherit' });
  // After the pages a visitor is waiting for.
  setPriority(child.pid, 10);
  child.on('exit', (code) =>
    console.log(code ? `samtykke examples: the rest of the build failed (${code}); run npm run build` : 'samtykke examples: the rest of the build is done: types, and the script-tag bundles minified as npm run build makes them.'),
  );
}
