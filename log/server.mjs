// The consent log's HTTP server (node:http, no framework): the public
// receipt endpoint, the admin API behind the token, and the dashboard.
//
// What it promises: a 204 only for a stored receipt; a short reason with
// every refusal; no 5xx but 503 (the store is down or the queue is full,
// both worth a retry), and no crash whatever a request holds: every
// request's handling is caught, and an unexpected error is a 503.
import { createServer } from 'node:http';
import { adminRoutes, Refusal } from './admin.mjs';
import { clientIp, rateKey } from './client-ip.mjs';
import { authorized, pageRoutes } from './pages.mjs';
import { createLimiter } from './rate-limit.mjs';
import { createReceiver, receivedDigest } from './receive.mjs';
import { hasUnreadBody, sendText } from './respond.mjs';
import { scheduleRetention } from './retention.mjs';
import { createWriter, messageOf } from './writer.mjs';

/** @typedef {import('./types').Store} Store */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} ServerOptions
 * @property {Store} store
 * @property {string} token the admin token
 * @property {string[] | null} [origins] the allow-list (null: any origin)
 * @property {boolean} [trustProxy] take the client's IP from X-Forwarded-For's last hop
 * @property {'truncated' | 'off'} [storeIp]
 * @property {number} [bodyLimit] bytes of a receipt (8 KB)
 * @property {number} [bodyTimeoutMs] for a body to arrive (10 s)
 * @property {number} [ipPerMinute] receipts per IP (60; IPv6 per /64)
 * @property {number} [ipBurst]
 * @property {number} [idPerMinute] receipts per consent id (10)
 * @property {number} [idBurst]
 * @property {number} [authFailuresPerMinute] wrong or missing tokens per IP before 429 (10)
 * @property {number} [maxQueue] receipts waiting to be written (10,000)
 * @property {number} [maxBatch] receipts per insertBatch (500)
 * @property {number} [batchWaitMs] how long a batch waits to fill (10 ms)
 * @property {number} [commitTimeoutMs] (30 s)
 * @property {number} [checkpointRows] sign a checkpoint after this many rows (10,000)
 * @property {number} [checkpointMs] or after this long (10 min)
 * @property {number | null} [retentionMonths] delete rows older than this (13); null: never
 * @property {number} [retentionMs] how often (a day)
 * @property {number} [exportPageSize] rows per store.rows() call (1000)
 * @property {() => Date} [now]
 * @property {(line: string) => void} [log]
 */

/**
 * @param {ServerOptions} options
 */
export function createLogServer(options) {
  const {
    store,
    token,
    origins = null,
    trustProxy = false,
    storeIp = 'truncated',
    bodyLimit = 8 * 1024,
    bodyTimeoutMs = 10_000,
    ipPerMinute = 60,
    ipBurst,
    idPerMinute = 10,
    idBurst,
    authFailuresPerMinute = 10,
    // The writer's own options; their defaults are the writer's.
    maxQueue,
    maxBatch,
    batchWaitMs,
    commitTimeoutMs,
    checkpointRows,
    checkpointMs,
    retentionMonths = 13,
    retentionMs = 24 * 60 * 60_000,
    exportPageSize = 1000,
    now = () => new Date(),
    log = (line) => console.error(line),
  } = options;

  const writer = createWriter({ store, digest: receivedDigest, maxBatch, maxWaitMs: batchWaitMs, maxQueue, commitTimeoutMs, checkpointRows, checkpointMs, log });
  const clock = () => now().getTime();
  const ipOf = (/** @type {IncomingMessage} */ request) => rateKey(clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustProxy));

  const receive = createReceiver({
    writer,
    origins,
    trustProxy,
    storeIp,
    ipLimiter: createLimiter({ perMinute: ipPerMinute, burst: ipBurst, now: clock }),
    idLimiter: createLimiter({ perMinute: idPerMinute, burst: idBurst, now: clock }),
    bodyLimit,
    bodyTimeoutMs,
    now,
  });

  // Wrong tokens (at the login form or on the API) from one address: 10 a
  // minute, then 429. A generated token cannot be guessed anyway; one an
  // operator chose might be weaker.
  const loginLimiter = createLimiter({ perMinute: authFailuresPerMinute, now: clock });

  /** @typedef {'none' | 'token' | 'token-or-session'} Auth */
  /** @type {Array<{ method: string, path: RegExp, auth: Auth, handle: (request: IncomingMessage, response: ServerResponse, params: string[], query: URLSearchParams) => Promise<void> }>} */
  const routes = [
    { method: 'POST', path: /^\/v1\/receipts$/, auth: 'none', handle: receive },
    { method: 'OPTIONS', path: /^\/v1\/receipts$/, auth: 'none', handle: receive },
    ...adminRoutes({ store, retentionMonths: retentionMonths ?? 13, exportPageSize, bodyTimeoutMs, now }).map((route) => ({
      ...route,
      // The export is a download link on the dashboard, so its session may fetch it.
      auth: /** @type {Auth} */ (route.path.source.includes('export') ? 'token-or-session' : 'token'),
    })),
    ...pageRoutes({ store, token, trustProxy, bodyTimeoutMs, now, ipOf, loginLimiter }).map((route) => ({
      ...route,
      auth: /** @type {Auth} */ ('none'),
    })),
  ];

  /**
   * @param {IncomingMessage} request
   * @param {ServerResponse} response
   */
  async function route(request, response) {
    let url;
    try {
      url = new URL(request.url ?? '/', 'http://log.invalid');
    } catch {
      return sendText(response, 400, 'bad request target', { Connection: 'close' });
    }
    const matching = routes.filter((candidate) => candidate.path.test(url.pathname));
    if (!matching.length) return sendText(response, 404, 'not found', closeIfUnread(request));
    const chosen = matching.find((candidate) => candidate.method == request.method);
    if (!chosen) {
      const allow = [...new Set(matching.map((candidate) => candidate.method))].join(', ');
      return sendText(response, 405, 'method not allowed', { Allow: allow, ...closeIfUnread(request) });
    }
    if (chosen.auth != 'none' && !authorized(request, token, clock(), chosen.auth == 'token-or-session')) {
      // Said the same for a missing and a wrong token; compared in constant time (auth.mjs).
      const wait = loginLimiter.take(ipOf(request));
      if (wait) return sendText(response, 429, 'too many attempts without the admin token; try again later', { 'Retry-After': String(wait), ...closeIfUnread(request) });
      return sendText(response, 401, 'the admin token is missing or wrong', { 'WWW-Authenticate': 'Bearer realm="samtykke-log"', ...closeIfUnread(request) });
    }
    const params = /** @type {string[]} */ (chosen.path.exec(url.pathname)?.slice(1) ?? []).map(decodeParam);
    await chosen.handle(request, response, params, url.searchParams);
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (request, response) => {
    route(request, response).catch((error) => {
      if (error instanceof Refusal) return sendText(response, error.status, error.message, closeIfUnread(request));
      log(`${request.method} ${String(request.url).slice(0, 100)}: ${messageOf(error)}`);
      sendText(response, 503, 'the log is unavailable; try again', { 'Retry-After': '5', ...closeIfUnread(request) });
    }).catch(() => response.destroy());
  });
  // After listening, an accept error (out of file descriptors) is logged,
  // not thrown: the server goes on with the connections it can take.
  server.on('error', (error) => {
    if (server.listening) log(`server: ${messageOf(error)}`);
  });
  // A malformed request (bad headers, a wrong Content-Length, a stalled
  // head) is answered by Node's own clientError handling: 400, 408 or 431,
  // then the socket is closed. Nothing reaches the handler.

  const stopRetention = retentionMonths ? scheduleRetention({ store, months: retentionMonths, everyMs: retentionMs, now, log }) : () => {};

  return {
    server,
    writer,
    /**
     * Listens; resolves with the base URL.
     * @param {number} port
     * @param {string} [host]
     * @returns {Promise<string>}
     */
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          const name = address.family == 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${name}:${address.port}`);
        });
      });
    },
    /**
     * Graceful stop: no new connections, the queue written, then the
     * remaining connections closed. The store stays open (its owner closes it).
     * @param {number} [graceMs]
     */
    async close(graceMs = 5_000) {
      stopRetention();
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeIdleConnections();
      await writer.close();
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A request whose body was not read ends its connection with the answer. */
function closeIfUnread(/** @type {IncomingMessage} */ request) {
  return /** @type {Record<string, string>} */ (hasUnreadBody(request) ? { Connection: 'close' } : {});
}

/** A path capture, percent-decoded; a malformed escape is a 400. */
function decodeParam(/** @type {string} */ value) {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new Refusal(400, 'bad escape in the path');
  }
}
