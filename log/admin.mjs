// The admin API (behind the bearer token, see server.mjs): what the CLI's
// client verbs and an operator's scripts call. Each handler reads its input,
// asks the store, and answers JSON (or streams, for the export). A store
// failure is a 503, like everywhere in the log.
import { z } from 'zod';
import { BodyError, json, mediaType, readBody, utf8 } from './body.mjs';
import { streamExport } from './export.mjs';
import { CONSENT_ID } from './receipt-schema.mjs';
import { sendJson, sendText } from './respond.mjs';
import { monthsBefore } from './retention.mjs';

/** @typedef {import('./types').Store} Store */
/** @typedef {import('./types').Notice} Notice */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} AdminContext
 * @property {Store} store
 * @property {number} retentionMonths the default for POST /v1/retention
 * @property {number} exportPageSize
 * @property {number} bodyTimeoutMs
 * @property {() => Date} now
 */

/** A day as the store's stats take it. */
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An admin request the server refuses: status and a one-line reason. */
export class Refusal extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The JSON body of an admin request, checked against `schema`.
 * @template T
 * @param {IncomingMessage} request
 * @param {z.ZodType<T>} schema
 * @param {{ limit: number, timeoutMs: number }} options
 * @returns {Promise<T>}
 */
async function jsonBody(request, schema, options) {
  const type = mediaType(request.headers['content-type']);
  if (type.type != 'application/json' || !type.utf8) throw new Refusal(415, 'send application/json');
  let value;
  try {
    value = json(utf8(await readBody(request, options)));
  } catch (error) {
    if (error instanceof BodyError) throw new Refusal(error.status, error.message);
    throw error;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Refusal(422, `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`.slice(0, 200));
  }
  return result.data;
}

/**
 * GET /v1/consents/:id: a consent id's history, oldest first, each row with
 * its hashes, the newest checkpoint covering the last row, and the notice
 * texts the receipts name (what the visitor was shown).
 * @param {AdminContext} context
 * @param {string} id
 */
export async function consentHistory(context, id) {
  if (!CONSENT_ID.test(id)) throw new Refusal(400, 'not a consent id (22 characters of base64url)');
  const { rows, checkpoint } = await context.store.history(id);
  /** @type {Record<string, Notice | null>} */
  const notices = {};
  for (const hash of new Set(rows.map((row) => row.receipt.texts).filter((texts) => texts != null))) {
    notices[/** @type {string} */ (hash)] = await context.store.notice(/** @type {string} */ (hash));
  }
  return { id, rows, checkpoint, notices };
}

/**
 * The period of GET /v1/stats and the dashboard: `from` and `to` as days,
 * or undefined.
 * @param {URLSearchParams} query
 */
export function period(query) {
  /** @type {{ from?: string, to?: string }} */
  const result = {};
  for (const name of /** @type {const} */ (['from', 'to'])) {
    const value = query.get(name);
    if (value == null || value == '') continue;
    if (!DAY.test(value)) throw new Refusal(400, `${name} takes a day like 2026-01-31`);
    result[name] = value;
  }
  if (result.from && result.to && result.from > result.to) throw new Refusal(400, 'from is after to');
  return result;
}

const RETENTION = z.strictObject({
  months: z.number().int().min(1).max(1200).optional(),
  dryRun: z.boolean().optional(),
});

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;
const NOTICE = z.strictObject({
  hash: z.string().min(1).max(128).regex(PRINTABLE),
  revision: z.number().int().min(0).max(1e9).nullable(),
  locale: z.string().min(1).max(35).regex(PRINTABLE),
  texts: z
    .record(z.string().min(1).max(128), z.string().max(20_000))
    .refine((texts) => Object.keys(texts).length <= 1000, 'at most 1000 texts'),
});

/**
 * The admin routes: [method, path pattern, handler]. A handler gets the
 * request, the response, the path's captures and the query.
 * @param {AdminContext} context
 * @returns {Array<{ method: string, path: RegExp, handle: (request: IncomingMessage, response: ServerResponse, params: string[], query: URLSearchParams) => Promise<void> }>}
 */
export function adminRoutes(context) {
  const { store } = context;
  const body = { limit: 256 * 1024, timeoutMs: context.bodyTimeoutMs };
  return [
    {
      method: 'GET',
      path: /^\/v1\/consents\/([^/]+)$/,
      async handle(_request, response, [id]) {
        const history = await consentHistory(context, id);
        if (!history.rows.length) throw new Refusal(404, 'no receipts for this consent id');
        sendJson(response, 200, history);
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/export$/,
      async handle(_request, response, _params, query) {
        const format = query.get('format') ?? 'ndjson';
        if (format != 'csv' && format != 'ndjson') throw new Refusal(400, 'format takes csv or ndjson');
        await streamExport(store, response, format, { pageSize: context.exportPageSize, now: context.now() });
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/stats$/,
      async handle(_request, response, _params, query) {
        sendJson(response, 200, await store.stats(period(query)));
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/verify$/,
      async handle(_request, response) {
        sendJson(response, 200, await store.verify());
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/retention$/,
      async handle(request, response) {
        const { months = context.retentionMonths, dryRun = false } = await jsonBody(request, RETENTION, body);
        sendJson(response, 200, await store.retention({ before: monthsBefore(context.now(), months), dryRun }));
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/notices$/,
      async handle(request, response) {
        const notice = await jsonBody(request, NOTICE, body);
        sendJson(response, 201, await store.registerNotice(notice));
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/notices\/([^/]+)$/,
      async handle(_request, response, [hash]) {
        const notice = await store.notice(hash);
        if (!notice) throw new Refusal(404, 'no notice with this hash');
        sendJson(response, 200, notice);
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/public-key$/,
      async handle(_request, response) {
        const pem = store.publicKey();
        sendText(response, 200, pem.trimEnd(), { 'Content-Type': 'application/x-pem-file' });
      },
    },
  ];
}
