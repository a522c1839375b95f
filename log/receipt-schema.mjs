// The consent receipt as the consent log accepts it: version 1, exactly the
// shape src/receipts.ts sends, nothing more. A receipt is proof of a
// decision (GDPR Art. 7(1)), so the log refuses anything it could not stand
// behind later: unknown keys, ids the SDK cannot make, times in the future.
//
// The digest (SHA-256 of the canonical text) is what makes a resend the same
// receipt: the SDK resends a receipt it could not deliver, and a beacon may
// arrive twice. The store dedupes on it, so the server and the store must
// compute it the same way: both use receiptDigest() from here.
import { z } from 'zod';
import { canonicalJson } from './chain.mjs';

/** @typedef {import('./types').Receipt} Receipt */

/** The SDK's consent id: 22 characters of base64url (src/storage/consent-id.ts). */
export const CONSENT_ID = /^[A-Za-z0-9_-]{22}$/;
/** A category or service id, as the config allows them (src/config/defaults.ts ID_PATTERN). */
export const ITEM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** Categories or services per receipt. A config has a handful; 64 is generous. */
export const MAX_ITEMS = 64;
/** A browser clock may run ahead; a day ahead is a wrong clock, not a decision. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Before samtykke existed: a receipt from then is a broken clock or a forgery. */
export const EARLIEST = Date.UTC(2020, 0, 1);

// No control characters in stored text: they would hide in a CSV or a terminal.
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** @param {number} max */
const text = (max) => z.string().max(max, `at most ${max} characters`).regex(PRINTABLE, 'no control characters');

/** @param {string} what */
const choices = (what) =>
  z
    .unknown()
    // zod drops an own "__proto__" key from a record silently (so it can't
    // replace the result's prototype); a receipt with one is refused instead,
    // so what is stored is exactly what was sent.
    .refine((value) => !(value && typeof value == 'object' && Object.hasOwn(value, '__proto__')), {
      message: 'not an id like "analytics"',
      path: ['__proto__'],
      abort: true,
    })
    .pipe(z.record(z.string().regex(ITEM_ID, `an id like "analytics"`), z.boolean()))
    .refine((record) => Object.keys(record).length <= MAX_ITEMS, `at most ${MAX_ITEMS} ${what}`);

/** An absolute http(s) URL, or a path on the site ("/pricing"); never "//host". */
function isPage(/** @type {string} */ value) {
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return url.protocol == 'http:' || url.protocol == 'https:';
  } catch {
    return false;
  }
}

/**
 * The schema, with the clock it checks `time` against.
 * @param {() => number} now
 */
export function receiptSchema(now = Date.now) {
  return z.strictObject({
    v: z.literal(1),
    id: z.string().regex(CONSENT_ID, '22 characters of base64url'),
    time: z.iso
      .datetime({ offset: true })
      .refine((time) => Date.parse(time) >= EARLIEST, 'before 2020')
      .refine((time) => Date.parse(time) <= now() + MAX_FUTURE_MS, 'in the future'),
    revision: z.number().int().min(0).max(1e9),
    regime: z.enum(['opt-in', 'opt-out']),
    categories: choices('categories'),
    services: choices('services'),
    optedOut: z.boolean(),
    gpc: z.boolean(),
    limited: z.boolean(),
    locale: text(35).nullable(),
    texts: text(128).nullable(),
    page: text(2048).refine(isPage, 'an http(s) URL or a path'),
  });
}

const RECEIPT = receiptSchema();
// One schema per clock: building a zod schema costs far more than using it
// (the server passes its clock with every receipt).
const schemas = new WeakMap();
/** @param {() => number} now */
function schemaFor(now) {
  let schema = schemas.get(now);
  if (!schema) schemas.set(now, (schema = receiptSchema(now)));
  return schema;
}

/**
 * Validates a parsed JSON value as a receipt v1.
 * The reason is short and names the field ("categories.ads: expected boolean"),
 * for the 422 answer: a site owner debugging their endpoint reads it.
 * @param {unknown} value
 * @param {() => number} [now]
 * @returns {{ ok: true, receipt: Receipt } | { ok: false, reason: string }}
 */
export function parseReceipt(value, now) {
  const result = (now ? schemaFor(now) : RECEIPT).safeParse(value);
  if (result.success) return { ok: true, receipt: /** @type {Receipt} */ (result.data) };
  return { ok: false, reason: reasonOf(result.error.issues[0]) };
}

/** @param {import('zod').core.$ZodIssue} issue */
function reasonOf(issue) {
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code == 'invalid_type') message = `expected ${issue.expected}`;
  else if (issue.code == 'unrecognized_keys') message = `unknown key ${JSON.stringify(issue.keys[0])}`;
  else if (issue.code == 'invalid_key') message = 'not an id like "analytics"';
  else if (issue.code == 'invalid_value') message = `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  else if (issue.code == 'invalid_format' && issue.format == 'datetime') message = 'not an ISO 8601 time';
  // Keys come from the sender: keep the answer short whatever they are.
  return `${path || 'receipt'}: ${message}`.slice(0, 200);
}

// The canonical text and the digest are the chain's (log/chain.mjs): one
// definition, which the store, the server and the offline check share.
export { canonicalJson, receiptDigest } from './chain.mjs';

/**
 * The receipt's canonical text: what its digest is computed over.
 * @param {Receipt} receipt
 */
export function canonicalReceipt(receipt) {
  return canonicalJson(receipt);
}
