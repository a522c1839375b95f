// `samtykke log verify --file export.ndjson --public-key key.pem`: checks an
// NDJSON export (GET /v1/export) without the server or the database, so a
// copy handed to an auditor, or kept in cold storage, can be checked by
// anyone with the public key. The checks are the store's own (verify.mjs,
// through verifyExport): each row's hash over its record and the row
// before, no gap in seq, each digest over its receipt, the record's fields
// against the row's, every checkpoint's signature and hash, and a start that
// is seq 1 or a signed retention run.
//
// The file is read twice, line by line: first for its checkpoints and
// retention records (written after the rows), then for the rows, so a file
// of any size streams through.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyExport } from './verify-export.mjs';

/** @typedef {import('./types').VerifyResult} VerifyResult */

const lines = (file) => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });

/** The rows of an export: every line but its header, checkpoints and retention records. */
async function* rowsOf(file) {
  for await (const line of lines(file)) {
    if (!line.trim()) continue;
    if (/^\{"(export|checkpoint|retention)":/.test(line)) continue;
    yield line;
  }
}

/**
 * @param {string} file
 * @param {string} publicKey PEM
 * @returns {Promise<VerifyResult & { uncovered: number }>} uncovered: rows after the newest good checkpoint (chained, not yet signed)
 */
export async function verifyExportFile(file, publicKey) {
  const checkpoints = [];
  const retention = [];
  let header = false;
  for await (const line of lines(file)) {
    if (line.startsWith('{"export":')) header = true;
    else if (line.startsWith('{"checkpoint":')) checkpoints.push(JSON.parse(line).checkpoint);
    else if (line.startsWith('{"retention":')) retention.push(JSON.parse(line).retention);
  }
  if (!header) throw new Error('it is not an export of samtykke log (no header line)');
  const result = await verifyExport(rowsOf(file), { publicKey, checkpoints, retention });
  const covered = Math.max(0, ...checkpoints.filter((c) => !result.badCheckpoints.includes(c.id)).map((c) => c.seq));
  return { ...result, uncovered: result.last == null ? 0 : Math.max(0, result.last - Math.max(covered, (result.first ?? 1) - 1)) };
}
