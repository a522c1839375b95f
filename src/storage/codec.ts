// The record's cookie value: compact, versioned, and read strictly. Anything
// that does not parse exactly is "no record" (ask again), never a guess.
//
//   1.<revision>.<seconds>.<id>.<flags>.<categories>.<services>.<check>
//   1.0.toupc0.V1StGXR8_Z5jdHi6B-myTw.0.preferences:0|analytics:1|marketing:0..9myxga
//
// Numbers are base 36; flags: 1 = opted out of sale/sharing, 2 = GPC seen,
// 4 = the use of sensitive personal information limited. A record with the
// Limit is version 2, one without it version 1 (so older copies of samtykke
// on the site's other pages still read it in full): the flag and the
// version always agree, so that one record has one spelling;
// choices are `id:1|id:0`. Every character is a cookie-octet (RFC 6265), so
// the value is stored as written, with no escaping (storage/cookie.ts).
//
// <check> is a hash of everything before it. Without it a value cut short at
// an entry boundary would still parse, and a dropped `hotjar:0` would grant
// the service the visitor switched off. It is no signature (anyone can
// recompute it), only a guard against truncation and careless edits.
import type { ConsentRecord } from '../core/record.js';
import { RECORD_VERSION } from '../core/choice.js';

const OPTED_OUT = 1;
const GPC = 2;
const LIMITED = 4;
const ENTRY = /^([A-Za-z][A-Za-z0-9_-]{0,31}):([01])$/;
// What every version, now and later, begins with:
// <version>.<revision>.<seconds>.<id>.<flags>. Numbers as encode() writes
// them (no leading zero), so one record has one spelling.
const HEAD = /^([1-9]\d*)\.(0|[1-9a-z][0-9a-z]{0,10})\.(0|[1-9a-z][0-9a-z]{0,7})\.([A-Za-z0-9_-]{22})\.(\d+)\./;
// This version's rest: <categories>.<services>.<check>.
const REST = /^([^.]*)\.([^.]*)\.([0-9a-z]{1,7})$/;

/** FNV-1a, 32 bits, base 36. */
function check(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}

const choices = (bag: Record<string, boolean>) =>
  Object.keys(bag).map((id) => `${id}:${+bag[id]}`).join('|');

export function encode(record: ConsentRecord): string {
  const body = [
    record.limited ? 2 : 1,
    record.revision.toString(36),
    Math.floor(record.timestamp / 1000).toString(36),
    record.id,
    (record.optedOut ? OPTED_OUT : 0) | (record.gpc ? GPC : 0) | (record.limited ? LIMITED : 0),
    choices(record.categories),
    choices(record.services),
  ].join('.');
  return body + '.' + check(body);
}

function parseChoices(text: string): Record<string, boolean> | null {
  const out: Record<string, boolean> = {};
  if (!text) return out;
  for (const entry of text.split('|')) {
    const match = ENTRY.exec(entry);
    // A name twice is not something encode() writes: tampered.
    if (!match || Object.prototype.hasOwnProperty.call(out, match[1])) return null;
    out[match[1]] = match[2] == '1';
  }
  return out;
}

/** The record in a cookie value, or null if it is not one samtykke wrote.
 * A newer version's record is read for its id and opt-out only: it never
 * counts as a current choice (the visitor is asked again), but an opt-out
 * of sale stored by a newer samtykke is kept, as it only takes away. */
export function decode(value: string | undefined): ConsentRecord | null {
  const head = value ? HEAD.exec(value) : null;
  if (!head) return null;
  const version = +head[1];
  const later = version > RECORD_VERSION;
  const flags = +head[5];
  const rest = REST.exec(value!.slice(head[0].length));
  // This version's record must parse exactly and match its check.
  if (!later && !(rest && flags < 8 && flags >> 2 == version - 1 && head[5].length < 2 && check(value!.slice(0, -rest[3].length - 1)) == rest[3])) return null;
  const categories = later ? {} : parseChoices(rest![1]);
  const services = later ? {} : parseChoices(rest![2]);
  const revision = later ? -1 : parseInt(head[2], 36);
  // Beyond 2^53 a revision would not read back as written.
  if (!categories || !services || !Number.isSafeInteger(revision)) return null;
  return {
    version,
    revision,
    timestamp: parseInt(head[3], 36) * 1000,
    id: head[4],
    categories,
    services,
    optedOut: !!(flags & OPTED_OUT),
    gpc: !!(flags & GPC),
    limited: !!(flags & LIMITED),
  };
}

/** Of several cookies with the record's name (host-only and domain copies),
 * the newest readable one wins. */
export function newest(values: readonly string[]): ConsentRecord | null {
  let best: ConsentRecord | null = null;
  for (const value of values) {
    const record = decode(value);
    if (record && (!best || record.timestamp > best.timestamp)) best = record;
  }
  return best;
}
