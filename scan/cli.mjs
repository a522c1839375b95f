// `samtykke scan <url>`: reads the options, runs the scan, writes scan.json,
// report.html and the draft config, prints one line per finding, and exits
// with a code CI understands:
//   0 clean (nothing at or above --fail-on)
//   1 findings at or above --fail-on
//   2 the scan itself failed (site unreachable, banner or buttons not found)
//   3 usage or config error (bad option, bad --config or --db, no playwright-core)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from './progress.mjs';

export const SCAN_USAGE = `usage: samtykke scan <url> [--pages 10] [--states before,reject,accept,gpc] [--wait 3]
         [--include GLOB]... [--exclude GLOB]... [--sitemap] [--config FILE] [--db FILE]
         [--out samtykke-scan] [--draft-config FILE] [--fail-on violation|warning|never]
         [--keep-values] [--timezone Europe/Copenhagen] [--locale da-DK] [--third-party-cookies allow|block]
         [--offline] [--stand-ins URL] [--timeout 30] [--banner-timeout 10] [--quiet]`;

/** A wrong option or input: exit code 3. */
export class UsageError extends Error {}

const STATE_NAMES = ['before', 'reject', 'accept', 'gpc'];
const FAIL_ON = ['violation', 'warning', 'never'];

/** Seconds as given (`3`, `2.5`, `3s`, `500ms`) in milliseconds. */
export function parseDuration(text, option) {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(String(text).trim());
  if (!match) throw new UsageError(`--${option} takes seconds, like 3, 2.5 or 500ms (got "${text}")`);
  const ms = Number(match[1]) * (match[2] == 'ms' ? 1 : 1000);
  if (ms > 600_000) throw new UsageError(`--${option} is at most 600 s (got "${text}")`);
  return Math.round(ms);
}

/** The command's options, as parseArgs reads them (the README's table lists each). */
export const SCAN_OPTIONS = /** @type {const} */ ({
  pages: { type: 'string', default: '10' },
  states: { type: 'string', default: STATE_NAMES.join(',') },
  wait: { type: 'string', default: '3' },
  include: { type: 'string', multiple: true, default: [] },
  exclude: { type: 'string', multiple: true, default: [] },
  sitemap: { type: 'boolean', default: false },
  config: { type: 'string' },
  db: { type: 'string' },
  out: { type: 'string', default: 'samtykke-scan' },
  'draft-config': { type: 'string' },
  'fail-on': { type: 'string', default: 'violation' },
  'keep-values': { type: 'boolean', default: false },
  timezone: { type: 'string' },
  locale: { type: 'string' },
  offline: { type: 'boolean', default: false },
  'stand-ins': { type: 'string' },
  'third-party-cookies': { type: 'string', default: 'allow' },
  timeout: { type: 'string', default: '30' },
  'banner-timeout': { type: 'string', default: '10' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
});

/** The scan's options from the command line; throws UsageError. */
export async function readOptions(args) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: SCAN_OPTIONS });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length != 1) throw new UsageError(positionals.length ? `one URL, please (got ${positionals.length})` : 'which site? Give its URL');
  let url;
  try {
    url = new URL(positionals[0]);
  } catch {
    throw new UsageError(`"${positionals[0]}" is not a URL; give one like https://example.com/`);
  }
  if (url.protocol != 'http:' && url.protocol != 'https:') throw new UsageError(`the URL must be http: or https: (got ${url.protocol})`);
  const pages = Number(values.pages);
  if (!Number.isInteger(pages) || pages < 1 || pages > 10_000) throw new UsageError(`--pages takes a whole number from 1 to 10000 (got "${values.pages}")`);
  const states = values.states.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = states.filter((s) => !STATE_NAMES.includes(s));
  if (unknown.length || !states.length) throw new UsageError(`--states takes ${STATE_NAMES.join(', ')} (got "${values.states}")`);
  if (!FAIL_ON.includes(values['fail-on'])) throw new UsageError(`--fail-on takes ${FAIL_ON.join(', ')} (got "${values['fail-on']}")`);
  if (!['allow', 'block'].includes(values['third-party-cookies'])) throw new UsageError(`--third-party-cookies takes allow or block (got "${values['third-party-cookies']}")`);
  let standIns;
  if (values['stand-ins']) {
    try {
      standIns = new URL(values['stand-ins']).href;
    } catch {
      throw new UsageError(`--stand-ins takes a URL (got "${values['stand-ins']}")`);
    }
  }
  if (values.timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: values.timezone });
    } catch {
      throw new UsageError(`--timezone takes an IANA time zone like Europe/Copenhagen (got "${values.timezone}")`);
    }
  }
  let config;
  if (values.config) config = await readConfig(values.config);
  let db;
  if (values.db) {
    const { loadOverride } = await import('./classify.mjs');
    try {
      loadOverride(values.db);
    } catch (error) {
      throw new UsageError(error.message);
    }
    db = values.db;
  }
  return {
    url: url.href,
    pages,
    states,
    waitMs: parseDuration(values.wait, 'wait'),
    include: values.include,
    exclude: values.exclude,
    sitemap: values.sitemap,
    config,
    db,
    out: values.out,
    draftConfig: values['draft-config'],
    failOn: values['fail-on'],
    keepValues: values['keep-values'],
    timezone: values.timezone,
    locale: values.locale,
    offline: values.offline,
    standIns,
    thirdPartyCookies: values['third-party-cookies'],
    timeoutMs: parseDuration(values.timeout, 'timeout'),
    bannerTimeout: parseDuration(values['banner-timeout'], 'banner-timeout'),
    quiet: values.quiet,
  };
}

/** A --config file: JSON or a page with the config block, checked by validate. */
async function readConfig(file) {
  const { configIn } = await import('../bin/config-file.mjs');
  const { config, error } = configIn(file);
  if (error) throw new UsageError(`--config ${file}: ${error}`);
  const { validate } = await import('../dist/esm/index.js');
  const { ok, problems } = validate(config);
  if (!ok) throw new UsageError(`--config ${file}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  return config;
}

/** One line per finding, for a CI log; GitHub Actions gets annotations. */
export function findingLines(findings, { github = false } = {}) {
  const LEVEL = { violation: 'error', warning: 'warning', info: 'notice' };
  return findings.map((f) => {
    const where = [f.state && `state ${f.state}`, f.page && `page ${f.page}`].filter(Boolean).join(', ');
    if (github) return `::${LEVEL[f.severity]} title=samtykke scan ${f.rule}::${f.message.replace(/\r?\n/g, ' ')}`;
    return `${f.severity} ${f.rule}: ${f.message}${where && !f.message.includes(f.page ?? '\0') ? ` (${where})` : ''}`;
  });
}

/** The one-line outcome. */
export function summaryLine(result, reportPath) {
  const { violation, warning, info } = result.summary.findings;
  const states = result.states.filter((s) => !s.error).length;
  const plural = (n, word) => `${n} ${word}${n == 1 ? '' : 's'}`;
  return `samtykke scan: ${plural(result.pages.length, 'page')} × ${plural(states, 'state')} in ${Math.round(result.durationMs / 1000)} s: ${plural(violation, 'violation')}, ${plural(warning, 'warning')}, ${info} info${result.site.samtykke ? '' : ' (no samtykke found on the site)'}; report: ${reportPath}`;
}

/** Runs the command; returns its exit code. */
export async function main(args, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  let options;
  try {
    options = await readOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`samtykke scan: ${error.message}\n${SCAN_USAGE}\n`);
    return 3;
  }
  if (options.help) {
    stdout.write(SCAN_USAGE + '\n');
    return 0;
  }
  const progress = createProgress(stderr, { quiet: options.quiet });
  // Ctrl-C: say so, and leave through exit, where the browsers' profiles are removed.
  const stop = () => {
    progress.end();
    stderr.write('samtykke scan: stopped; nothing was written\n');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { scan } = await import('./run.mjs');
  const { SetupError } = await import('./deps.mjs');
  const { ScanError } = await import('./state.mjs');
  let result;
  let config;
  try {
    ({ result, config } = await scan(options, { progress }));
  } catch (error) {
    progress.end();
    if (error instanceof SetupError) {
      stderr.write(`samtykke scan: ${error.message}\n`);
      return 3;
    }
    if (error instanceof ScanError) {
      stderr.write(`samtykke scan: the scan failed: ${error.message}\n`);
      return 2;
    }
    stderr.write(`samtykke scan: the scan failed: ${error?.stack || error}\n`);
    return 2;
  }
  progress.end();
  const { renderReport } = await import('./report.mjs');
  mkdirSync(options.out, { recursive: true });
  const jsonPath = join(options.out, 'scan.json');
  const reportPath = join(options.out, 'report.html');
  writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(reportPath, renderReport(result));
  if (options.draftConfig) {
    const { draftFile, draftConfig, reviewText } = await import('./draft.mjs');
    // The site's own config is kept and added to (--config, or the page's block).
    const base = config;
    mkdirSync(dirname(options.draftConfig) || '.', { recursive: true });
    writeFileSync(options.draftConfig, draftFile(result, { base }));
    const { review } = draftConfig(result, { base });
    if (review.length) {
      const reviewPath = options.draftConfig.replace(/\.json$/i, '') + '.review.txt';
      writeFileSync(reviewPath, reviewText(review));
      stdout.write(`samtykke scan: draft config in ${options.draftConfig}; ${review.length} item${review.length == 1 ? '' : 's'} to review in ${reviewPath}\n`);
    } else stdout.write(`samtykke scan: draft config in ${options.draftConfig}\n`);
  }
  for (const line of findingLines(result.findings, { github: env.GITHUB_ACTIONS == 'true' })) stderr.write(line + '\n');
  for (const state of result.states) if (state.error) stderr.write(`samtykke scan: state ${state.name} not scanned: ${state.error}\n`);
  stdout.write(summaryLine(result, relative(process.cwd(), reportPath) || reportPath) + '\n');
  return result.summary.exitCode;
}
