// @vitest-environment node
// The consent log's pure parts: the receipt schema and its canonical text
// and digest, what is kept of an IP, the token buckets, CSV cells, the
// retention date, the --origins list, the admin token and the session cookie.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, canonicalReceipt, parseReceipt, receiptDigest } from '../../log/receipt-schema.mjs';
import { clientIp, rateKey, truncateIp } from '../../log/client-ip.mjs';
import { createLimiter } from '../../log/rate-limit.mjs';
import { csvCell } from '../../log/export.mjs';
import { monthsBefore } from '../../log/retention.mjs';
import { judgeOrigin, parseOrigins } from '../../log/origins.mjs';
import { cookieValue, newSession, sessionValid, tokenMatches, bearerToken, SESSION_MS } from '../../log/auth.mjs';
import { resolveToken } from '../../log/token.mjs';
import { mediaType } from '../../log/body.mjs';
import { parseCsv } from '../../scan/csv.mjs';
import { receipt } from './log-helpers';

describe('the receipt schema', () => {
  it('accepts what the SDK sends, the README example included', () => {
    const example = {
      v: 1, id: 'V1StGXR8_Z5jdHi6B-myTw', time: '2026-11-21T12:00:00.000Z', revision: 3, regime: 'opt-in',
      categories: { necessary: true, preferences: false, analytics: true, marketing: false }, services: { ga4: true },
      optedOut: false, gpc: false, limited: false, locale: 'da', texts: null, page: 'https://example.com/pricing',
    };
    expect(parseReceipt(example, () => Date.parse('2026-11-21T12:00:00Z'))).toEqual({ ok: true, receipt: example });
    expect(parseReceipt(receipt({ page: '/pricing', locale: null, time: '2026-01-10T13:00:00+01:00' })).ok).toBe(true);
  });

  it('refuses times before 2020 and more than a day ahead of the server', () => {
    const now = () => Date.parse('2026-01-10T00:00:00Z');
    expect(parseReceipt(receipt({ time: '2026-01-10T23:59:00Z' }), now).ok).toBe(true);
    expect(parseReceipt(receipt({ time: '2026-01-11T00:00:01Z' }), now)).toEqual({ ok: false, reason: 'time: in the future' });
    expect(parseReceipt(receipt({ time: '2019-12-31T23:59:59Z' }), now)).toEqual({ ok: false, reason: 'time: before 2020' });
  });

  it('refuses ids the SDK cannot make, too many categories, long strings, control characters, //host pages', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ id: 'V1StGXR8_Z5jdHi6B-myT=' }, /^id: /],
      [{ id: 'V1StGXR8_Z5jdHi6B-myTwX' }, /^id: /],
      [{ categories: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`c${i}`, true])) }, /^categories: at most 64/],
      [{ services: { ['a'.repeat(33)]: true } }, /^services\.a+: not an id/],
      [{ categories: JSON.parse('{"__proto__": true}') }, /^categories\.__proto__: not an id/],
      [{ locale: 'x'.repeat(36) }, /^locale: at most 35/],
      [{ texts: 'x'.repeat(129) }, /^texts: at most 128/],
      [{ texts: 'a\u0000b' }, /^texts: no control characters/],
      [{ page: '//evil.example/x' }, /^page: /],
      [{ page: 'ftp://shop.example/' }, /^page: /],
      [{ page: 'https://shop.example/' + 'a'.repeat(2048) }, /^page: at most 2048/],
      [{ revision: 1.5 }, /^revision: /],
      [{ revision: 1e10 }, /^revision: /],
      [{ gpc: 'false' }, /^gpc: expected boolean/],
    ];
    for (const [change, reason] of cases) {
      const result = parseReceipt({ ...receipt(), ...change });
      expect(result.ok, JSON.stringify(change).slice(0, 80)).toBe(false);
      expect(!result.ok && result.reason).toMatch(reason);
    }
    const missing: Record<string, unknown> = { ...receipt() };
    delete missing.page;
    expect(parseReceipt(missing)).toEqual({ ok: false, reason: 'page: expected string' });
  });

  it('refuses a __proto__ key at the top (JSON.parse makes it an own key) without touching any prototype', () => {
    const hostile = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(receipt()).slice(1)}`);
    expect(parseReceipt(hostile)).toEqual({ ok: false, reason: 'receipt: unknown key "__proto__"' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the reason short whatever the sender named its keys', () => {
    const result = parseReceipt({ ...receipt(), ['k'.repeat(5000)]: 1 });
    expect(!result.ok && result.reason.length).toBeLessThanOrEqual(200);
  });
});

describe('the canonical text and the digest', () => {
  it('sorts keys at every level, so key order never changes the digest', () => {
    const one = receipt();
    const shuffled = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(one).reverse())));
    shuffled.categories = Object.fromEntries(Object.entries(one.categories).reverse());
    expect(canonicalReceipt(shuffled)).toBe(canonicalReceipt(one));
    expect(receiptDigest(shuffled)).toBe(receiptDigest(one));
    expect(canonicalReceipt(one)).toMatch(/^\{"categories":\{"analytics":true,"marketing":false,"necessary":true,"preferences":false\},"gpc":false,"id":/);
    expect(receiptDigest(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptDigest({ ...one, revision: 4 })).not.toBe(receiptDigest(one));
  });

  it('is JSON that parses back to the same value, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is a known value for a known receipt (the storage layer computes the same)', () => {
    const fixed = { ...receipt(), id: 'V1StGXR8_Z5jdHi6B-myTw' };
    expect(canonicalReceipt(fixed)).toBe(
      '{"categories":{"analytics":true,"marketing":false,"necessary":true,"preferences":false},"gpc":false,"id":"V1StGXR8_Z5jdHi6B-myTw","limited":false,"locale":"da","optedOut":false,"page":"https://shop.example/pricing","regime":"opt-in","revision":3,"services":{"ga4":true},"texts":null,"time":"2026-01-10T12:00:00.000Z","v":1}',
    );
  });
});

describe('the client IP', () => {
  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8::');
    expect(truncateIp('::1')).toBe('::');
    expect(truncateIp('fe80:1:2:3::5%eth0')).toBe('fe80:1:2::');
    expect(truncateIp('64:ff9b::192.0.2.33')).toBe('64:ff9b::');
    expect(truncateIp('nonsense')).toBeNull();
    expect(truncateIp(null)).toBeNull();
  });

  it('is always a /48 prefix: a property over IPv6 addresses', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const truncated = truncateIp(ip)!;
        expect(truncated).toMatch(/::$|^[0-9a-f:]+$/);
        expect(truncateIp(truncated)).toBe(truncated);
      }),
    );
  });

  it('believes X-Forwarded-For only with trust-proxy, and then only its last hop', () => {
    expect(clientIp('10.0.0.5', '1.2.3.4', false)).toBe('10.0.0.5');
    expect(clientIp('10.0.0.5', 'spoofed, 1.2.3.4', true)).toBe('1.2.3.4');
    expect(clientIp('10.0.0.5', ['9.9.9.9', '1.2.3.4'], true)).toBe('1.2.3.4');
    expect(clientIp('10.0.0.5', '[2001:db8::7]:443', true)).toBe('2001:db8::7');
    expect(clientIp('10.0.0.5', '1.2.3.4:5555', true)).toBe('1.2.3.4');
    expect(clientIp('10.0.0.5', '1.2.3.4, garbage', true)).toBe('10.0.0.5');
    expect(clientIp('::ffff:192.0.2.9', undefined, false)).toBe('192.0.2.9');
    expect(clientIp(undefined, undefined, false)).toBeNull();
  });

  it('rate-limits IPv6 by /64', () => {
    expect(rateKey('2001:db8:1:2:aaaa::1')).toBe(rateKey('2001:db8:1:2:bbbb::9'));
    expect(rateKey('2001:db8:1:2::1')).not.toBe(rateKey('2001:db8:1:3::1'));
    expect(rateKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('token buckets', () => {
  it('allows the burst, then refuses with the seconds until a token is back', () => {
    let now = 0;
    const limiter = createLimiter({ perMinute: 6, now: () => now });
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(10);
    expect(limiter.take('b')).toBe(0);
    now += 5_000;
    expect(limiter.take('a')).toBe(5);
    now += 5_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('forgets full buckets, then the oldest, so memory stays bounded', () => {
    let now = 0;
    const limiter = createLimiter({ perMinute: 60, maxKeys: 100, now: () => now });
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    now += 60_000;
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });
});

describe('CSV cells', () => {
  it("defuses formulas with a leading ' and quotes per RFC 4180", () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('reads back as the same text (after the defusing quote): a property over any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-composite' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const line = cells.map(csvCell).join(',') + '\r\n';
        const [parsed] = parseCsv(line);
        expect(parsed).toEqual(cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
        for (const cell of parsed) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe('retention dates', () => {
  it('goes back calendar months, clamping to the shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
    expect(monthsBefore(new Date('2024-03-31T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('--origins', () => {
  it('takes origins, normalized, and refuses paths and other schemes', () => {
    expect(parseOrigins(undefined)).toBeNull();
    expect(parseOrigins('https://Shop.Example, http://localhost:8080')).toEqual(['https://shop.example', 'http://localhost:8080']);
    expect(parseOrigins('https://shop.example/')).toEqual(['https://shop.example']);
    expect(() => parseOrigins('https://shop.example/path')).toThrow(/no path/);
    expect(() => parseOrigins('ftp://x.example')).toThrow(/not an origin/);
    expect(() => parseOrigins('shop.example')).toThrow(/not an origin/);
    expect(() => parseOrigins(',')).toThrow(/comma-separated/);
  });

  it('echoes only the normalized origin, never the raw header', () => {
    expect(judgeOrigin('https://SHOP.example', ['https://shop.example'])).toMatchObject({ allowed: true, refused: false, cors: 'https://shop.example' });
    expect(judgeOrigin('null', null)).toEqual({ origin: 'null', allowed: false, refused: false, cors: null });
    expect(judgeOrigin(undefined, ['https://shop.example'])).toMatchObject({ refused: true, cors: null });
    expect(judgeOrigin('https://x.example' + 'a'.repeat(1000), null).origin).toHaveLength(512);
  });
});

describe('the admin token and the session', () => {
  it('compares tokens whatever their length, and reads only a Bearer header', () => {
    expect(tokenMatches('secret-token-123456', 'secret-token-123456')).toBe(true);
    expect(tokenMatches('secret-token-12345', 'secret-token-123456')).toBe(false);
    expect(tokenMatches('', 'secret-token-123456')).toBe(false);
    expect(tokenMatches(undefined, 'secret-token-123456')).toBe(false);
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });

  it('a session is an HMAC of its expiry: it expires, and dies with the token', () => {
    const session = newSession('token-one-0123456789', 1000);
    expect(sessionValid(session, 'token-one-0123456789', 2000)).toBe(true);
    expect(sessionValid(session, 'token-one-0123456789', 1000 + SESSION_MS)).toBe(false);
    expect(sessionValid(session, 'token-two-0123456789', 2000)).toBe(false);
    const [expires, mac] = session.split('.');
    expect(sessionValid(`${Number(expires) + 1}.${mac}`, 'token-one-0123456789', 2000)).toBe(false);
    expect(sessionValid('garbage', 'token-one-0123456789', 2000)).toBe(false);
    expect(cookieValue('a=1; samtykke_log_session=x.y; b=2', 'samtykke_log_session')).toBe('x.y');
    expect(cookieValue(undefined, 'a')).toBeNull();
  });

  it('generates a token on the first start, mode 0600, and reads it afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-log-token-'));
    try {
      const file = join(dir, 'data', 'admin-token');
      const first = resolveToken({ env: {}, file });
      expect(first.source).toBe('generated');
      expect(first.token).toMatch(/^[\w-]{43}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe(`${first.token}\n`);
      expect(resolveToken({ env: {}, file })).toEqual({ token: first.token, source: 'file', file, warning: null });
      expect(resolveToken({ env: { SAMTYKKE_LOG_TOKEN: 'from-the-environment-1' }, file })).toMatchObject({ token: 'from-the-environment-1', source: 'env' });
      expect(() => resolveToken({ env: { SAMTYKKE_LOG_TOKEN: 'short' }, file })).toThrow(/at least 16/);
      const loose = join(dir, 'loose');
      writeFileSync(loose, 'a-token-others-can-read\n', { mode: 0o644 });
      expect(resolveToken({ env: {}, file: loose }).warning).toMatch(/chmod 600/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('content types', () => {
  it('reads the media type and whether the charset is UTF-8', () => {
    expect(mediaType('text/plain;charset=UTF-8')).toEqual({ type: 'text/plain', utf8: true });
    expect(mediaType('Application/JSON')).toEqual({ type: 'application/json', utf8: true });
    expect(mediaType('text/plain; charset="utf-8"')).toEqual({ type: 'text/plain', utf8: true });
    expect(mediaType('text/plain; charset=latin1')).toEqual({ type: 'text/plain', utf8: false });
    expect(mediaType(undefined)).toEqual({ type: '', utf8: true });
  });
});
