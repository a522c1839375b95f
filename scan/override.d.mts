// Types for override.mjs (the --db file; its format is documented there).
import type { CookieIndex } from './cookie-database.mjs';
export interface HostRule {
  category: string;
  platform?: string;
  description?: string;
  controller?: string;
}
export interface Override {
  /** Where it was read from, for messages. */
  file: string;
  cookies: CookieIndex;
  /** By normalised host. */
  hosts: ReadonlyMap<string, HostRule>;
}
/** Reads a --db file, JSON or CSV; throws an Error with a one-line message naming the file. */
export function loadOverride(path: string): Override;
export function parseOverride(text: string, file?: string): Override;
