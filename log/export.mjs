// GET /v1/export: every row, streamed a page at a time from store.rows(),
// so a log of millions of rows never sits in memory. Written at the pace
// the client reads (the next page waits for 'drain').
//
// NDJSON is the archival format: one Row per line, as stored, with the
// chain's hashes, then one {"checkpoint": …} line per signed checkpoint, so
// `samtykke log verify --file` can check it offline with the public key.
// CSV is for people and spreadsheets: one receipt per line.
//
// A store error after the first byte cannot change the status any more:
// the connection is then cut, so the client sees a broken transfer (the
// chunked encoding never ends), never a file that only looks complete.

/** @typedef {import('./types').Row} Row */
/** @typedef {import('./types').Store} Store */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

export const CSV_COLUMNS = [
  'seq', 'consentId', 'time', 'receivedAt', 'regime', 'revision', 'optedOut', 'gpc', 'limited', 'locale', 'texts', 'page',
  'categories', 'services', 'ip', 'userAgent', 'origin', 'originAllowed', 'digest', 'prevHash', 'hash',
];

/**
 * One CSV cell. A cell starting with = + - @ TAB or CR is a formula to a
 * spreadsheet (CSV injection: a page URL or user agent is sent by anyone),
 * so it gets a leading ' that makes it text. Then RFC 4180: a cell with a
 * comma, a quote or a line break is quoted, its quotes doubled.
 * @param {unknown} value
 */
export function csvCell(value) {
  let text = value == null ? '' : typeof value == 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @param {Row} row */
export function csvRecord(row) {
  const r = row.receipt;
  const values = [
    row.seq, row.consentId, row.time, row.receivedAt, r.regime, r.revision, r.optedOut, r.gpc, r.limited, r.locale, r.texts, r.page,
    r.categories, r.services, row.ip, row.userAgent, row.origin, row.originAllowed, row.digest, row.prevHash, row.hash,
  ];
  return values.map(csvCell).join(',') + '\r\n';
}

/**
 * Writes a chunk, waiting for the client to read when its buffer is full.
 * Rejects when the client went away (no 'drain' would ever come).
 * @param {ServerResponse} response
 * @param {string} chunk
 */
function write(response, chunk) {
  if (response.destroyed) return Promise.reject(new Error('the client went away'));
  if (response.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (/** @type {Error | null} */ error) => {
      response.off('drain', onDrain).off('close', onClose);
      error ? reject(error) : resolve(undefined);
    };
    const onDrain = () => done(null);
    const onClose = () => done(new Error('the client went away'));
    response.on('drain', onDrain).on('close', onClose);
  });
}

/**
 * Streams the export. Resolves when done; rejects (after cutting the
 * connection) when the store failed mid-way.
 * @param {Store} store
 * @param {ServerResponse} response
 * @param {'csv' | 'ndjson'} format
 * @param {{ pageSize?: number, now?: Date }} [options]
 */
export async function streamExport(store, response, format, { pageSize = 1000, now = new Date() } = {}) {
  // The first page before the headers: a store that is down is still a 503.
  let rows = await store.rows({ afterSeq: 0, limit: pageSize });
  const day = now.toISOString().slice(0, 10);
  response.writeHead(200, {
    'Content-Type': format == 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': `attachment; filename="samtykke-log-${day}.${format}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    if (format == 'csv') await write(response, CSV_COLUMNS.join(',') + '\r\n');
    else await write(response, JSON.stringify({ export: 'samtykke-log', version: 1, exportedAt: now.toISOString(), store: store.kind }) + '\n');
    for (;;) {
      if (rows.length) {
        const lines = rows.map((row) => (format == 'csv' ? csvRecord(row) : JSON.stringify(row) + '\n'));
        await write(response, lines.join(''));
      }
      if (rows.length < pageSize) break;
      rows = await store.rows({ afterSeq: rows[rows.length - 1].seq, limit: pageSize });
    }
    if (format == 'ndjson') {
      // What an offline check needs beside the rows: the signed checkpoints,
      // and the signed retention runs that vouch for a chain not starting at 1.
      const checkpoints = await store.checkpoints();
      if (checkpoints.length) await write(response, checkpoints.map((checkpoint) => JSON.stringify({ checkpoint }) + '\n').join(''));
      const retention = (await store.retentionLog?.()) ?? [];
      if (retention.length) await write(response, retention.map((run) => JSON.stringify({ retention: run }) + '\n').join(''));
    }
    response.end();
  } catch (error) {
    response.destroy();
    throw error;
  }
}
