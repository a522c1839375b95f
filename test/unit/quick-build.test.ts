// @vitest-environment node
// `npm start`'s quick build (scripts/quick-build.mjs) builds every config of
// the full build, with its types stripped by esbuild and nothing minified;
// the JSX of each file follows its own tsconfig.json (preact's `h` in src/).
import { expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

type Plugin = { name: string; resolveId?: (source: string, importer?: string) => string | null; transform?: (code: string, id: string) => Promise<{ code: string } | null> };
type Config = { plugins: (Plugin | false)[]; output: { file?: string; dir?: string } };
// Plain JavaScript, imported by paths TypeScript does not type.
const scripts = { quick: '../../scripts/quick-build.mjs', rollup: '../../rollup.config.mjs' };
const load = async () => ({
  ...((await import(scripts.quick)) as { quick: (config: Config) => Config; stripTypes: () => Plugin; NOT_SERVED: string[] }),
  configs: ((await import(scripts.rollup)) as { default: Config[] }).default,
});
const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

it('builds every config of rollup.config.mjs without terser or the type-checking TypeScript plugin', async () => {
  const { quick, configs } = await load();
  for (const config of configs) {
    const names = quick(config).plugins.map((plugin) => plugin && plugin.name);
    expect(names).not.toContain('terser');
    expect(names).not.toContain('typescript');
    expect(names).toContain('strip-types');
  }
});

it('leaves out only bundles no example loads, which npm start builds next', async () => {
  const { NOT_SERVED, configs } = await load();
  const files = configs.map((config) => config.output.file);
  for (const file of NOT_SERVED) expect(files).toContain(file);
  expect(NOT_SERVED).not.toContain('dist/samtykke.min.js');
});

it("resolves ./x.js to x.ts or x.tsx, and compiles src/'s JSX to preact's h()", async () => {
  const { stripTypes } = await load();
  const plugin = stripTypes();
  expect(plugin.resolveId!('./banner.js', src('ui/ui.tsx'))).toBe(src('ui/banner.tsx'));
  expect(plugin.resolveId!('./host.js', src('ui/ui.tsx'))).toBe(src('ui/host.ts'));
  const result = await plugin.transform!('const a: number = 1; export const b = <p class="x">{a}</p>;', src('ui/example.tsx'));
  expect(result!.code).toContain('h("p"');
  expect(result!.code).not.toContain(': number');
});
