// Verifies an NDJSON export offline (`samtykke log verify --file`): every
// line a Row, in sequence order. Nothing here touches a database; it needs
// only the lines, the log's public key and, optionally, its checkpoints.
import { chainWalk, checkCheckpoints, signedAnchors, verifyResult } from './verify.mjs';

/**
 * @typedef {import('./types').VerifyResult} VerifyResult
 * @typedef {import('./types').Checkpoint} Checkpoint
 */

/**
 * @param {AsyncIterable<string> | Iterable<string>} lines NDJSON lines (an item holding several lines is split)
 * @param {{ publicKey: string; checkpoints?: Checkpoint[]; retention?: Array<{ lastSeq: number; lastHash: string; time: string; signature: string; keyId: string }> }} options
 *   checkpoints: signed checkpoints to hold the rows to (those past the last line are not counted);
 *   retention: the log's signed retention records. With them, an export must
 *   start at seq 1 or right after a retention run; without, it may start
 *   anywhere (a partial export), and only what follows its first line is checked.
 * @returns {Promise<VerifyResult>}
 */
export async function verifyExport(lines, { publicKey, checkpoints = [], retention } = /** @type {any} */ ({})) {
  if (!publicKey) throw new TypeError('verifyExport: publicKey is required');
  const anchors = retention ? signedAnchors(retention, publicKey) : [];
  const walk = chainWalk({ anchors, anchored: Boolean(retention), keep: new Set(checkpoints.map((checkpoint) => checkpoint.seq)) });
  let number = 0;
  /** @type {{ brokenAt: number; reason: string } | null} */
  let unreadable = null;
  for await (const item of lines) {
    const parts = String(item).split('\n');
    if (parts.length > 1 && parts[parts.length - 1] == '') parts.pop();
    for (const line of parts) {
      number++;
      if (!line.trim()) continue;
      let row;
      try {
        row = JSON.parse(line);
      } catch {
        row = null;
      }
      if (!row || typeof row != 'object' || typeof row.seq != 'number' || typeof row.record != 'string' || typeof row.hash != 'string' || typeof row.prevHash != 'string') {
        const last = walk.result().last;
        unreadable ??= { brokenAt: (last ?? 0) + 1, reason: `line ${number} is not a row of the log` };
        continue;
      }
      walk.add(row);
    }
  }
  const walked = walk.result();
  const broken = walked.ok ? unreadable : { brokenAt: walked.brokenAt, reason: walked.reason };
  const checked = checkCheckpoints(checkpoints, { publicKey, hashes: walk.hashes, first: walked.first, last: walked.last, anchors, beyond: 'skip' });
  return verifyResult(walked, broken, checked);
}
