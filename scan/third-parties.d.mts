// Types for third-parties.mjs, which the unit tests import.
export interface Entity {
  name: string;
  /** Absent where it is the name. */
  company?: string;
  /** third-party-web's category (ad, analytics, cdn, …). */
  category: string;
  /** `*.example.com` (it and all under it) or a plain host (only that host). */
  domains: string[];
}
export interface HostMatch {
  entity: Entity;
  /** samtykke's category. */
  category: string;
  /** The listed domain that matched. */
  pattern: string;
}
export interface HostIndex {
  readonly entities: readonly Entity[];
  find(host: string): HostMatch | undefined;
}
export const ENTITIES_JSON: string;
export function thirdPartyCategory(category: string): string;
export function createHostIndex(entities: readonly Entity[]): HostIndex;
/** The entities at `path` (the shipped entities.json by default), read once per path. */
export function loadThirdParties(path?: string): HostIndex;
