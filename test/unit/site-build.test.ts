// @vitest-environment node
// `samtykke build`: a bundle for one site, with the config checked at build
// time and only the code that config uses. test/browser/site-build.spec.ts
// runs what it writes in Chromium.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, chunkNames, coreInput, featuresOf, source } from '../../bin/build.mjs';

const cli = new URL('../../bin/samtykke.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'samtykke-build-'));
const GA = { regime: 'opt-in', privacyPolicyUrl: '/privacy', googleAnalytics: { id: 'G-TEST1234' } };
const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const generic = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

describe('what a site needs', () => {
  it('leaves out the US law code for an opt-in site, Google code without Google, regions without auto, receipts without a url', () => {
    expect(featuresOf({ regime: 'opt-in' })).toEqual({ US: false, GOOGLE: false, AUTO: false, RECEIPTS: false, BUTTON: false });
    expect(featuresOf({ regime: 'opt-in', floatingButton: true })).toMatchObject({ BUTTON: true });
    expect(featuresOf({ regime: 'opt-in', googleAnalytics: { id: 'G-X1234' }, consentMode: {} })).toMatchObject({ GOOGLE: true });
    expect(featuresOf({ regime: 'opt-in', consentMode: { mode: 'basic' } })).toMatchObject({ GOOGLE: true });
    expect(featuresOf({ regime: 'auto', receipts: { url: '/r' } })).toEqual({ US: true, GOOGLE: false, AUTO: true, RECEIPTS: true, BUTTON: false });
    expect(featuresOf({ regime: 'opt-out' })).toMatchObject({ US: true, AUTO: false });
    expect(featuresOf({ regime: 'opt-in' }, { us: true })).toMatchObject({ US: true });
  });

  it('keeps of the config, for the core, only the language and the link texts of each language', () => {
    const input = { locale: 'da', texts: { da: { 'optOut.link': 'Sælg ikke', 'banner.title': 'Hej' }, sv: { 'banner.text': 'x' } }, layout: 'box' };
    expect(coreInput(input)).toEqual({ locale: 'da', texts: { da: { 'optOut.link': 'Sælg ikke' }, sv: {} } });
  });

  it('writes cookie patterns as RegExps, and the rest as JSON', async () => {
    const value = { cookies: ['_ga', /^_ga_/i], n: 1, gone: undefined, nested: { s: 'a"b</script>' } };
    const text = source(value);
    const module = await import(`data:text/javascript,export default ${encodeURIComponent(text)}`);
    expect(module.default).toEqual({ cookies: ['_ga', /^_ga_/i], n: 1, nested: { s: 'a"b</script>' } });
  });

  it('names the chunks after the core', () => {
    expect(chunkNames('public/consent.js')).toEqual({ core: 'consent.js', ui: 'consent.ui.js', dialogs: 'consent.dialogs.js', centre: 'consent.centre.js', button: 'consent.button.js', us: 'consent.us.js' });
    expect(chunkNames('x/cmp.min.js')).toEqual({ core: 'cmp.min.js', ui: 'cmp.ui.js', dialogs: 'cmp.dialogs.js', centre: 'cmp.centre.js', button: 'cmp.button.js', us: 'cmp.us.js' });
  });
});

// Each build runs rollup and terser three times: seconds, not milliseconds.
const BUILD = { timeout: 60_000 };

describe('buildSite', BUILD, () => {
  it('a basic opt-in site with GA4 and Consent Mode: smaller than the generic bundle, with the config built in and no config reader', async () => {
    const { files, features } = await buildSite({ config: GA, out: join(dir, 'ga', 'consent.js'), write: false });
    expect(features).toEqual({ US: false, GOOGLE: true, AUTO: false, RECEIPTS: false, BUTTON: false });
    expect(files.filter((f) => f.code).map((f) => f.fileName)).toEqual(['consent.js', 'consent.ui.js', 'consent.dialogs.js', 'consent.centre.js']);
    expect(files.filter((f) => f.kind == 'locale').length).toBeGreaterThanOrEqual(42);
    const core = files.find((f) => f.kind == 'core')!.code!;
    expect(core).toContain('G-TEST1234');
    expect(core).toContain('consent.ui.js');
    // Error 1 is the config reader's: a built-in config has nothing to read.
    expect(core).not.toMatch(/isSafeInteger\(e\)&&e>=0/);
    expect(generic('samtykke.min.js')).toMatch(/isSafeInteger\(e\)&&e>=0/);
    // The US law code and the region tables are left out.
    for (const part of ['__uspapi', '__gpp', 'usprivacy', 'CA VA CO', 'DateTimeFormat']) {
      expect(core, part).not.toContain(part);
      if (part != 'DateTimeFormat') expect(generic('samtykke.min.js'), part).toContain(part);
    }
    expect(gzip(core)).toBeLessThan(gzip(generic('samtykke.min.js')) - 1000);
  });

  it('a site under regime auto keeps the US law code and the region tables, and writes the US chunk', async () => {
    const { files } = await buildSite({ config: { ...GA, regime: 'auto' }, out: join(dir, 'auto', 'cmp.js'), write: false });
    expect(files.filter((f) => f.code).map((f) => f.fileName)).toEqual(['cmp.js', 'cmp.ui.js', 'cmp.dialogs.js', 'cmp.centre.js', 'cmp.us.js']);
    const core = files.find((f) => f.kind == 'core')!.code!;
    for (const part of ['__uspapi', 'CA VA CO', 'cmp.us.js']) expect(core).toContain(part);
  });

  it('refuses a config the schema refuses, naming the path', async () => {
    await expect(buildSite({ config: { regime: 'gdpr' }, write: false })).rejects.toThrow(/the config is not valid:\n {2}regime /);
  });

  it('copies only the languages asked for', async () => {
    const { files } = await buildSite({ config: GA, out: join(dir, 'da', 'consent.js'), locales: ['da', 'sv'], write: false });
    const codes = new Set(files.filter((f) => f.kind == 'locale').map((f) => f.fileName.split('/')[1].split('.')[0]));
    expect([...codes].sort()).toEqual(['da', 'sv']);
  });
});

describe('samtykke build', BUILD, () => {
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [cli, 'build', ...args], { encoding: 'utf8' });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('writes the bundle, its chunks and the language files, and prints their sizes', () => {
    const config = join(dir, 'site.json');
    writeFileSync(config, JSON.stringify(GA));
    const out = join(dir, 'cli', 'consent.js');
    const { code, out: printed } = run(config, '--out', out, '--locales', 'da');
    expect(code).toBe(0);
    expect(printed).toMatch(/consent\.js +\d+ B gzip/);
    expect(printed).toMatch(/returning visitor: \d+ B gzip/);
    for (const file of ['consent.js', 'consent.ui.js']) expect(existsSync(join(dir, 'cli', file))).toBe(true);
    expect(existsSync(join(dir, 'cli', 'consent.us.js'))).toBe(false);
  });

  it('fails a bad config with the schema message, and bad arguments with the usage', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ cookie: { days: 9000 } }));
    const failed = run(bad, '--out', join(dir, 'bad', 'consent.js'));
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('cookie.days');
    expect(run().code).toBe(2);
    expect(run('--nonsense').code).toBe(2);
    expect(run(join(dir, 'missing.json')).err).toContain('cannot read it (ENOENT)');
  });
  it('builds a page whose config has something to warn of, and says it', () => {
    const config = { regime: 'opt-out', categories: { location: { sensitive: ['precise-geolocation'] } } };
    const page = join(dir, 'page.html');
    writeFileSync(page, `<html><head><script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script></head><body><footer></footer></body></html>`);
    const built = run(page, '--out', join(dir, 'warned', 'consent.js'), '--locales', 'da');
    expect(built.code).toBe(0);
    expect(built.err).toMatch(/warning: categories\.location\.sensitive .*limit-sensitive/);
    expect(existsSync(join(dir, 'warned', 'consent.js'))).toBe(true);
  });
});
