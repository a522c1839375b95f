// Writing answers. Every answer is small and says why in one line of plain
// text (or is JSON for the admin API); none is cached, none is sniffed.

/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */

const BASE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/**
 * A short text/plain answer.
 * @param {ServerResponse} response
 * @param {number} status
 * @param {string} reason
 * @param {Record<string, string>} [headers]
 */
export function sendText(response, status, reason, headers = {}) {
  if (response.headersSent) return void response.destroy();
  const body = status == 204 ? '' : `${reason}\n`;
  response.writeHead(status, {
    ...BASE,
    ...(status == 204 ? {} : { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) }),
    ...headers,
  });
  response.end(body);
}

/**
 * A JSON answer.
 * @param {ServerResponse} response
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 */
export function sendJson(response, status, value, headers = {}) {
  if (response.headersSent) return void response.destroy();
  const body = JSON.stringify(value, null, 2) + '\n';
  response.writeHead(status, { ...BASE, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/**
 * An HTML page (the dashboard), under a policy that allows nothing but its
 * own stylesheet, images inline, and forms posting back to itself: no
 * script at all, so a mistake in the escaping could still not run any.
 * @param {ServerResponse} response
 * @param {number} status
 * @param {string} page
 * @param {Record<string, string>} [headers]
 */
export function sendHtml(response, status, page, headers = {}) {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, {
    ...BASE,
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(page)),
    'Content-Security-Policy': CSP,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  response.end(page);
}

export const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Whether a body may still be on its way: answering without reading it, the
 * connection is closed rather than drained (a stalled or huge body would
 * otherwise hold it).
 * @param {IncomingMessage} request
 */
export function hasUnreadBody(request) {
  if (request.complete) return false;
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}
