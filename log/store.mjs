// The consent log's store (the `Store` of ./types.d.ts): PGlite in a
// directory by default, any Postgres with databaseUrl. Both run the same
// migrations and the same SQL; the chain, the dedupe and the append-only
// rules live in the database's triggers, so every process writing to one
// Postgres keeps one chain. Node only signs (the key stays out of the
// database) and checks.
import { join } from 'node:path';
import { GENESIS, receiptDigest } from './chain.mjs';
import { openPglite, openPostgres } from './db.mjs';
import { migrate } from './migrate.mjs';
import { CHECKPOINT_COLUMNS, NOTICE_COLUMNS, ROW_COLUMNS, checkpointOf, noticeOf, rowOf } from './rows.mjs';
import { checkpointText, loadSigningKey, retentionText } from './signing.mjs';
import { stats } from './stats.mjs';
import { chainWalk, checkCheckpoints, signedAnchors, verifyResult } from './verify.mjs';

/**
 * @typedef {import('./types').Store} Store
 * @typedef {import('./types').Received} Received
 * @typedef {{ lastSeq: number; lastHash: string; time: string; signature: string; keyId: string }} RetentionRecord
 * @typedef {{ databaseUrl?: string; dir?: string; keyFile?: string; key?: string | import('node:crypto').KeyObject; pool?: number }} StoreOptions
 */

/** Rows per page when verify() walks the chain. */
const PAGE = 2000;

/** Serialises retention runs (never two at once on one database). */
const RETENTION_LOCK = 0x73616d75;

// One statement for the whole batch: the rows arrive as one jsonb array, in
// order (i), and the chain trigger numbers them as they are inserted.
const INSERT = `INSERT INTO receipts (consent_id, "time", received_at, ip, user_agent, origin, origin_allowed, receipt, digest)
SELECT r.consent_id, r."time", r.received_at, r.ip, r.user_agent, r.origin, r.origin_allowed, r.receipt, r.digest
FROM jsonb_to_recordset($1::jsonb) AS r(i int, consent_id text, "time" text, received_at timestamptz, ip text,
  user_agent text, origin text, origin_allowed boolean, receipt jsonb, digest text)
ORDER BY r.i`;

/**
 * Opens (and migrates) the log's database.
 * @param {StoreOptions} options
 * @returns {Promise<Store & { retentionLog(): Promise<RetentionRecord[]>; db: import('./db.mjs').Db; keyId: string }>}
 */
export async function openStore({ databaseUrl, dir = '.samtykke-log', keyFile, key, pool } = {}) {
  // The key first: a bad key must not leave a database open.
  const signing = loadSigningKey({ key, keyFile, dir });
  const db = databaseUrl ? await openPostgres(databaseUrl, { max: pool }) : await openPglite(join(dir, 'pgdata'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }

  /** @param {Received[]} batch */
  async function insertBatch(batch) {
    const seen = new Set();
    const rows = [];
    for (const received of batch) {
      const digest = receiptDigest(received.receipt);
      // A resend within one batch is skipped here; one already stored, by the trigger.
      if (seen.has(digest)) continue;
      seen.add(digest);
      rows.push({
        i: rows.length,
        consent_id: received.receipt.id,
        time: received.receipt.time,
        received_at: new Date(received.receivedAt).toISOString(),
        ip: received.ip ?? null,
        user_agent: received.userAgent ?? null,
        origin: received.origin ?? null,
        origin_allowed: Boolean(received.originAllowed),
        receipt: received.receipt,
        digest,
      });
    }
    if (!rows.length) return { inserted: 0, skipped: batch.length };
    const json = JSON.stringify(rows);
    // Postgres text and jsonb cannot hold U+0000: say which receipt, rather than fail in SQL.
    if (json.includes('\\u0000')) {
      const index = batch.findIndex((received) => JSON.stringify(received).includes('\\u0000'));
      throw new TypeError(`insertBatch: receipt ${index} contains U+0000, which Postgres cannot store`);
    }
    const { rowCount } = await db.transaction((tx) => tx.query(INSERT, [json]));
    return { inserted: rowCount, skipped: batch.length - rowCount };
  }

  async function history(consentId) {
    const rows = (await db.query(`SELECT ${ROW_COLUMNS} FROM receipts WHERE consent_id = $1 ORDER BY seq`, [consentId])).rows.map(rowOf);
    if (!rows.length) return { rows, checkpoint: null };
    const found = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints WHERE seq >= $1 ORDER BY id DESC LIMIT 1`, [rows[rows.length - 1].seq]);
    return { rows, checkpoint: found.rows.length ? checkpointOf(found.rows[0]) : null };
  }

  async function rows({ afterSeq = 0, limit }) {
    return (await db.query(`SELECT ${ROW_COLUMNS} FROM receipts WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit])).rows.map(rowOf);
  }

  const head = async () => {
    const [row] = (await db.query('SELECT seq, hash FROM chain_head')).rows;
    return { seq: Number(row.seq), hash: row.hash };
  };

  async function checkpoints() {
    return (await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM checkpoints ORDER BY id`)).rows.map(checkpointOf);
  }

  /** @returns {Promise<RetentionRecord[]>} */
  async function retentionRecords() {
    const found = await db.query('SELECT "time", last_seq, last_hash, signature, key_id FROM retention_log ORDER BY id');
    return found.rows.map((r) => ({ time: r.time, lastSeq: Number(r.last_seq), lastHash: r.last_hash, signature: r.signature, keyId: r.key_id }));
  }

  async function verify() {
    const publicKey = signing.publicKeyPem;
    // The head bounds the walk: rows inserted meanwhile are left for next time.
    const start = await head();
    const all = await checkpoints();
    const after = await head();
    // A checkpoint past the head read after it can only mean rows (and the
    // head) were rolled back; one between the two heads is merely new.
    const toCheck = all.filter((checkpoint) => checkpoint.seq <= start.seq || checkpoint.seq > after.seq);
    const anchors = signedAnchors(await retentionRecords(), publicKey);
    const walk = chainWalk({ anchors, keep: new Set(toCheck.map((checkpoint) => checkpoint.seq)) });
    for (let afterSeq = 0; ; ) {
      const page = (await db.query(`SELECT ${ROW_COLUMNS} FROM receipts WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`, [afterSeq, start.seq, PAGE])).rows.map(rowOf);
      for (const row of page) walk.add(row);
      if (page.length < PAGE) break;
      afterSeq = page[page.length - 1].seq;
    }
    const walked = walk.result();
    let broken = walked.ok ? null : { brokenAt: walked.brokenAt, reason: walked.reason };
    // The end of the chain must be the head: else the newest rows are gone.
    // With no rows left, the end is where retention last deleted to (or the empty chain's start).
    const end = walked.last == null ? [...anchors].reverse().find((anchor) => anchor.lastSeq == start.seq) ?? { lastSeq: 0, lastHash: GENESIS } : { lastSeq: walked.last, lastHash: walked.lastHash };
    if (!broken && (end.lastSeq != start.seq || end.lastHash != start.hash)) {
      broken = { brokenAt: end.lastSeq + 1, reason: end.lastSeq < start.seq ? `rows ${end.lastSeq + 1} to ${start.seq} are missing (the chain head is at ${start.seq})` : `the chain head (${start.seq}) does not match the last row` };
    }
    const checked = checkCheckpoints(toCheck, { publicKey, hashes: walk.hashes, first: walked.first, last: walked.last, anchors, beyond: 'bad' });
    return verifyResult(walked, broken, checked);
  }

  async function checkpoint() {
    const at = await head();
    if (at.seq == 0) return null;
    const [latest] = (await db.query('SELECT max(seq) AS seq FROM checkpoints')).rows;
    if (latest.seq != null && Number(latest.seq) >= at.seq) return null;
    const time = new Date().toISOString();
    const signature = signing.sign(checkpointText({ seq: at.seq, hash: at.hash, time }));
    // Two servers may checkpoint the same head at once: the first one stands.
    const found = await db.query(
      `INSERT INTO checkpoints (seq, hash, "time", signature, key_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (seq) DO NOTHING RETURNING ${CHECKPOINT_COLUMNS}`,
      [at.seq, at.hash, time, signature, signing.keyId],
    );
    return found.rows.length ? checkpointOf(found.rows[0]) : null;
  }

  /** @param {{ before: Date; dryRun?: boolean }} options */
  async function retention({ before, dryRun = false }) {
    const cutoff = new Date(before);
    if (Number.isNaN(cutoff.getTime())) throw new TypeError('retention: before is not a date');
    const iso = cutoff.toISOString();
    return db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK]);
      // The oldest rows only, as one run of seqs: everything before the first
      // row received on or after `before`. The chain then starts right after.
      const [range] = (
        await tx.query(
          `SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM receipts
           WHERE seq < coalesce((SELECT min(seq) FROM receipts WHERE received_at >= $1::timestamptz), 9223372036854775807)`,
          [iso],
        )
      ).rows;
      const n = Number(range.n);
      if (dryRun || !n) return { rows: n, before: iso, dryRun };
      const lastSeq = Number(range.last);
      const [last] = (await tx.query('SELECT hash FROM receipts WHERE seq = $1', [lastSeq])).rows;
      await tx.query(`SELECT set_config('samtykke.retention', 'on', true)`);
      const deleted = await tx.query('DELETE FROM receipts WHERE seq <= $1', [lastSeq]);
      await tx.query(`SELECT set_config('samtykke.retention', 'off', true)`);
      const time = new Date().toISOString();
      const signature = signing.sign(retentionText({ lastSeq, lastHash: last.hash, time }));
      await tx.query(
        `INSERT INTO retention_log ("time", before, rows, first_seq, last_seq, last_hash, signature, key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [time, iso, deleted.rowCount, Number(range.first), lastSeq, last.hash, signature, signing.keyId],
      );
      return { rows: deleted.rowCount, before: iso, dryRun };
    });
  }

  async function registerNotice({ hash, revision = null, locale, texts }) {
    // Insert-only: a hash names one text for ever, so a second registration returns the first.
    await db.query(`INSERT INTO notices (hash, revision, locale, texts) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (hash) DO NOTHING`, [hash, revision, locale, JSON.stringify(texts)]);
    return /** @type {import('./types').Notice} */ (await notice(hash));
  }

  async function notice(hash) {
    const found = await db.query(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE hash = $1`, [hash]);
    return found.rows.length ? noticeOf(found.rows[0]) : null;
  }

  return {
    kind: db.kind,
    insertBatch,
    history,
    rows,
    stats: (options) => stats(db, options),
    verify,
    checkpoint,
    checkpoints,
    retention,
    registerNotice,
    notice,
    publicKey: () => signing.publicKeyPem,
    close: () => db.close(),
    // Beyond the Store contract: the signed retention records (for exports:
    // verifyExport's `retention`), the database (for tests and tools) and the key's id.
    retentionLog: retentionRecords,
    db,
    keyId: signing.keyId,
  };
}
