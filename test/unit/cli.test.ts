// @vitest-environment node
// `npx samtykke validate`, as a site's CI would run it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../../bin/samtykke.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'samtykke-cli-'));

function run(...args: string[]) {
  if (!existsSync(new URL('../../dist/esm/index.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('samtykke validate', () => {
  it('passes a valid config file', () => {
    const ok = file('ok.json', JSON.stringify({ regime: 'auto', categories: { analytics: { services: { ga4: { cookies: ['_ga'] } } } } }));
    expect(run('validate', ok)).toMatchObject({ code: 0, out: `${ok}: ok\n` });
  });

  it('fails a page whose config block holds "<!--" or "<script" (the parser would not leave them to JSON), and passes them escaped', () => {
    const config = (title: string) => JSON.stringify({ texts: { en: { 'banner.title': title } } });
    const page = (json: string) => `<html><head><script type="application/json" id="samtykke-config">${json}</script></head></html>`;
    // A raw "</script>" ends the block inside the string: the JSON is cut short.
    for (const title of ['<!-- hi', 'a <script> tag', 'see </script> here', 'a "quoted" </script> end']) {
      const bad = file('bad-block.html', page(config(title)));
      const { code, err } = run('validate', bad);
      expect(code).toBe(1);
      expect(err).toContain('write "<" in strings as \\u003c');
    }
    for (const title of ['a <script> tag', 'see </script> here']) {
      const escaped = file('escaped-block.html', page(config(title).replace(/</g, '\\u003c')));
      expect(run('validate', escaped)).toMatchObject({ code: 0 });
    }
    // A block that is simply broken JSON is not blamed on </script>.
    const broken = run('validate', file('broken-block.html', page('{"regime": "opt-in",}')));
    expect(broken.err).toContain('it is not valid JSON');
    expect(broken.err).not.toContain('u003c');
  });

  it('fails with one line per problem, naming the path', () => {
    const bad = file('bad.json', JSON.stringify({ regime: 'optin', cookie: { days: 0 }, categores: {} }));
    const { code, err } = run('validate', bad);
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([
      `${bad}: regime must be "opt-in", "opt-out" or "auto".`,
      `${bad}: cookie.days must be a number of days from 1 to 400 (browsers cap cookies at 400 days).`,
      `${bad}: categores is not a samtykke option (check the spelling).`,
    ]);
  });

  it('reads the config block out of an HTML page', () => {
    const page = file('page.html', '<html><head><script type="application/json" id="samtykke-config">{"layout":"sidebar"}</script></head></html>');
    const { code, err } = run('validate', page);
    expect(code).toBe(1);
    expect(err).toContain('layout must be "bar", "bar-top", "box" or "modal".');
  });

  it('says why a file has no config', () => {
    const none = file('none.html', '<html></html>');
    const broken = file('broken.json', '{ regime: ');
    const { code, err } = run('validate', none, broken, join(dir, 'missing.json'));
    expect(code).toBe(1);
    expect(err).toContain('has no <script type="application/json" id="samtykke-config"> block');
    expect(err).toContain('is not valid JSON');
    expect(err).toContain('cannot read it (ENOENT)');
  });

  describe('warnings', () => {
    const form = '/privacy/request';
    const config = { regime: 'opt-out', privacyCentre: { rights: { access: form, delete: form, correct: form }, tollFree: '+1-800-555-0100' }, categories: { health: { sensitive: ['health'] } } };
    const page = (footer: string) =>
      `<html><head><script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script></head><body><footer>${footer}</footer></body></html>`;
    const LIMIT = 'warning: categories.health.sensitive is sensitive personal information, but the page has no link to limit its use, which CPRA §7027 asks for; add <a href="/privacy" data-samtykke-link="limit-sensitive"></a> (or data-samtykke-link="privacy-choices") to the page.';

    it('passes a page without the Limit link with a warning, exit code 0', () => {
      const bare = file('no-limit.html', page('<a href="#" data-samtykke-link="do-not-sell"></a>'));
      expect(run('validate', bare)).toEqual({ code: 0, out: `${bare}: ok (1 warning)\n`, err: `${bare}: ${LIMIT}\n` });
    });

    it('passes a page with the Limit link, or the Your Privacy Choices link, without a warning', () => {
      for (const link of ['<a href="/privacy#limit" data-samtykke-link="limit-sensitive"></a>', '<a href="#" data-samtykke-link="privacy-choices"></a>']) {
        const linked = file('limit.html', page(link));
        expect(run('validate', linked)).toEqual({ code: 0, out: `${linked}: ok\n`, err: '' });
      }
    });

    it('does not look for the link in a JSON file, which is not the page', () => {
      const json = file('sensitive.json', JSON.stringify(config));
      expect(run('validate', json)).toEqual({ code: 0, out: `${json}: ok\n`, err: '' });
    });

    it('fails on warnings with --strict, before or after the files', () => {
      const bare = file('no-limit.html', page(''));
      const ok = file('ok-strict.json', JSON.stringify(config));
      for (const args of [['--strict', bare, ok], [bare, ok, '--strict']]) {
        expect(run('validate', ...args)).toEqual({ code: 1, out: `${ok}: ok\n`, err: `${bare}: ${LIMIT}\n` });
      }
    });

    it('prints problems and warnings apart, and warnings only once the problems are fixed', () => {
      const one = file('one-method.json', JSON.stringify({ regime: 'opt-out', privacyCentre: { rights: { access: '/r', delete: '/r', correct: '/r' } } }));
      const { code, out, err } = run('validate', one);
      expect(code).toBe(0);
      expect(out).toBe(`${one}: ok (1 warning)\n`);
      expect(err.split('\n')).toEqual([expect.stringMatching(/: warning: privacyCentre gives 1 way to ask .* with a mailto: address\.$/), '']);
      expect(err.startsWith(`${one}: warning: `)).toBe(true);
      const broken = file('broken-method.json', JSON.stringify({ regime: 'opt-out', privacyCentre: { rights: { access: '', delete: '/r', correct: '/r' } } }));
      expect(run('validate', broken)).toEqual({
        code: 1,
        out: '',
        err: `${broken}: privacyCentre.rights.access is empty: give an https: address, a relative path, a mailto: or a tel: address, or leave the key out.\n`,
      });
    });

    it('refuses an unknown option with its usage', () => {
      expect(run('validate', '--strickt', 'x.json')).toMatchObject({ code: 2, err: expect.stringContaining('usage: samtykke validate [--strict]') });
      expect(run('validate')).toMatchObject({ code: 2, err: expect.stringContaining('usage: samtykke validate') });
    });
  });

  it('prints its usage for a wrong command', () => {
    expect(run('check')).toMatchObject({ code: 2, err: expect.stringContaining('usage: samtykke validate') });
  });
});
