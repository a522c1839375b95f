// From the states' observations to the scan's items: one item per cookie,
// storage key or third-party host, classified once, with its sightings in
// the order they happened. Pure.

/** @typedef {import('./types').Item} Item */

const ORDER = { before: 0, reject: 1, accept: 2, gpc: 3 };
const ITEM_FIELDS = new Set(['key', 'kind', 'name', 'domain', 'path', 'origin', 'party']);

/**
 * @param {object[]} observations from every state's recorder
 * @param {(subject: import('./types').Subject) => import('./types').Classification} classify
 * @returns {Item[]}
 */
export function collectItems(observations, classify) {
  /** @type {Map<string, Item>} */
  const items = new Map();
  for (const observation of observations) {
    let item = items.get(observation.key);
    if (!item) {
      const { key, kind, name, domain, path, origin, party } = observation;
      item = { id: key, kind, name, domain, ...(path ? { path } : {}), ...(origin ? { origin } : {}), party, classification: classify({ kind, name, domain, party }), sightings: [] };
      items.set(key, item);
    }
    item.sightings.push(Object.fromEntries(Object.entries(observation).filter(([field]) => !ITEM_FIELDS.has(field))));
  }
  const sorted = [...items.values()];
  for (const item of sorted) item.sightings.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.at - b.at);
  const KIND = { cookie: 0, localStorage: 1, sessionStorage: 2, request: 3 };
  return sorted.sort((a, b) => KIND[a.kind] - KIND[b.kind] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether an item needs consent: a category that is not `necessary`, and
 * known (an unknown item is a warning of its own, not a violation). */
export const nonEssential = (item) => item.classification.category != 'necessary' && item.classification.category != 'unknown';
