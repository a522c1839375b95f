// @vitest-environment node
// The README is part of the product: its config reference must name exactly
// the schema's keys, and every code block in it must work. Each block is
// exercised here or, if it needs a browser, in test/browser/readme.spec.ts;
// a block no test claims fails the first test below.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../../src/config/schema';
import { validate } from '../../src/config/validate';
import { describe as describeProblem } from '../../src/config/problem';
import { receiptOf } from '../../src/receipts';
import { SENSITIVE } from '../../src/core/sensitive';
import { strictPolicy } from '../../scripts/server.mjs';
import { CLAIMS, claim, README, snippets } from '../shared/readme';
import type { ConsentSnapshot } from '../../src/consent';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

type Node = { _zod: { def: Record<string, any> } };

/** Every path in the schema, with `*` for ids and `[]` for list items. */
function paths(schema: Node, path = '', out: string[] = []): string[] {
  const def = schema._zod.def;
  if (def.type == 'optional' || def.type == 'default') return paths(def.innerType, path, out);
  if (path) out.push(path);
  const shape = (object: Node, prefix: string) => {
    for (const key of Object.keys(object._zod.def.shape)) paths(object._zod.def.shape[key], prefix + key, out);
  };
  if (def.type == 'object') shape(schema, path ? path + '.' : '');
  if (def.type == 'record') paths(def.valueType, path + '.*', out);
  if (def.type == 'array') paths(def.element, path + '[]', out);
  if (def.type == 'union') for (const option of def.options) if (option._zod.def.type == 'object') shape(option, path + '.');
  return out;
}

/** The same paths, as used by one config value. */
function usedPaths(value: unknown, path = '', out = new Set<string>(), ids = true): Set<string> {
  if (path) out.add(path);
  if (Array.isArray(value)) value.forEach((item) => usedPaths(item, path + '[]', out));
  else if (value && typeof value == 'object') {
    for (const [key, inner] of Object.entries(value)) {
      // Ids (category, service, locale, string key) become `*`.
      const id = /(^|\.)(categories|services|texts)$/.test(path) || /^texts\.\*$/.test(path);
      usedPaths(inner, (path ? path + '.' : '') + (id && ids ? '*' : key), out);
    }
  }
  return out;
}

const schemaPaths = () => paths(configSchema as unknown as Node).sort();

it('has a test for every code block', () => {
  const claimed = CLAIMS.map(({ lang, phrase }) => claim(lang, phrase).line);
  const unclaimed = snippets().filter((snippet) => !claimed.includes(snippet.line));
  expect(unclaimed.map((s) => `line ${s.line}: \`\`\`${s.lang} ${s.code.slice(0, 60)}`)).toEqual([]);
});

describe('the config reference', () => {
  const start = README.indexOf('## Config reference');
  const section = README.slice(start, README.indexOf('\n## ', start + 3));

  it('documents every config key, and no key the schema lacks', () => {
    const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(schemaPaths());
  });

  it('lists every sensitive-data id with its usnat and usca bits, as src/core/sensitive.ts has them', () => {
    const rows = [...section.matchAll(/^\| (\d+) \| `([a-z-]+)` \| (\d+|–) \|$/gm)];
    const listed = Object.fromEntries(rows.map(([, usnat, id, usca]) => [id, [Number(usnat), usca == '–' ? 0 : Number(usca)]]));
    expect(listed).toEqual(SENSITIVE);
    expect(rows.map((row) => Number(row[1]))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  });

  it('gives an example that is valid and sets every key', () => {
    const example = JSON.parse(claim('json', '"uiUrl"').code);
    expect(validate(example)).toEqual({ ok: true, problems: [], warnings: [] });
    expect([...usedPaths(example)].sort()).toEqual(schemaPaths());
  });
});

describe('shell snippets', () => {
  it('names npm scripts that exist', () => {
    const commands = claim('sh', 'npm install && npm start').code;
    for (const [, script] of commands.matchAll(/npm (start|test|run [\w:-]+)/g)) {
      expect(pkg.scripts, script).toHaveProperty(script.replace(/^run /, ''));
    }
    expect(claim('sh', 'npm install samtykke').code.trim()).toBe(`npm install ${pkg.name}`);
  });

  it('builds a site bundle with the CLI, as written', () => {
    const [install, command] = claim('sh', 'npx samtykke build').code.trim().split('\n');
    // The tools it names are the ones bin/build.mjs imports, and optional peers of the package.
    for (const name of install.split(/\s+/).slice(3).filter((word) => word != pkg.name)) expect(pkg.peerDependencies).toHaveProperty(name);
    const [bin, verb, file, flag, out] = command.replace(/^npx /, '').split(/\s+/);
    expect([verb, flag]).toEqual(['build', '--out']);
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-readme-build-'));
    writeFileSync(join(dir, file), JSON.stringify({ googleAnalytics: { id: 'G-ABC123XYZ' } }));
    const result = spawnSync(process.execPath, [join(ROOT, pkg.bin[bin]), verb, file, flag, out], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const name of ['consent.js', 'consent.ui.js', 'locales']) expect(existsSync(join(dir, 'public', name))).toBe(true);
  }, 60_000);

  it('validates a config file and a page with the CLI, as written', () => {
    if (!existsSync(join(ROOT, 'dist/esm/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    const [bin, ...args] = claim('sh', 'npx samtykke validate').code.trim().replace(/^npx /, '').split(/\s+/);
    expect(pkg.bin).toHaveProperty(bin);
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-readme-'));
    const config = JSON.parse(claim('json', '"uiUrl"').code);
    writeFileSync(join(dir, args[1]), JSON.stringify(config));
    mkdirSync(join(dir, 'site'));
    const page = claim('html', 'id="samtykke-config"').code;
    writeFileSync(join(dir, args[2]), `<!doctype html><html><head>${page}</head><body></body></html>`);
    const run = () => spawnSync(process.execPath, [join(ROOT, pkg.bin[bin]), ...args], { cwd: dir, encoding: 'utf8' });
    expect(run()).toMatchObject({ status: 0 });
    writeFileSync(join(dir, args[1]), JSON.stringify({ ...config, categores: {} }));
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stdout + failed.stderr).toContain('categores is not a samtykke option');
  });
});

it('shows the console lines the development check really prints', () => {
  const shown = claim('', 'is not a samtykke option').code.trim().split('\n');
  const { problems } = validate({ categores: {}, categories: { analytics: { services: { ga4: { cookies: [1] } } } } });
  expect(problems.map(describeProblem).sort()).toEqual([...shown].sort());
});

it('lists files and folders in the project layout that exist', () => {
  const listed = claim('', 'src/index.ts ').code.split('\n').map((line) => line.split(/\s+/)[0]).filter(Boolean);
  expect(listed.length).toBeGreaterThan(10);
  for (const path of listed) expect(existsSync(join(ROOT, path)), path).toBe(true);
});

it('types the npm quick start against the published types', () => {
  if (!existsSync(join(ROOT, 'dist/esm/index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-readme-ts-'));
  // The snippet calls the app's own render(); declare it, as the app would have it.
  writeFileSync(join(dir, 'app.ts'), `declare function render(categories: Readonly<Record<string, boolean>>): void;\n${claim('ts', "import { init, type ConsentSnapshot } from 'samtykke'").code}`);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2020', 'DOM'],
      types: [], skipLibCheck: false,
      // The published declarations, as `npm install samtykke` gives them.
      paths: { samtykke: [join(ROOT, 'dist/esm/index.d.ts')] },
    },
    files: ['app.ts'],
  }));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}, 60_000);

describe('JSON snippets', () => {
  it('are valid configs', () => {
    for (const phrase of ['"banner.title": "Cookies on Example.com"', '{ "googleAnalytics": { "id": "G-ABC123XYZ" } }']) {
      expect(validate(JSON.parse(claim('json', phrase).code)), phrase).toEqual({ ok: true, problems: [], warnings: [] });
    }
  });

  it('shows a privacy centre config that is valid as a whole config, and warns of nothing', () => {
    // The README shows two keys of a config: wrapped, they are one.
    const config = JSON.parse(`{${claim('json', '"location": { "sensitive"').code}}`);
    expect(validate(config)).toEqual({ ok: true, problems: [], warnings: [] });
    expect(config.privacyCentre.rights.object).toMatch(/^mailto:/);
    expect(config.categories.location.sensitive).toEqual(['precise-geolocation']);
  });

  it('shows a receipt with the fields and types samtykke sends', () => {
    const shown = JSON.parse(claim('json', '"page": "https://example.com/pricing"').code);
    const state = { id: shown.id, timestamp: Date.parse(shown.time), revision: shown.revision, regime: shown.regime, categories: shown.categories, services: shown.services, optedOut: false, gpc: false, limited: shown.limited, decided: true, persisted: true } as ConsentSnapshot;
    const real = receiptOf(state, shown.page, shown.locale, shown.texts);
    expect(real).toEqual(shown);
  });
});

it('styles only properties the themes define, on the element samtykke draws', () => {
  const css = claim('css', 'samtykke-ui {').code;
  const theme = readFileSync(join(ROOT, 'themes/light.css'), 'utf8');
  expect(css.trim().startsWith('samtykke-ui {')).toBe(true);
  expect(readFileSync(join(ROOT, 'src/ui/host.ts'), 'utf8')).toContain("createElement('samtykke-ui')");
  const used = [...css.matchAll(/(--samtykke-[\w-]+)\s*:/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(0);
  for (const property of used) {
    expect(theme, property).toContain(property);
    expect(README, property).toContain(`| \`${property}\` |`);
  }
});

it('shows the Content-Security-Policy the strict-csp example is served with', () => {
  const shown = claim('http', "'strict-dynamic'").code.trim().replace(/^Content-Security-Policy:\s*/, '');
  const served = strictPolicy('{random}').split('; ');
  for (const directive of shown.split('; ')) expect(served).toContain(directive);
});
