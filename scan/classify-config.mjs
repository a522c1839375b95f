// What the site's own samtykke config says about a cookie or a request
// host: the strongest source there is, since the site declared it. The config
// is read with samtykke's production normaliser (dist/esm), so the scanner
// sees the categories, services and cookie patterns the SDK itself acts on.
import { normalise } from '../dist/esm/config/normalise.js';
import { KNOWN_COOKIES, matchesCookie } from '../dist/esm/core/cookie-patterns.js';
import { US_PRIVACY_COOKIE } from '../dist/esm/signals/us-privacy.js';
import { lookupHost, normaliseHost } from './parent-domains.mjs';

/** @typedef {import('./types').Classification} Classification */
/** @typedef {import('./types').Subject} Subject */
/** @typedef {string | RegExp} CookiePattern */

/**
 * What the browser side found gating a host on the page (a blocked
 * script's or iframe's category and service), by host.
 * @typedef {ReadonlyMap<string, { category: string, service?: string }> | Readonly<Record<string, { category: string, service?: string }>>} SiteHosts
 */

/**
 * One declared pattern and what the config says around it.
 * @typedef {object} Declared
 * @property {CookiePattern} pattern
 * @property {string} category
 * @property {string} service
 * @property {Partial<Classification>} details platform, controller, description, retention, privacyUrl
 */

/**
 * A classifier for the config's answers: cookies and request hosts only
 * (a config declares no storage keys). Undefined where it has none.
 * @param {unknown} config the site's config as given (undefined: none found)
 * @param {SiteHosts} [siteHosts]
 * @returns {(subject: Subject) => Classification | undefined}
 */
export function createConfigClassifier(config, siteHosts) {
  const hosts = hostTable(siteHosts);
  if (config === undefined) return (subject) => (subject.kind === 'request' ? byHost(hosts, subject, new Map()) : undefined);
  const { config: core } = normalise(config);
  const raw = /** @type {any} */ (config);
  /** @type {Declared[]} */
  const declared = [];
  /** @type {Map<string, Partial<Classification>>} */
  const services = new Map();
  for (const [category, { services: given }] of Object.entries(core.categories)) {
    for (const [service, { cookies }] of Object.entries(given)) {
      const spec = raw?.categories?.[category]?.services?.[service];
      const about = serviceDetails(spec);
      services.set(service, about);
      const rows = cookieDetails(spec);
      for (const pattern of cookies) {
        declared.push({ pattern, category, service, details: { ...about, ...rows.get(key(pattern)) } });
      }
    }
  }
  const exact = new Map();
  for (const entry of declared) if (isWhole(entry.pattern) && !exact.has(entry.pattern)) exact.set(entry.pattern, entry);
  // Prefixes longest first, then RegExps in the config's order.
  const prefixes = declared.filter(({ pattern }) => typeof pattern == 'string' && pattern.endsWith('*'));
  prefixes.sort((a, b) => String(b.pattern).length - String(a.pattern).length);
  const regexps = declared.filter(({ pattern }) => pattern instanceof RegExp);
  // Google's cookies count only where the config has the category they belong to.
  const known = Object.entries(KNOWN_COOKIES).filter(([category]) => category in core.categories);
  const record = core.cookie.name;

  return (subject) => {
    if (subject.kind === 'request') return byHost(hosts, subject, services);
    if (subject.kind !== 'cookie') return undefined;
    const { name } = subject;
    if (name === record) return { category: 'necessary', source: 'config', confidence: 'high', match: 'known', pattern: record, platform: 'samtykke' };
    // samtykke writes it itself where a US law applies (the IAB US Privacy string).
    if (name === US_PRIVACY_COOKIE) return { category: 'necessary', source: 'config', confidence: 'high', match: 'known', pattern: name, platform: 'samtykke', description: 'The IAB US Privacy string: whether the visitor opted out of sale.' };
    const found =
      exact.get(name) ??
      prefixes.find(({ pattern }) => matchesCookie(name, pattern)) ??
      regexps.find(({ pattern }) => matchesCookie(name, pattern));
    if (found) {
      const { pattern, category, service, details } = found;
      const match = pattern instanceof RegExp ? 'pattern' : isWhole(pattern) ? 'exact' : 'prefix';
      return { category, source: 'config', confidence: 'high', match, pattern: String(pattern), service, ...details };
    }
    for (const [category, patterns] of known) {
      const pattern = patterns.find((p) => matchesCookie(name, p));
      if (pattern) return { category, source: 'config', confidence: 'high', match: 'known', pattern: String(pattern), platform: GOOGLE[category] };
    }
    return undefined;
  };
}

/** Whose KNOWN_COOKIES are (Google Analytics 4; the Ads conversion linker). */
const GOOGLE = /** @type {Record<string, string>} */ ({ analytics: 'Google Analytics', marketing: 'Google Ads' });

/** @param {CookiePattern} pattern @returns {pattern is string} */
const isWhole = (pattern) => typeof pattern == 'string' && !pattern.endsWith('*');

/** A pattern as a Map key: a RegExp by its source text (`/^_ga_/`). */
const key = (/** @type {CookiePattern} */ pattern) => String(pattern);

/** @param {SiteHosts | undefined} siteHosts */
function hostTable(siteHosts) {
  const entries = siteHosts instanceof Map ? [...siteHosts] : Object.entries(siteHosts ?? {});
  return new Map(entries.map(([host, value]) => [normaliseHost(host), value]));
}

/**
 * @param {Map<string, { category: string, service?: string }>} hosts
 * @param {Subject} subject
 * @param {Map<string, Partial<Classification>>} services
 * @returns {Classification | undefined}
 */
function byHost(hosts, { name }, services) {
  const found = lookupHost(hosts, name);
  if (!found) return undefined;
  const [domain, { category, service }] = found;
  /** @type {Classification} */
  const answer = { category, source: 'config', confidence: 'high', match: 'host', pattern: domain, service, ...(service && services.get(service)) };
  return compact(answer);
}

/** What a service's own keys say: its name, provider and policy; its
 * purpose stands in for a cookie's description where the cookie has none.
 * @param {any} spec @returns {Partial<Classification>} */
function serviceDetails(spec) {
  if (!isObject(spec)) return {};
  return compact({
    platform: text(spec.name),
    controller: text(spec.provider),
    description: text(spec.purpose),
    privacyUrl: text(spec.privacyPolicyUrl),
  });
}

/** The cookie rows' descriptions and lifetimes (`{ name, lifetime,
 * description }`), by pattern: the normaliser keeps only the names.
 * @param {any} spec @returns {Map<string, Partial<Classification>>} */
function cookieDetails(spec) {
  const rows = new Map();
  if (!isObject(spec) || !Array.isArray(spec.cookies)) return rows;
  for (const cookie of spec.cookies) {
    if (!isObject(cookie) || cookie instanceof RegExp) continue;
    const name = cookie.name;
    if (typeof name != 'string' && !(name instanceof RegExp)) continue;
    rows.set(key(name), compact({ description: text(cookie.description), retention: text(cookie.lifetime) }));
  }
  return rows;
}

/** @param {unknown} value @returns {value is Record<string, any>} */
const isObject = (value) => typeof value == 'object' && value !== null;

/** @param {unknown} value */
const text = (value) => (typeof value == 'string' && value.trim() ? value.trim() : undefined);

/** The object without its undefined values.
 * @template {object} T @param {T} object @returns {T} */
function compact(object) {
  return /** @type {T} */ (Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)));
}
