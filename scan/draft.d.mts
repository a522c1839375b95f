// Types for scan/draft.mjs: the config draft `samtykke scan` writes.
import type { Item, Kind, Party, ScanResult } from './types';

export interface ReviewEntry {
  /** Item.id */
  item: string;
  kind: Kind;
  name: string;
  /** Why it is not in the draft (or not all of it), in a few words. */
  reason: string;
}

export interface CookieEntry {
  name: string;
  lifetime?: string;
  party: Party;
  domain?: string;
  description?: string;
}

export interface DraftOptions {
  /** The site's existing config: the draft adds to it, never changes it. */
  base?: object;
}

export const ID_PATTERN: RegExp;
export const DEFAULT_CATEGORIES: string[];
export const SCHEMA_PATH: string;

export function draftConfig(result: ScanResult, options?: DraftOptions): { config: Record<string, any>; review: ReviewEntry[] };
export function draftFile(result: ScanResult, options?: DraftOptions): string;
export function reviewText(review: ReviewEntry[]): string;
export function lifetimeWords(days: number | null | undefined): string;
export function cookieNameProblem(name: string): string | undefined;
export function idStem(name: string): string | undefined;
export function cookieEntries(cookies: Item[], seen: string[]): CookieEntry[];
export function slugId(platform: string): string;
export function uniqueId(id: string, taken: Set<string>): string;
