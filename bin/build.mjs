// `samtykke build`: a bundle for one site. The config is checked with the
// full schema and normalised here, at build time, and compiled into the
// bundle; the browser then needs no config reader, and rollup leaves out
// the code the config cannot use (no Google code without googleAnalytics or
// consentMode, no region tables without regime "auto", no receipts without
// receipts.url, no US law code for a site that only asks for consent).
//
// It bundles the package's own ESM modules (dist/esm) again, with
// dist/esm/site.js replaced by this site's answers (src/site.ts says what
// each one leaves out). rollup, its node-resolve and terser plugins do the
// work; they are optional peer dependencies, as only this command needs them.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { withoutHtmlSinks } from '../scripts/html-sinks.mjs';
import { borrowFromUi, KIT_GLOBALS } from '../scripts/kit.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const esm = (file) => join(ROOT, 'dist', 'esm', file);

/** A problem with the site's config or the build, said in one message. */
export class BuildError extends Error {}

/** The opt-out link texts: the only texts the core reads itself. */
const LINK_KEYS = ['optOut.link', 'optOut.choices', 'optOut.honored', 'optOut.icon'];

/** What the core reads of the config as given: the language, and per
 * language of `texts` the link texts (the codes also say which languages
 * the site adds). */
export function coreInput(input) {
  const out = {};
  if (typeof input.locale == 'string') out.locale = input.locale;
  const texts = input.texts && typeof input.texts == 'object' ? input.texts : undefined;
  if (texts) {
    out.texts = {};
    for (const code of Object.keys(texts)) {
      const own = texts[code] && typeof texts[code] == 'object' ? texts[code] : {};
      out.texts[code] = Object.fromEntries(LINK_KEYS.filter((key) => typeof own[key] == 'string').map((key) => [key, own[key]]));
    }
  }
  return out;
}

/** What the site's config lets the build leave out (see src/site.ts). */
export function featuresOf(core, { us } = {}) {
  return {
    // A site that only asks for consent has no US law to serve, unless told.
    US: us ?? core.regime != 'opt-in',
    GOOGLE: !!(core.googleAnalytics || core.consentMode),
    AUTO: core.regime == 'auto',
    RECEIPTS: !!core.receipts,
    BUTTON: !!core.floatingButton,
  };
}

/** JavaScript source for `value`: JSON, and RegExp literals for cookie patterns. */
export function source(value) {
  if (value instanceof RegExp) return `new RegExp(${JSON.stringify(value.source)},${JSON.stringify(value.flags)})`;
  if (Array.isArray(value)) return `[${value.map(source).join(',')}]`;
  if (value && typeof value == 'object') {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${source(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The text of dist/esm/site.js for this site. */
export function siteModule(core, input, features, files) {
  const lines = [
    'export const BUILT_IN = true;',
    `export const BUILT = ${source(core)};`,
    `export const BUILT_INPUT = ${source(coreInput(input))};`,
    `export const UI_INPUT = ${source(input)};`,
    ...Object.entries(features).map(([name, on]) => `export const ${name} = ${on};`),
    `export const UI_FILE = ${JSON.stringify(files.ui)};`,
    `export const US_FILE = ${JSON.stringify(files.us)};`,
    `export const DIALOGS_FILE = ${JSON.stringify(files.dialogs)};`,
    `export const CENTRE_FILE = ${JSON.stringify(files.centre)};`,
    `export const BUTTON_FILE = ${JSON.stringify(files.button)};`,
  ];
  return lines.join('\n') + '\n';
}

async function tools() {
  try {
    const [{ rollup }, { nodeResolve }, { default: terser }] = await Promise.all([
      import('rollup'),
      import('@rollup/plugin-node-resolve'),
      import('@rollup/plugin-terser'),
    ]);
    return { rollup, nodeResolve, terser };
  } catch {
    throw new BuildError('samtykke build needs rollup and two of its plugins: npm install -D rollup @rollup/plugin-node-resolve @rollup/plugin-terser');
  }
}

/** The chunks' names beside `out`: consent.js → consent.ui.js, consent.dialogs.js, consent.centre.js, consent.us.js. */
export function chunkNames(out) {
  const name = basename(out).replace(/(\.min)?\.m?js$/, '');
  return { core: basename(out), ui: `${name}.ui.js`, dialogs: `${name}.dialogs.js`, centre: `${name}.centre.js`, button: `${name}.button.js`, us: `${name}.us.js` };
}

/**
 * Builds the bundle for one site. `config` is the site's config as it would
 * stand in its config block; `out` the core's path (its chunks and locales/
 * go beside it); `us` forces the US law code into an opt-in site; `locales`
 * limits the language files copied. Returns each file with its size; with
 * `write: false` nothing is written.
 */
export async function buildSite({ config, out = 'samtykke-site/consent.js', us, locales, write = true }) {
  if (!existsSync(esm('browser.js'))) throw new BuildError('samtykke build: dist/esm is missing; reinstall samtykke (or run npm run build in its repository).');
  const [{ validate }, { normalise }] = await Promise.all([import(esm('index.js')), import(esm('config/normalise.js'))]);
  const checked = validate(config);
  if (!checked.ok) {
    throw new BuildError(['samtykke build: the config is not valid:', ...checked.problems.map((p) => `  ${p.path} ${p.message}.`)].join('\n'));
  }
  const { config: core } = normalise(config);
  const features = featuresOf(core, { us });
  const names = chunkNames(out);
  const site = siteModule(core, config, features, names);
  const { rollup, nodeResolve, terser } = await tools();

  const entries = {
    core: esm('browser.js'),
    ui: esm('ui/chunk.js'),
    dialogs: esm('ui/dialogs-chunk.js'),
    centre: esm('ui/centre-chunk.js'),
    ...(features.BUTTON ? { button: esm('ui/button-chunk.js') } : {}),
    ...(features.US ? { us: esm('signals/us-chunk.js') } : {}),
  };
  const files = [];
  for (const [kind, input] of Object.entries(entries)) {
    const bundle = await rollup({
      input,
      treeshake: { moduleSideEffects: (id, external) => external || id == input, tryCatchDeoptimization: false },
      plugins: [
        // The dialogs and centre chunks take preact and the shared pieces from the UI chunk.
        (kind == 'dialogs' || kind == 'centre') && borrowFromUi(),
        { name: 'samtykke-site', load: (id) => (id == esm('site.js') ? site : null) },
        nodeResolve({ browser: true }),
        withoutHtmlSinks(),
        // The same options as samtykke's own builds (rollup.config.mjs).
        terser({
          ecma: 2020,
          compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
          format: { comments: false, preamble: '//# allFunctionsCalledOnLoad' },
          mangle: { properties: false },
        }),
      ],
      onwarn(warning, warn) {
        if (warning.code != 'CIRCULAR_DEPENDENCY') warn(warning);
      },
    });
    const { output } = await bundle.generate({ format: 'iife', globals: kind == 'dialogs' || kind == 'centre' ? KIT_GLOBALS : undefined });
    await bundle.close();
    files.push({ kind, fileName: names[kind], code: output[0].code });
  }

  // The language files, as the generic build ships them.
  const shipped = join(ROOT, 'dist', 'locales');
  for (const file of existsSync(shipped) ? readdirSync(shipped) : []) {
    const code = file.split('.')[0];
    if (locales && !locales.includes(code)) continue;
    files.push({ kind: 'locale', fileName: `locales/${file}`, from: join(shipped, file) });
  }

  if (write) {
    const dir = dirname(out);
    mkdirSync(join(dir, 'locales'), { recursive: true });
    for (const file of files) {
      if (file.from) copyFileSync(file.from, join(dir, file.fileName));
      else writeFileSync(join(dir, file.fileName), file.code);
    }
  }
  for (const file of files) if (file.code) file.gzip = gzipSync(file.code, { level: 9 }).length;
  return { features, files, dir: dirname(out) };
}

/** The sizes, as `samtykke build` prints them. */
export function formatSizes({ features, files, dir }) {
  const scripts = files.filter((file) => file.code);
  const width = Math.max(...scripts.map((file) => file.fileName.length));
  const on = Object.entries(features).map(([name, yes]) => `${name.toLowerCase()} ${yes ? 'in' : 'left out'}`).join(', ');
  const core = scripts.find((file) => file.kind == 'core');
  const ui = scripts.find((file) => file.kind == 'ui');
  return [
    `samtykke build: wrote ${files.length} files to ${dir}/ (${on})`,
    ...scripts.map((file) => `  ${file.fileName.padEnd(width)}  ${String(file.gzip).padStart(6)} B gzip`),
    `  locales/: ${files.length - scripts.length} language files`,
    `returning visitor: ${core.gzip} B gzip; first visit: ${core.gzip + ui.gzip} B gzip and a language file`,
  ].join('\n');
}

/**
 * The same as a rollup or Vite plugin: emits the site's bundle as assets
 * of the app's build, e.g. `samtykkeSite({ config, fileName: 'consent.js' })`.
 */
export function samtykkeSite({ config, fileName = 'consent.js', us, locales }) {
  return {
    name: 'samtykke-site',
    async generateBundle() {
      const { files } = await buildSite({ config, out: fileName, us, locales, write: false });
      const base = dirname(fileName) == '.' ? '' : dirname(fileName) + '/';
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: base + file.fileName, source: file.code ?? (await import('node:fs')).readFileSync(file.from) });
      }
    },
  };
}
