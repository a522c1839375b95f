// Who may read the log: whoever holds the admin token. The API takes it as
// `Authorization: Bearer <token>`. The dashboard, which a person opens in a
// browser, takes it once in a login form and then holds a session cookie.
//
// Why not `?token=` in the URL: a URL ends up in the browser's history, in
// proxy and access logs, and in bookmarks, and the token opens the whole
// log. A form post keeps it out of all of those.
//
// The cookie is HttpOnly (no script can read it; the dashboard runs none
// anyway), SameSite=Strict (another site cannot make the browser send it,
// so no CSRF against the dashboard's forms), and holds no token: it is an
// expiry and an HMAC of it keyed by the token. It is good for the dashboard
// only, expires in 12 hours, and dies when the token changes.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'samtykke_log_session';
export const SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Compares in constant time. Hashing both first makes the compared lengths
 * equal, so not even the token's length leaks through timing.
 * @param {string | null | undefined} given
 * @param {string} token
 */
export function tokenMatches(given, token) {
  if (typeof given != 'string' || !given) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * The token of an `Authorization: Bearer <token>` header, else null.
 * @param {string | undefined} header
 */
export function bearerToken(header) {
  const match = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** @param {string} token @param {number} expires */
function mac(token, expires) {
  return createHmac('sha256', token).update(`dashboard-session\n${expires}`).digest('base64url');
}

/**
 * A new session cookie's value: `<expiry ms>.<hmac>`.
 * @param {string} token
 * @param {number} now
 */
export function newSession(token, now) {
  const expires = now + SESSION_MS;
  return `${expires}.${mac(token, expires)}`;
}

/**
 * @param {string | null} value
 * @param {string} token
 * @param {number} now
 */
export function sessionValid(value, token, now) {
  const match = value ? /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires <= now || expires > now + SESSION_MS) return false;
  const expected = Buffer.from(mac(token, expires));
  const given = Buffer.from(match[2]);
  return given.length == expected.length && timingSafeEqual(given, expected);
}

/**
 * One cookie's value from a Cookie header, else null.
 * @param {string | undefined} header
 * @param {string} name
 */
export function cookieValue(header, name) {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() == name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * The Set-Cookie header for a session (or, with value '', for logging out).
 * `Secure` whenever the dashboard is reached over https.
 * @param {string} value
 * @param {boolean} secure
 */
export function sessionCookie(value, secure) {
  const age = value ? Math.floor(SESSION_MS / 1000) : 0;
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${age}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
