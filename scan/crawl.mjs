// Which pages a scan visits: pure functions on URLs. Same-site pages only,
// breadth-first from the start, each address once: fragments and utm_*
// parameters are dropped, since they name the same page.
import { hostOf, siteOf } from './site.mjs';

/** Files that are no page: a crawl does not visit them. */
const NOT_A_PAGE = /\.(pdf|zip|gz|tgz|rar|7z|dmg|exe|msi|apk|jpe?g|png|gif|webp|avif|svg|ico|mp[34]|m4a|mov|avi|webm|wav|ogg|woff2?|ttf|eot|css|js|mjs|json|xml|txt|csv|xlsx?|docx?|pptx?)$/i;

/** The address a page is known by, or undefined for one a crawl skips. */
export function pageAddress(href, base) {
  let url;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol != 'http:' && url.protocol != 'https:') return undefined;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (/^utm_/i.test(key)) url.searchParams.delete(key);
  url.search = url.searchParams.toString() ? '?' + url.searchParams.toString() : '';
  return url.href;
}

/** A glob over a URL's path (and query): `*` is any run of characters but
 * `/`, `**` any run at all, `?` one character. A pattern that starts with
 * `http` is matched against the whole address instead. */
export function globToRegExp(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c == '*' && glob[i + 1] == '*') {
      out += '.*';
      i++;
    } else if (c == '*') out += '[^/]*';
    else if (c == '?') out += '.';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether `--include`/`--exclude` let a page through: it must match an
 * include (when any is given) and no exclude. */
export function allowedByGlobs(address, include, exclude) {
  const url = new URL(address);
  const subject = (glob) => (/^https?:/i.test(glob) ? address : url.pathname + url.search);
  const test = (glob) => globToRegExp(glob).test(subject(glob));
  return (!include.length || include.some(test)) && !exclude.some(test);
}

/**
 * The crawl's rules for one site.
 * @param {{ start: string, include?: string[], exclude?: string[] }} site
 * @returns {(address: string | undefined) => boolean}
 */
export function crawlRules({ start, include = [], exclude = [] }) {
  const origin = new URL(start);
  const site = siteOf(origin.hostname);
  return (address) => {
    if (!address || NOT_A_PAGE.test(new URL(address).pathname)) return false;
    const url = new URL(address);
    return url.protocol == origin.protocol && siteOf(hostOf(address)) == site && allowedByGlobs(address, include, exclude);
  };
}

/** The page addresses in a sitemap (or a sitemap index's sitemaps). */
export function sitemapLocations(xml) {
  const out = [];
  for (const match of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)) out.push(match[1].replace(/&amp;/g, '&'));
  return out;
}

/** A breadth-first queue of pages, each address once, at most `limit`. */
export function createQueue(limit, allowed) {
  const seen = new Set();
  const queue = [];
  return {
    /** Adds an address (already made with pageAddress); false if skipped.
     * `always` skips the rules (the start page). */
    add(address, always = false) {
      if (!address || seen.has(address) || !(always || allowed(address))) return false;
      seen.add(address);
      queue.push(address);
      return true;
    },
    next() {
      return queue.shift();
    },
    get pending() {
      return queue.length;
    },
    limit,
  };
}
