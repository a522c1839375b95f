// `samtykke log notice <config.json | page.html>`: registers with the
// consent log the texts a site's visitors can be shown, under the versions
// its receipts will carry in `texts`. A receipt then proves what the
// visitor read: the log keeps each version's texts.
//
// Nothing here computes a version its own way. The strings are layered, the
// config read and the version hashed by the SDK's own modules from
// dist/esm, fed with the very language files the browser fetches
// (dist/esm/locales/<code>.<part>.js), so the ids are the ones the UI sends
// (src/ui/notice-version.ts says which strings count, and why).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configIn } from '../bin/config-file.mjs';
import { noticeTexts, noticeVersion } from '../dist/esm/ui/notice-version.js';
import { layer } from '../dist/esm/ui/strings.js';
import { decode } from '../dist/esm/ui/locale-parts.js';
import JSON_KEYS, { banner, preferences, privacy, rights, notice } from '../dist/esm/ui/locale-parts.json.js';
import { LOCALES } from '../dist/esm/loading/locales.js';
import { normalise } from '../dist/esm/config/normalise.js';
import { normaliseUi } from '../dist/esm/config/normalise-ui.js';

/** @typedef {import('./types').Notice} Notice */
/** @typedef {import('../dist/esm/ui/notice-version.js').NoticeView} View */
/**
 * What the log registers (POST /v1/notices takes all but `view`), and the
 * view it is the notice of.
 * @typedef {Omit<Notice, 'registeredAt'> & { view: View }} NoticeEntry
 */

/** Every part's key list (src/ui/locale-parts.json), as the UI holds them
 * once every chunk is here. The build keeps of the JSON's default export only
 * what a chunk reads by it ('opt-out', no name for an import); the rest are
 * named exports. */
const KEYS = { banner, preferences, 'opt-out': JSON_KEYS['opt-out'], privacy, rights, notice };
for (const [part, keys] of Object.entries(KEYS)) if (!Array.isArray(keys)) throw new Error(`samtykke: dist/esm has no key list for the ${part} part; run npm run build`);

/** The views a visitor chooses in (NoticeView), each with a notice of its
 * own: a first-visit Accept all has seen no dialog's strings. Written out
 * here because the build keeps no export a chunk does not use. */
/** @type {readonly View[]} */
export const VIEWS = ['banner', 'preferences', 'opt-out', 'privacy-centre'];

const USAGE = `usage: samtykke log notice <config.json | page.html> [--url http://127.0.0.1:8787] [--locales da,en,...] [--token TOKEN] [--dry-run]
  Registers the texts of every view (banner, preferences, opt-out, privacy-centre) in every
  language the site can show with the consent log (POST <url>/v1/notices), under the versions
  its receipts carry. The token is --token or SAMTYKKE_LOG_TOKEN. --dry-run prints them only.
  Exit codes: 0 registered, 2 the log refused or could not be reached, 3 usage or an unreadable config.`;

/** One part of a shipped language, as the browser gets it: the array
 * scripts/locales.mjs writes as `export default [...]`. */
function shippedPart(code, part) {
  const text = readFileSync(new URL(`../dist/esm/locales/${code}.${part}.js`, import.meta.url), 'utf8');
  return JSON.parse(text.replace(/^export default /, '').replace(/;\s*$/, ''));
}

/** Every string of a shipped language by key (nothing for a language only the site's `texts` has). */
function shipped(code) {
  if (!LOCALES.includes(code)) return undefined;
  return Object.assign({}, ...Object.keys(KEYS).map((part) => decode(KEYS[part], shippedPart(code, part))));
}

/** The languages the UI can speak on this site: the shipped ones and those
 * the site adds in `texts` (language.ts visitorLocale). */
export function languagesOf(config) {
  const texts = normaliseUi(config).config.texts || {};
  return [...new Set([...LOCALES, ...Object.keys(texts)])];
}

/**
 * The notices of a site: for each language and view, the texts as the UI
 * layers them (English, the language, the config's `texts` for it) and
 * their version, as ui.tsx computes it at a choice. A version two languages
 * share (the same texts) is listed once, under the first.
 * @param {unknown} config the site's config as given
 * @param {{ locales?: string[] }} [options] the languages (default: every one the site can show)
 * @returns {NoticeEntry[]}
 */
export function noticesFor(config, { locales } = {}) {
  const ui = normaliseUi(config).config;
  const { revision } = normalise(config).config;
  const english = shipped('en');
  const notices = [];
  const seen = new Set();
  for (const locale of locales || languagesOf(config)) {
    // As ui.tsx layers them; English's own parts are not fetched, and a
    // language only `texts` has has none.
    const strings = layer(english, locale == 'en' ? undefined : shipped(locale), ui.texts?.[locale]);
    for (const view of VIEWS) {
      const texts = noticeTexts(view, strings, KEYS, ui);
      const hash = noticeVersion(texts);
      if (seen.has(hash)) continue;
      seen.add(hash);
      notices.push({ hash, revision, locale, texts, view });
    }
  }
  return notices;
}

/** What is wrong with the arguments, or the options read. */
function read(args, env) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8787' },
        locales: { type: 'string' },
        token: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { problem: error.message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length != 1) return { problem: positionals.length ? `one config file, not ${positionals.length}` : 'which config?' };
  let base;
  try {
    base = new URL(values.url);
  } catch {
    return { problem: `--url ${values.url} is not a URL` };
  }
  if (!/^https?:$/.test(base.protocol)) return { problem: `--url ${values.url} is not http(s)` };
  const token = values.token ?? env.SAMTYKKE_LOG_TOKEN;
  const dryRun = !!values['dry-run'];
  if (!dryRun && !token) return { problem: 'no token: give --token or set SAMTYKKE_LOG_TOKEN' };
  const locales = values.locales?.split(',').map((code) => code.trim()).filter(Boolean);
  if (values.locales !== undefined && !locales.length) return { problem: '--locales names no language' };
  // The route sits under the log's URL, whatever path that has.
  const route = new URL('v1/notices', base.href.endsWith('/') ? base : base.href + '/');
  return { file: positionals[0], route, token, dryRun, locales };
}

/** A line for a notice: its version, language, view and size. */
const line = (notice) => `${notice.hash.padEnd(13)}  ${notice.locale.padEnd(5)}  ${notice.view.padEnd(14)}  ${Object.keys(notice.texts).length} texts`;

/**
 * The command. Exit codes: 0 registered (or printed, with --dry-run); 2 the
 * log refused a notice or could not be reached (it stops there: a run again
 * registers what is missing, the log keeps a version once); 3 usage, an
 * unreadable config, or a language the site cannot show.
 * @param {string[]} args what follows `samtykke log notice`
 * @param {{ stdout?: { write(text: string): unknown }, stderr?: { write(text: string): unknown }, env?: Record<string, string | undefined> }} [io]
 * @returns {Promise<number>}
 */
export async function main(args, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  const options = read(args, env);
  if (options.help) {
    stdout.write(USAGE + '\n');
    return 0;
  }
  if (options.problem) {
    stderr.write(`samtykke log notice: ${options.problem}\n${USAGE}\n`);
    return 3;
  }
  const { config, error } = configIn(options.file);
  if (error) {
    stderr.write(`${options.file}: ${error}\n`);
    return 3;
  }
  const known = languagesOf(config);
  const unknown = (options.locales || []).filter((code) => !known.includes(code));
  if (unknown.length) {
    stderr.write(`samtykke log notice: ${unknown.join(', ')}: no language samtykke ships, and not in the config's texts\n`);
    return 3;
  }
  const notices = noticesFor(config, { locales: options.locales });
  if (options.dryRun) {
    for (const notice of notices) stdout.write(line(notice) + '\n');
    stdout.write(`${notices.length} notices, revision ${notices[0]?.revision ?? '-'}; nothing sent (--dry-run)\n`);
    return 0;
  }
  for (const notice of notices) {
    const { hash, revision, locale, texts } = notice;
    let response;
    try {
      response = await fetch(options.route, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ hash, revision, locale, texts }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (failure) {
      stderr.write(`samtykke log notice: ${options.route.href} could not be reached (${failure.cause?.code ?? failure.message})\n`);
      return 2;
    }
    if (!response.ok) {
      const said = (await response.text().catch(() => '')).slice(0, 300).trim();
      stderr.write(`samtykke log notice: ${options.route.href} answered ${response.status} for ${hash} (${locale}, ${notice.view})${said ? `: ${said}` : ''}\n`);
      return 2;
    }
    // Read to the end, so that the connection serves the next request.
    await response.arrayBuffer().catch(() => {});
    stdout.write(`${line(notice)}  ${response.status}\n`);
  }
  stdout.write(`${notices.length} notices registered with ${options.route.href}\n`);
  return 0;
}
