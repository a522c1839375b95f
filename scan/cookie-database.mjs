// The Open Cookie Database (scan/data/open-cookie-database, Apache-2.0):
// cookie names and storage keys, read into an index that answers a name in
// a few Map lookups. A --db override in the database's own columns is read
// with the same code (override.mjs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.mjs';
import { normaliseHost, underDomain } from './parent-domains.mjs';

export { parseCsv };

/** @typedef {import('./types').Classification} Classification */

/**
 * One row, cleaned up: `name` is the prefix itself for a wildcard row.
 * @typedef {object} CookieRow
 * @property {string} name
 * @property {boolean} wildcard
 * @property {string} category samtykke's category (or a site's own id, in an override)
 * @property {string[]} domains normalised, without "(3rd party)"; empty: any
 * @property {string} [platform]
 * @property {string} [description]
 * @property {string} [retention]
 * @property {string} [controller]
 * @property {string} [privacyUrl]
 */

/**
 * A name's match: the row, and whether the whole name or a prefix matched.
 * @typedef {object} CookieMatch
 * @property {CookieRow} row
 * @property {'exact' | 'prefix'} match
 * @property {string} pattern the name, or the prefix with `*` (`_ga_*`)
 */

/**
 * @typedef {object} CookieIndex
 * @property {readonly CookieRow[]} rows
 * @property {(name: string, domain?: string) => CookieMatch | undefined} match
 */

export const DATABASE_CSV = fileURLToPath(new URL('./data/open-cookie-database/open-cookie-database.csv', import.meta.url));

/** The database's columns, by header text (found by name, not position). */
export const COLUMNS = /** @type {const} */ ({
  platform: 'Platform',
  category: 'Category',
  name: 'Cookie / Data Key name',
  domain: 'Domain',
  description: 'Description',
  retention: 'Retention period',
  controller: 'Data Controller',
  privacyUrl: 'User Privacy & GDPR Rights Portals',
  wildcard: 'Wildcard match',
});

/** The database's categories as samtykke's. Functional and Security are what
 * a site needs to work; a few rows say Necessary outright. */
const CATEGORIES = new Map([
  ['functional', 'necessary'],
  ['security', 'necessary'],
  ['necessary', 'necessary'],
  ['analytics', 'analytics'],
  ['marketing', 'marketing'],
  ['personalization', 'preferences'],
]);

/** samtykke's category for the database's, or undefined for any other text.
 * @param {string} category */
export function databaseCategory(category) {
  return CATEGORIES.get(category.trim().toLowerCase());
}

/** Stray whitespace and zero-width characters occur in the community data. */
const clean = (/** @type {string | undefined} */ text) => (text ?? '').replace(/[\u200b-\u200d\ufeff]/g, '').trim();

/** A Domain cell as a list: `.bing.com (3rd party) or .microsoft.com (3rd party)`
 * is two domains; "(3rd party)" only says the cookie is set from there.
 * @param {string} cell */
export function domainsOf(cell) {
  return clean(cell)
    .replace(/\(3rd party\)/gi, ' ')
    .split(/[\s,]+/)
    .filter((word) => word && word.toLowerCase() !== 'or')
    .map((word) => normaliseHost(word.replace(/^\*\./, '')))
    .filter(Boolean);
}

/**
 * The rows of a table in the database's columns (the first record is the
 * header). `ownCategories`: keep a category the database does not have as
 * it is (a site's own id, in an override); otherwise it is `unknown`.
 * @param {string[][]} table
 * @param {{ ownCategories?: boolean }} [options]
 * @returns {CookieRow[]}
 */
export function rowsFromTable(table, { ownCategories = false } = {}) {
  const header = (table[0] ?? []).map(clean);
  /** @type {Record<keyof typeof COLUMNS, number>} */
  const at = /** @type {any} */ ({});
  for (const [key, title] of Object.entries(COLUMNS)) at[/** @type {keyof typeof COLUMNS} */ (key)] = header.indexOf(title);
  for (const key of /** @type {const} */ (['name', 'category'])) {
    if (at[key] < 0) throw new Error(`no "${COLUMNS[key]}" column in the header (the Open Cookie Database's columns are expected)`);
  }
  /** @type {CookieRow[]} */
  const rows = [];
  for (const record of table.slice(1)) {
    const cell = (/** @type {keyof typeof COLUMNS} */ key) => (at[key] < 0 ? '' : clean(record[at[key]]));
    let name = cell('name');
    // A few names end in `*` where the Wildcard column says 0: the star says it.
    const starred = name.endsWith('*');
    if (starred) name = name.slice(0, -1);
    const given = cell('category');
    if (!name || !given) continue;
    /** @type {CookieRow} */
    const row = {
      name,
      wildcard: starred || cell('wildcard') === '1',
      category: databaseCategory(given) ?? (ownCategories ? given : 'unknown'),
      domains: domainsOf(cell('domain')),
    };
    for (const key of /** @type {const} */ (['platform', 'description', 'retention', 'controller', 'privacyUrl'])) {
      const value = cell(key);
      if (value) row[key] = value;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * An index over rows: a Map of whole names, and a Map of prefixes probed
 * from the longest prefix length down, so a lookup costs one Map probe per
 * distinct prefix length (a few dozen), not one per row.
 * A wildcard row matches its own name exactly too (`_gat` is `_gat*`'s).
 * @param {readonly CookieRow[]} rows
 * @returns {CookieIndex}
 */
export function createCookieIndex(rows) {
  /** @type {Map<string, CookieRow[]>} */
  const exact = new Map();
  /** @type {Map<string, CookieRow[]>} */
  const prefixes = new Map();
  for (const row of rows) {
    push(exact, row.name, row);
    if (row.wildcard) push(prefixes, row.name, row);
  }
  const lengths = [...new Set([...prefixes.keys()].map((prefix) => prefix.length))].sort((a, b) => b - a);
  return {
    rows,
    match(name, domain = '') {
      const host = normaliseHost(domain);
      const same = exact.get(name);
      if (same) return { row: pick(same, host), match: 'exact', pattern: name };
      for (const length of lengths) {
        if (length >= name.length) continue;
        const prefix = name.slice(0, length);
        const found = prefixes.get(prefix);
        if (found) return { row: pick(found, host), match: 'prefix', pattern: prefix + '*' };
      }
      return undefined;
    },
  };
}

/** Several rows for one name (`DSID`: Google's, and DoubleClick's on
 * doubleclick.net): the one whose Domain the cookie is on, else one that
 * names no domain (it holds anywhere), else the first. */
function pick(/** @type {CookieRow[]} */ rows, /** @type {string} */ host) {
  if (rows.length === 1) return rows[0];
  return (
    (host && rows.find((row) => row.domains.some((domain) => underDomain(host, domain)))) ||
    rows.find((row) => row.domains.length === 0) ||
    rows[0]
  );
}

/** @template V @param {Map<string, V[]>} map @param {string} key @param {V} value */
function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** @type {Map<string, CookieIndex>} */
const loaded = new Map();

/**
 * The database at `path` (the shipped CSV by default), read once per path.
 * @param {string} [path]
 * @returns {CookieIndex}
 */
export function loadCookieDatabase(path = DATABASE_CSV) {
  let index = loaded.get(path);
  if (!index) {
    index = createCookieIndex(rowsFromTable(parseCsv(readFileSync(path, 'utf8'))));
    loaded.set(path, index);
  }
  return index;
}
