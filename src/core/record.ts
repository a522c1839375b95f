/** What the browser remembers of the visitor's choice: one per browser,
 * stored in the first-party cookie by storage/. Everything else (what is
 * allowed, the US Privacy and GPP strings, the Consent Mode map) is derived
 * from it, never stored beside it. */
export interface ConsentRecord {
  /** Version of the record's encoding (storage/codec.ts). */
  version: number;
  /** The config `revision` the choice was made under. */
  revision: number;
  /** When the choice was made, ms since the epoch (kept to the second). */
  timestamp: number;
  /** Random id of this browser's consent, for the site's consent receipts. */
  id: string;
  /** The visitor's choice per category; a category missing here was never asked. */
  categories: Record<string, boolean>;
  /** Services the visitor switched off (or on) one by one. */
  services: Record<string, boolean>;
  /** The visitor opted out of the sale or sharing of personal information. */
  optedOut: boolean;
  /** A Global Privacy Control signal was seen when the record was written. */
  gpc: boolean;
  /** The visitor limited the use of their sensitive personal information
   * (CPRA "Limit the Use of My Sensitive Personal Information"). */
  limited: boolean;
}

export const DAY = 864e5;

/** `Object.hasOwn` for ES2020 targets: a category named `constructor` must
 * not read `Object.prototype.constructor` as a choice. */
export const own = (bag: object, key: string): boolean => Object.prototype.hasOwnProperty.call(bag, key);
