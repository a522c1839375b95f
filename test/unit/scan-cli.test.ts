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
