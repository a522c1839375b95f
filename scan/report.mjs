// The HTML report of `samtykke scan`: one self-contained page from a
// ScanResult (the schema of scan.json, see ./types.d.ts).
//
// Self-contained means nothing is fetched: no fonts, no stylesheets, no
// images, no script. Charts are inline SVG and the style is one inline
// <style>. The page carries its own Content-Security-Policy that forbids
// every load and every script, so a report opened from disk, mailed around
// or served by CI behaves the same, and a mistake in the escaping below
// still could not run anything.
//
// Every string in a ScanResult comes from the scanned site (cookie names,
// storage keys, URLs, database descriptions) and is untrusted. The markup
// is built with the `html` template tag, which escapes every interpolated
// value with `esc` unless the value is already markup made by `html`. So
// escaping is the default, and there is exactly one escaping function.
// One escaping function and one `html` tag for every page the commands write.
import { Html, esc, html } from '../bin/html.mjs';
export { esc };

/** @typedef {import('./types').ScanResult} ScanResult */
/** @typedef {import('./types').StateName} StateName */
/** @typedef {import('./types').Item} Item */
/** @typedef {import('./types').Kind} Kind */
/** @typedef {import('./types').Finding} Finding */
/** @typedef {import('./types').Rule} Rule */
/** @typedef {import('./types').Severity} Severity */
/** @typedef {import('./types').Sighting} Sighting */

// ---------------------------------------------------------------------------
// Escaping and markup

/**
 * The URL as an href when it is http(s), else undefined: a `javascript:`,
 * `data:` or relative value from a scanned site never becomes a link.
 * @param {string | undefined} url
 * @returns {string | undefined}
 */
export function safeHref(url) {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol == 'http:' || parsed.protocol == 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A link to an http(s) URL, or the URL as plain text. rel keeps the report's
 * address from the site and the site from the report's window.
 * @param {string | undefined} url
 * @param {string} [text]
 */
function link(url, text = url) {
  if (!url) return html`<span class="muted">unknown</span>`;
  const href = safeHref(url);
  if (!href) return html`<span class="url">${text}</span>`;
  return html`<a class="url" href="${href}" rel="noopener noreferrer nofollow">${text}</a>`;
}

// ---------------------------------------------------------------------------
// Words

/** @type {StateName[]} */
const STATE_ORDER = ['before', 'reject', 'accept', 'gpc'];

/** @type {Record<StateName, string>} */
const STATE_LABEL = { before: 'Before any choice', reject: 'After Reject all', accept: 'After Accept all', gpc: 'Under GPC' };

/** Column headers where space is short; the full label is there for screen readers. @type {Record<StateName, string>} */
const STATE_SHORT = { before: 'Before', reject: 'Reject all', accept: 'Accept all', gpc: 'GPC' };

/** @type {Severity[]} */
const SEVERITY_ORDER = ['violation', 'warning', 'info'];

/** @type {Record<Severity, [string, string]>} singular, plural */
const SEVERITY_WORD = { violation: ['violation', 'violations'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };

/** @type {Record<Kind, [string, string]>} */
const KIND_WORD = {
  cookie: ['cookie', 'Cookies'],
  localStorage: ['local storage key', 'Local storage'],
  sessionStorage: ['session storage key', 'Session storage'],
  request: ['third-party host', 'Third-party hosts'],
};

/**
 * Per rule: a title, what it means and what to do (one line a site owner
 * reads), and how the verdict says it (`this site …`). `{what}` becomes the
 * kinds of the findings (cookies, storage, trackers).
 * @type {Record<Rule, { title: string; explain: string; verdict: string }>}
 */
const RULES = {
  'nonessential-before-consent': {
    title: 'Non-essential before consent',
    explain: 'Non-essential cookies, storage or tracker requests appeared before the visitor chose anything. Load them only after consent: gate the script that sets them behind its category.',
    verdict: 'uses non-essential {what} before consent',
  },
  'nonessential-after-reject': {
    title: 'Non-essential after Reject all',
    explain: 'Something non-essential was set or sent after the visitor clicked Reject all. Find the script responsible and gate it behind its category.',
    verdict: 'keeps using non-essential {what} after Reject all',
  },
  'gpc-not-honoured': {
    title: 'Global Privacy Control not honoured',
    explain: 'A browser sending Global Privacy Control (an opt-out of sale and sharing) still got this. Honour GPC in the config and gate the scripts responsible.',
    verdict: 'ignores Global Privacy Control',
  },
  'persists-after-reject': {
    title: 'Still there after Reject all',
    explain: 'It was set before the choice and was still there after Reject all. List it under its service in the config so samtykke removes it on reject.',
    verdict: 'leaves {what} behind after Reject all',
  },
  undeclared: {
    title: 'Not declared',
    explain: 'The site uses it but the samtykke config does not list it, so visitors are not told about it. Add it to the right category and service.',
    verdict: 'uses {what} its config does not declare',
  },
  'unknown-third-party': {
    title: 'Unknown third party',
    explain: 'No database and no config says what this host is. Find out who runs it and why the site contacts it, then declare it or remove it.',
    verdict: 'contacts third parties nobody has classified',
  },
  'lifetime-over-13-months': {
    title: 'Lasts over 13 months',
    explain: 'The cookie expires more than 13 months after it is set, longer than EU regulators accept for consent cookies. Shorten its expiry.',
    verdict: 'sets cookies that last over 13 months',
  },
  'declared-unseen': {
    title: 'Declared but never seen',
    explain: 'The config declares it, but the scan never saw it. It may appear only on pages not scanned; if the site no longer uses it, remove it from the config.',
    verdict: 'declares items the scan never saw',
  },
};

/** @type {Record<string, string>} */
const SOURCE_WORD = {
  config: 'Site config',
  override: 'Override',
  'open-cookie-database': 'Open Cookie Database',
  'third-party-web': 'third-party-web',
  heuristic: 'Name heuristic',
  none: 'Unclassified',
};

/** Categories with a colour of their own; any other (a site's own id) is drawn neutral. */
const KNOWN_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing', 'unknown'];

/**
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
function plural(n, one, many = `${one}s`) {
  return `${n} ${n == 1 ? one : many}`;
}

/**
 * `a`, `a and b`, `a, b and c`.
 * @param {string[]} words
 */
function listWords(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * In UTC and spelled out, so the report reads the same wherever it is
 * rendered or opened.
 * @param {string} iso
 */
function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** @param {number} ms */
function formatDuration(ms) {
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Time relative to the click, signed: `−0.91 s`, `+0.43 s`, `0 s`.
 * @param {number} ms
 */
function formatAt(ms) {
  if (ms == 0) return '0 s';
  const s = Math.abs(ms) / 1000;
  const text = s >= 10 ? s.toFixed(1) : s.toFixed(2);
  return `${ms < 0 ? '\u2212' : '+'}${text} s`;
}

/**
 * A tick label: as short as the step allows (`+1 s`, `−0.5 s`).
 * @param {number} ms
 */
function formatTick(ms) {
  if (ms == 0) return '0 s';
  return `${ms < 0 ? '\u2212' : '+'}${Number((Math.abs(ms) / 1000).toFixed(2))} s`;
}

/**
 * A page as its path when it is on the scanned origin (shorter to read),
 * else the whole URL.
 * @param {string | undefined} url
 * @param {string} origin
 */
function shortPage(url, origin) {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.origin == origin ? `${u.pathname}${u.search}` : url;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------
// Reading the result

/**
 * The states that ran, in the canonical order.
 * @param {ScanResult} result
 * @returns {StateName[]}
 */
function statesRun(result) {
  const names = new Set((result.states?.length ? result.states.map((s) => s.name) : result.options?.states) ?? []);
  return STATE_ORDER.filter((s) => names.has(s));
}

/** @param {string | undefined} category */
function isNonEssential(category) {
  return category != 'necessary';
}

/**
 * What the timeline draws: every non-essential item, and third parties
 * nobody could classify. (`unknown` first-party items are left out: most
 * are the site's own and would crowd the chart.)
 * @param {Item} item
 */
function isTracker(item) {
  const category = item.classification?.category;
  if (category == 'unknown') return item.party == 'third';
  return isNonEssential(category);
}

/**
 * Worst first, then by kind and name, so each list starts with what most
 * needs fixing.
 * @param {Item} item
 */
function categoryRank(item) {
  const order = ['marketing', 'analytics', 'unknown', 'preferences'];
  const c = item.classification?.category;
  const i = order.indexOf(c);
  return i >= 0 ? i : c == 'necessary' ? order.length + 1 : order.length;
}

/**
 * @param {Item} item
 * @param {StateName} state
 */
function seenIn(item, state) {
  return (item.sightings ?? []).some((s) => s.state == state);
}

/**
 * A cookie's longest lifetime across its sightings.
 * @param {Item} item
 */
function lifetime(item) {
  if (item.kind == 'localStorage') return 'until cleared';
  if (item.kind == 'sessionStorage') return 'until the tab closes';
  if (item.kind != 'cookie') return '';
  const days = (item.sightings ?? []).map((s) => s.lifetimeDays);
  const known = /** @type {number[]} */ (days.filter((d) => typeof d == 'number'));
  if (known.length) {
    const max = Math.max(...known);
    if (max < 1) return `${Math.max(1, Math.round(max * 24))} h`;
    const text = plural(Math.round(max), 'day');
    return max >= 365 ? `${text} (${(max / 365).toFixed(1)} years)` : text;
  }
  return days.some((d) => d === null) ? 'session' : '';
}

// ---------------------------------------------------------------------------
// Pieces of the page, each a pure function of the result

/**
 * The verdict in words: what the exit code means, and what the site does
 * wrong, from the rules that fired at the worst severity.
 * @param {ScanResult} result
 * @returns {{ tone: 'fail' | 'warn' | 'pass' | 'error'; headline: string; exit: string }}
 */
export function verdict(result) {
  const counts = result.summary?.findings ?? { violation: 0, warning: 0, info: 0 };
  const findings = result.findings ?? [];
  const exitCode = result.summary?.exitCode;
  const failOn = result.options?.failOn;
  const exit =
    exitCode == 2
      ? 'samtykke scan exited with 2: the scan could not finish, so these results are incomplete.'
      : exitCode == 1
        ? `samtykke scan exited with 1: there are findings at or above --fail-on ${failOn}.`
        : `samtykke scan exited with 0${failOn == 'never' ? ' (--fail-on never)' : `: nothing at or above --fail-on ${failOn}`}.`;
  const severity = SEVERITY_ORDER.find((s) => counts[s] > 0 && s != 'info');
  if (!severity) {
    const headline = counts.info ? `No violations and no warnings (${plural(counts.info, 'note')}).` : 'No findings: nothing non-essential was seen where it should not be.';
    return { tone: exitCode == 2 ? 'error' : 'pass', headline, exit };
  }
  const phrases = /** @type {Rule[]} */ (Object.keys(RULES))
    .map((rule) => {
      const these = findings.filter((f) => f.rule == rule && f.severity == severity);
      return these.length ? RULES[rule].verdict.replace('{what}', whatWord(these)) : '';
    })
    .filter(Boolean);
  const lead = severity == 'violation' ? '' : 'No violations; ';
  const [one, many] = SEVERITY_WORD[severity];
  // The counts come from the summary; should the findings not bear them out, still say something true.
  const what = phrases.length ? `this site ${listWords(phrases)}` : 'see the findings below';
  const headline = `${lead}${plural(counts[severity], one, many)}: ${what}.`;
  return { tone: exitCode == 2 ? 'error' : severity == 'violation' ? 'fail' : 'warn', headline, exit };
}

/**
 * `cookies`, `cookies and trackers`, … from the kinds of some findings.
 * @param {Finding[]} findings
 */
function whatWord(findings) {
  const kinds = new Set(findings.map((f) => f.kind));
  const words = [];
  if (kinds.has('cookie')) words.push('cookies');
  if (kinds.has('localStorage') || kinds.has('sessionStorage')) words.push('storage');
  if (kinds.has('request')) words.push('trackers');
  return words.length ? listWords(words) : 'items';
}

/**
 * Severity counts as labelled badges (the word is there, not just a colour).
 * @param {ScanResult} result
 */
function severityBadges(result) {
  const counts = result.summary?.findings ?? { violation: 0, warning: 0, info: 0 };
  return html`<ul class="badges" aria-label="Findings by severity">${SEVERITY_ORDER.map((s) => {
    const [one, many] = SEVERITY_WORD[s];
    return html`<li class="badge badge-${s}" data-severity-count="${s}"><span class="badge-n">${counts[s] ?? 0}</span> ${counts[s] == 1 ? one : many}</li>`;
  })}</ul>`;
}

/** @param {ScanResult} result */
function renderHeader(result) {
  const states = statesRun(result);
  const site = result.site ?? /** @type {ScanResult['site']} */ ({});
  const v = verdict(result);
  const mark = { fail: '\u2717', warn: '!', pass: '\u2713', error: '?' }[v.tone];
  const regime =
    site.regime == 'opt-in'
      ? 'Opt-in: nothing non-essential until the visitor agrees (EU style)'
      : site.regime == 'opt-out'
        ? 'Opt-out: allowed until the visitor opts out (US style)'
        : 'Could not be told';
  const config = { page: "The page's config block", file: 'A file given with --config', none: 'None' }[site.config] ?? 'Unknown';
  return html`<header class="top">
  <p class="eyebrow">samtykke scan report</p>
  <h1>Consent scan of <span class="url">${site.site || result.url}</span></h1>
  <div class="verdict verdict-${v.tone}" data-verdict>
    <span class="verdict-mark" aria-hidden="true">${mark}</span>
    <div>
      <p class="verdict-headline">${v.headline}</p>
      <p class="verdict-exit">${v.exit}</p>
      ${severityBadges(result)}
    </div>
  </div>
  <dl class="facts">
    <div><dt>URL scanned</dt><dd>${link(result.url)}</dd></div>
    <div><dt>When</dt><dd><time datetime="${result.startedAt}">${formatDate(result.startedAt)}</time>, took ${formatDuration(result.durationMs)}</dd></div>
    <div><dt>Coverage</dt><dd>${plural(result.pages?.length ?? 0, 'page')} \u00d7 ${plural(states.length, 'state')} (${states.map((s) => STATE_LABEL[s]).join(', ')})</dd></div>
    <div><dt>samtykke on the site</dt><dd>${site.samtykke ? 'Found' : 'Not found'}</dd></div>
    <div><dt>Regime</dt><dd>${regime}</dd></div>
    <div><dt>Config</dt><dd>${config}${site.cookieName ? html` (record cookie <code>${site.cookieName}</code>)` : ''}</dd></div>
  </dl>
  <nav aria-label="Sections">
    <ul class="toc">
      <li><a href="#summary">Summary</a></li>
      <li><a href="#findings">Findings</a></li>
      <li><a href="#items">Cookies, storage and hosts</a></li>
      <li><a href="#timeline">Timeline</a></li>
    </ul>
  </nav>
</header>`;
}

/**
 * A focusable, labelled scroll box, so a wide table or chart scrolls on its
 * own at 320 px and a keyboard user can scroll it too.
 * @param {string} label
 * @param {Html} content
 */
function scrollBox(label, content) {
  return html`<div class="scroll" role="region" tabindex="0" aria-label="${label}">${content}</div>`;
}

/** @type {['cookies' | 'storage' | 'requests' | 'nonessential', string][]} */
const METRICS = [
  ['cookies', 'Cookies'],
  ['storage', 'Storage keys'],
  ['requests', 'Third-party hosts'],
  ['nonessential', 'Non-essential'],
];

/**
 * One small bar chart per metric, a bar per state, each bar labelled with
 * its state and number (so no colour or legend is needed to read it).
 * @param {ScanResult} result
 * @param {StateName[]} states
 */
function summaryCharts(result, states) {
  const rows = states.length;
  const height = 14 + rows * 26;
  return html`<div class="minis">${METRICS.map(([key, label]) => {
    const values = states.map((s) => Number(result.summary?.states?.[s]?.[key] ?? 0));
    const max = Math.max(1, ...values);
    const desc = states.map((s, i) => `${STATE_LABEL[s]}: ${values[i]}`).join('; ');
    return html`<svg class="mini" viewBox="0 0 250 ${height}" role="img" aria-labelledby="mini-${key}-t mini-${key}-d">
  <title id="mini-${key}-t">${label} per state</title>
  <desc id="mini-${key}-d">${desc}. The same numbers are in the table below.</desc>
  <text class="mini-title" x="0" y="11">${label}</text>
  ${states.map((s, i) => {
    const y = 18 + i * 26;
    const w = Math.round((values[i] / max) * 96);
    return html`<text class="svg-label" x="0" y="${y + 13}">${STATE_LABEL[s]}</text>
  <rect class="bar bar-${key}" x="124" y="${y + 2}" width="${Math.max(w, 1)}" height="16" rx="2"></rect>
  <text class="svg-value" x="${130 + w}" y="${y + 14}">${values[i]}</text>`;
  })}
</svg>`;
  })}</div>`;
}

/** @param {ScanResult} result @param {StateName[]} states */
function summaryTable(result, states) {
  return scrollBox(
    'Items per state (table, scrolls sideways)',
    html`<table class="summary-table">
  <caption>Items seen per state</caption>
  <thead><tr><th scope="col">State</th>${METRICS.map(([, label]) => html`<th scope="col" class="num">${label}</th>`)}</tr></thead>
  <tbody>${states.map(
    (s) => html`<tr data-state="${s}"><th scope="row">${STATE_LABEL[s]}</th>${METRICS.map(
      ([key]) => html`<td class="num" data-metric="${key}">${result.summary?.states?.[s]?.[key] ?? '\u2014'}</td>`,
    )}</tr>`,
  )}</tbody>
</table>`,
  );
}

/**
 * What each state did: the click, and why a state could not run.
 * @param {ScanResult} result
 */
function stateNotes(result) {
  const notes = (result.states ?? []).filter((s) => s.choice || s.error);
  if (!notes.length) return html``;
  return html`<h3>How each state was reached</h3>
<ul class="notes">${notes.map(
    (s) => html`<li>${STATE_LABEL[s.name] ?? s.name}: ${
      s.choice ? html`clicked ${s.choice.action == 'accept' ? 'Accept all' : 'Reject all'} on <span class="url">${shortPage(s.choice.page, result.site?.origin)}</span> at ${formatDate(s.choice.clickedAt)}` : ''
    }${s.error ? html`<strong class="error-text">could not run: ${s.error}</strong>` : ''}</li>`,
  )}</ul>`;
}

/**
 * The pages visited, with anything that went wrong on one.
 * @param {ScanResult} result
 */
function pageList(result) {
  return html`<h3>Pages visited</h3>
<ol class="pages">${(result.pages ?? []).map((url) => {
    const problems = (result.states ?? []).flatMap((s) =>
      (s.pages ?? [])
        .filter((p) => p.url == url && (p.error || (p.status && p.status >= 400)))
        .map((p) => `${STATE_LABEL[s.name] ?? s.name}: ${p.error ?? `HTTP ${p.status}`}`),
    );
    const moved = (result.states ?? []).flatMap((s) => s.pages ?? []).find((p) => p.url == url && p.finalUrl)?.finalUrl;
    return html`<li>${link(url)}${moved ? html` <span class="muted">(ended at <span class="url">${moved}</span>)</span>` : ''}${
      problems.length ? html` <strong class="error-text">${problems.join('; ')}</strong>` : ''
    }</li>`;
  })}</ol>`;
}

/** @param {ScanResult} result */
function renderSummary(result) {
  const states = statesRun(result);
  return html`<section id="summary" aria-labelledby="summary-h">
  <h2 id="summary-h">Summary</h2>
  <p>How many cookies, storage keys and third-party hosts each state saw, and how many of them are not strictly necessary.</p>
  ${summaryCharts(result, states)}
  ${summaryTable(result, states)}
  ${stateNotes(result)}
  ${pageList(result)}
</section>`;
}

/**
 * The ids of the items' rows, made from their place in the list: an
 * Item.id comes from the site, and an id attribute must never be.
 * @param {ScanResult} result
 * @returns {Map<string, string>}
 */
function rowIds(result) {
  return new Map((result.items ?? []).map((item, i) => [item.id, `item-${i}`]));
}

/**
 * @param {Finding} f
 * @param {Map<string, string>} rows
 */
function findingItem(f, rows) {
  if (f.rule == 'declared-unseen' || !f.name) {
    return html`<span class="name">${f.pattern ?? f.name ?? 'unknown'}</span>${f.service ? html`<span class="sub">service ${f.service}</span>` : ''}`;
  }
  const row = f.item ? rows.get(f.item) : undefined;
  const name = row ? html`<a href="#${row}">${f.name}</a>` : f.name;
  return html`<span class="name">${name}</span><span class="sub">${f.kind ? KIND_WORD[f.kind]?.[0] ?? f.kind : ''}</span>`;
}

/** @param {string | undefined} category */
function categoryTag(category) {
  if (!category) return html`<span class="muted">\u2014</span>`;
  const known = KNOWN_CATEGORIES.includes(category) ? category : 'other';
  return html`<span class="cat cat-${known}">${category}</span>`;
}

/**
 * The findings of one rule at one severity: the rule's meaning once, then a
 * row per finding.
 * @param {Rule} rule
 * @param {Severity} severity
 * @param {Finding[]} findings
 * @param {string} origin
 * @param {Map<string, string>} rows
 */
function ruleBlock(rule, severity, findings, origin, rows) {
  const about = RULES[rule] ?? { title: rule, explain: '' };
  return html`<div class="rule rule-${severity}" data-rule="${rule}">
  <h4>${about.title} <span class="rule-id">(${rule}, ${plural(findings.length, 'finding')})</span></h4>
  <p class="explain">${about.explain}</p>
  ${scrollBox(
    `${about.title}: findings (table, scrolls sideways)`,
    html`<table class="findings-table">
    <caption class="vh">${SEVERITY_WORD[severity][1]}: ${about.title}</caption>
    <thead><tr><th scope="col">Item</th><th scope="col">Category</th><th scope="col">State</th><th scope="col">Page</th><th scope="col">Set or sent by</th><th scope="col">What happened</th></tr></thead>
    <tbody>${findings.map(
      (f) => html`<tr data-finding data-severity="${severity}">
      <th scope="row">${findingItem(f, rows)}</th>
      <td>${categoryTag(f.category)}</td>
      <td>${f.state ? STATE_LABEL[f.state] ?? f.state : html`<span class="muted">\u2014</span>`}</td>
      <td>${f.page ? link(f.page, shortPage(f.page, origin)) : html`<span class="muted">\u2014</span>`}</td>
      <td>${f.script ? link(f.script) : html`<span class="muted">not known</span>`}</td>
      <td>${f.message}</td>
    </tr>`,
    )}</tbody>
  </table>`,
  )}
</div>`;
}

/** @param {ScanResult} result */
function renderFindings(result) {
  const findings = result.findings ?? [];
  const origin = result.site?.origin ?? '';
  const rows = rowIds(result);
  const rules = /** @type {Rule[]} */ ([...Object.keys(RULES), ...findings.map((f) => f.rule)].filter((r, i, all) => all.indexOf(r) == i));
  return html`<section id="findings" aria-labelledby="findings-h">
  <h2 id="findings-h">Findings (${findings.length})</h2>
  ${findings.length ? '' : html`<p>No findings.</p>`}
  ${SEVERITY_ORDER.map((severity) => {
    const these = findings.filter((f) => f.severity == severity);
    if (!these.length) return '';
    return html`<section class="severity severity-${severity}" aria-labelledby="sev-${severity}">
    <h3 id="sev-${severity}"><span class="sev-mark" aria-hidden="true">${{ violation: '\u2717', warning: '!', info: 'i' }[severity]}</span> ${SEVERITY_WORD[severity][1][0].toUpperCase()}${SEVERITY_WORD[severity][1].slice(1)} (${these.length})</h3>
    ${rules.map((rule) => {
      const ofRule = these.filter((f) => f.rule == rule);
      return ofRule.length ? ruleBlock(rule, severity, ofRule, origin, rows) : '';
    })}
  </section>`;
  })}
</section>`;
}

/**
 * Where the classification came from, how sure, and what matched.
 * @param {Item} item
 */
function classifiedBy(item) {
  const c = item.classification ?? /** @type {Item['classification']} */ ({});
  if (!c.source || c.source == 'none') return html`${SOURCE_WORD.none}`;
  return html`${SOURCE_WORD[c.source] ?? c.source}<span class="sub">${c.confidence ?? 'no'} confidence${
    c.pattern ? html`; matched <code>${c.pattern}</code>${c.match ? ` (${c.match})` : ''}` : ''
  }</span>`;
}

/**
 * @param {boolean} seen
 */
function seenCell(seen) {
  return seen
    ? html`<td class="seen" data-seen="yes"><span aria-hidden="true">\u25cf</span><span class="vh">seen</span></td>`
    : html`<td class="unseen" data-seen="no"><span aria-hidden="true">\u2013</span><span class="vh">not seen</span></td>`;
}

/**
 * @param {Kind} kind
 * @param {Item[]} items
 * @param {StateName[]} states
 * @param {Map<string, string>} rows
 */
function itemTable(kind, items, states, rows) {
  const [, title] = KIND_WORD[kind];
  return html`<h3 id="items-${kind}">${title} (${items.length})</h3>
${scrollBox(
  `${title} (table, scrolls sideways)`,
  html`<table class="items-table" data-kind="${kind}">
  <caption class="vh">${title}: where each was seen, and what it is</caption>
  <thead><tr>
    <th scope="col">${kind == 'request' ? 'Host' : 'Name'}</th>
    ${states.map((s) => html`<th scope="col" class="state-col"><span aria-hidden="true">${STATE_SHORT[s]}</span><span class="vh">${STATE_LABEL[s]}</span></th>`)}
    <th scope="col">Category</th><th scope="col">Classified by</th><th scope="col">Party</th><th scope="col">Lifetime</th><th scope="col">Platform</th>
  </tr></thead>
  <tbody>${items.map((item) => {
    const c = item.classification ?? /** @type {Item['classification']} */ ({});
    const where = kind == 'cookie' ? `${item.domain}${item.path ?? ''}` : kind == 'request' ? '' : item.origin ?? item.domain;
    return html`<tr id="${rows.get(item.id)}" data-item="${item.id}">
    <th scope="row"><span class="name">${item.name}</span>${where ? html`<span class="sub">${where}</span>` : ''}${c.description ? html`<span class="sub desc">${c.description}</span>` : ''}</th>
    ${states.map((s) => seenCell(seenIn(item, s)))}
    <td>${categoryTag(c.category)}</td>
    <td>${classifiedBy(item)}</td>
    <td>${item.party}</td>
    <td>${lifetime(item) || html`<span class="muted">\u2014</span>`}</td>
    <td>${c.platform || c.controller || c.service || html`<span class="muted">\u2014</span>`}</td>
  </tr>`;
  })}</tbody>
</table>`,
)}`;
}

/** @param {ScanResult} result */
function renderItems(result) {
  const states = statesRun(result);
  const rows = rowIds(result);
  const items = [...(result.items ?? [])].sort((a, b) => categoryRank(a) - categoryRank(b) || a.name.localeCompare(b.name));
  const kinds = /** @type {Kind[]} */ (['cookie', 'localStorage', 'sessionStorage', 'request']);
  return html`<section id="items" aria-labelledby="items-h">
  <h2 id="items-h">Cookies, storage and third-party hosts</h2>
  <p>Each item and the states it was seen in (\u25cf seen, \u2013 not seen; Before: before any choice, Reject all and Accept all: after that click, GPC: under Global Privacy Control), what it is, and who said so. Non-essential items come first.</p>
  ${items.length ? '' : html`<p>Nothing was seen.</p>`}
  ${kinds.map((kind) => {
    const these = items.filter((i) => i.kind == kind);
    return these.length ? itemTable(kind, these, states, rows) : '';
  })}
</section>`;
}

/**
 * Tick spacing for a span of milliseconds: a round step giving at most
 * about 10 ticks.
 * @param {number} span
 */
function tickStep(span) {
  for (const step of [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 30_000, 60_000]) if (span / step <= 10) return step;
  return Math.ceil(span / 10 / 60_000) * 60_000;
}

/** @type {Record<Kind, string>} */
const SHAPE_NAME = { cookie: 'circle', localStorage: 'square', sessionStorage: 'square', request: 'diamond' };

/**
 * A mark whose shape says its kind (circle cookie, square storage, diamond
 * request), so the kinds differ by more than colour.
 * @param {Kind} kind
 * @param {number} x
 * @param {number} y
 * @param {string} label
 */
function mark(kind, x, y, label) {
  const k = kind == 'sessionStorage' ? 'localStorage' : kind;
  const shape =
    k == 'cookie'
      ? html`<circle cx="${x}" cy="${y}" r="5.5"></circle>`
      : k == 'request'
        ? html`<path d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z"></path>`
        : html`<rect x="${x - 5}" y="${y - 5}" width="10" height="10"></rect>`;
  return html`<g class="mark mark-${k}"><title>${label}</title>${shape}</g>`;
}

/**
 * @param {string} text
 * @param {number} max
 */
function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

/**
 * One state's chart: a row per tracker, a mark per sighting, the click as a
 * vertical line at 0. `domain` is shared by all states so they compare.
 * @param {ScanResult} result
 * @param {StateName} state
 * @param {Item[]} items
 * @param {[number, number]} domain
 */
function timelineChart(result, state, items, domain) {
  const origin = result.site?.origin ?? '';
  const width = 880;
  const left = 210;
  const right = width - 24;
  const top = 44;
  const rowH = 24;
  const height = top + items.length * rowH + 34;
  const [lo, hi] = domain;
  const x = (/** @type {number} */ ms) => Math.round((left + ((ms - lo) / (hi - lo)) * (right - left)) * 10) / 10;
  const step = tickStep(hi - lo);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  const action = result.states?.find((s) => s.name == state)?.choice?.action == 'accept' ? 'Accept all' : 'Reject all';
  const id = `tl-${state}`;
  const x0 = x(0);
  const bottom = top + items.length * rowH;
  return html`<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d">
  <title id="${id}-t">${STATE_LABEL[state]}: when each tracker was seen, relative to the ${action} click</title>
  <desc id="${id}-d">${plural(items.length, 'row')}, one per tracker; marks left of the line came before the click, marks right of it after. The same data is in the table after the chart.</desc>
  ${items.map((_, i) => (i % 2 ? html`<rect class="stripe" x="0" y="${top + i * rowH}" width="${right}" height="${rowH}"></rect>` : ''))}
  <rect class="before-band" x="${left}" y="${top - 6}" width="${Math.max(0, x0 - left)}" height="${bottom - top + 12}"></rect>
  <text class="svg-small" x="${left + 4}" y="${top - 12}">before the click</text>
  <text class="svg-small" x="${right - 4}" y="${top - 12}" text-anchor="end">after the click</text>
  ${ticks.map(
    (t) => html`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top - 6}" y2="${bottom + 6}"></line>
  <text class="svg-small" x="${x(t)}" y="${bottom + 22}" text-anchor="middle">${formatTick(t)}</text>`,
  )}
  ${items.map((item, i) => {
    const y = top + i * rowH + rowH / 2;
    const sightings = (item.sightings ?? []).filter((s) => s.state == state);
    return html`<g class="row">
    <text class="svg-label" x="${left - 10}" y="${y + 4}" text-anchor="end">${truncate(item.name, 26)}</text>
    ${sightings.map((s) => mark(item.kind, x(s.at), y, `${item.name}: ${formatAt(s.at)} on ${shortPage(s.page, origin)}`))}
  </g>`;
  })}
  <line class="click" x1="${x0}" x2="${x0}" y1="${top - 30}" y2="${bottom + 8}"></line>
  <text class="svg-click" x="${x0}" y="${top - 28}" text-anchor="middle" dy="-2">${action} click</text>
</svg>`;
}

/**
 * The chart's data as a table, for screen readers and for copying.
 * @param {ScanResult} result
 * @param {StateName} state
 * @param {Item[]} items
 */
function timelineTable(result, state, items) {
  const origin = result.site?.origin ?? '';
  return html`<details>
  <summary>${STATE_LABEL[state]}: the timeline as a table</summary>
  ${scrollBox(
    `${STATE_LABEL[state]}: timeline table (scrolls sideways)`,
    html`<table class="timeline-table">
    <caption class="vh">${STATE_LABEL[state]}: when each tracker was seen, relative to the click</caption>
    <thead><tr><th scope="col">Item</th><th scope="col">Kind</th><th scope="col">Category</th><th scope="col">Seen at (page)</th></tr></thead>
    <tbody>${items.map((item) => {
      const times = (item.sightings ?? [])
        .filter((s) => s.state == state)
        .sort((a, b) => a.at - b.at)
        .map((s) => `${formatAt(s.at)} (${shortPage(s.page, origin)})`);
      return html`<tr><th scope="row">${item.name}</th><td>${KIND_WORD[item.kind]?.[0] ?? item.kind}</td><td>${categoryTag(item.classification?.category)}</td><td>${times.join(', ')}</td></tr>`;
    })}</tbody>
  </table>`,
  )}
</details>`;
}

/** @param {ScanResult} result */
function renderTimeline(result) {
  const clicked = (/** @type {StateName} */ s) => Boolean(result.states?.find((r) => r.name == s)?.choice);
  const states = statesRun(result).filter(clicked);
  const unclicked = statesRun(result).filter((s) => !clicked(s));
  const trackers = (result.items ?? []).filter(isTracker);
  const byState = states.map((state) => /** @type {[StateName, Item[]]} */ ([state, trackers.filter((i) => seenIn(i, state))]));
  const times = byState.flatMap(([state, items]) => items.flatMap((i) => i.sightings.filter((s) => s.state == state).map((s) => s.at)));
  // One time axis for all states, always including the click, with a
  // little room either side so no mark sits on the edge.
  const lo = Math.min(0, ...times);
  const hi = Math.max(0, ...times);
  const pad = Math.max(100, (hi - lo) * 0.04);
  /** @type {[number, number]} */
  const domain = [lo - pad, hi + pad];
  return html`<section id="timeline" aria-labelledby="timeline-h">
  <h2 id="timeline-h">Timeline: when trackers fired</h2>
  <p>Each non-essential item, and each third party nobody could classify, by when it was seen relative to the choice click.${
    unclicked.length ? ` ${listWords(unclicked.map((s) => STATE_LABEL[s]))} had no click and ${unclicked.length == 1 ? 'is' : 'are'} not drawn.` : ''
  }</p>
  <p class="legend" aria-hidden="true"><span class="legend-item"><svg viewBox="-8 -8 16 16" width="16" height="16" class="mark-cookie"><circle r="5.5"></circle></svg> cookie</span> <span class="legend-item"><svg viewBox="-8 -8 16 16" width="16" height="16" class="mark-localStorage"><rect x="-5" y="-5" width="10" height="10"></rect></svg> storage</span> <span class="legend-item"><svg viewBox="-8 -8 16 16" width="16" height="16" class="mark-request"><path d="M0 -7L7 0L0 7L-7 0Z"></path></svg> request</span> <span class="legend-item"><svg viewBox="0 0 4 16" width="4" height="16"><line class="click" x1="2" x2="2" y1="0" y2="16"></line></svg> the click</span></p>
  ${states.length ? '' : html`<p>No state had a click, so there is no timeline.</p>`}
  ${byState.map(
    ([state, items]) => html`<section aria-labelledby="tl-${state}-h">
    <h3 id="tl-${state}-h">${STATE_LABEL[state]}</h3>
    ${
      items.length
        ? html`<figure>
      ${scrollBox(`${STATE_LABEL[state]}: timeline chart (scrolls sideways)`, timelineChart(result, state, items, domain))}
      <figcaption class="vh">${STATE_LABEL[state]}: ${plural(items.length, 'tracker')} over time</figcaption>
    </figure>
    ${timelineTable(result, state, items)}`
        : html`<p>No trackers were seen in this state.</p>`
    }
  </section>`,
  )}
</section>`;
}

// ---------------------------------------------------------------------------
// The page

// Colours are chosen for at least 4.5:1 (text) and 3:1 (bars, marks, lines)
// against their background in both schemes.
const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f3f5f7;--band:#eef1f4;--link:#0b57d0;--focus:#0b57d0;
--vio:#b3261e;--vio-bg:#fdecea;--warn:#7a4b00;--warn-bg:#fff4d6;--info:#0b57d0;--info-bg:#e8f0fe;--pass:#1a7f37;--pass-bg:#e6f4ea;
--cookie:#1f5fbf;--storage:#7b3fb2;--request:#b34700;--bar:#3b5b86;--bar-bad:#b3261e;--click:#1b1f24}
@media (prefers-color-scheme:dark){:root{--bg:#14171a;--fg:#e6e8eb;--muted:#a4adb7;--line:#3b434c;--soft:#1d2126;--band:#23282e;--link:#8ab4f8;--focus:#8ab4f8;
--vio:#ff9c94;--vio-bg:#3a1715;--warn:#f2c45a;--warn-bg:#33280d;--info:#8ab4f8;--info-bg:#172436;--pass:#6fcf8a;--pass-bg:#12301c;
--cookie:#7fb0ff;--storage:#c79cf0;--request:#ffa66b;--bar:#8fb3e0;--bar-bad:#ff9c94;--click:#e6e8eb}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:break-word}
.wrap{max-width:1160px;margin:0 auto;padding:1rem}
a{color:var(--link);text-decoration:underline}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code,.url{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1rem 0 .25rem}
.eyebrow{margin:0;color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.06em}
.muted,.sub,.rule-id{color:var(--muted)}
.sub{display:block;font-size:.82rem;font-weight:normal}
.desc{max-width:22rem}
.rule-id{font-weight:normal;font-size:.85rem}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.verdict{display:flex;gap:1rem;align-items:flex-start;padding:1rem;border:2px solid;border-radius:8px;margin-bottom:1rem}
.verdict p{margin:0 0 .3rem}
.verdict-headline{font-size:1.15rem;font-weight:700}
.verdict-mark{flex:none;width:2.2rem;height:2.2rem;border-radius:50%;display:grid;place-items:center;font-weight:700;font-size:1.2rem;color:var(--bg)}
.verdict-fail,.verdict-error{border-color:var(--vio);background:var(--vio-bg)}.verdict-fail .verdict-mark,.verdict-error .verdict-mark{background:var(--vio)}
.verdict-warn{border-color:var(--warn);background:var(--warn-bg)}.verdict-warn .verdict-mark{background:var(--warn)}
.verdict-pass{border-color:var(--pass);background:var(--pass-bg)}.verdict-pass .verdict-mark{background:var(--pass)}
.badges{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}
.badge{border:1px solid;border-radius:999px;padding:.1rem .7rem;font-size:.9rem;background:var(--bg)}
.badge-n{font-weight:700}
.badge-violation{color:var(--vio)}.badge-warning{color:var(--warn)}.badge-info{color:var(--info)}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.5rem 1.5rem;margin:0 0 1rem}
.facts div{border-left:3px solid var(--line);padding-left:.6rem}
.facts dt{font-size:.82rem;color:var(--muted)}.facts dd{margin:0}
.toc{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem;position:relative}
table{border-collapse:collapse;width:100%;font-size:.92rem;line-height:1.4}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-size:.85rem;white-space:nowrap}
tbody th{font-weight:600;min-width:9rem}
.items-table tbody th{min-width:12rem}
.num{text-align:right;font-variant-numeric:tabular-nums}
.summary-table{max-width:44rem}
.seen,.unseen{text-align:center;font-size:1.05rem}
.unseen{color:var(--muted)}
.state-col{text-align:center}
.cat{display:inline-block;border:1px solid;border-radius:4px;padding:0 .4rem;font-size:.85rem;white-space:nowrap}
.cat-marketing{color:var(--vio)}.cat-analytics{color:var(--warn)}.cat-unknown{color:var(--muted);border-style:dashed}
.cat-preferences{color:var(--info)}.cat-necessary{color:var(--pass)}.cat-other{color:var(--fg)}
.severity h3{display:flex;align-items:center;gap:.5rem}
.sev-mark{display:inline-grid;place-items:center;width:1.6rem;height:1.6rem;border-radius:50%;color:var(--bg);font-size:.95rem}
.severity-violation .sev-mark{background:var(--vio)}.severity-warning .sev-mark{background:var(--warn)}.severity-info .sev-mark{background:var(--info)}
.rule{border-left:4px solid var(--line);padding-left:.8rem;margin:0 0 1.25rem}
.rule-violation{border-left-color:var(--vio)}.rule-warning{border-left-color:var(--warn)}.rule-info{border-left-color:var(--info)}
.explain{margin:0 0 .25rem;max-width:60rem}
.error-text{color:var(--vio)}
.notes,.pages{padding-left:1.25rem}
.minis{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin:1rem 0}
.mini{width:100%;max-width:20rem;height:auto}
.mini .svg-label,.mini .svg-value{font-size:13px}
svg text{fill:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.mini-title{font-weight:700;font-size:14px}
.svg-label{font-size:12px}.svg-value{font-size:12px;font-weight:700}.svg-small{font-size:11px;fill:var(--muted)}
.svg-click{font-size:12px;font-weight:700}
.bar{fill:var(--bar)}.bar-nonessential{fill:var(--bar-bad)}
.timeline{display:block;min-width:880px;width:100%;height:auto}
.before-band{fill:var(--band);fill-opacity:.7}
.stripe{fill:var(--soft)}
.grid{stroke:var(--line);stroke-width:1}
.click{stroke:var(--click);stroke-width:2;stroke-dasharray:5 3}
.mark-cookie{fill:var(--cookie)}.mark-localStorage{fill:var(--storage)}.mark-request{fill:var(--request)}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem}.legend-item{display:inline-flex;align-items:center;gap:.35rem}
details{margin:0 0 1.5rem}summary{cursor:pointer;color:var(--link);text-decoration:underline}
figure{margin:0}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:1rem}
`;

/**
 * The whole report: one HTML document with nothing to fetch and nothing to
 * run.
 * @param {ScanResult} result
 * @returns {string}
 */
export function renderReport(result) {
  const title = `Consent scan: ${result.site?.site || result.url}: ${verdict(result).headline}`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<div class="wrap">
${renderHeader(result)}
<main>
${renderSummary(result)}
${renderFindings(result)}
${renderItems(result)}
${renderTimeline(result)}
</main>
<footer><p>Made by samtykke ${result.tool?.version ?? ''} scan (scan.json schema version ${result.schemaVersion}). Findings describe what a browser saw on the pages scanned, in the states listed; they are not legal advice.</p></footer>
</div>
</body>
</html>`}\n`;
}
