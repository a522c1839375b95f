// Types for third-party-web.mjs, which the unit tests import.
export const OUT_DIR: string;
/** The installed package's folder. */
export function packageDir(): string;
/** The files scripts/third-party-web.mjs writes, by name, from the package at `dir`. */
export function thirdPartyWebFiles(dir?: string): Record<string, string>;
