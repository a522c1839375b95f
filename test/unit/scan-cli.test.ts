// @vitest-environment node
// `samtykke scan` as a CI job runs it: exit 3 for a usage or setup error,
// with one clear line, before any browser starts; --help; and the command
// never loads the scanner for `validate` or `build`.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const cli = new URL('../../bin/samtykke.js', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, 'scan', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('samtykke scan, before the browser', () => {
  it('prints its usage for --help, and exits 0', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: samtykke scan <url> \[--pages 10\]/);
    expect(out).toContain('--fail-on violation|warning|never');
  });

  it('exits 3 with the reason and the usage for a bad option', () => {
    const { code, err } = run(['https://shop.example/', '--fail-on', 'sometimes']);
    expect(code).toBe(3);
    expect(err).toMatch(/^samtykke scan: --fail-on takes violation, warning, never \(got "sometimes"\)\nusage: samtykke scan/);
  });

  it('exits 3 for a --config that samtykke validate refuses, naming the key', () => {
    const { code, err } = run(['https://shop.example/', '--config', new URL('../../package.json', import.meta.url).pathname]);
    expect(code).toBe(3);
    expect(err).toContain('--config');
    expect(err).toMatch(/name|unknown|not allowed|Unrecognized/i);
  });

  it('exits 3 for a --db file it cannot read, naming the file', () => {
    const { code, err } = run(['https://shop.example/', '--db', '/nonexistent/cookies.json']);
    expect(code).toBe(3);
    expect(err).toContain('/nonexistent/cookies.json');
  });

  it('exits 3, saying where it looked, when there is no Chromium', () => {
    const { code, err } = run(['https://shop.example/'], { SAMTYKKE_CHROMIUM: '/nonexistent/chromium' });
    expect(code).toBe(3);
    expect(err).toBe('samtykke scan: SAMTYKKE_CHROMIUM is /nonexistent/chromium, but there is no file there.\n');
  });
});

describe('the README on samtykke scan', () => {
  it("lists every option of the command in its table, and no other", async () => {
    const { SCAN_OPTIONS } = await import('../../scan/cli.mjs');
    const { README } = await import('../shared/readme');
    const section = README.slice(README.indexOf('## Scan your site'), README.indexOf('## API'));
    const listed = [...section.matchAll(/^\| `(--[a-z-]+)/gm), ...section.matchAll(/^\| `--[a-z-]+[^`]*`, `(--[a-z-]+)/gm)].map((m) => m[1].slice(2));
    const known = Object.keys(SCAN_OPTIONS).filter((name) => name != 'help');
    expect([...new Set(listed)].sort()).toEqual(known.sort());
  });
});

describe("the README's scan snippets", () => {
  const scanArgs = (line: string) => line.trim().replace(/^.*?npx samtykke scan /, '').split(/\s+/);

  it('installs the optional peers the scanner loads, and its commands parse as written', async () => {
    const { claim } = await import('../shared/readme');
    const { readOptions } = await import('../../scan/cli.mjs');
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as any;
    const [install, command] = claim('sh', 'npx samtykke scan https://staging.example.com/').code.trim().split('\n');
    const named = install.split(/\s+/).slice(3).filter((word) => word != pkg.name);
    expect(named).toEqual(['playwright-core', 'tldts']);
    for (const name of named) expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    expect(await readOptions(scanArgs(command))).toMatchObject({ pages: 20, draftConfig: 'samtykke.draft.json' });
    const yaml = claim('yaml', 'npx samtykke scan').code;
    const line = yaml.split('\n').find((l) => l.includes('npx samtykke scan'))!;
    expect(await readOptions(scanArgs(line))).toMatchObject({ pages: 30, failOn: 'violation' });
    const tryIt = claim('sh', 'npx samtykke scan http://localhost:8080/scan-faults/').code;
    expect(await readOptions(scanArgs(tryIt))).toMatchObject({ offline: true, standIns: 'http://localhost:8080/stand-in/' });
  });

  it('the --db example loads as an override list', async () => {
    const { claim } = await import('../shared/readme');
    const { parseOverride } = await import('../../scan/override.mjs');
    const { createClassifier } = await import('../../scan/classify.mjs');
    const override = parseOverride(claim('json', '"hosts": [{ "host": "stats.example.net"').code, 'db.json');
    const classify = createClassifier({ override });
    expect(classify({ kind: 'cookie', name: '_pk_id.1.abcd', domain: 'shop.example', party: 'first' })).toMatchObject({ category: 'analytics', source: 'override', platform: 'Matomo', match: 'prefix' });
    expect(classify({ kind: 'request', name: 'eu.stats.example.net', domain: 'eu.stats.example.net', party: 'third' })).toMatchObject({ category: 'analytics', source: 'override' });
  });
});
