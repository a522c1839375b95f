// Types for classify.mjs, which the scanner and the unit tests import.
import type { Classification, Subject } from './types';
import type { CookieIndex } from './cookie-database.mjs';
import type { HostIndex } from './third-parties.mjs';
import type { Override } from './override.mjs';
export { loadOverride, parseOverride } from './override.mjs';
export type { Override } from './override.mjs';

/** Host → the category (and service) the page's gated elements give it. */
export type SiteHosts =
  | ReadonlyMap<string, { category: string; service?: string }>
  | Readonly<Record<string, { category: string; service?: string }>>;

export interface ClassifierOptions {
  /** The site's samtykke config as given (undefined: none). */
  config?: unknown;
  /** A --db file, from loadOverride(). */
  override?: Override;
  /** Default: the shipped Open Cookie Database. */
  database?: CookieIndex;
  /** Default: the shipped third-party-web entities. */
  hosts?: HostIndex;
  siteHosts?: SiteHosts;
}
export function createClassifier(options?: ClassifierOptions): (subject: Subject) => Classification;
