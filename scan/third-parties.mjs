// third-party-web's entities (scan/data/third-party-web, MIT): which
// company a request host belongs to and what it does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostAndParents, normaliseHost } from './parent-domains.mjs';

/**
 * One entity as scripts/third-party-web.mjs keeps it.
 * @typedef {object} Entity
 * @property {string} name
 * @property {string} [company] absent where it is the name
 * @property {string} category third-party-web's (ad, analytics, cdn, …)
 * @property {string[]} domains `*.example.com` (the domain and all under
 *   it) or a plain host (that host only)
 */

/**
 * @typedef {object} HostMatch
 * @property {Entity} entity
 * @property {string} category samtykke's
 * @property {string} pattern the listed domain that matched
 */

/**
 * @typedef {object} HostIndex
 * @property {readonly Entity[]} entities
 * @property {(host: string) => HostMatch | undefined} find
 */

export const ENTITIES_JSON = fileURLToPath(new URL('./data/third-party-web/entities.json', import.meta.url));

/** third-party-web's categories as samtykke's. What serves or runs the
 * site (a CDN, a tag manager, the consent tool itself) is necessary;
 * support chat and embedded content are preferences. */
const CATEGORIES = new Map([
  ['ad', 'marketing'],
  ['social', 'marketing'],
  ['marketing', 'marketing'],
  ['video', 'marketing'],
  ['analytics', 'analytics'],
  ['customer-success', 'preferences'],
  ['content', 'preferences'],
  ['cdn', 'necessary'],
  ['hosting', 'necessary'],
  ['utility', 'necessary'],
  ['tag-manager', 'necessary'],
  ['consent-provider', 'necessary'],
]);

/** samtykke's category for third-party-web's; `other` (and anything new) is
 * `unknown`, the entity still named.
 * @param {string} category */
export function thirdPartyCategory(category) {
  return CATEGORIES.get(category) ?? 'unknown';
}

/**
 * An index of the entities' domains, matched as third-party-web's own
 * finder does: a plain host only itself; `*.example.com` example.com and
 * everything under it, the nearest listed domain winning.
 * @param {readonly Entity[]} entities
 * @returns {HostIndex}
 */
export function createHostIndex(entities) {
  /** @type {Map<string, Entity>} */
  const hosts = new Map();
  /** @type {Map<string, Entity>} */
  const domains = new Map();
  for (const entity of entities) {
    for (const listed of entity.domains) {
      // The data has a few capitals (`*.Quinstreet.com`); hosts have none.
      const domain = normaliseHost(listed);
      if (domain.startsWith('*.')) domains.set(domain.slice(2), entity);
      else hosts.set(domain, entity);
    }
  }
  /** @param {Entity} entity @param {string} pattern @returns {HostMatch} */
  const found = (entity, pattern) => ({ entity, category: thirdPartyCategory(entity.category), pattern });
  return {
    entities,
    find(host) {
      const name = normaliseHost(host);
      const entity = hosts.get(name);
      if (entity) return found(entity, name);
      for (const domain of hostAndParents(name)) {
        const under = domains.get(domain);
        if (under) return found(under, '*.' + domain);
      }
      return undefined;
    },
  };
}

/** @type {Map<string, HostIndex>} */
const loaded = new Map();

/**
 * The entities at `path` (the shipped entities.json by default), read once per path.
 * @param {string} [path]
 * @returns {HostIndex}
 */
export function loadThirdParties(path = ENTITIES_JSON) {
  let index = loaded.get(path);
  if (!index) {
    index = createHostIndex(JSON.parse(readFileSync(path, 'utf8')));
    loaded.set(path, index);
  }
  return index;
}
