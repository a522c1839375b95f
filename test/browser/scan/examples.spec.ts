// `samtykke scan` over every example site: samtykke holds each one's tags
// back, so each scans clean (exit 0, no violation) in all four states, and
// the scan saw what the examples really do (the tags after Accept all).
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScan } from './run-scan';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
/** Every example but the deliberately faulty one. */
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name != 'stand-ins' && entry.name != 'scan-faults' && existsSync(join(EXAMPLES, entry.name, 'index.html')))
  .map((entry) => entry.name)
  .sort();

test.describe.configure({ mode: 'parallel' });

test('there are examples to scan', () => expect(examples.length).toBeGreaterThanOrEqual(9));

for (const example of examples) {
  test(`${example} scans clean: exit 0, no violation, every state run`, async () => {
    test.setTimeout(120_000);
    const run = await runScan(`/${example}/`, ['--pages', '3', '--wait', '1']);
    expect(run.code, run.stderr).toBe(0);
    const { result } = run;
    expect(result.site.samtykke).toBe(true);
    expect(result.findings.filter((f: any) => f.severity == 'violation')).toEqual([]);
    expect(result.states.map((s: any) => [s.name, s.error ?? 'ran'])).toEqual([
      ['before', 'ran'],
      ['reject', 'ran'],
      ['accept', 'ran'],
      ['gpc', 'ran'],
    ]);
    // The choice was made in each state, and samtykke kept it.
    const record = result.site.cookieName ?? 'samtykke';
    for (const state of ['reject', 'accept']) {
      expect(result.states.find((s: any) => s.name == state).choice, state).toBeTruthy();
      expect(result.items.some((i: any) => i.kind == 'cookie' && i.name == record && i.sightings.some((s: any) => s.state == state)), `${record} in ${state}`).toBe(true);
    }
    expect(run.stdout).toMatch(/^samtykke scan: \d+ pages? × 4 states in \d+ s: 0 violations, /m);
  });
}
