// The consent log's hash chain, in plain Node: what the database's trigger
// computes (log/migrations/001_receipts.sql) written once more here, so that
// an export can be checked offline without trusting the database at all.
//
// Each row's `record` is the canonical text of what was stored (Postgres's
// jsonb text output of {seq, consentId, time, receivedAt, ip, userAgent,
// origin, originAllowed, receipt}); its hash is
//   SHA-256( bytes of the previous row's hash ‖ UTF-8 of record )
// and the first row's previous hash is GENESIS. Verification only ever hashes
// the stored text, so it never depends on how the text was produced.
import { createHash } from 'node:crypto';

/** The previous hash of the very first row. */
export const GENESIS = '0'.repeat(64);

/** SHA-256(prevHash bytes ‖ UTF-8 record), hex: the same as the SQL
 * encode(sha256(decode(prev_hash, 'hex') || convert_to(record, 'UTF8')), 'hex'). */
export function chainHash(prevHash, record) {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(record, 'utf8').digest('hex');
}

/** JSON with every object's keys sorted, recursively, and no whitespace: one
 * text for one value, whatever order its keys arrived in. */
export function canonicalJson(value) {
  if (value === null || typeof value != 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

/** What makes a resend the same receipt: SHA-256 (hex) of its canonical JSON. */
export function receiptDigest(receipt) {
  return createHash('sha256').update(canonicalJson(receipt), 'utf8').digest('hex');
}

/** The fields a record names, as a Row carries them (for comparing the two). */
export function recordFields(row) {
  return {
    seq: row.seq,
    consentId: row.consentId,
    time: row.time,
    receivedAt: row.receivedAt,
    ip: row.ip,
    userAgent: row.userAgent,
    origin: row.origin,
    originAllowed: row.originAllowed,
    receipt: row.receipt,
  };
}
