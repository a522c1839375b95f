// `samtykke log verify --file export.ndjson --public-key key.pem`: checks an
// NDJSON export without the server or the database, so a copy handed to an
// auditor (or kept in cold storage) can be checked by anyone with the
// public key:
//
//   - each row's hash is SHA-256(previous hash bytes ‖ UTF-8 record), and
//     its prevHash is the row before's hash, with no gap in seq;
//   - each row's digest is the digest of its receipt (receipt-schema.mjs),
//     and where the record names a digest, seq or receipt, they agree with
//     the row (so a receipt cannot be edited beside an untouched record);
//   - each checkpoint's Ed25519 signature holds, and its hash is the hash of
//     the row it names, when that row is in the export.
//
// The first row's prevHash is taken as given: retention deletes the oldest
// rows, and a checkpoint (signed while they existed) is what vouches for
// the start. Rows after the newest checkpoint are chained but not signed;
// they are counted as `uncovered`.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { canonicalJson, receiptDigest } from './receipt-schema.mjs';

/** @typedef {import('./types').VerifyResult} VerifyResult */
/** @typedef {import('./types').Checkpoint} Checkpoint */

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A verifier fed one line at a time (so a file of any size streams through).
 * @param {string} publicKeyPem
 */
export function createExportVerifier(publicKeyPem) {
  const key = createPublicKey(publicKeyPem);
  /** @type {number | null} */
  let first = null;
  /** @type {{ seq: number, hash: string } | null} */
  let previous = null;
  let checked = 0;
  let lineNumber = 0;
  /** @type {{ at: number, reason: string } | null} */
  let broken = null;
  // Row hashes by seq - first, 32 bytes each: a million rows is 32 MB.
  let hashes = Buffer.alloc(32 * 1024);
  /** @type {Checkpoint[]} */
  const checkpoints = [];

  /** @param {number} at @param {string} reason */
  const breakAt = (at, reason) => {
    if (!broken) broken = { at, reason };
  };

  /** @param {any} row */
  function checkRow(row) {
    const at = Number.isSafeInteger(row.seq) ? row.seq : (previous?.seq ?? 0) + 1;
    if (!Number.isSafeInteger(row.seq) || typeof row.record != 'string' || !HEX64.test(row.prevHash) || !HEX64.test(row.hash)) {
      return breakAt(at, `line ${lineNumber}: not a row of the log`);
    }
    if (previous && row.seq != previous.seq + 1) return breakAt(previous.seq + 1, `row ${previous.seq + 1} is missing (next is ${row.seq})`);
    if (previous && row.prevHash != previous.hash) return breakAt(row.seq, `row ${row.seq}'s prevHash is not row ${previous.seq}'s hash`);
    const hash = createHash('sha256').update(Buffer.from(row.prevHash, 'hex')).update(row.record, 'utf8').digest('hex');
    if (hash != row.hash) return breakAt(row.seq, `row ${row.seq}'s hash does not match its record`);
    let digest;
    try {
      digest = receiptDigest(row.receipt);
    } catch {
      return breakAt(row.seq, `row ${row.seq} has no receipt`);
    }
    if (digest != row.digest) return breakAt(row.seq, `row ${row.seq}'s receipt does not match its digest`);
    const mismatch = recordMismatch(row);
    if (mismatch) return breakAt(row.seq, `row ${row.seq}'s ${mismatch} differs from its record`);
    first ??= row.seq;
    const index = row.seq - first;
    if ((index + 1) * 32 > hashes.length) {
      const bigger = Buffer.alloc(hashes.length * 2);
      hashes.copy(bigger);
      hashes = bigger;
    }
    hashes.write(row.hash, index * 32, 'hex');
    previous = { seq: row.seq, hash: row.hash };
    checked++;
  }

  return {
    /** @param {string} text */
    line(text) {
      lineNumber++;
      if (!text.trim() || broken) return;
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        return breakAt((previous?.seq ?? 0) + 1, `line ${lineNumber} is not JSON`);
      }
      if (value && typeof value == 'object' && value.checkpoint) checkpoints.push(value.checkpoint);
      else if (value && typeof value == 'object' && value.export == 'samtykke-log') return;
      else checkRow(value ?? {});
    },
    /** @returns {VerifyResult & { uncovered: number }} */
    result() {
      /** @type {number[]} */
      const badCheckpoints = [];
      let covered = 0;
      for (const checkpoint of checkpoints) {
        let good = false;
        try {
          const statement = Buffer.from(`${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.time}`, 'utf8');
          good = verify(null, statement, key, Buffer.from(checkpoint.signature, 'base64'));
        } catch {
          good = false;
        }
        // A checkpoint names a row: in the export, that row's hash must be the one signed.
        if (good && first != null && previous && checkpoint.seq >= first && checkpoint.seq <= previous.seq) {
          good = hashes.toString('hex', (checkpoint.seq - first) * 32, (checkpoint.seq - first + 1) * 32) == checkpoint.hash;
        }
        if (good) covered = Math.max(covered, checkpoint.seq);
        else badCheckpoints.push(checkpoint.id);
      }
      const last = previous?.seq ?? null;
      const uncovered = last == null ? 0 : last - Math.max(covered, (first ?? 1) - 1);
      return {
        ok: !broken && !badCheckpoints.length,
        checked,
        first,
        last,
        ...(broken ? { brokenAt: broken.at, reason: broken.reason } : {}),
        checkpoints: checkpoints.length,
        badCheckpoints,
        uncovered: Math.max(0, uncovered),
      };
    },
  };
}

/**
 * Where the record (the text the chain hashes) is JSON naming the row's
 * seq, digest or receipt, they must agree: which of them does not, or null.
 * A record in another form is vouched for by the chain alone.
 * @param {any} row
 */
function recordMismatch(row) {
  let record;
  try {
    record = JSON.parse(row.record);
  } catch {
    return null;
  }
  if (!record || typeof record != 'object') return null;
  if ('seq' in record && record.seq !== row.seq) return 'seq';
  if ('digest' in record && record.digest !== row.digest) return 'digest';
  if ('receipt' in record && canonicalJson(record.receipt) !== canonicalJson(row.receipt)) return 'receipt';
  return null;
}

/**
 * Verifies an NDJSON export file.
 * @param {string} file
 * @param {string} publicKeyPem
 */
export async function verifyExportFile(file, publicKeyPem) {
  const verifier = createExportVerifier(publicKeyPem);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) verifier.line(line);
  return verifier.result();
}
