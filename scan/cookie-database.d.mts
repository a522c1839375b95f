// Types for cookie-database.mjs, which the unit tests import.
/** One row, cleaned up: `name` is the prefix itself for a wildcard row. */
export interface CookieRow {
  name: string;
  wildcard: boolean;
  /** samtykke's category (or a site's own id, in an override). */
  category: string;
  /** Normalised, without "(3rd party)"; empty: any. */
  domains: string[];
  platform?: string;
  description?: string;
  retention?: string;
  controller?: string;
  privacyUrl?: string;
}
export interface CookieMatch {
  row: CookieRow;
  match: 'exact' | 'prefix';
  /** The name, or the prefix with `*` (`_ga_*`). */
  pattern: string;
}
export interface CookieIndex {
  readonly rows: readonly CookieRow[];
  match(name: string, domain?: string): CookieMatch | undefined;
}
export const DATABASE_CSV: string;
export const COLUMNS: Readonly<Record<'platform' | 'category' | 'name' | 'domain' | 'description' | 'retention' | 'controller' | 'privacyUrl' | 'wildcard', string>>;
/** RFC 4180 records, each a list of unquoted fields. */
export function parseCsv(text: string): string[][];
export function databaseCategory(category: string): string | undefined;
export function domainsOf(cell: string): string[];
export function rowsFromTable(table: string[][], options?: { ownCategories?: boolean }): CookieRow[];
export function createCookieIndex(rows: readonly CookieRow[]): CookieIndex;
/** The database at `path` (the shipped CSV by default), read once per path. */
export function loadCookieDatabase(path?: string): CookieIndex;
