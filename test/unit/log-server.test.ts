// @vitest-environment node
// The consent log's server (log/server.mjs) on a real loopback port over the
// in-memory fake store: every status of POST /v1/receipts, CORS, 204 only
// after the commit, batching, the queue bound, store failure and recovery,
// rate limits, what is recorded of the client, and the admin API.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { admin, call, post, receipt, start, TOKEN, type Running } from './log-helpers';

let running: Running[] = [];
async function server(...args: Parameters<typeof start>) {
  const r = await start(...args);
  running.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(running.map((r) => r.stop()));
  running = [];
});

const ALLOWED = 'https://shop.example';

describe('POST /v1/receipts', () => {
  it('stores a text/plain receipt (a sendBeacon string) and answers 204 with no body', async () => {
    const { base, store } = await server();
    const sent = receipt();
    const answer = await post(base, sent);
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(store.rowsStored).toHaveLength(1);
    expect(store.rowsStored[0].receipt).toEqual(sent);
  });

  it('stores an application/json receipt (the SDK Blob, fetch keepalive) too', async () => {
    const { base, store } = await server();
    const answer = await post(base, receipt(), { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(204);
    expect(store.rowsStored).toHaveLength(1);
  });

  it('answers 400 for a body that is not JSON, or not UTF-8', async () => {
    const { base } = await server();
    const notJson = await post(base, '{"v":1,');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toBe('the body is not JSON\n');
    expect(notJson.headers['content-type']).toBe('text/plain; charset=utf-8');
    const latin1 = await call(`${base}/v1/receipts`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(latin1.status).toBe(400);
    expect(latin1.body).toContain('UTF-8');
  });

  it('answers 413 for a body over 8 KB, declared or streamed, and stores nothing', async () => {
    const { base, store } = await server();
    const big = JSON.stringify(receipt({ page: 'https://shop.example/' + 'a'.repeat(9000) }));
    const declared = await post(base, big);
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    // Chunked: no Content-Length, so the limit is found while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
      socket.on('error', reject);
      socket.write('POST /v1/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < 10; i++) socket.write(`3e8\r\n${'x'.repeat(1000)}\r\n`);
    });
    expect(streamed).toBe(413);
    expect(store.rowsStored).toHaveLength(0);
  });

  it('answers 415 for another content type, or a charset other than UTF-8', async () => {
    const { base } = await server();
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html', 'text/plain; charset=iso-8859-1']) {
      const answer = await post(base, receipt(), { 'Content-Type': type });
      expect(answer.status, type).toBe(415);
    }
    const none = await call(`${base}/v1/receipts`, { method: 'POST', body: JSON.stringify(receipt()) });
    expect(none.status).toBe(415);
  });

  it('answers 422 naming the field the schema refuses', async () => {
    const { base, store } = await server();
    const cases: Array<[unknown, string]> = [
      [{ ...receipt(), v: 2 }, 'v: '],
      [{ ...receipt(), id: 'short' }, 'id: '],
      [{ ...receipt(), time: 'yesterday' }, 'time: not an ISO 8601 time'],
      [{ ...receipt(), time: '2099-01-01T00:00:00Z' }, 'time: in the future'],
      [{ ...receipt(), revision: -1 }, 'revision: '],
      [{ ...receipt(), regime: 'auto' }, 'regime: expected "opt-in" or "opt-out"'],
      [{ ...receipt(), categories: { analytics: 'yes' } }, 'categories.analytics: expected boolean'],
      [{ ...receipt(), services: { '1bad': true } }, 'services.1bad: not an id'],
      [{ ...receipt(), page: 'javascript:alert(1)' }, 'page: an http(s) URL or a path'],
      [{ ...receipt(), extra: 1 }, 'receipt: unknown key "extra"'],
      [[receipt()], 'receipt: expected object'],
    ];
    for (const [body, reason] of cases) {
      const answer = await post(base, body);
      expect(answer.status, reason).toBe(422);
      expect(answer.body, reason).toContain(reason);
    }
    expect(store.rowsStored).toHaveLength(0);
  });

  it('answers 405 with Allow for another method, and 404 off the routes', async () => {
    const { base } = await server();
    const get = await call(`${base}/v1/receipts`);
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST, OPTIONS');
    expect((await call(`${base}/v1/receipt`, { method: 'POST' })).status).toBe(404);
    expect((await call(`${base}/nope`)).status).toBe(404);
  });
});

describe('origins and CORS', () => {
  it('answers the preflight for an allowed origin with the Access-Control headers', async () => {
    const { base } = await server({ origins: [ALLOWED] });
    const answer = await call(`${base}/v1/receipts`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(answer.headers['access-control-allow-headers']).toBe('Content-Type');
    expect(answer.headers.vary).toBe('Origin');
  });

  it('sends the CORS headers with every answer to an allowed origin, 204 and 4xx alike', async () => {
    const { base } = await server({ origins: [ALLOWED] });
    const ok = await post(base, receipt(), { Origin: ALLOWED });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
    const bad = await post(base, 'nope', { Origin: ALLOWED });
    expect(bad.status).toBe(400);
    expect(bad.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it('refuses another origin (and none) with 403 and no CORS headers, and records originAllowed', async () => {
    const { base, store } = await server({ origins: [ALLOWED] });
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }, {}] as Array<Record<string, string>>) {
      const answer = await post(base, receipt(), headers);
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await call(`${base}/v1/receipts`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(preflight.status).toBe(403);
    expect((await post(base, receipt(), { Origin: ALLOWED })).status).toBe(204);
    expect(store.rowsStored.map((row) => [row.origin, row.originAllowed])).toEqual([[ALLOWED, true]]);
  });

  it('without a list accepts any origin, echoes it, and records that nothing vouched for it', async () => {
    const { base, store } = await server();
    const answer = await post(base, receipt(), { Origin: 'https://anyone.example' });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('https://anyone.example');
    expect((await post(base, receipt())).status).toBe(204);
    expect(store.rowsStored.map((row) => [row.origin, row.originAllowed])).toEqual([
      ['https://anyone.example', false],
      [null, false],
    ]);
  });
});

describe('the writer', () => {
  it('answers 204 only once the batch committed', async () => {
    const { base, store } = await server();
    let open!: () => void;
    store.gate = new Promise((resolve) => (open = resolve));
    let answered = false;
    const pending = post(base, receipt()).then((answer) => ((answered = true), answer));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.batches).toHaveLength(1);
    expect(answered).toBe(false);
    expect(store.rowsStored).toHaveLength(0);
    store.gate = null;
    open();
    expect((await pending).status).toBe(204);
    expect(store.rowsStored).toHaveLength(1);
  });

  it('writes many concurrent receipts in a few batches, in order of the chain', async () => {
    const { base, store } = await server({ batchWaitMs: 20 });
    store.delayMs = 20;
    const answers = await Promise.all(Array.from({ length: 200 }, () => post(base, receipt())));
    expect(answers.every((answer) => answer.status == 204)).toBe(true);
    expect(store.rowsStored).toHaveLength(200);
    expect(store.batches.length).toBeLessThanOrEqual(20);
    expect(store.rowsStored.map((row) => row.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('caps a batch at maxBatch receipts', async () => {
    const { base, store } = await server({ maxBatch: 7, batchWaitMs: 50 });
    await Promise.all(Array.from({ length: 30 }, () => post(base, receipt())));
    expect(Math.max(...store.batches.map((batch) => batch.length))).toBeLessThanOrEqual(7);
    expect(store.rowsStored).toHaveLength(30);
  });

  it('answers 204 for a resend, which the store skips by its digest (in one batch and across batches)', async () => {
    const { base, store } = await server({ batchWaitMs: 30 });
    const same = receipt();
    const answers = await Promise.all([post(base, same), post(base, same), post(base, { ...same })]);
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);
    expect(store.batches[0]).toHaveLength(1);
    // Keys in another order are the same receipt.
    const reordered = Object.fromEntries(Object.entries(same).reverse());
    expect((await post(base, reordered)).status).toBe(204);
    expect(store.rowsStored).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the queue is full', async () => {
    const { base, store } = await server({ maxQueue: 5, batchWaitMs: 1 });
    let open!: () => void;
    store.gate = new Promise((resolve) => (open = resolve));
    // One batch is held in the store; five more fill the queue.
    const held = post(base, receipt());
    while (!store.batches.length) await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = Array.from({ length: 5 }, () => post(base, receipt()));
    while (running[0].server.writer.queued < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const refused = await post(base, receipt());
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toContain('busy');
    store.gate = null;
    open();
    const answers = await Promise.all([held, ...queued]);
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(204));
  });

  it('answers 503 while the store fails, and stores again when it is back, without a restart', async () => {
    const { base, store, logs } = await server();
    store.failWith = new Error('connection refused');
    const failed = await Promise.all([post(base, receipt()), post(base, receipt())]);
    expect(failed.map((answer) => answer.status)).toEqual([503, 503]);
    expect(failed[0].headers['retry-after']).toBe('5');
    expect(failed[0].body).toContain('could not store');
    store.failWith = null;
    expect((await post(base, receipt())).status).toBe(204);
    expect(store.rowsStored).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/failed a batch.*connection refused[\s\S]*back/);
  });

  it('answers 503 when a commit hangs past the timeout, and goes on', async () => {
    const { base, store } = await server({ commitTimeoutMs: 100 });
    store.gate = new Promise(() => {});
    expect((await post(base, receipt())).status).toBe(503);
    store.gate = null;
    expect((await post(base, receipt())).status).toBe(204);
  });

  it('signs a checkpoint every N rows and every interval', async () => {
    const { base, store } = await server({ checkpointRows: 3, checkpointMs: 60_000 });
    for (let i = 0; i < 7; i++) expect((await post(base, receipt())).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.checkpointCalls).toBe(2);
    const timed = await server({ checkpointMs: 50 });
    await post(timed.base, receipt());
    await new Promise((resolve) => setTimeout(resolve, 180));
    expect(timed.store.checkpointCalls).toBeGreaterThanOrEqual(2);
    expect((await timed.store.checkpoints()).length).toBe(1);
  });

  it('writes the queue before close resolves (graceful shutdown)', async () => {
    const r = await start({ batchWaitMs: 200 });
    const pending = post(r.base, receipt());
    await new Promise((resolve) => setTimeout(resolve, 30));
    await r.server.close(500);
    expect((await pending).status).toBe(204);
    expect(r.store.rowsStored).toHaveLength(1);
    // And a last checkpoint covers it.
    expect((await r.store.checkpoints()).map((c) => c.seq)).toEqual([1]);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-IP rate', async () => {
    const { base } = await server({ ipPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(base, receipt()));
    expect(statuses.map((answer) => answer.status)).toEqual([204, 204, 204, 429]);
    expect(Number(statuses[3].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(statuses[3].headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(statuses[3].body).toContain('address');
  });

  it('answers 429 past the per-consent-id rate, while other ids go on', async () => {
    const { base } = await server({ idPerMinute: 2 });
    const one = receipt();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(base, { ...one, revision: i }));
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 429]);
    expect(answers[2].body).toContain('consent id');
    expect(Number(answers[2].headers['retry-after'])).toBe(30);
    expect((await post(base, receipt())).status).toBe(204);
  });

  it('keys the IP rate on X-Forwarded-For only with trust-proxy', async () => {
    const plain = await server({ ipPerMinute: 1 });
    expect((await post(plain.base, receipt(), { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(204);
    expect((await post(plain.base, receipt(), { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(429);
    const proxied = await server({ ipPerMinute: 1, trustProxy: true });
    expect((await post(proxied.base, receipt(), { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(204);
    expect((await post(proxied.base, receipt(), { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(204);
  });
});

describe('what the server records', () => {
  it('the IPv4 /24 of the peer, receivedAt, the user agent cut to 512', async () => {
    const now = new Date('2026-01-10T12:00:05.000Z');
    const { base, store } = await server({ now: () => now });
    await post(base, receipt(), { 'User-Agent': 'U'.repeat(2000) });
    const row = store.rowsStored[0];
    expect(row.ip).toBe('127.0.0.0');
    expect(row.receivedAt).toBe(now.toISOString());
    expect(row.userAgent).toBe('U'.repeat(512));
  });

  it('with trust-proxy, the last hop of X-Forwarded-For, truncated (IPv4 /24, IPv6 /48)', async () => {
    const { base, store } = await server({ trustProxy: true });
    await post(base, receipt(), { 'X-Forwarded-For': '10.0.0.1, 203.0.113.77' });
    await post(base, receipt(), { 'X-Forwarded-For': '203.0.113.77, 2001:db8:85a3:8d3:1319:8a2e:370:7348' });
    await post(base, receipt(), { 'X-Forwarded-For': 'not-an-ip' });
    expect(store.rowsStored.map((row) => row.ip)).toEqual(['203.0.113.0', '2001:db8:85a3::', '127.0.0.0']);
  });

  it('no IP at all with storeIp off', async () => {
    const { base, store } = await server({ storeIp: 'off', trustProxy: true });
    await post(base, receipt(), { 'X-Forwarded-For': '203.0.113.77' });
    expect(store.rowsStored[0].ip).toBeNull();
  });
});

describe('the admin API', () => {
  const routes: Array<[string, string]> = [
    ['GET', '/v1/consents/id00000000000000000001'],
    ['GET', '/v1/export'],
    ['GET', '/v1/stats'],
    ['GET', '/v1/verify'],
    ['POST', '/v1/retention'],
    ['POST', '/v1/notices'],
    ['GET', '/v1/public-key'],
  ];

  it('answers 401 without the token or with a wrong one, the same way', async () => {
    const { base } = await server({ authFailuresPerMinute: 1000 });
    for (const [method, path] of routes) {
      const none = await call(`${base}${path}`, { method });
      const wrong = await call(`${base}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}x` } });
      const prefix = await call(`${base}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}` } });
      for (const answer of [none, wrong, prefix]) {
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Bearer realm="samtykke-log"');
        expect(answer.body).toBe(none.body);
      }
    }
  });

  it('answers 429 after ten requests without the right token from one address, and still serves the right one', async () => {
    const { base } = await server();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(`${base}/v1/stats`, { headers: { Authorization: `Bearer guess-${i}` } })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect((await call(`${base}/v1/stats`, { headers: admin() })).status).toBe(200);
  });

  it('answers 405 for a wrong method on a known route, 404 for an unknown one', async () => {
    const { base } = await server();
    const answer = await call(`${base}/v1/stats`, { method: 'DELETE', headers: admin() });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect((await call(`${base}/v1/nothing`, { headers: admin() })).status).toBe(404);
  });

  it('GET /v1/consents/:id: the history with hashes and the covering checkpoint', async () => {
    const { base, store } = await server();
    const first = receipt({ texts: 'v1-abc' });
    await post(base, first);
    await post(base, { ...first, categories: { necessary: true, analytics: false }, time: '2026-01-11T09:00:00.000Z' });
    await store.registerNotice({ hash: 'v1-abc', revision: 3, locale: 'da', texts: { title: 'Cookies' } });
    await store.checkpoint();
    const answer = await call(`${base}/v1/consents/${first.id}`, { headers: admin() });
    expect(answer.status).toBe(200);
    const history = JSON.parse(answer.body);
    expect(history.id).toBe(first.id);
    expect(history.rows.map((row: { seq: number }) => row.seq)).toEqual([1, 2]);
    expect(history.rows[1].prevHash).toBe(history.rows[0].hash);
    expect(history.checkpoint.seq).toBe(2);
    expect(history.notices['v1-abc'].texts).toEqual({ title: 'Cookies' });
    expect((await call(`${base}/v1/consents/id99999999999999999999`, { headers: admin() })).status).toBe(404);
    expect((await call(`${base}/v1/consents/not-an-id`, { headers: admin() })).status).toBe(400);
    expect((await call(`${base}/v1/consents/%E0%A4%A`, { headers: admin() })).status).toBe(400);
  });

  it('GET /v1/stats passes the period, and refuses a bad one', async () => {
    const { base } = await server();
    await post(base, receipt({ gpc: true }));
    const answer = await call(`${base}/v1/stats`, { headers: admin() });
    expect(JSON.parse(answer.body)).toMatchObject({ total: 1, gpcShare: 1 });
    expect((await call(`${base}/v1/stats?from=2026-13-01`, { headers: admin() })).status).toBe(400);
    expect((await call(`${base}/v1/stats?from=2026-02-01&to=2026-01-01`, { headers: admin() })).status).toBe(400);
  });

  it('GET /v1/verify and /v1/public-key', async () => {
    const { base, store } = await server();
    await post(base, receipt());
    expect(JSON.parse((await call(`${base}/v1/verify`, { headers: admin() })).body)).toMatchObject({ ok: true, checked: 1 });
    const key = await call(`${base}/v1/public-key`, { headers: admin() });
    expect(key.status).toBe(200);
    expect(key.headers['content-type']).toBe('application/x-pem-file');
    expect(key.body).toBe(store.publicKey().trimEnd() + '\n');
  });

  it('POST /v1/retention: months and dryRun, defaulting to the server’s months; 415, 422', async () => {
    const now = new Date('2026-03-31T10:00:00.000Z');
    const { base, store } = await server({ now: () => now, retentionMonths: 13, retentionMs: 3_600_000 });
    const json = (body: unknown) => ({ method: 'POST', headers: admin({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
    const dry = await call(`${base}/v1/retention`, json({ months: 1, dryRun: true }));
    expect(dry.status).toBe(200);
    expect(JSON.parse(dry.body)).toEqual({ rows: 0, before: '2026-02-28T10:00:00.000Z', dryRun: true });
    expect(JSON.parse((await call(`${base}/v1/retention`, json({}))).body)).toEqual({ rows: 0, before: '2025-02-28T10:00:00.000Z', dryRun: false });
    expect((await call(`${base}/v1/retention`, { ...json({}), headers: admin({ 'Content-Type': 'text/plain' }) })).status).toBe(415);
    expect((await call(`${base}/v1/retention`, json({ months: 0 }))).status).toBe(422);
    expect((await call(`${base}/v1/retention`, json({ months: 1, drop: 'table' }))).status).toBe(422);
    // The POST without months, and the daily job (once, at start): both with the server's 13 months.
    const thirteen = store.retentionCalls.filter((call) => call.before.getTime() == Date.parse('2025-02-28T10:00:00.000Z'));
    expect(thirteen).toHaveLength(2);
  });

  it('POST /v1/notices registers a notice version (201); GET /v1/notices/:hash reads it', async () => {
    const { base } = await server();
    const notice = { hash: 'sha256-abc', revision: 4, locale: 'da', texts: { title: 'Vi bruger cookies' } };
    const answer = await call(`${base}/v1/notices`, { method: 'POST', headers: admin({ 'Content-Type': 'application/json' }), body: JSON.stringify(notice) });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject(notice);
    const read = await call(`${base}/v1/notices/sha256-abc`, { headers: admin() });
    expect(JSON.parse(read.body)).toMatchObject(notice);
    expect((await call(`${base}/v1/notices/other`, { headers: admin() })).status).toBe(404);
    const bad = await call(`${base}/v1/notices`, { method: 'POST', headers: admin({ 'Content-Type': 'application/json' }), body: JSON.stringify({ ...notice, texts: 'x' }) });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatch(/^texts: /);
  });

  it('answers 503 for an admin request while the store is down', async () => {
    const { base, store } = await server();
    store.failWith = new Error('down');
    for (const path of ['/v1/stats', '/v1/verify', '/v1/export?format=csv', '/v1/consents/id00000000000000000001']) {
      const answer = await call(`${base}${path}`, { headers: admin() });
      expect(answer.status, path).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
    }
  });
});

describe('GET /v1/export', () => {
  it('streams every row as CSV, page by page, with formulas defused and RFC 4180 quoting', async () => {
    const { base, store } = await server({ exportPageSize: 100 });
    const hostile = receipt({ page: '/=HYPERLINK("http://evil.example","x")', locale: '+1', texts: '@SUM(A1)' });
    await post(base, hostile, { 'User-Agent': '-2+3, "quoted"' });
    await Promise.all(Array.from({ length: 249 }, () => post(base, receipt())));
    const pages: number[] = [];
    const rows = store.rows.bind(store);
    store.rows = async (options) => (pages.push(options.afterSeq ?? 0), rows(options));
    const answer = await call(`${base}/v1/export?format=csv`, { headers: admin() });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(pages).toEqual([0, 100, 200]);
    const lines = answer.body.split('\r\n');
    expect(lines[0]).toBe('seq,consentId,time,receivedAt,regime,revision,optedOut,gpc,limited,locale,texts,page,categories,services,ip,userAgent,origin,originAllowed,digest,prevHash,hash');
    expect(lines).toHaveLength(252);
    expect(lines[251]).toBe('');
    const first = lines[1];
    expect(first).toContain(`,'+1,'@SUM(A1),"/=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(first).toContain(`"'-2+3, ""quoted"""`);
    expect(first).toContain(`"{""necessary"":true,""preferences"":false,""analytics"":true,""marketing"":false}"`);
  });

  it('streams a large log at the pace the client reads, one page of rows at a time', async () => {
    const { base, store } = await server({ exportPageSize: 1000 });
    const batch = Array.from({ length: 20_000 }, (_, i) => ({
      receipt: receipt({ page: `/page/${i}` }),
      receivedAt: new Date('2026-01-10T12:00:00Z'),
      ip: null,
      userAgent: 'u',
      origin: null,
      originAllowed: false,
    }));
    await store.insertBatch(batch);
    let pages = 0;
    const rows = store.rows.bind(store);
    store.rows = async (options) => (pages++, rows(options));
    const answer = await call(`${base}/v1/export?format=csv`, { headers: admin() });
    expect(answer.body.split('\r\n')).toHaveLength(20_002);
    expect(pages).toBe(21);
  });

  it('streams NDJSON: a header line, every row with its hashes, then the checkpoints', async () => {
    const { base, store } = await server({ exportPageSize: 7 });
    await Promise.all(Array.from({ length: 20 }, () => post(base, receipt())));
    await store.checkpoint();
    const answer = await call(`${base}/v1/export`, { headers: admin() });
    expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = answer.body.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ export: 'samtykke-log', version: 1, store: 'pglite' });
    expect(lines.slice(1, 21).map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(lines[21].checkpoint.seq).toBe(20);
    expect(lines).toHaveLength(22);
    expect((await call(`${base}/v1/export?format=xml`, { headers: admin() })).status).toBe(400);
  });

  it('cuts the connection when the store fails mid-stream, so a broken export never looks whole', async () => {
    const { base, store } = await server({ exportPageSize: 5 });
    await Promise.all(Array.from({ length: 12 }, () => post(base, receipt())));
    const rows = store.rows.bind(store);
    store.rows = async (options) => {
      if (options.afterSeq) throw new Error('gone');
      return rows(options);
    };
    await expect(call(`${base}/v1/export?format=csv`, { headers: admin() })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    // And the server carries on.
    expect((await post(base, receipt())).status).toBe(204);
  });
});

describe('the dashboard', () => {
  it('shows the login form without a session, under the strict CSP', async () => {
    const { base } = await server();
    const answer = await call(`${base}/`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(answer.body).toContain('<form method="post" action="/login">');
    expect(answer.body).not.toContain('Opt-ins and opt-outs');
    expect(answer.body).not.toMatch(/<script|style=/);
  });

  it('logs in with the posted token: an HttpOnly, SameSite=Strict cookie that opens the dashboard and the export', async () => {
    const { base } = await server();
    await post(base, receipt());
    const wrong = await call(`${base}/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token=nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('That is not the admin token.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const login = await call(`${base}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^samtykke_log_session=\d+\.[\w-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0];
    const page = await call(`${base}/`, { headers: { Cookie: session } });
    expect(page.body).toContain('<h1>Consent log</h1>');
    expect(page.body).toContain('Acceptance per category');
    expect((await call(`${base}/v1/export?format=csv`, { headers: { Cookie: session } })).status).toBe(200);
    // The cookie is no key to the rest of the API.
    expect((await call(`${base}/v1/stats`, { headers: { Cookie: session } })).status).toBe(401);
    const logout = await call(`${base}/logout`, { method: 'POST', headers: { Cookie: session } });
    expect(logout.headers['set-cookie']).toEqual(['samtykke_log_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict']);
  });

  it('marks the cookie Secure behind an https proxy (with trust-proxy)', async () => {
    const { base } = await server({ trustProxy: true });
    const login = await call(`${base}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-Proto': 'https' },
      body: `token=${TOKEN}`,
    });
    expect(String(login.headers['set-cookie'])).toContain('; Secure');
  });

  it('looks up a consent id, and serves its stylesheet', async () => {
    const { base } = await server();
    const one = receipt();
    await post(base, one);
    const page = await call(`${base}/?id=${one.id}`, { headers: admin() });
    expect(page.body).toContain(`History of <code>${one.id}</code>`);
    const bad = await call(`${base}/?id=%3Cscript%3E`, { headers: admin() });
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('value="&lt;script&gt;"');
    const css = await call(`${base}/dashboard.css`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('rate-limits login attempts per address', async () => {
    const { base } = await server();
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call(`${base}/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token=x' })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
