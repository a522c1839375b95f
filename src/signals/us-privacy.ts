// The legacy IAB US Privacy string ("uspv1", deprecated by IAB in favour of
// GPP, still read by ad servers): `__uspapi('getUSPData', 1, cb)` and the
// first-party `usprivacy` cookie.
import type { CoreConfig } from '../config/schema.js';
import type { ConsentSnapshot } from '../consent.js';
import { serveFrames } from './frames.js';
import { readCookies, removeCookie, writeCookie } from '../storage/cookie.js';

/** `1` (version), notice given, opted out of sale, LSPA-covered; `1---`
 * where the CCPA does not apply. */
export function uspString(applies: boolean, optedOut: boolean, lspa: boolean): string {
  return applies ? `1Y${optedOut ? 'Y' : 'N'}${lspa ? 'Y' : 'N'}` : '1---';
}

type Page = Window & Record<string, any>;

/** The IAB's name for it; the scanner knows it as samtykke's own. */
export const US_PRIVACY_COOKIE = 'usprivacy';

/** Defines `__uspapi` (answered at once, as the spec demands) and keeps the
 * `usprivacy` cookie in step where a US law applies. */
export function startUsPrivacy(page: Page, config: CoreConfig, applies: boolean, current: () => ConsentSnapshot) {
  const value = () => uspString(applies, current().optedOut, !!config.mspa);
  if (typeof page.__uspapi != 'function') {
    page.__uspapi = (command: unknown, version: unknown, callback: unknown) => {
      if (typeof callback != 'function') return;
      if (command == 'getUSPData' && (version === 1 || version == null)) callback({ version: 1, uspString: value() }, true);
      else if (command == 'ping') callback({ version: 1, uspapiLoaded: true }, true);
      else callback(null, false);
    };
    if (applies) serveFrames(page, '__uspapi');
  }
  const { domain, path, sameSite, optOutDays } = config.cookie;
  // One left from a visit where a US law applied would now say the wrong
  // thing. Looked for once: nothing here writes it later, and each read of
  // document.cookie costs the click that records a choice.
  if (!applies) {
    if (readCookies().includes(US_PRIVACY_COOKIE + '=')) removeCookie(US_PRIVACY_COOKIE, path, domain);
    return () => {};
  }
  const write = () =>
    writeCookie(US_PRIVACY_COOKIE, value(), { domain, path, sameSite, days: optOutDays, secure: location.protocol == 'https:' || sameSite == 'None' });
  write();
  return write;
}
