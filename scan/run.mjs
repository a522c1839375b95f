// A whole scan: the browser, the crawl in the first state, the other states
// over the same pages, then the items, their classes and the findings.
// The command (cli.mjs) adds the files and the exit code.
import { readFileSync } from 'node:fs';
import { collectItems, nonEssential } from './collect.mjs';
import { crawlRules, createQueue, pageAddress, sitemapLocations } from './crawl.mjs';
import { loadDependencies } from './deps.mjs';
import { countFindings, exitCodeFor, findFindings } from './findings.mjs';
import { runState, ScanError } from './state.mjs';
import { contextLauncher } from './browser.mjs';
import { siteOf } from './site.mjs';
import { createClassifier, loadOverride } from './classify.mjs';
import { loadCookieDatabase } from './cookie-database.mjs';
import { loadThirdParties } from './third-parties.mjs';

export const STATES = ['before', 'reject', 'accept', 'gpc'];
const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The page addresses a sitemap lists (one level of sitemap index). */
async function fromSitemap(origin) {
  const out = [];
  const read = async (url) => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return response.ok ? await response.text() : '';
    } catch {
      return '';
    }
  };
  for (const loc of sitemapLocations(await read(new URL('/sitemap.xml', origin).href))) {
    if (/\.xml(\?|$)/i.test(loc)) out.push(...sitemapLocations(await read(loc)).slice(0, 1000));
    else out.push(loc);
  }
  return out;
}

/**
 * @param {object} options the command's options, read by cli.mjs
 * @param {{ progress?: ReturnType<import('./progress.mjs').createProgress> }} [hooks]
 * @returns {Promise<{ result: import('./types').ScanResult, config: object | undefined }>} the scan, and the
 *   site's config it used (--config, or the page's block), for the draft
 */
export async function scan(options, { progress } = {}) {
  const startedAt = new Date();
  const { chromium, executablePath, args } = await loadDependencies();
  const start = new URL(options.url);
  const site = siteOf(start.hostname);
  const states = STATES.filter((state) => options.states.includes(state));
  const launch = contextLauncher({ chromium, executablePath, args, start, options });
  try {
    const allowed = crawlRules({ start: start.href, include: options.include, exclude: options.exclude });
    const queue = createQueue(options.pages, allowed);
    const first = pageAddress(start.href);
    // The start page is where the banner is clicked: it is visited even
    // where --include or --exclude would leave it out of the crawl.
    queue.add(first, true);
    const visited = [];
    const crawl = {
      next() {
        if (visited.length >= options.pages) return undefined;
        const next = queue.next();
        if (next) visited.push(next);
        return next;
      },
    };
    const discover = (link, from) => queue.add(pageAddress(link, from));
    const shared = { options, site };
    const results = [];

    const [firstState, ...rest] = states;
    if (options.sitemap) for (const loc of await fromSitemap(start.href)) queue.add(pageAddress(loc));
    const crawled = await runState(launch, { ...shared, name: firstState, pages: crawl, discover, onVisit: (visit) => progress?.visit(visit) });
    results.push(crawled);
    progress?.setTotal(visited.length * states.length);

    /** @type {import('./types').StateRun[]} */
    const skipped = [];
    if (crawled.found.samtykke) {
      const more = await Promise.all(
        rest.map((name) => {
          let i = 0;
          return runState(launch, { ...shared, name, pages: { next: () => visited[i++] }, onVisit: (visit) => progress?.visit(visit) });
        }),
      );
      results.push(...more);
    } else {
      for (const name of rest) skipped.push({ name, pages: [], error: 'samtykke was not found on the site, so there is no banner to click' });
      if (rest.length) progress?.say(`samtykke scan: no samtykke on ${first}; only the "${firstState}" state was scanned`);
    }

    // The config: --config wins, else the block on the first page.
    let config = options.config;
    let configSource = config ? 'file' : 'none';
    if (!config && crawled.found.block) {
      try {
        config = JSON.parse(crawled.found.block);
        configSource = 'page';
      } catch {
        progress?.say(`samtykke scan: the page's samtykke-config block is not valid JSON; classifying without it`);
      }
    }
    const { normalise } = await import('../dist/esm/config/normalise.js');
    const normalised = config ? normalise(config).config : undefined;
    const siteHosts = siteHostsFrom(results.flatMap((r) => r.found.hosts), normalised);
    const classify = createClassifier({
      config,
      override: options.db ? loadOverride(options.db) : undefined,
      database: loadCookieDatabase(),
      hosts: loadThirdParties(),
      siteHosts,
    });
    const items = collectItems(results.flatMap((r) => r.observations), classify);
    const runs = [...results.map((r) => r.run), ...skipped].sort((a, b) => STATES.indexOf(a.name) - STATES.indexOf(b.name));
    const consent = crawled.found.consent;
    const regime = consent?.regime == 'opt-in' || consent?.regime == 'opt-out' ? consent.regime : crawled.found.samtykke ? regimeFromRuns(runs, normalised) : undefined;
    const findings = findFindings({ items, states: runs, regime, config: normalised });
    const finishedAt = new Date();
    const result = {
      schemaVersion: 1,
      tool: { name: 'samtykke', version: PACKAGE.version },
      url: first,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      options: {
        pages: options.pages,
        states,
        waitMs: options.waitMs,
        include: options.include,
        exclude: options.exclude,
        sitemap: !!options.sitemap,
        keepValues: !!options.keepValues,
        failOn: options.failOn,
      },
      site: {
        origin: start.origin,
        site,
        samtykke: crawled.found.samtykke,
        ...(regime ? { regime } : {}),
        config: configSource,
        ...(normalised ? { cookieName: normalised.cookie?.name ?? 'samtykke' } : {}),
      },
      pages: visited,
      states: runs,
      items,
      findings,
      summary: { states: summarise(items, runs), findings: countFindings(findings), exitCode: exitCodeFor(findings, options.failOn) },
    };
    return { result, config };
  } finally {
    launch.cleanUp();
  }
}

/** Without samtykke's global: a banner that took a click means consent was asked first. */
function regimeFromRuns(runs, config) {
  if (runs.some((r) => r.choice?.via == 'banner')) return 'opt-in';
  if (config?.regime == 'opt-in' || config?.regime == 'opt-out') return config.regime;
  return undefined;
}

/** Host → { category, service } from the page's gated elements. */
function siteHostsFrom(hosts, config) {
  const out = {};
  const serviceCategory = {};
  for (const [category, spec] of Object.entries(config?.categories ?? {})) for (const service of Object.keys(spec.services)) serviceCategory[service] = category;
  for (const { host, category, service } of hosts) {
    const resolved = category || (service && serviceCategory[service]);
    if (resolved && !out[host]) out[host] = { category: resolved, ...(service ? { service } : {}) };
  }
  return out;
}

/** Per state: how many cookies, storage keys and third-party hosts were seen, and how many need consent. */
function summarise(items, runs) {
  const out = {};
  for (const run of runs) {
    if (run.error) continue;
    const seen = items.filter((item) => item.sightings.some((s) => s.state == run.name));
    out[run.name] = {
      cookies: seen.filter((i) => i.kind == 'cookie').length,
      storage: seen.filter((i) => i.kind == 'localStorage' || i.kind == 'sessionStorage').length,
      requests: seen.filter((i) => i.kind == 'request').length,
      nonessential: seen.filter(nonEssential).length,
    };
  }
  return out;
}

export { ScanError };
