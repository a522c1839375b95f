// Builds from one source:
//   dist/esm/                   ESM for bundlers, one file per module (so unused
//                               ones, zod's schema above all, are dropped), with
//                               .d.ts types; the UI is a dynamic import
//   dist/samtykke.min.js        script tag, production: the core only
//   dist/samtykke.ui.min.js     the UI chunk the core fetches when it must show
//                               something (a returning visitor never does)
//   dist/samtykke.dialogs.min.js, dist/samtykke.centre.min.js
//                               the preferences and opt-out dialogs, and the
//                               privacy centre, fetched by the UI chunk
//   dist/samtykke.us.min.js     the full IAB GPP API, fetched only where a US
//                               law applies
//   dist/samtykke.full.min.js   core, UI and GPP API in one file
//   dist/samtykke.js            core and UI, development: full validation
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { withoutHtmlSinks } from './scripts/html-sinks.mjs';
import { englishParts } from './scripts/english.mjs';
import { borrowFromUi, KIT_GLOBALS } from './scripts/kit.mjs';
import { split } from './scripts/locale-parts.mjs';

const dev = (value) => replace({ preventAssignment: true, values: { __DEV__: String(value) } });

/** `import text from './x.css?raw'`: the file's text (as in vite, which runs
 * the unit tests); CSS loses its comments and spare whitespace. */
function raw() {
  const SUFFIX = '?raw';
  const squeeze = (css) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .replace(/([\s:(,])0\.(\d)/g, '$1.$2')
      .replace(/#([\da-f])\1([\da-f])\2([\da-f])\3\b/gi, '#$1$2$3')
      .trim();
  return {
    name: 'raw',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved && resolved.id + SUFFIX;
    },
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const text = readFileSync(file, 'utf8');
      return `export default ${JSON.stringify(file.endsWith('.css') ? squeeze(text) : text)};`;
    },
  };
}

/** `samtykke:locales`: the languages built into samtykke.full.min.js and
 * samtykke.js, chosen with SAMTYKKE_LOCALES=da,sv,nb (default: none; every
 * other language is fetched from locales/ beside the bundle), each as its
 * parts' arrays, as the files in dist/locales/ hold them. */
export function embeddedLocales(codes = (process.env.SAMTYKKE_LOCALES || '').split(',').filter(Boolean)) {
  const ID = 'samtykke:locales';
  return {
    name: 'embedded-locales',
    resolveId: (id) => (id == ID ? ID : null),
    load(id) {
      if (id != ID) return null;
      const locales = {};
      for (const code of codes) locales[code] = split(JSON.parse(readFileSync(new URL(`locales/${code}.json`, import.meta.url), 'utf8')));
      return `export default ${JSON.stringify(locales)};`;
    },
  };
}

// Only the script-tag entries act on load; every other module just defines
// things, so what a build does not call is dropped (zod in production).
// init() runs inside try/catch; rollup would otherwise keep every function
// called there, including the dead development-only validation.
const ENTRIES = ['src/browser.ts', 'src/browser-full.ts', 'src/ui/chunk.ts', 'src/ui/dialogs-chunk.ts', 'src/ui/centre-chunk.ts', 'src/ui/button-chunk.ts', 'src/signals/us-chunk.ts'];
const treeshake = {
  moduleSideEffects: (id, external) => external || ENTRIES.some((entry) => id.endsWith(entry)),
  tryCatchDeoptimization: false,
};

/** `borrow`: the dialogs chunk, which takes preact and the shared pieces
 * from the UI chunk (scripts/kit.mjs). */
const script = (input, file, development, borrow = false) => ({
  input,
  treeshake,
  output: { file, format: 'iife', sourcemap: true, globals: borrow ? KIT_GLOBALS : undefined },
  plugins: [
    borrow && borrowFromUi(),
    englishParts(),
    dev(development),
    raw(),
    embeddedLocales(),
    json({ preferConst: true }),
    resolve({ browser: true }),
    withoutHtmlSinks(),
    typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: development, include: ['src/**/*'] }),
    !development &&
      terser({
        ecma: 2020,
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
        // Chromium's compile hint: compile every function while the file
        // streams in, not lazily on first call on the main thread (nearly
        // every function in each file runs on load).
        format: { comments: false, preamble: '//# allFunctionsCalledOnLoad' },
        mangle: { properties: false },
      }),
  ],
});

/** In the ESM build, src/site.ts stays a module of its own that the others
 * import, its values unknown to them: `samtykke build` (bin/build.mjs)
 * swaps in one site's values, and its rollup drops what they switch off.
 * (Resolved normally, rollup would fold the generic values in here.) */
function siteModuleExternal() {
  const ID = 'samtykke:site';
  return {
    name: 'site-module-external',
    async resolveId(source, importer) {
      if (!/(^|\/)site(\.js)?$/.test(source) || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved?.id.endsWith('/src/site.ts') ? { id: ID, external: true } : null;
    },
    // Each module imports it by its path relative to that module.
    renderChunk(code, chunk) {
      const depth = chunk.fileName.split('/').length - 1;
      const path = depth ? '../'.repeat(depth) + 'site.js' : './site.js';
      return code.includes(ID) ? { code: code.replaceAll(`'${ID}'`, `'${path}'`), map: null } : null;
    },
  };
}

/** In the ESM build, locale-imports.ts imports each language's files,
 * which scripts/locales.mjs writes into dist/esm/locales/ after rollup: they
 * stay imports, by the same relative path, for the app's bundler to split. */
function localeFilesExternal() {
  return {
    name: 'locale-files-external',
    resolveId: (source, importer) =>
      importer?.endsWith('/src/loading/locale-imports.ts') && /^\.\.\/locales\/[\w-]+\.[\w-]+\.js$/.test(source) ? { id: source, external: true } : null,
  };
}

export default [
  {
    // The script-tag entries are here too, as plain modules: `samtykke
    // build` (bin/build.mjs) bundles them again for one site.
    // src/react.ts and src/vue.ts are samtykke/react and samtykke/vue: no
    // other module imports them, and the app brings React or Vue itself.
    input: ['src/index.ts', 'src/browser.ts', 'src/ui/chunk.ts', 'src/ui/dialogs-chunk.ts', 'src/ui/centre-chunk.ts', 'src/ui/button-chunk.ts', 'src/signals/us-chunk.ts', 'src/react.ts', 'src/vue.ts'],
    external: [/^js-cookie/, /^zod/, /^preact/, /^react($|\/)/, /^vue($|\/)/],
    treeshake,
    // No source maps: these modules are not minified (readable as they
    // are), the app's bundler writes its own maps, and maps here would point
    // at src/, which the package does not ship.
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: false },
    plugins: [
      siteModuleExternal(),
      localeFilesExternal(),
      englishParts(),
      dev(false),
      raw(),
      json({ preferConst: true }),
      typescript({
        tsconfig: './tsconfig.json',
        rootDir: 'src',
        outDir: 'dist/esm',
        declaration: true,
        declarationDir: 'dist/esm',
        // Patterns are relative to rootDir here.
        include: ['**/*.ts', '**/*.tsx'],
      }),
    ],
  },
  // dist/esm/site.js: the generic answers, which the modules above import.
  {
    input: 'src/site.ts',
    output: { file: 'dist/esm/site.js', format: 'es' },
    plugins: [typescript({ tsconfig: './tsconfig.json', declaration: false, include: ['src/site.ts'] })],
  },
  script('src/browser.ts', 'dist/samtykke.min.js', false),
  script('src/ui/chunk.ts', 'dist/samtykke.ui.min.js', false),
  script('src/ui/dialogs-chunk.ts', 'dist/samtykke.dialogs.min.js', false, true),
  script('src/ui/centre-chunk.ts', 'dist/samtykke.centre.min.js', false, true),
  script('src/ui/button-chunk.ts', 'dist/samtykke.button.min.js', false),
  script('src/signals/us-chunk.ts', 'dist/samtykke.us.min.js', false),
  script('src/browser-full.ts', 'dist/samtykke.full.min.js', false),
  script('src/browser-full.ts', 'dist/samtykke.js', true),
];
