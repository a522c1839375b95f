// What a scan found wrong, from its items and states. Pure: the rules, each
// with its severity, in one place.
//
// Violations: non-essential items before any choice (where the opt-in
// regime asks first), after Reject all, and sale/sharing under GPC.
// Warnings: what the config does not declare, what Reject all left behind,
// third parties nothing could classify, cookies that outlive 13 months.
// Info: what the config declares that no state showed.
import { nonEssential } from './collect.mjs';

/** @typedef {import('./types').Finding} Finding */
/** @typedef {import('./types').Item} Item */

export const SEVERITY = {
  'nonessential-before-consent': 'violation',
  'nonessential-after-reject': 'violation',
  'gpc-not-honoured': 'violation',
  undeclared: 'warning',
  'persists-after-reject': 'warning',
  'unknown-third-party': 'warning',
  'lifetime-over-13-months': 'warning',
  'declared-unseen': 'info',
};
const RANK = { violation: 0, warning: 1, info: 2 };

/** 13 months in days (CNIL: the longest a tracker may live). */
export const THIRTEEN_MONTHS_DAYS = 396;

const KIND_WORDS = { cookie: 'cookie', localStorage: 'localStorage key', sessionStorage: 'sessionStorage key', request: 'request to' };
const STATE_WORDS = { before: 'before any choice', reject: 'after Reject all', accept: 'after Accept all', gpc: 'with Global Privacy Control' };

function describe(item) {
  const { category, source } = item.classification;
  const from = source == 'config' ? "the site's config" : source == 'none' ? 'nothing' : source;
  return `${KIND_WORDS[item.kind]} ${item.name} (${category}, by ${from})`;
}

function finding(rule, item, sighting, message, extra = {}) {
  /** @type {Finding} */
  const out = { rule, severity: SEVERITY[rule], message };
  if (item) Object.assign(out, { item: item.id, kind: item.kind, name: item.name, category: item.classification.category });
  if (sighting) {
    out.state = sighting.state;
    out.page = sighting.page;
    if (sighting.setBy?.url) out.script = sighting.setBy.url;
  }
  return Object.assign(out, extra);
}

/** What to do about an item Reject all left behind. */
function leftBehind(item) {
  if (item.party == 'third') return 'samtykke cannot remove another site\'s data: keep what sets it (a frame, a tag) from loading before consent';
  if (item.classification.source != 'config') return "list it in the config's services so samtykke removes it";
  return "samtykke did not remove it: check the cookie's domain and path (cookie.domain in the config), or keep what sets it from loading before consent";
}

const by = (sighting) => (sighting.setBy?.url ? ` by ${sighting.setBy.url}` : '');

/**
 * @param {object} input
 * @param {Item[]} input.items
 * @param {import('./types').StateRun[]} input.states
 * @param {'opt-in' | 'opt-out' | undefined} input.regime
 * @param {{ categories: Record<string, { sale: boolean, services: Record<string, { cookies: (string | RegExp)[] }> }> } | undefined} input.config the normalised config, if the site has one
 * @returns {Finding[]}
 */
export function findFindings({ items, states, regime, config }) {
  /** @type {Finding[]} */
  const out = [];
  const remaining = new Set(states.find((s) => s.name == 'reject')?.remaining ?? []);
  // The regime of each page in the before state (a site may pass a region
  // per request), else the site's.
  const pageRegime = new Map((states.find((s) => s.name == 'before')?.pages ?? []).map((p) => [p.url, p.regime]));
  const asksFirst = (sighting) => (pageRegime.get(sighting.page) ?? regime) != 'opt-out';
  const sale = (category) => (config?.categories[category] ? config.categories[category].sale : category == 'marketing');

  for (const item of items) {
    const inState = (state) => item.sightings.filter((s) => s.state == state);
    const needsConsent = nonEssential(item);

    // Before any choice: only where consent is asked first. In the opt-out
    // regime (US) non-essential items may run until the visitor opts out.
    const before = inState('before').filter(asksFirst);
    if (needsConsent && before.length) {
      out.push(finding('nonessential-before-consent', item, before[0], `${describe(item)} ${item.kind == 'request' ? 'was sent' : 'was set'} before any choice on ${before[0].page}${by(before[0])}`));
    }

    const reject = inState('reject');
    const afterReject = reject.filter((s) => s.at >= 0);
    if (needsConsent && afterReject.length) {
      out.push(finding('nonessential-after-reject', item, afterReject[0], `${describe(item)} ${item.kind == 'request' ? 'was sent' : 'was set'} after Reject all on ${afterReject[0].page}${by(afterReject[0])}`));
    } else if (needsConsent && item.kind != 'request' && reject.length && remaining.has(item.id)) {
      out.push(finding('persists-after-reject', item, reject[0], `${describe(item)}, set before the choice, was still there after Reject all; ${leftBehind(item)}`));
    }

    const gpc = inState('gpc');
    if (gpc.length && needsConsent && sale(item.classification.category)) {
      out.push(finding('gpc-not-honoured', item, gpc[0], `${describe(item)} is a sale or sharing category, yet it ran ${STATE_WORDS.gpc} on ${gpc[0].page}${by(gpc[0])}`));
    }

    if (config && item.kind == 'cookie' && item.classification.source != 'config') {
      out.push(finding('undeclared', item, item.sightings[0], `${describe(item)} is not in the site's config; add it to a service's cookies`));
    }

    if (item.kind == 'request' && item.classification.category == 'unknown') {
      out.push(finding('unknown-third-party', item, item.sightings[0], `request to ${item.name}: no database knows this host; say what it is with --db, or in the config (data-samtykke on its tag)`));
    }

    if (item.kind == 'cookie') {
      const longest = item.sightings.reduce((max, s) => (s.lifetimeDays != null && s.lifetimeDays > (max?.lifetimeDays ?? -1) ? s : max), undefined);
      if (longest && longest.lifetimeDays > THIRTEEN_MONTHS_DAYS) {
        out.push(finding('lifetime-over-13-months', item, longest, `${describe(item)} lives ${Math.round(longest.lifetimeDays)} days, more than 13 months`));
      }
    }
  }

  // What the config declares that no state showed: a stale entry, or a
  // service that never ran (its page was not in the crawl, or it is broken).
  if (config) {
    const seen = new Set(items.filter((i) => i.classification.source == 'config').map((i) => `${i.classification.service}|${i.classification.pattern}`));
    for (const [category, spec] of Object.entries(config.categories)) {
      for (const [service, { cookies }] of Object.entries(spec.services)) {
        for (const pattern of cookies) {
          const text = typeof pattern == 'string' ? pattern : String(pattern);
          if (seen.has(`${service}|${text}`)) continue;
          out.push(finding('declared-unseen', undefined, undefined, `${category} service ${service} declares cookie ${text}, which no page set in any state`, { category, service, pattern: text }));
        }
      }
    }
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The exit code for findings at or above `failOn`: 1, else 0. */
export function exitCodeFor(findings, failOn) {
  if (failOn == 'never') return 0;
  return findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}

/** Counts of findings by severity. */
export function countFindings(findings) {
  const counts = { violation: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
