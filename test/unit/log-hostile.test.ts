// @vitest-environment node
// The receipt endpoint is public: anyone can send it anything. Properties
// over raw HTTP (bytes on a socket, so Content-Length can lie and headers
// can be broken): malformed, oversized, wrong-type and hostile bodies and
// headers (random bytes, deep nesting, huge numbers, __proto__ keys,
// invalid UTF-8, a wrong Content-Length) get a 4xx, a valid receipt a 204,
// never a 5xx; the server stays up and stores only valid receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { connect } from 'node:net';
import { parseReceipt } from '../../log/receipt-schema.mjs';
import { post, receipt, start, type Running } from './log-helpers';
import { runs, timeout } from './fc-runs';

let running: Running;
let port: number;
beforeAll(async () => {
  running = await start({ bodyTimeoutMs: 150, batchWaitMs: 2 });
  port = Number(new URL(running.base).port);
});
afterAll(() => running.stop());

/** Writes the bytes and collects the statuses of every answer until the server closes. */
function raw(bytes: Buffer, { end = false } = {}): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close after 5 s; got ${Buffer.concat(chunks).toString('latin1').slice(0, 200)}`));
    }, 5_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      resolve([...text.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1])));
    });
    socket.write(bytes, () => end && socket.end());
  });
}

const validReceipt = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    revision: fc.integer({ min: 0, max: 1e9 }),
    regime: fc.constantFrom('opt-in', 'opt-out'),
    analytics: fc.boolean(),
    gpc: fc.boolean(),
  })
  .map(({ id, revision, regime, analytics, gpc }) => receipt({ id, revision, regime, gpc, categories: { necessary: true, analytics } }));

const FIELDS = Object.keys(receipt());

/** Bodies, each with whether it is a valid receipt. */
const body: fc.Arbitrary<{ bytes: Buffer; valid: boolean }> = fc.oneof(
  { weight: 4, arbitrary: validReceipt.map((r) => ({ bytes: Buffer.from(JSON.stringify(r)), valid: true })) },
  // One field replaced with any JSON value (wrong types, nested junk).
  {
    weight: 3,
    arbitrary: fc.tuple(validReceipt, fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 })).map(([r, field, value]) => {
      const changed = { ...r, [field]: value };
      return { bytes: Buffer.from(JSON.stringify(changed)), valid: parseReceipt(changed).ok };
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => ({ bytes: Buffer.from(JSON.stringify(value) ?? ''), valid: false })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes: Buffer.from(bytes), valid: false })) },
  // Deep nesting, balanced or not.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.boolean()).map(([depth, balanced]) => ({
      bytes: Buffer.from(`${'{"a":['.repeat(depth)}${balanced ? ']}'.repeat(depth) : ''}`.slice(0, 8000)),
      valid: false,
    })),
  },
  // Huge numbers.
  {
    weight: 1,
    arbitrary: fc.tuple(validReceipt, fc.constantFrom('1e999999', '-1e400', '123456789012345678901234567890', '1.0000000000000002', 'NaN', '0x10', '1e9', '-0')).map(([r, number]) => {
      const text = JSON.stringify(r).replace(/"revision":\d+/, `"revision":${number}`);
      let valid = false;
      try {
        valid = parseReceipt(JSON.parse(text)).ok;
      } catch {}
      return { bytes: Buffer.from(text), valid };
    }),
  },
  // __proto__ and constructor keys, at the top and in the records.
  {
    weight: 1,
    arbitrary: fc.tuple(validReceipt, fc.constantFrom('top', 'categories', 'services', 'constructor')).map(([r, where]) => {
      const text = JSON.stringify(r);
      const hostile =
        where == 'top'
          ? `{"__proto__":{"polluted":true},${text.slice(1)}`
          : where == 'constructor'
            ? text.replace('"categories":{', '"categories":{"constructor":{"prototype":{"polluted":true}},')
            : text.replace(`"${where}":{`, `"${where}":{"__proto__":true,`);
      return { bytes: Buffer.from(hostile), valid: false };
    }),
  },
  // Invalid UTF-8 inside a string.
  {
    weight: 1,
    arbitrary: fc.tuple(validReceipt, fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf])).map(([r, bad]) => {
      const [before, after] = JSON.stringify(r).split('/pricing');
      return { bytes: Buffer.concat([Buffer.from(`${before}/pri`), Buffer.from(bad), Buffer.from(`cing${after}`)]), valid: false };
    }),
  },
  // Oversized.
  { weight: 1, arbitrary: validReceipt.map((r) => ({ bytes: Buffer.from(JSON.stringify({ ...r, page: `/${'p'.repeat(9000)}` })), valid: false })) },
  { weight: 1, arbitrary: fc.constant({ bytes: Buffer.alloc(0), valid: false }) },
);

/** A header value: printable, long, or with bytes HTTP forbids (CR, LF, NUL, DEL). */
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const request = fc.record({
  method: fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'OPTIONS', 'DELETE', 'PATCH', 'HEAD', 'BREW', 'P O S T') }),
  path: fc.oneof(
    { weight: 6, arbitrary: fc.constant('/v1/receipts') },
    { weight: 1, arbitrary: fc.constantFrom('/v1/receipts/', '/v1/receipts?x=%zz', '//v1/receipts', '/%', 'http://evil.example/v1/receipts', '*', '/v1/consents/%E0%A4%A', '/v1/export?format=csv', '/login', '/') },
  ),
  contentType: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('text/plain;charset=UTF-8', 'application/json', 'text/plain') },
    { weight: 1, arbitrary: fc.option(headerValue, { nil: undefined }) },
  ),
  length: fc.constantFrom('exact', 'exact', 'exact', 'exact', 'none', 'smaller', 'larger', 'junk', 'twice', 'chunked'),
  extra: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Array<[string, string]>) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom('Origin', 'X-Forwarded-For', 'User-Agent', 'Authorization', 'Cookie', 'Content-Encoding', 'Expect', 'X-Junk'), headerValue), { minLength: 1, maxLength: 3 }) },
  ),
  body,
});

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function bytesOf(r: Request): Buffer {
  const lines = [`${r.method} ${r.path} HTTP/1.1`, 'Host: log.example', 'Connection: close'];
  if (r.contentType !== undefined) lines.push(`Content-Type: ${r.contentType}`);
  for (const [name, value] of r.extra) lines.push(`${name}: ${value}`);
  const size = r.body.bytes.length;
  let payload = r.body.bytes;
  if (r.length == 'exact') lines.push(`Content-Length: ${size}`);
  if (r.length == 'smaller') lines.push(`Content-Length: ${Math.max(0, size - 5)}`);
  if (r.length == 'larger') lines.push(`Content-Length: ${size + 50}`);
  if (r.length == 'junk') lines.push('Content-Length: 12abc');
  if (r.length == 'twice') lines.push(`Content-Length: ${size}`, `Content-Length: ${size + 1}`);
  if (r.length == 'chunked') {
    lines.push('Transfer-Encoding: chunked');
    payload = Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), payload]);
}

/** Is this exactly the request a browser sends with a valid receipt? Then it must be a 204. */
const clean = (r: Request) =>
  r.method == 'POST' &&
  r.path == '/v1/receipts' &&
  r.body.valid &&
  ['text/plain;charset=UTF-8', 'application/json', 'text/plain'].includes(r.contentType ?? '') &&
  ['exact', 'chunked'].includes(r.length) &&
  r.extra.length == 0;

describe('hostile input to the receipt endpoint', () => {
  it('answers every request with a 4xx, or 204 for a valid receipt; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const statuses = await raw(bytesOf(r));
        expect(statuses.length, 'an answer').toBeGreaterThan(0);
        for (const status of statuses) {
          expect(status == 204 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
        }
        if (clean(r)) expect(statuses).toEqual([204]);
      }),
      { numRuns: runs(300) },
    );
  }, timeout(300) * 4);

  it('answers random bytes (a broken request line, a half request) with a 4xx or by closing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (bytes) => {
        const statuses = await raw(Buffer.from(bytes), { end: true });
        for (const status of statuses) expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
      }),
      { numRuns: runs(100) },
    );
  }, timeout(100) * 4);

  it('is still up, answered nothing unexpected, and stored only valid receipts', async () => {
    expect((await post(running.base, receipt())).status).toBe(204);
    expect(running.logs.filter((line) => !/the store/.test(line))).toEqual([]);
    expect(running.store.rowsStored.length).toBeGreaterThan(10);
    for (const row of running.store.rowsStored) expect(parseReceipt(row.receipt).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
