// Which sites may send receipts (`--origins`), and the CORS headers they get.
//
// The SDK posts from the site's pages to the log's URL, usually another
// origin. sendBeacon sends with credentials ("include") and, for the SDK's
// application/json Blob, after a preflight; a credentialed request is only
// let through by a response naming the exact origin with
// Access-Control-Allow-Credentials: true. The endpoint reads no cookie, so
// allowing credentials exposes nothing but the one-line status text.
//
// With an allow-list, any other Origin (and a request with none: every
// browser sends Origin on a POST) is refused with 403. Without one, every
// origin is served and the row records that nothing vouched for it
// (originAllowed false).

/**
 * The allow-list from `--origins a,b`: each entry an http(s) origin, kept as
 * URL#origin writes it (lower-case host, no default port).
 * @param {string | undefined} text
 * @returns {string[] | null} null when no list was given
 */
export function parseOrigins(text) {
  if (text === undefined) return null;
  const origins = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!origins.length) throw new Error('--origins takes a comma-separated list like https://shop.example,https://www.shop.example');
  return origins.map((entry) => {
    let url;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`--origins: "${entry}" is not an origin like https://shop.example`);
    }
    if ((url.protocol != 'http:' && url.protocol != 'https:') || url.origin + '/' != url.href.replace(/\/?$/, '/')) {
      throw new Error(`--origins: "${entry}" is not an origin like https://shop.example (no path, no query)`);
    }
    return url.origin;
  });
}

/** The header as an origin URL#origin would write, or null when it is not one. */
function normalizeOrigin(/** @type {string} */ header) {
  try {
    const url = new URL(header);
    return url.protocol == 'http:' || url.protocol == 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * What the server thinks of a request's Origin header.
 * @param {string | undefined} header
 * @param {string[] | null} allowList
 * @returns {{ origin: string | null, allowed: boolean, refused: boolean, cors: string | null }}
 *   origin: the header as received (for the row, truncated); allowed: it
 *   matched the list; refused: answer 403; cors: the value for
 *   Access-Control-Allow-Origin, or null for no CORS headers.
 */
export function judgeOrigin(header, allowList) {
  const origin = header === undefined ? null : header.slice(0, 512);
  const normalized = header === undefined ? null : normalizeOrigin(header);
  const allowed = Boolean(allowList && normalized && allowList.includes(normalized));
  // The echo is the normalized origin (what browsers send anyway), so no
  // byte of a hostile header ever reaches a response header.
  if (allowList) return { origin, allowed, refused: !allowed, cors: allowed ? normalized : null };
  return { origin, allowed: false, refused: false, cors: normalized };
}

/**
 * The CORS headers of every answer to an origin that may send receipts.
 * @param {string | null} cors
 * @returns {Record<string, string>}
 */
export function corsHeaders(cors) {
  const headers = /** @type {Record<string, string>} */ ({ Vary: 'Origin' });
  if (cors) {
    headers['Access-Control-Allow-Origin'] = cors;
    headers['Access-Control-Allow-Credentials'] = 'true';
  }
  return headers;
}

/** The extra headers of a preflight answer. */
export const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
};
