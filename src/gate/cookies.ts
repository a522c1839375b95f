// Deleting the cookies of withdrawn categories and services. Scripts that
// already ran cannot be unloaded, but their cookies can go.
import { parentDomains } from '../storage/domains.js';
import { readCookies, removeCookie } from '../storage/cookie.js';
import { matchesCookie, type CookiePattern } from '../core/cookie-patterns.js';

export function cookieNames(cookie: string): string[] {
  return cookie ? cookie.split(/;\s*/).map((pair) => pair.split('=')[0]) : [];
}

/** Expires every cookie matching a pattern, host-only and on each parent
 * domain (GA sets its cookies on the highest domain it can), except `keep`. */
export function deleteCookies(patterns: CookiePattern[], hostname: string, keep: string): string[] {
  const deleted = cookieNames(readCookies()).filter(
    (name) => name != keep && patterns.some((pattern) => matchesCookie(name, pattern)),
  );
  for (const name of deleted) {
    removeCookie(name, '/');
    for (const domain of parentDomains(hostname)) removeCookie(name, '/', domain);
  }
  return deleted;
}
