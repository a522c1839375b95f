// @vitest-environment node
// What a frontend developer gets from `npm install samtykke`: an ES module
// that is safe to import on a server, drops zod unless asked, and has types.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';

const root = new URL('../../', import.meta.url);
const esm = new URL('dist/esm/index.js', root).pathname;

function needBuild() {
  if (!existsSync(esm)) throw new Error('dist/esm is missing: run `npm run build` first (npm test does).');
}

/** Bundles `source` (which imports from the built package) as a site's bundler would. */
async function bundle(source: string) {
  needBuild();
  const build = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id == 'entry' ? id : null), load: (id) => (id == 'entry' ? source.replace('samtykke', esm) : null) },
      resolve(),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  return output[0].code;
}

describe('the npm package', () => {
  it('imports on a server without touching window or document', async () => {
    needBuild();
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const module = await import(esm);
    const consent = module.init({ regime: 'opt-out' });
    // The README's promise: on the server it allows nothing and stores nothing.
    expect(consent.allowed('marketing')).toBe(false);
    consent.acceptAll();
    expect(consent.allowed('marketing')).toBe(false);
    expect(consent.getConsent().persisted).toBe(false);
  });

  it('leaves zod out of a bundle that only uses init()', async () => {
    const code = await bundle("import { init } from 'samtykke'; init();");
    expect(code).toContain('globalPrivacyControl');
    expect(code).not.toMatch(/ZodMini|\$ZodObject|safeParse/);
  });

  it('brings zod in for validate()', async () => {
    const code = await bundle("import { validate } from 'samtykke'; console.log(validate({}));");
    expect(code).toMatch(/safeParse/);
  });

  it('ships types for the public API', () => {
    needBuild();
    const types = readFileSync(new URL('dist/esm/index.d.ts', root), 'utf8');
    for (const name of ['init', 'validate', 'SamtykkeConfig', 'Consent', 'ConsentSnapshot']) expect(types).toContain(name);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    expect(existsSync(new URL(pkg.exports['.'].types, root))).toBe(true);
    expect(existsSync(new URL(pkg.exports['./schema.json'], root))).toBe(true);
  });
});

describe('the one-file bundle with languages built in', () => {
  it('SAMTYKKE_LOCALES=da builds Danish into samtykke.full.min.js; the default build fetches it instead', async () => {
    needBuild();
    // The build's own config (plain JavaScript, so imported by a path TypeScript does not type).
    const path = '../../rollup.config.mjs';
    const configs = (await import(path)) as {
      default: { output: { file?: string }; plugins: ({ name: string } | false)[] }[];
      embeddedLocales: (codes: string[]) => { name: string };
    };
    const full = configs.default.find((config) => config.output.file == 'dist/samtykke.full.min.js')!;
    const plugins = full.plugins.map((plugin) => (plugin && plugin.name == 'embedded-locales' ? configs.embeddedLocales(['da']) : plugin));
    const build = await rollup({ ...full, plugins, onwarn: () => {} } as Parameters<typeof rollup>[0]);
    const { output } = await build.generate({ format: 'iife' });
    const danish = JSON.parse(readFileSync(new URL('locales/da.json', root), 'utf8'))['button.rejectAll'];
    expect(output[0].code).toContain(danish);
    expect(readFileSync(new URL('dist/samtykke.full.min.js', root), 'utf8')).not.toContain(danish);
  }, 60_000);
});
