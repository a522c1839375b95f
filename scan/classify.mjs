// Classifies what a scan saw (a cookie, a storage key, a request host):
// which consent category it belongs to, and who said so. The sources are
// asked strongest first and the first that answers wins:
//   1. the site's samtykke config (and the hosts its gated elements name),
//   2. the --db override (override.mjs documents its format),
//   3. the Open Cookie Database (cookies and storage keys),
//   4. third-party-web (request hosts; a third party's cookie by its domain),
//   5. naming conventions (heuristics.mjs),
// else `unknown`. One exception to the order: a database prefix shorter than
// 4 characters (the data has `tp*`, `_s*`, `SR*`) would claim `_session` or
// `tpx` for some ad network; it answers after 4 and 5, not before.
import { createConfigClassifier } from './classify-config.mjs';
import { loadCookieDatabase } from './cookie-database.mjs';
import { heuristic } from './heuristics.mjs';
import { lookupHost } from './parent-domains.mjs';
import { loadThirdParties } from './third-parties.mjs';

export { loadOverride, parseOverride } from './override.mjs';

/** @typedef {import('./types').Classification} Classification */
/** @typedef {import('./types').Subject} Subject */
/** @typedef {import('./cookie-database.mjs').CookieIndex} CookieIndex */
/** @typedef {import('./cookie-database.mjs').CookieMatch} CookieMatch */
/** @typedef {import('./third-parties.mjs').HostIndex} HostIndex */
/** @typedef {import('./override.mjs').Override} Override */
/** @typedef {import('./classify-config.mjs').SiteHosts} SiteHosts */

/**
 * @typedef {object} ClassifierOptions
 * @property {unknown} [config] the site's samtykke config, as given (undefined: none)
 * @property {Override} [override] a --db file, from loadOverride()
 * @property {CookieIndex} [database] default: the shipped Open Cookie Database
 * @property {HostIndex} [hosts] default: the shipped third-party-web entities
 * @property {SiteHosts} [siteHosts] host → the category (and service) the
 *   page's gated elements give it
 */

/** A fresh object each time: the scanner may add to what it is given. */
const unknown = () => /** @type {Classification} */ ({ category: 'unknown', source: 'none', confidence: 'none' });

/**
 * @param {ClassifierOptions} [options]
 * @returns {(subject: Subject) => Classification}
 */
export function createClassifier({ config, override, database = loadCookieDatabase(), hosts = loadThirdParties(), siteHosts } = {}) {
  const fromConfig = createConfigClassifier(config, siteHosts);
  return (subject) => {
    const answer = fromConfig(subject) ?? (override && fromOverride(override, subject));
    if (answer) return answer;
    const listed = subject.kind === 'request' ? undefined : fromDatabase(database, subject);
    // Low only for a prefix under 4 characters: it waits (see the top).
    if (listed && listed.confidence !== 'low') return listed;
    const company = fromHosts(hosts, subject);
    // An entity of category `other` names the company but not the purpose:
    // a naming convention may still tell a cookie's.
    if (company && company.category !== 'unknown') return company;
    return fromHeuristics(subject) ?? listed ?? company ?? unknown();
  };
}

/** @param {CookieIndex} database @param {Subject} subject @returns {Classification | undefined} */
function fromDatabase(database, { name, domain }) {
  const found = database.match(name, domain);
  if (!found) return undefined;
  const short = found.match === 'prefix' && found.pattern.length - 1 < 4;
  return fromRow(found, 'open-cookie-database', short ? 'low' : 'medium');
}

/** A request by its host; a third party's cookie or storage key by its
 * domain, weaker: the company is known, not what this name does.
 * @param {HostIndex} hosts @param {Subject} subject @returns {Classification | undefined} */
function fromHosts(hosts, { kind, name, domain, party }) {
  const request = kind === 'request';
  if (!request && party !== 'third') return undefined;
  const found = hosts.find(request ? name || domain : domain);
  if (!found) return undefined;
  const { entity, category, pattern } = found;
  const confidence = request ? 'medium' : 'low';
  return { category, source: 'third-party-web', confidence, match: 'host', pattern, platform: entity.name, controller: entity.company ?? entity.name };
}

/** @param {Subject} subject @returns {Classification | undefined} */
function fromHeuristics({ kind, name }) {
  // Cookies only: storage keys named "session" are as often an analytics
  // SDK's session counter as a login.
  const found = kind === 'cookie' ? heuristic(name) : undefined;
  return found && { category: 'necessary', source: 'heuristic', confidence: 'low', ...found };
}

/** @param {Override} override @param {Subject} subject @returns {Classification | undefined} */
function fromOverride(override, { kind, name, domain }) {
  if (kind === 'request') {
    const found = lookupHost(override.hosts, name || domain);
    return found && { ...found[1], source: 'override', confidence: 'high', match: 'host', pattern: found[0] };
  }
  const found = override.cookies.match(name, domain);
  return found && fromRow(found, 'override', 'high');
}

/**
 * @param {CookieMatch} found
 * @param {'override' | 'open-cookie-database'} source
 * @param {Classification['confidence']} confidence
 * @returns {Classification}
 */
function fromRow({ row, match, pattern }, source, confidence) {
  // The row's name, wildcard flag and domains are how it matched, not what it says.
  const { name: _name, wildcard: _wildcard, domains: _domains, category, ...details } = row;
  return { category, source, confidence, match, pattern, ...details };
}
