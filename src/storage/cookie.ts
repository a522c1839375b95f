// Writes and expires cookies by hand, in the few bytes samtykke needs: every
// value it writes is made of cookie-octets already (the record codec, the US
// Privacy string), and every name it removes comes from the config's checked
// pattern or from document.cookie itself, so js-cookie's percent-encoding
// (and its ~600 B gzip on every page view) buys nothing here.

export interface CookieAttributes {
  path: string;
  domain?: string;
  sameSite?: string;
  secure?: boolean;
  /** Lifetime in days; negative expires the cookie now. */
  days: number;
}

/** `document.cookie`, or '' where reading it throws (a frame sandboxed
 * without allow-same-origin, a page that guards it): no cookie to read. */
export function readCookies(page: Pick<Document, 'cookie'> = document): string {
  try {
    return page.cookie;
  } catch {
    return '';
  }
}

/** Sets `name=value`. A page (or a sandboxed frame) whose cookie setter
 * throws is treated like one that refuses the cookie: the caller reads back
 * to find out. */
export function writeCookie(name: string, value: string, { path, domain, sameSite, secure, days }: CookieAttributes) {
  try {
    document.cookie =
      `${name}=${value};path=${path};expires=${new Date(Date.now() + days * 864e5).toUTCString()}` +
      (domain ? ';domain=' + domain : '') +
      (sameSite ? ';samesite=' + sameSite : '') +
      (secure ? ';secure' : '');
  } catch {
    // Refused: the read-back says so.
  }
}

/** Expires `name` on `path`, host-only or on `domain`. */
export const removeCookie = (name: string, path: string, domain?: string) => writeCookie(name, '', { path, domain, days: -1 });
