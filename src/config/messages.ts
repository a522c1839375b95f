// What a site owner reads when a config key is wrong. Shared by the zod
// schema and the production normaliser so both builds say the same thing.
import { MAX_DAYS } from './defaults.js';
import { SERVICE_TWICE } from './services.js';

export const MESSAGES = {
  object: 'must be an object',
  string: 'must be a string',
  boolean: 'must be true or false',
  regime: 'must be "opt-in", "opt-out" or "auto"',
  defaultRegime: 'must be "opt-in" or "opt-out"',
  region: 'must be an ISO 3166 code such as "DK" or "US-CA"',
  revision: 'must be a whole number of 0 or more',
  id: 'must be an id of letters, digits, "_" or "-", starting with a letter (at most 32)',
  cookieName: 'must be 1-64 letters, digits, "_" or "-"',
  days: `must be a number of days from 1 to ${MAX_DAYS} (browsers cap cookies at ${MAX_DAYS} days)`,
  sameSite: 'must be "Lax", "Strict" or "None"',
  layout: 'must be "bar", "bar-top", "box" or "modal"',
  theme: 'must be "auto", "light", "dark" or "high-contrast"',
  party: 'must be "first" or "third"',
  cookiePattern: 'must be a string or RegExp',
  cookies: 'must be a list of cookie names or { name, lifetime, party } objects',
  path: 'must be a URL path starting with "/"',
  gaId: 'must be a GA4 measurement id such as "G-ABC123XYZ"',
  necessarySale: 'cannot be true: the necessary category is never a sale',
  consentMode: 'must be true, false or { mode, waitForUpdate, adsDataRedaction, urlPassthrough, dataLayer }',
  mode: 'must be "basic" (Google\'s tag loads after consent) or "advanced" (it loads at once, with everything denied)',
  waitForUpdate: 'must be a number of milliseconds from 0 to 10000',
  dataLayer: 'must be a JavaScript variable name such as "dataLayer"',
  policy: 'must be a Trusted Types policy name such as "samtykke" (letters, digits and -#=_/@.%)',
  url: 'must be an http(s) URL or a path starting with "/"',
  method: 'must be an https: address, a relative path, a mailto: or a tel: address (or a list of them)',
  noMethod: 'is empty: give an https: address, a relative path, a mailto: or a tel: address, or leave the key out',
  sensitive: 'must be a list of sensitive-data ids such as "precise-geolocation" (see the README)',
  tollFree: 'must be a phone number such as "+1-800-555-0100"',
  unknownKey: 'is not a samtykke option (check the spelling)',
  serviceTwice: SERVICE_TWICE,
} as const;
