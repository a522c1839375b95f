// Checking the chain, without a database: the walk over rows in sequence
// order and the checkpoint check that both Store.verify() and an offline
// export check (verify-export.mjs) use, so the two can never disagree.
import { GENESIS, canonicalJson, chainHash, receiptDigest, recordFields } from './chain.mjs';
import { checkpointText, keyIdOf, retentionText, verifySignature } from './signing.mjs';

/**
 * @typedef {import('./types').Row} Row
 * @typedef {import('./types').Checkpoint} Checkpoint
 * @typedef {{ lastSeq: number; lastHash: string }} Anchor
 */

/**
 * A walk over rows given in sequence order. It keeps going after the first
 * break (so every checkpoint can still be compared) but reports the first.
 * @param {{ anchors?: Anchor[]; anchored?: boolean; keep?: Set<number> }} options
 *   anchors: where signed retention records say the chain legitimately restarts;
 *   anchored: whether the first row must be seq 1 after GENESIS or follow an
 *   anchor (a store) or may be anywhere (a partial export);
 *   keep: the sequence numbers whose hashes the caller wants (checkpoints).
 */
export function chainWalk({ anchors = [], anchored = true, keep = new Set() } = {}) {
  /** @type {{ seq: number; hash: string } | null} */
  let prev = null;
  let checked = 0;
  /** @type {number | null} */
  let first = null;
  /** @type {{ brokenAt: number; reason: string } | null} */
  let broken = null;
  /** @type {Map<number, string>} */
  const hashes = new Map();
  const fail = (seq, reason) => {
    broken ??= { brokenAt: seq, reason };
  };

  /** @param {Row} row */
  function add(row) {
    checked++;
    first ??= row.seq;
    if (prev) {
      if (row.seq != prev.seq + 1) fail(prev.seq + 1, `row ${prev.seq + 1} is missing (row ${prev.seq} is followed by row ${row.seq})`);
      else if (row.prevHash != prev.hash) fail(row.seq, `its previous hash is not row ${prev.seq}'s hash`);
    } else if (anchored) {
      if (row.seq == 1) {
        if (row.prevHash != GENESIS) fail(1, 'the first row does not start from the genesis hash');
      } else {
        const anchor = anchors.find((anchor) => anchor.lastSeq == row.seq - 1);
        if (!anchor) fail(row.seq, `rows 1 to ${row.seq - 1} are missing and no signed retention record says they were deleted`);
        else if (anchor.lastHash != row.prevHash) fail(row.seq, `its previous hash is not the hash retention recorded for row ${anchor.lastSeq}`);
      }
    }
    if (chainHash(row.prevHash, row.record) != row.hash) fail(row.seq, 'its hash does not match its record');
    else if (!sameFields(row)) fail(row.seq, 'its fields differ from the record its hash covers (the row was edited)');
    else if (receiptDigest(row.receipt) != row.digest) fail(row.seq, 'its digest does not match its receipt');
    if (keep.has(row.seq)) hashes.set(row.seq, row.hash);
    prev = { seq: row.seq, hash: row.hash };
  }

  return {
    add,
    hashes,
    /** @returns {{ ok: boolean; checked: number; first: number | null; last: number | null; lastHash: string | null; brokenAt?: number; reason?: string }} */
    result: () => ({ ok: !broken, checked, first, last: prev?.seq ?? null, lastHash: prev?.hash ?? null, ...broken }),
  };
}

/** Whether a row's columns say what its hashed record says. */
function sameFields(row) {
  try {
    return canonicalJson(JSON.parse(row.record)) == canonicalJson(recordFields(row));
  } catch {
    return false;
  }
}

/**
 * The anchors among retention records whose signature holds.
 * @param {Array<{ lastSeq: number; lastHash: string; time: string; signature: string; keyId: string }>} records
 */
export function signedAnchors(records, publicKey) {
  const keyId = keyIdOf(publicKey);
  return records.filter((record) => record.keyId == keyId && verifySignature(publicKey, retentionText(record), record.signature));
}

/**
 * Checks each checkpoint's signature and that the chain has its hash at its seq.
 * @param {Checkpoint[]} checkpoints
 * @param {{ publicKey: string; hashes: Map<number, string>; first: number | null; last: number | null; anchors?: Anchor[]; beyond: 'bad' | 'skip' }} walked
 *   hashes: the walked rows' hashes at the checkpoints' seqs; first/last: the range walked;
 *   beyond: what a checkpoint after the last row means: rows missing (a whole
 *   store) or merely not in this partial export.
 * @returns {{ checked: number; bad: number[] }}
 */
export function checkCheckpoints(checkpoints, { publicKey, hashes, first, last, anchors = [], beyond }) {
  const keyId = keyIdOf(publicKey);
  let checked = 0;
  const bad = [];
  for (const checkpoint of checkpoints) {
    const after = last == null || checkpoint.seq > last;
    if (after && beyond == 'skip') continue;
    checked++;
    const signed = checkpoint.keyId == keyId && verifySignature(publicKey, checkpointText(checkpoint), checkpoint.signature);
    let hashOk;
    if (after) hashOk = false;
    else if (checkpoint.seq >= /** @type {number} */ (first)) hashOk = hashes.get(checkpoint.seq) == checkpoint.hash;
    else {
      // Before the first row: deleted by retention, or not in this export.
      // Where a retention record names that very row, its hash must agree.
      const anchor = anchors.find((anchor) => anchor.lastSeq == checkpoint.seq);
      hashOk = !anchor || anchor.lastHash == checkpoint.hash;
    }
    if (!signed || !hashOk) bad.push(checkpoint.id);
  }
  return { checked, bad };
}

/**
 * The VerifyResult of a walk, the break found (if any), and the checkpoints' check:
 * one shape for the store's verify() and the offline check.
 * @param {{ checked: number, first: number | null, last: number | null }} walked
 * @param {{ brokenAt: number, reason: string } | null} broken
 * @param {{ checked: number, bad: number[] }} checkpoints
 * @returns {import('./types').VerifyResult}
 */
export function verifyResult(walked, broken, checkpoints) {
  return {
    ok: !broken && !checkpoints.bad.length,
    checked: walked.checked,
    first: walked.first,
    last: walked.last,
    ...broken,
    checkpoints: checkpoints.checked,
    badCheckpoints: checkpoints.bad,
  };
}
