// @vitest-environment node
// `samtykke log notice` (log/notice.mjs): the notices it computes are the
// texts samtykke's language files and the site's config give, under the
// versions the UI sends (the browser side: test/browser/receipt-version.spec.ts);
// and the command, against a small HTTP server standing in for the log.
// It runs on dist/esm: build first.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languagesOf, main, noticesFor } from '../../log/notice.mjs';
import { noticeTexts, noticeVersion } from '../../src/ui/notice-version';
import { layer } from '../../src/ui/strings';
import { normaliseUi } from '../../src/config/normalise-ui';
import { LOCALES } from '../../src/loading/locales';
import PARTS from '../../src/ui/locale-parts.json';
import english from '../../locales/en.json';

const ROOT = join(import.meta.dirname, '..', '..');
const locale = (code: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, 'locales', `${code}.json`), 'utf8'));

const SITE = {
  revision: 3,
  privacyPolicyUrl: '/privacy',
  categories: { analytics: { label: 'Statistics' }, marketing: {} },
  texts: { da: { 'banner.title': 'Cookies i butikken' }, fo: { 'banner.title': 'Vit virða títt privatlív' } },
};

describe('noticesFor', () => {
  it('gives each language four notices, one per view, each under the version of its texts', () => {
    const notices = noticesFor(SITE, { locales: ['en', 'da'] });
    expect(notices.map((n) => `${n.locale} ${n.view}`)).toEqual([
      'en banner', 'en preferences', 'en opt-out', 'en privacy-centre',
      'da banner', 'da preferences', 'da opt-out', 'da privacy-centre',
    ]);
    for (const notice of notices) {
      expect(notice.revision).toBe(3);
      // The log can check a notice: its version is that of its texts.
      expect(notice.hash).toBe(noticeVersion(notice.texts));
    }
    expect(new Set(notices.map((n) => n.hash)).size).toBe(8);
  });

  it('holds the language’s own strings, English where it has none, and the site’s texts over both', () => {
    const [banner] = noticesFor(SITE, { locales: ['da'] });
    const da = locale('da');
    for (const key of PARTS.banner) expect(banner.texts[key], key).toBe(key == 'banner.title' ? 'Cookies i butikken' : da[key] || (english as Record<string, string>)[key]);
    expect(banner.texts.privacyPolicyUrl).toBe('/privacy');
    expect(JSON.parse(banner.texts.categories)).toMatchObject({ analytics: { label: 'Statistics' } });
  });

  it('computes what the UI does: English, the language and the site’s texts, layered, through the same functions', () => {
    const ui = normaliseUi(SITE).config;
    for (const code of ['en', 'da', 'fo']) {
      const strings = layer(english, LOCALES.includes(code) && code != 'en' ? locale(code) : undefined, ui.texts?.[code]);
      for (const notice of noticesFor(SITE, { locales: [code] })) {
        expect(notice.hash, `${code} ${notice.view}`).toBe(noticeVersion(noticeTexts(notice.view, strings, PARTS, ui)));
      }
    }
  });

  it('covers every language the site can show: the shipped ones and those only its texts have', () => {
    expect(languagesOf(SITE)).toEqual([...LOCALES, 'fo']);
    const all = noticesFor(SITE);
    expect(new Set(all.map((n) => n.locale))).toEqual(new Set([...LOCALES, 'fo']));
    const [fo] = noticesFor(SITE, { locales: ['fo'] });
    expect(fo.texts['banner.title']).toBe('Vit virða títt privatlív');
    expect(fo.texts['banner.text']).toBe(english['banner.text']);
  });

  it('lists a version once when two languages show the same texts', () => {
    const notices = noticesFor({ texts: { 'en-GB': {} } }, { locales: ['en', 'en-GB'] });
    expect(notices.map((n) => n.locale)).toEqual(['en', 'en', 'en', 'en']);
  });
});

describe('samtykke log notice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-notice-'));
  const file = join(dir, 'samtykke.json');
  writeFileSync(file, JSON.stringify(SITE));
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.closeAllConnections(), server.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for the log: answers every request with `status`, and records it. */
  async function log(status: number) {
    const requests: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        response.writeHead(status, { 'content-type': 'application/json' }).end(status >= 400 ? '{"error":"store unavailable"}' : status == 204 ? undefined : '{}');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests };
  }

  /** Runs the command with its output captured. */
  async function run(args: string[], env: Record<string, string | undefined> = {}) {
    let out = '';
    let err = '';
    const code = await main(args, { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env });
    return { code, out, err };
  }

  it('posts each notice to /v1/notices with the token, and exits 0 on 201', async () => {
    const server = await log(201);
    const { code, out, err } = await run([file, '--url', server.url, '--locales', 'en,da'], { SAMTYKKE_LOG_TOKEN: 's3cret' });
    expect(err).toBe('');
    expect(code).toBe(0);
    const expected = noticesFor(SITE, { locales: ['en', 'da'] });
    expect(server.requests).toHaveLength(expected.length);
    server.requests.forEach((request, i) => {
      expect(request).toMatchObject({ method: 'POST', url: '/v1/notices' });
      expect(request.headers.authorization).toBe('Bearer s3cret');
      expect(request.headers['content-type']).toBe('application/json');
      const { hash, revision, locale, texts } = expected[i];
      expect(JSON.parse(request.body)).toEqual({ hash, revision, locale, texts });
    });
    expect(out).toContain(`${expected[0].hash}`);
    expect(out).toMatch(/8 notices registered with http:\/\/127\.0\.0\.1:\d+\/v1\/notices\n$/);
    expect(out).not.toContain('s3cret');
  });

  it('exits 0 on 204 (already registered); --token wins over the environment; the route sits under the URL’s path', async () => {
    const server = await log(204);
    const { code } = await run([file, '--url', `${server.url}/consent-log`, '--locales', 'da', '--token', 'from-flag'], { SAMTYKKE_LOG_TOKEN: 'from-env' });
    expect(code).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(Array(4).fill('/consent-log/v1/notices'));
    expect(server.requests[0].headers.authorization).toBe('Bearer from-flag');
  });

  it('exits 2 when the log answers 500, and says so, stopping there', async () => {
    const server = await log(500);
    const { code, err } = await run([file, '--url', server.url, '--locales', 'en', '--token', 't']);
    expect(code).toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(err).toMatch(/answered 500 for \w+ \(en, banner\): \{"error":"store unavailable"\}/);
  });

  it('exits 2 when the log cannot be reached', async () => {
    const server = await log(201);
    for (const open of servers.splice(0)) open.close();
    const { code, err } = await run([file, '--url', server.url, '--locales', 'en', '--token', 't']);
    expect(code).toBe(2);
    expect(err).toContain('could not be reached');
  });

  it('posts nothing with --dry-run, needs no token, and prints every version', async () => {
    const server = await log(201);
    const { code, out } = await run([file, '--url', server.url, '--locales', 'en,fo', '--dry-run']);
    expect(code).toBe(0);
    expect(server.requests).toEqual([]);
    for (const notice of noticesFor(SITE, { locales: ['en', 'fo'] })) expect(out).toMatch(new RegExp(`^${notice.hash} +${notice.locale} +${notice.view} +\\d+ texts$`, 'm'));
    expect(out).toMatch(/8 notices, revision 3; nothing sent \(--dry-run\)\n$/);
  });

  it('reads the config block of an HTML page', async () => {
    const page = join(dir, 'index.html');
    writeFileSync(page, `<!doctype html><script type="application/json" id="samtykke-config">${JSON.stringify(SITE)}</script>`);
    const { code, out } = await run([page, '--locales', 'da', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toContain(noticesFor(SITE, { locales: ['da'] })[0].hash);
  });

  it('exits 3 with the reason and the usage for bad arguments, before any request', async () => {
    const server = await log(201);
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[], {}, /which config\?/],
      [[file, file], {}, /one config file, not 2/],
      [[file, '--bogus'], {}, /Unknown option '--bogus'/],
      [[file, '--url', 'not a url', '--dry-run'], {}, /--url not a url is not a URL/],
      [[file, '--url', 'ftp://log.example'], { SAMTYKKE_LOG_TOKEN: 't' }, /is not http\(s\)/],
      [[file, '--url', server.url], {}, /no token: give --token or set SAMTYKKE_LOG_TOKEN/],
      [[file, '--locales', ',', '--dry-run'], {}, /--locales names no language/],
    ];
    for (const [args, env, reason] of cases) {
      const { code, err } = await run(args, env);
      expect(code, args.join(' ')).toBe(3);
      expect(err).toMatch(reason);
      expect(err).toContain('usage: samtykke log notice <config.json | page.html>');
    }
    const missing = await run([join(dir, 'missing.json'), '--dry-run']);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/missing\.json: cannot read it \(ENOENT\)/);
    const unknown = await run([file, '--locales', 'da,xx', '--url', server.url, '--token', 't']);
    expect(unknown.code).toBe(3);
    expect(unknown.err).toMatch(/xx: no language samtykke ships, and not in the config's texts/);
    expect(server.requests).toEqual([]);
  });

  it('prints its usage for --help, and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: samtykke log notice/);
  });
});
