// What the store reads back: the columns it selects and how a database row
// becomes a Row, Checkpoint or Notice. pg returns bigint as a string and
// PGlite as a number, so numbers are cast here; times are formatted in SQL
// (samtykke_iso) so both engines give the same ISO text.

/** The columns of a Row, in SQL. */
export const ROW_COLUMNS = `seq, consent_id, "time", samtykke_iso(received_at) AS received_at, ip, user_agent,
  origin, origin_allowed, receipt, digest, record, prev_hash, hash`;

export const CHECKPOINT_COLUMNS = `id, seq, hash, "time", signature, key_id`;

export const NOTICE_COLUMNS = `hash, revision, locale, texts, samtykke_iso(registered_at) AS registered_at`;

/** @returns {import('./types').Row} */
export function rowOf(r) {
  return {
    seq: Number(r.seq),
    consentId: r.consent_id,
    time: r.time,
    receivedAt: r.received_at,
    ip: r.ip,
    userAgent: r.user_agent,
    origin: r.origin,
    originAllowed: r.origin_allowed,
    receipt: r.receipt,
    digest: r.digest,
    record: r.record,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** @returns {import('./types').Checkpoint} */
export function checkpointOf(r) {
  return { id: Number(r.id), seq: Number(r.seq), hash: r.hash, time: r.time, signature: r.signature, keyId: r.key_id };
}

/** @returns {import('./types').Notice} */
export function noticeOf(r) {
  return { hash: r.hash, revision: r.revision == null ? null : Number(r.revision), locale: r.locale, texts: r.texts, registeredAt: r.registered_at };
}
