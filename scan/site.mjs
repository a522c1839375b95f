// First or third party: by registrable domain (eTLD+1), as browsers draw
// the line for cookies and SameSite, with the Public Suffix List's private
// part too (two sites on github.io are two sites). tldts carries the list;
// it is an optional peer dependency, loaded by the scan command (deps.mjs).

/** @type {(host: string, options: object) => string | null} */
let getDomain;

/** Gives this module tldts's getDomain (deps.mjs loads it once). */
export function useDomains(fn) {
  getDomain = fn;
}

/** The registrable domain of a host; a host with none (localhost, an IP
 * address) is its own site. */
export function siteOf(host) {
  const bare = host.replace(/^\./, '').replace(/^\[|\]$/g, '').toLowerCase();
  return (getDomain && getDomain(bare, { allowPrivateDomains: true })) || bare;
}

/** A URL's host (no port), or '' for one that does not parse. */
export function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** @returns {'first' | 'third'} */
export function partyOf(host, site) {
  return siteOf(host) == site ? 'first' : 'third';
}
