/**
 * A site's own classifications, `samtykke scan --db <file>`: they beat the
 * Open Cookie Database and third-party-web, and lose only to the site's
 * samtykke config. Two forms are read.
 *
 * JSON (a `.json` file, or any file starting with `{`):
 *
 *     {
 *       "cookies": [
 *         { "name": "_pk_id*", "category": "analytics", "platform": "Matomo",
 *           "description": "Visitor id", "domain": "example.com" }
 *       ],
 *       "hosts": [
 *         { "host": "stats.example.net", "category": "analytics", "platform": "Matomo" }
 *       ]
 *     }
 *
 * - `cookies` (cookie names and localStorage/sessionStorage keys): `name`
 *   and `category` are required. A trailing `*` makes the name a prefix
 *   (the longest prefix wins, a whole name before any prefix). `domain`
 *   decides only between entries of one name: the one whose domain the
 *   cookie is on (or under) wins, else one without a domain, else the
 *   first. Also allowed:
 *   `platform`, `description`, `retention`, `controller`, `privacyUrl`.
 * - `hosts` (request hosts): `host` and `category` are required; the entry
 *   covers the host and every host under it (`*.` in front is allowed and
 *   changes nothing). Also allowed: `platform`, `description`, `controller`.
 * - `category` is any id: samtykke's (`necessary`, `preferences`,
 *   `analytics`, `marketing`) or one of the site's own categories.
 * - Either list may be left out, not both; any other key is an error (a
 *   misspelt key would otherwise be silently ignored).
 *
 * CSV (a `.csv` file, or a file whose header names the columns): the Open
 * Cookie Database's own columns, so a maintained fork of it works as it is.
 * `Cookie / Data Key name` and `Category` are required, the other columns
 * optional; the database's categories (Functional, Security, Analytics,
 * Marketing, Personalization) are mapped as the database's are, any other
 * text is kept as a category id.
 *
 * A file that cannot be read or does not fit throws an Error whose message
 * is one line naming the file and the problem.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { COLUMNS, createCookieIndex, domainsOf, parseCsv, rowsFromTable } from './cookie-database.mjs';
import { normaliseHost } from './parent-domains.mjs';

/** @typedef {import('./cookie-database.mjs').CookieRow} CookieRow */
/** @typedef {import('./cookie-database.mjs').CookieIndex} CookieIndex */

/**
 * @typedef {object} HostRule
 * @property {string} category
 * @property {string} [platform]
 * @property {string} [description]
 * @property {string} [controller]
 */

/**
 * @typedef {object} Override
 * @property {string} file where it was read from, for messages
 * @property {CookieIndex} cookies
 * @property {ReadonlyMap<string, HostRule>} hosts by normalised host
 */

const COOKIE_KEYS = ['name', 'category', 'platform', 'description', 'domain', 'retention', 'controller', 'privacyUrl'];
const HOST_KEYS = ['host', 'category', 'platform', 'description', 'controller'];

/**
 * Reads a --db file, JSON or CSV (by its extension, else by its content).
 * @param {string} path
 * @returns {Override}
 */
export function loadOverride(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot be read (${/** @type {NodeJS.ErrnoException} */ (error).code ?? oneLine(error)})`);
  }
  return parseOverride(text, path);
}

/**
 * A --db file's text as an Override; `file` names it in errors, and its
 * extension (`.json`, `.csv`) decides the form where it has one.
 * @param {string} text
 * @param {string} [file]
 * @returns {Override}
 */
export function parseOverride(text, file = '--db') {
  const ext = extname(file).toLowerCase();
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (ext === '.json' || (ext !== '.csv' && /^[{[]/.test(start))) return fromJson(text, file);
  if (ext === '.csv' || start.split(/\r?\n/, 1)[0].includes(COLUMNS.name)) return fromCsv(text, file);
  throw new Error(`${file}: neither JSON ({"cookies": [...], "hosts": [...]}) nor a CSV in the Open Cookie Database's columns`);
}

/** @param {string} text @param {string} file @returns {Override} */
function fromJson(text, file) {
  /** @type {unknown} */
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${oneLine(error)})`);
  }
  const fail = (/** @type {string} */ problem) => new Error(`${file}: ${problem}`);
  if (!isObject(data)) throw fail(`expected an object {"cookies": [...], "hosts": [...]}, found ${kind(data)}`);
  for (const key of Object.keys(data)) {
    if (key !== 'cookies' && key !== 'hosts') throw fail(`unknown key "${key}" (expected "cookies" and "hosts")`);
  }
  if (data.cookies === undefined && data.hosts === undefined) throw fail('has neither "cookies" nor "hosts"');
  const cookies = list(data.cookies, 'cookies', COOKIE_KEYS, 'name', fail);
  const hosts = list(data.hosts, 'hosts', HOST_KEYS, 'host', fail);
  return {
    file,
    cookies: createCookieIndex(
      cookies.map((entry, i) => {
        const starred = entry.name.endsWith('*');
        const name = starred ? entry.name.slice(0, -1) : entry.name;
        if (!name) throw fail(`cookies[${i}]: a name of only "*" would match every cookie`);
        const { domain, ...details } = entry;
        return { ...details, name, wildcard: starred, domains: domain ? domainsOf(domain) : [] };
      }),
    ),
    hosts: new Map(
      hosts.map(({ host, ...rule }) => {
        if (host.includes('/')) throw fail(`hosts entry "${host}": give a host name (stats.example.net), not a URL`);
        return [normaliseHost(host.replace(/^\*\./, '')), rule];
      }),
    ),
  };
}

/**
 * A list's entries, checked: objects of known keys whose values are
 * strings, with the two required ones non-empty (trimmed).
 * @param {unknown} value
 * @param {string} at the list's key
 * @param {string[]} keys allowed keys
 * @param {string} id the required key besides `category`
 * @param {(problem: string) => Error} fail
 * @returns {Array<Record<string, string> & { category: string }>}
 */
function list(value, at, keys, id, fail) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fail(`"${at}" must be a list, found ${kind(value)}`);
  return value.map((entry, i) => {
    const where = `${at}[${i}]`;
    if (!isObject(entry)) throw fail(`${where} must be an object with "${id}" and "category", found ${kind(entry)}`);
    /** @type {Record<string, string>} */
    const out = {};
    for (const [key, text] of Object.entries(entry)) {
      if (!keys.includes(key)) throw fail(`${where} has an unknown key "${key}" (allowed: ${keys.join(', ')})`);
      if (typeof text !== 'string') throw fail(`${where}.${key} must be a string, found ${kind(text)}`);
      if (text.trim()) out[key] = text.trim();
    }
    if (!out[id]) throw fail(`${where} has no ${id}`);
    if (!out.category) throw fail(`${where} ("${out[id]}") has no category`);
    return /** @type {Record<string, string> & { category: string }} */ (out);
  });
}

/** @param {string} text @param {string} file @returns {Override} */
function fromCsv(text, file) {
  let table;
  try {
    table = parseCsv(text);
    // A fork's blank lines are no mistake; a row without a name or category is.
    table = table.filter((record) => record.some((field) => field.trim()));
    const header = table[0] ?? [];
    for (const column of [COLUMNS.name, COLUMNS.category]) {
      const at = header.findIndex((title) => title.trim() === column);
      const missing = at < 0 ? -1 : table.findIndex((record, i) => i > 0 && !record[at]?.trim());
      if (missing > 0) throw new Error(`data row ${missing} has no "${column}"`);
    }
    return { file, cookies: createCookieIndex(rowsFromTable(table, { ownCategories: true })), hosts: new Map() };
  } catch (error) {
    throw new Error(`${file}: ${oneLine(error)}`);
  }
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a wrong value is, in a message: `an array`, `a number`, `null`. */
function kind(/** @type {unknown} */ value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

/** An error's message on one line. */
function oneLine(/** @type {unknown} */ error) {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}
