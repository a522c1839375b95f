// POST /v1/receipts: one receipt in, 204 once it is stored, or a 4xx/503
// with a one-line reason. The checks run cheapest first, so a flood is
// turned away before its body is read:
//
//   origin (403) → rate per IP (429) → content type (415) → size (413) →
//   UTF-8 and JSON (400) → schema (422) → rate per consent id (429) →
//   queue (503) → commit (503 on failure) → 204
//
// The browser's receipt is stored as sent; what the server knows and the
// browser could not be trusted with (when it arrived, from where, which
// Origin) is added here, never taken from the body.
//
// OPTIONS answers the CORS preflight the SDK's application/json beacon
// needs. A text/plain beacon (a string body) needs none, and is accepted
// the same.

import { BodyError, json, mediaType, readBody, utf8 } from './body.mjs';
import { clientIp, rateKey, truncateIp } from './client-ip.mjs';
import { PREFLIGHT, corsHeaders, judgeOrigin } from './origins.mjs';
import { parseReceipt, receiptDigest } from './receipt-schema.mjs';
import { hasUnreadBody, sendText } from './respond.mjs';
import { QueueFull } from './writer.mjs';

/** @typedef {import('./types').Received} Received */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

const ACCEPTED_TYPES = ['text/plain', 'application/json'];

/**
 * @typedef {object} ReceiverOptions
 * @property {{ submit(received: Received): Promise<void> }} writer
 * @property {string[] | null} origins the allow-list, or null for none
 * @property {boolean} trustProxy
 * @property {'truncated' | 'off'} storeIp
 * @property {{ take(key: string): number }} ipLimiter
 * @property {{ take(key: string): number }} idLimiter
 * @property {number} bodyLimit
 * @property {number} bodyTimeoutMs
 * @property {() => Date} now
 */

/**
 * The digest the writer batches by: the receipt's own, so a resend inside
 * one batch is one row.
 * @param {Received} received
 */
export const receivedDigest = (received) => receiptDigest(received.receipt);

/**
 * @param {ReceiverOptions} options
 * @returns {(request: IncomingMessage, response: ServerResponse) => Promise<void>}
 */
export function createReceiver(options) {
  // One clock for the schema, so that it is built once (receipt-schema.mjs).
  const clock = () => options.now().getTime();
  return async function receive(request, response) {
    const origin = judgeOrigin(request.headers.origin, options.origins);
    const cors = corsHeaders(origin.cors);
    // Answers before the body is read end the connection: the rest of a
    // refused body is not worth reading.
    const refuse = (/** @type {number} */ status, /** @type {string} */ reason, /** @type {Record<string, string>} */ extra = {}) =>
      sendText(response, status, reason, { ...cors, ...extra, ...(hasUnreadBody(request) ? { Connection: 'close' } : {}) });

    if (origin.refused) return refuse(403, 'this origin may not send receipts here');
    if (request.method == 'OPTIONS') return sendText(response, 204, '', { ...cors, ...PREFLIGHT });

    const ip = clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], options.trustProxy);
    const ipWait = options.ipLimiter.take(rateKey(ip));
    if (ipWait) return refuse(429, 'too many receipts from this address', { 'Retry-After': String(ipWait) });

    const type = mediaType(request.headers['content-type']);
    if (!ACCEPTED_TYPES.includes(type.type) || !type.utf8) return refuse(415, 'send the receipt as application/json or text/plain, UTF-8');

    let value;
    try {
      const body = await readBody(request, { limit: options.bodyLimit, timeoutMs: options.bodyTimeoutMs });
      value = json(utf8(body));
    } catch (error) {
      if (error instanceof BodyError) return refuse(error.status, error.message);
      throw error;
    }

    const parsed = parseReceipt(value, clock);
    if (!parsed.ok) return refuse(422, parsed.reason);

    const idWait = options.idLimiter.take(parsed.receipt.id);
    if (idWait) return refuse(429, 'too many receipts for this consent id', { 'Retry-After': String(idWait) });

    /** @type {Received} */
    const received = {
      receipt: parsed.receipt,
      receivedAt: options.now(),
      ip: options.storeIp == 'off' ? null : truncateIp(ip),
      userAgent: userAgentOf(request.headers['user-agent']),
      origin: origin.origin,
      originAllowed: origin.allowed,
    };
    try {
      await options.writer.submit(received);
    } catch (error) {
      if (error instanceof QueueFull) return refuse(503, 'the log is busy; try again', { 'Retry-After': '1' });
      return refuse(503, 'the log could not store the receipt; try again', { 'Retry-After': '5' });
    }
    sendText(response, 204, '', cors);
  };
}

/** The User-Agent as sent, cut to 512 characters (some are padded to kilobytes). */
export function userAgentOf(/** @type {string | undefined} */ header) {
  return header ? header.slice(0, 512) : null;
}
