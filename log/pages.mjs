// The dashboard's routes: GET / (the dashboard, or the login form),
// POST /login, POST /logout, GET /dashboard.css. See auth.mjs for why the
// token is posted once and a session cookie carries on.
import { readFileSync } from 'node:fs';
import { BodyError, mediaType, readBody, utf8 } from './body.mjs';
import { bearerToken, cookieValue, newSession, SESSION_COOKIE, sessionCookie, sessionValid, tokenMatches } from './auth.mjs';
import { consentHistory, period, Refusal } from './admin.mjs';
import { renderDashboard, renderLogin } from './dashboard.mjs';
import { sendHtml, sendText } from './respond.mjs';

/** @typedef {import('./types').Store} Store */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

let css = '';
/** The stylesheet, read once. */
function stylesheet() {
  return (css ||= readFileSync(new URL('./dashboard.css', import.meta.url), 'utf8'));
}

/**
 * Whether the request carries the token, or (for the dashboard) a session.
 * @param {IncomingMessage} request
 * @param {string} token
 * @param {number} now
 * @param {boolean} sessionToo
 */
export function authorized(request, token, now, sessionToo) {
  if (tokenMatches(bearerToken(request.headers.authorization), token)) return true;
  return sessionToo && sessionValid(cookieValue(request.headers.cookie, SESSION_COOKIE), token, now);
}

/** Behind TLS (directly, or at a trusted proxy): the cookie is Secure. */
function overHttps(/** @type {IncomingMessage} */ request, /** @type {boolean} */ trustProxy) {
  if (/** @type {import('node:tls').TLSSocket} */ (request.socket).encrypted) return true;
  return trustProxy && String(request.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim() == 'https';
}

/** The default period: the last 30 days (UTC), today included. */
export function defaultPeriod(/** @type {Date} */ now) {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * @param {{
 *   store: Store,
 *   token: string,
 *   trustProxy: boolean,
 *   bodyTimeoutMs: number,
 *   loginLimiter: { take(key: string): number },
 *   ipOf: (request: IncomingMessage) => string,
 *   now: () => Date,
 * }} context
 */
export function pageRoutes(context) {
  const { store, token } = context;
  return [
    {
      method: 'GET',
      path: /^\/$/,
      /** @param {IncomingMessage} request @param {ServerResponse} response @param {string[]} _params @param {URLSearchParams} query */
      async handle(request, response, _params, query) {
        const now = context.now();
        if (!authorized(request, token, now.getTime(), true)) return sendHtml(response, 200, renderLogin());
        const asked = period(query);
        const { from, to } = { ...defaultPeriod(now), ...asked };
        if (from > to) throw new Refusal(400, 'from is after to');
        const stats = await store.stats({ from, to });
        const id = query.get('id')?.trim();
        let lookup = null;
        if (id) {
          try {
            const { rows, checkpoint } = await consentHistory(context, id);
            lookup = { id, rows, checkpoint };
          } catch (error) {
            if (!(error instanceof Refusal)) throw error;
            lookup = { id: id.slice(0, 64), error: 'A consent id is 22 letters, digits, - or _.' };
          }
        }
        sendHtml(response, 200, renderDashboard({ stats, from, to, kind: store.kind, lookup }));
      },
    },
    {
      method: 'POST',
      path: /^\/login$/,
      /** @param {IncomingMessage} request @param {ServerResponse} response */
      async handle(request, response) {
        const wait = context.loginLimiter.take(context.ipOf(request));
        if (wait) return sendText(response, 429, 'too many login attempts; try again later', { 'Retry-After': String(wait) });
        if (mediaType(request.headers['content-type']).type != 'application/x-www-form-urlencoded') throw new Refusal(415, 'post the login form');
        let given;
        try {
          given = new URLSearchParams(utf8(await readBody(request, { limit: 4096, timeoutMs: context.bodyTimeoutMs }))).get('token');
        } catch (error) {
          if (error instanceof BodyError) throw new Refusal(error.status, error.message);
          throw error;
        }
        if (!tokenMatches(given?.trim(), token)) return sendHtml(response, 401, renderLogin({ error: 'That is not the admin token.' }));
        const cookie = sessionCookie(newSession(token, context.now().getTime()), overHttps(request, context.trustProxy));
        sendText(response, 303, 'logged in', { Location: '/', 'Set-Cookie': cookie });
      },
    },
    {
      method: 'POST',
      path: /^\/logout$/,
      /** @param {IncomingMessage} request @param {ServerResponse} response */
      async handle(request, response) {
        request.resume();
        sendText(response, 303, 'logged out', { Location: '/', 'Set-Cookie': sessionCookie('', overHttps(request, context.trustProxy)) });
      },
    },
    {
      method: 'GET',
      path: /^\/dashboard\.css$/,
      /** @param {IncomingMessage} _request @param {ServerResponse} response */
      async handle(_request, response) {
        sendText(response, 200, stylesheet(), { 'Content-Type': 'text/css; charset=utf-8' });
      },
    },
  ];
}
