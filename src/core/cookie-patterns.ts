// Which cookies belong to what: pure matching, used when consent is
// withdrawn (gate/cookies.ts does the deleting).

export type CookiePattern = string | RegExp;

/** Google's cookies, known without the site listing them: what analytics
 * (GA4) and marketing (Ads conversion linker) consent cover. */
export const KNOWN_COOKIES: Record<string, CookiePattern[]> = {
  analytics: ['_ga', /^_ga_/, '_gid', /^_gat/, /^_dc_gtm_/],
  marketing: [/^_gcl_/],
};

/** `_ga_*` is a prefix; any other string is a whole name; a RegExp is tested
 * (with search(), which ignores a global RegExp's lastIndex). */
export function matchesCookie(name: string, pattern: CookiePattern): boolean {
  if (typeof pattern != 'string') return name.search(pattern) >= 0;
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name == pattern;
}
