// The dashboard (GET /): what the log shows a person. Opt-in and opt-out
// rates per day for each regime, acceptance per category, the GPC share,
// and the history of one consent id. Pure functions from the store's
// answers to one HTML page.
//
// No script at all, and nothing from elsewhere: the charts are inline SVG,
// the style is /dashboard.css, and the page is served under a CSP that
// allows only that (respond.mjs). Every chart is an image with a name and
// is followed by a table of the same numbers (WCAG 1.1.1), so a screen
// reader or a copy-paste gets everything a glance at the chart does.
import { html } from '../bin/html.mjs';

/** @typedef {import('./types').Stats} Stats */
/** @typedef {import('./types').Row} Row */
/** @typedef {import('./types').Checkpoint} Checkpoint */
/** @typedef {import('../bin/html.mjs').Html} Html */

/**
 * @typedef {object} Lookup
 * @property {string} id what was asked for, as typed
 * @property {string} [error] why it could not be looked up
 * @property {Row[]} [rows]
 * @property {Checkpoint | null} [checkpoint]
 */

const number = new Intl.NumberFormat('en');
/** @param {number} part @param {number} whole */
const percent = (part, whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '–');

/**
 * @param {string} title
 * @param {Html | Html[]} body
 */
function page(title, body) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/dashboard.css">
</head>
<body>
${body}
</body>
</html>
`.text;
}

/**
 * The login form: the token is posted once, never put in a URL.
 * @param {{ error?: string }} [options]
 */
export function renderLogin({ error } = {}) {
  return page(
    'Consent log: log in',
    html`<main class="login">
<h1>Consent log</h1>
<form method="post" action="/login">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required spellcheck="false"${error ? html` aria-invalid="true" aria-describedby="token-error"` : ''}>
${error && html`<p id="token-error" class="error">${error}</p>`}
<p class="hint">The token <code>samtykke log serve</code> printed on its first start, or <code>SAMTYKKE_LOG_TOKEN</code>.</p>
<button type="submit">Log in</button>
</form>
</main>`,
  );
}

/**
 * @param {{
 *   stats: Stats,
 *   from: string,
 *   to: string,
 *   kind: string,
 *   lookup: Lookup | null,
 * }} data
 */
export function renderDashboard({ stats, from, to, kind, lookup }) {
  const regimes = [...new Set(stats.days.map((day) => day.regime))].sort();
  return page(
    'Consent log',
    html`<header>
<h1>Consent log</h1>
<p>${number.format(stats.total)} receipts from ${from} to ${to} (UTC) · store: ${kind}</p>
<p>Export every row: <a href="/v1/export?format=csv">CSV</a> · <a href="/v1/export?format=ndjson">NDJSON</a> (with the hashes and signed checkpoints, for <code>samtykke log verify --file</code>)</p>
<form method="post" action="/logout" class="logout"><button type="submit">Log out</button></form>
</header>
<main>
<section aria-labelledby="period-heading">
<h2 id="period-heading">Period</h2>
<form method="get" action="/" class="period">
<label for="from">From</label> <input id="from" name="from" type="date" value="${from}" required>
<label for="to">To</label> <input id="to" name="to" type="date" value="${to}" required>
<button type="submit">Show</button>
</form>
</section>
${summary(stats, regimes)}
${regimes.length ? regimes.map((regime) => regimeSection(regime, stats.days.filter((day) => day.regime == regime))) : html`<section aria-labelledby="days-heading"><h2 id="days-heading">Opt-ins and opt-outs per day</h2><p>No receipts in this period.</p></section>`}
${categorySection(stats.categories)}
${lookupSection(lookup, from, to)}
</main>`,
  );
}

/** @param {Stats} stats @param {string[]} regimes */
function summary(stats, regimes) {
  const items = regimes.map((regime) => {
    const days = stats.days.filter((day) => day.regime == regime);
    const receipts = days.reduce((sum, day) => sum + day.receipts, 0);
    const optIns = days.reduce((sum, day) => sum + day.optIns, 0);
    const optOuts = days.reduce((sum, day) => sum + day.optOuts, 0);
    return html`<div><dt>${regime} regime</dt><dd>${number.format(receipts)} receipts, ${percent(optIns, receipts)} opted in, ${percent(optOuts, receipts)} opted out</dd></div>`;
  });
  return html`<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="summary">
<div><dt>Receipts</dt><dd>${number.format(stats.total)}</dd></div>
<div><dt>With Global Privacy Control</dt><dd>${(stats.gpcShare * 100).toFixed(1)}%</dd></div>
${items}
</dl>
<p class="hint">Opted in: the receipt allows at least one category beyond the necessary. Opted out: the visitor used the opt-out (Do Not Sell or Share, or GPC).</p>
</section>`;
}

const CHART = { width: 640, height: 220, left: 44, right: 8, top: 12, bottom: 28 };

/**
 * Two bars per day: the opt-in rate and the opt-out rate.
 * @param {string} id
 * @param {string} title
 * @param {Stats['days']} days
 */
export function dayChart(id, title, days) {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / Math.max(1, days.length);
  const bar = Math.max(1, Math.min(16, (slot - 2) / 2));
  /** @param {number} rate */
  const y = (rate) => CHART.top + plotHeight * (1 - rate);
  const grid = [0, 0.5, 1].map(
    (rate) => html`<line class="grid" x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${y(rate)}" y2="${y(rate)}"/><text class="axis" x="${CHART.left - 6}" y="${y(rate) + 4}" text-anchor="end">${rate * 100}%</text>`,
  );
  const bars = days.map((day, i) => {
    const x = CHART.left + i * slot + (slot - 2 * bar) / 2;
    const inRate = day.receipts ? day.optIns / day.receipts : 0;
    const outRate = day.receipts ? day.optOuts / day.receipts : 0;
    return html`<rect class="opt-in" x="${x.toFixed(1)}" y="${y(inRate).toFixed(1)}" width="${bar.toFixed(1)}" height="${(plotHeight * inRate).toFixed(1)}"/><rect class="opt-out" x="${(x + bar).toFixed(1)}" y="${y(outRate).toFixed(1)}" width="${bar.toFixed(1)}" height="${(plotHeight * outRate).toFixed(1)}"/>`;
  });
  const labelled = days.length > 2 ? [0, Math.floor((days.length - 1) / 2), days.length - 1] : days.map((_, i) => i);
  const labels = labelled.map(
    (i) => html`<text class="axis" x="${(CHART.left + (i + 0.5) * slot).toFixed(1)}" y="${CHART.height - 8}" text-anchor="middle">${days[i].day.slice(5)}</text>`,
  );
  const first = days[0]?.day ?? '';
  const last = days[days.length - 1]?.day ?? '';
  return html`<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${CHART.width} ${CHART.height}" class="chart">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">Bar chart of the daily opt-in rate and opt-out rate from ${first} to ${last}; the table below has the numbers.</desc>
${grid}${bars}${labels}
</svg>`;
}

/** @param {string} regime @param {Stats['days']} days */
function regimeSection(regime, days) {
  const id = `days-${regime.replace(/[^a-z-]/g, '')}`;
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const rows = sorted.map(
    (day) => html`<tr><th scope="row">${day.day}</th><td>${number.format(day.receipts)}</td><td>${number.format(day.optIns)}</td><td>${percent(day.optIns, day.receipts)}</td><td>${number.format(day.optOuts)}</td><td>${percent(day.optOuts, day.receipts)}</td><td>${number.format(day.gpc)}</td></tr>`,
  );
  return html`<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">Opt-ins and opt-outs per day: ${regime} regime</h2>
<figure>
${dayChart(id, `Opt-in and opt-out rates per day, ${regime} regime`, sorted)}
<figcaption class="legend"><span class="swatch opt-in" aria-hidden="true"></span> opt-in rate <span class="swatch opt-out" aria-hidden="true"></span> opt-out rate</figcaption>
</figure>
<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table>
<caption id="${id}-caption">Receipts per day (UTC), ${regime} regime</caption>
<thead><tr><th scope="col">Day</th><th scope="col">Receipts</th><th scope="col">Opted in</th><th scope="col">Opt-in rate</th><th scope="col">Opted out</th><th scope="col">Opt-out rate</th><th scope="col">With GPC</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
</section>`;
}

/**
 * One horizontal bar per category: the share of receipts naming it that allowed it.
 * @param {Stats['categories']} categories
 */
export function categoryChart(categories) {
  const row = 26;
  const left = 130;
  const width = 640;
  const plot = width - left - 60;
  const height = categories.length * row + 8;
  const bars = categories.map((category, i) => {
    const rate = category.of ? category.allowed / category.of : 0;
    const y = 4 + i * row;
    return html`<text class="axis" x="${left - 8}" y="${y + 16}" text-anchor="end">${category.category}</text><rect class="track" x="${left}" y="${y + 3}" width="${plot}" height="18"/><rect class="opt-in" x="${left}" y="${y + 3}" width="${(plot * rate).toFixed(1)}" height="18"/><text class="axis" x="${left + plot + 6}" y="${y + 16}">${percent(category.allowed, category.of)}</text>`;
  });
  return html`<svg role="img" aria-labelledby="categories-title categories-desc" viewBox="0 0 ${width} ${height}" class="chart">
<title id="categories-title">Acceptance per category</title>
<desc id="categories-desc">Bar chart of the share of receipts that allowed each category; the table below has the numbers.</desc>
${bars}
</svg>`;
}

/** @param {Stats['categories']} categories */
function categorySection(categories) {
  const sorted = [...categories].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  const rows = sorted.map(
    (category) => html`<tr><th scope="row">${category.category}</th><td>${number.format(category.allowed)}</td><td>${number.format(category.of)}</td><td>${percent(category.allowed, category.of)}</td></tr>`,
  );
  return html`<section aria-labelledby="categories-heading">
<h2 id="categories-heading">Acceptance per category</h2>
${sorted.length
    ? html`<figure>${categoryChart(sorted)}</figure>
<div class="scroll" role="region" aria-labelledby="categories-caption" tabindex="0">
<table>
<caption id="categories-caption">Receipts that allowed each category, of those that named it</caption>
<thead><tr><th scope="col">Category</th><th scope="col">Allowed</th><th scope="col">Named</th><th scope="col">Acceptance</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`
    : html`<p>No receipts in this period.</p>`}
</section>`;
}

/** @param {Record<string, boolean>} choices @param {boolean} value */
const named = (choices, value) =>
  Object.keys(choices)
    .filter((key) => choices[key] === value)
    .sort()
    .join(', ') || '–';

/** @param {Lookup | null} lookup @param {string} from @param {string} to */
function lookupSection(lookup, from, to) {
  return html`<section aria-labelledby="lookup-heading">
<h2 id="lookup-heading">Look up a consent id</h2>
<form method="get" action="/" class="lookup">
<input type="hidden" name="from" value="${from}"><input type="hidden" name="to" value="${to}">
<label for="id">Consent id</label>
<input id="id" name="id" type="text" value="${lookup?.id ?? ''}" required minlength="22" maxlength="22" pattern="[A-Za-z0-9_\\-]{22}" spellcheck="false" autocomplete="off" aria-describedby="id-hint${lookup?.error ? ' id-error' : ''}"${lookup?.error ? html` aria-invalid="true"` : ''}>
<button type="submit">Look up</button>
<p id="id-hint" class="hint">22 characters. A visitor finds theirs in the site's privacy settings; it is also the <code>id</code> of every receipt.</p>
${lookup?.error && html`<p id="id-error" class="error">${lookup.error}</p>`}
</form>
${lookup && !lookup.error && history(lookup)}
</section>`;
}

/** @param {Lookup} lookup */
function history(lookup) {
  const rows = lookup.rows ?? [];
  if (!rows.length) return html`<p role="status">No receipts for ${lookup.id}.</p>`;
  const body = rows.map((row) => {
    const r = row.receipt;
    return html`<tr><th scope="row">${row.seq}</th><td>${row.time}</td><td>${row.receivedAt}</td><td>${r.regime}</td><td>${r.revision}</td><td>${named(r.categories, true)}</td><td>${named(r.categories, false)}</td><td>${named(r.services, true)}</td><td>${r.optedOut ? 'yes' : 'no'}</td><td>${r.gpc ? 'yes' : 'no'}</td><td>${r.locale ?? '–'}</td><td>${r.texts ?? '–'}</td><td class="wrap">${r.page}</td><td><code class="hash">${row.hash}</code></td></tr>`;
  });
  const checkpoint = lookup.checkpoint;
  return html`<h3>History of <code>${lookup.id}</code></h3>
<div class="scroll" role="region" aria-labelledby="history-caption" tabindex="0">
<table class="history">
<caption id="history-caption">${rows.length == 1 ? '1 receipt' : `${rows.length} receipts`}, oldest first</caption>
<thead><tr><th scope="col">Row</th><th scope="col">Decided (browser clock)</th><th scope="col">Received</th><th scope="col">Regime</th><th scope="col">Revision</th><th scope="col">Allowed</th><th scope="col">Refused</th><th scope="col">Services allowed</th><th scope="col">Opted out</th><th scope="col">GPC</th><th scope="col">Locale</th><th scope="col">Texts</th><th scope="col">Page</th><th scope="col">Row hash</th></tr></thead>
<tbody>${body}</tbody>
</table>
</div>
${checkpoint
    ? html`<p>Covered by signed checkpoint ${checkpoint.id}: the chain reached row ${checkpoint.seq} with hash <code class="hash">${checkpoint.hash}</code> at ${checkpoint.time} (key ${checkpoint.keyId}).</p>`
    : html`<p>Not yet covered by a signed checkpoint; the server signs one every few minutes.</p>`}`;
}
