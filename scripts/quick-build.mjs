// The quick build `npm start` serves first: every file of `npm run build`,
// with the same names and the same code, but built for speed. Three things
// make `rollup -c` slow on a small machine, and none matters to a page
// served on localhost:
//   - @rollup/plugin-typescript type-checks the whole program once per
//     bundle (nine times, and again in each example): here esbuild strips
//     the types instead, file by file (the sources are isolatedModules-safe);
//   - terser's three passes per bundle: here nothing is minified;
//   - one bundle after another: here the script-tag bundles all at once.
// What no page needs first (the .d.ts files, samtykke.full.min.js) and the
// minified bundles come next: scripts/start.mjs builds them while it serves.
// `npm run build` (and so `npm test`, the bench and a release) stays the
// full build; type errors are `npm run typecheck`'s to report.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rollup } from 'rollup';
import { transform } from 'esbuild';

const ROOT = new URL('../', import.meta.url);

/** A tsconfig.json's compilerOptions, with those of the file it extends. */
function readOptions(file) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  return { ...(config.extends ? readOptions(resolve(dirname(file), config.extends)) : {}), ...config.compilerOptions };
}

/** The compilerOptions of the tsconfig.json nearest to `dir`, which esbuild
 * reads for JSX and class fields. */
const options = new Map();
function compilerOptions(dir) {
  if (!options.has(dir)) {
    const file = join(dir, 'tsconfig.json');
    options.set(dir, existsSync(file) ? readOptions(file) : dirname(dir) != dir ? compilerOptions(dirname(dir)) : {});
  }
  return options.get(dir);
}

/** TypeScript to JavaScript by esbuild, file by file, with the settings of
 * the file's own tsconfig.json; resolves `./x.js` to `./x.ts(x)`, as
 * @rollup/plugin-typescript does. */
export function stripTypes() {
  return {
    name: 'strip-types',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !/\.tsx?$/.test(importer)) return null;
      const path = resolve(dirname(importer), source).replace(/\.js$/, '');
      return [`${path}.ts`, `${path}.tsx`].find(existsSync) ?? null;
    },
    async transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.endsWith('.d.ts')) return null;
      const tsconfigRaw = { compilerOptions: compilerOptions(dirname(id)) };
      const result = await transform(code, { loader: id.endsWith('x') ? 'tsx' : 'ts', format: 'esm', sourcefile: id, sourcemap: true, tsconfigRaw });
      return { code: result.code, map: result.map };
    },
  };
}

/** A config of rollup.config.mjs, built the quick way. */
export function quick(config) {
  const plugins = config.plugins.filter((plugin) => plugin && plugin.name != 'terser').map((plugin) => (plugin.name == 'typescript' ? stripTypes() : plugin));
  return { ...config, plugins };
}

/** Runs a command; resolves when it exits with 0. */
export function run(command, args, options = {}) {
  return new Promise((done, fail) =>
    spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options }).on('exit', (code) => (code ? fail(new Error(`${command} ${args.join(' ')} exited with ${code}`)) : done())),
  );
}

/** Builds one config: every output it names. */
export async function bundle(config) {
  // Quiet, as `rollup -c --silent` is in `npm run build`.
  const build = await rollup({ ...config, onwarn: () => {} });
  try {
    for (const output of [].concat(config.output)) await build.write(output);
  } finally {
    await build.close();
  }
}

/** `npm run build:examples`, quickly: each `rollup -c <file>` in it is
 * built here the quick way, one after another; any other step runs as
 * it is. */
export async function quickExamples() {
  const { scripts } = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
  for (const step of scripts['build:examples'].split('&&').map((part) => part.trim())) {
    const file = step.match(/^rollup (?:-c|--config) (\S+)(?: --silent)?$/)?.[1];
    if (!file) {
      await run('sh', ['-c', step]);
      continue;
    }
    const { default: exported } = await import(new URL(file, ROOT));
    const configs = [].concat(typeof exported == 'function' ? await exported({}) : exported);
    for (const config of configs) await bundle(quick(config));
  }
}

/** The bundles no example page loads: written by scripts/start.mjs's
 * second step only. */
export const NOT_SERVED = ['dist/samtykke.full.min.js'];

/** What the examples need of dist/, quickly: the ESM build, the language
 * files and the examples' builds (which need the first two), beside the
 * script-tag bundles. What it does not write (the .d.ts files and
 * NOT_SERVED) is removed first, so that no older copy is served;
 * scripts/start.mjs writes them next. */
export async function quickBuild() {
  const { default: configs } = await import(new URL('rollup.config.mjs', ROOT));
  const [esm, ...rest] = configs;
  const later = (file) => file.endsWith('.d.ts') || NOT_SERVED.some((name) => file == name || file == `${name}.map`);
  if (existsSync('dist')) for (const file of readdirSync('dist', { recursive: true })) if (later(`dist/${file}`)) rmSync(`dist/${file}`);
  const bundles = Promise.all(rest.filter((config) => !NOT_SERVED.includes(config.output.file)).map((config) => bundle(quick(config))));
  await bundle(quick(esm));
  await Promise.all([run('node', ['scripts/json-schema.mjs']), run('node', ['scripts/locales.mjs'])]);
  await Promise.all([quickExamples(), bundles]);
}

/** The .d.ts files of dist/esm, as the full build writes them. */
export const types = () => run('npx', ['tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly', '--declarationDir', 'dist/esm', '--rootDir', 'src']);
