// @vitest-environment node
// The consent log's storage (log/): one suite, run on PGlite and on a real
// Postgres (scripts/postgres.mjs starts a throwaway one, unless
// SAMTYKKE_TEST_DATABASE_URL names a server whose user may create databases
// and alter tables). Without either, the Postgres half fails: it never skips.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS, chainHash, receiptDigest } from '../../log/chain.mjs';
import { openPglite, openPostgres } from '../../log/db.mjs';
import { migrate, migrationFiles } from '../../log/migrate.mjs';
import { openStore } from '../../log/store.mjs';
import { verifyExport } from '../../log/verify-export.mjs';
import { checkpointText } from '../../log/signing.mjs';
import { startPostgres } from '../../scripts/postgres.mjs';
import type { Receipt, Received, Row } from '../../log/types';

const TIMEOUT = 120_000;
const root = mkdtempSync(join(tmpdir(), 'samtykke-log-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Every store in the suite signs with this key, as every server on one database must.
const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

let serial = 0;
function receipt(over: Partial<Receipt> = {}): Receipt {
  const i = serial++;
  return {
    v: 1,
    id: `consent-${i}`,
    time: new Date(Date.UTC(2025, 0, 1, 12, 0, i % 60)).toISOString(),
    revision: 1,
    regime: i % 2 ? 'gdpr' : 'ccpa',
    categories: { necessary: true, analytics: i % 3 == 0, marketing: i % 5 == 0 },
    services: { matomo: i % 3 == 0 },
    optedOut: i % 4 == 0,
    gpc: i % 6 == 0,
    limited: false,
    locale: 'da',
    texts: null,
    // Not only ASCII: the chain hashes UTF-8.
    page: 'https://butik.example/kurv/æøå',
    ...over,
  };
}
function received(r: Receipt, receivedAt = new Date(Date.UTC(2025, 0, 1, 12))): Received {
  return { receipt: r, receivedAt, ip: '192.0.2.0', userAgent: 'Mozilla/5.0 🍪', origin: 'https://butik.example', originAllowed: true };
}
const batchOf = (n: number, receivedAt?: Date) => Array.from({ length: n }, () => received(receipt(), receivedAt));

type Store = Awaited<ReturnType<typeof openStore>>;
interface Engine {
  name: 'pglite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** openStore options for a new, empty database. */
  fresh(): Promise<{ databaseUrl?: string; dir: string }>;
  /** A raw connection to such options' database (for migrations). */
  raw(options: { databaseUrl?: string; dir: string }): ReturnType<typeof openPglite>;
}

// PGlite's initdb is slow (seconds), so it runs once; each fresh store is a
// copy of that blank data directory.
function pgliteEngine(): Engine {
  const blank = join(root, 'blank');
  let n = 0;
  return {
    name: 'pglite',
    async setup() {
      const started = performance.now();
      const db = await openPglite(join(blank, 'pgdata'));
      await db.close();
      console.log(`[measure] PGlite: a new data directory (initdb) in ${(performance.now() - started).toFixed(0)} ms`);
    },
    async teardown() {},
    async fresh() {
      const dir = join(root, `pglite-${n++}`);
      cpSync(blank, dir, { recursive: true });
      return { dir };
    },
    raw: (options) => openPglite(join(options.dir, 'pgdata')),
  };
}

function postgresEngine(): Engine {
  let url = process.env.SAMTYKKE_TEST_DATABASE_URL;
  let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let admin: Awaited<ReturnType<typeof openPostgres>> | undefined;
  let n = 0;
  return {
    name: 'postgres',
    async setup() {
      if (!url) {
        try {
          server = await startPostgres();
          url = server.url;
        } catch (error) {
          throw new Error(
            `The consent log's Postgres tests need a Postgres: apt-get install postgresql (scripts/postgres.mjs starts a throwaway one), or set SAMTYKKE_TEST_DATABASE_URL. ${(error as Error).message}`,
          );
        }
      }
      admin = await openPostgres(url, { max: 2 });
    },
    async teardown() {
      await admin?.close();
      server?.stop();
    },
    async fresh() {
      // A database per fresh store: a unique name, as other runs may share the server.
      const name = `samtykke_test_${process.pid}_${n++}`;
      await admin!.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin!.exec(`CREATE DATABASE ${name}`);
      const databaseUrl = new URL(url!);
      databaseUrl.pathname = `/${name}`;
      return { databaseUrl: String(databaseUrl), dir: join(root, name) };
    },
    raw: (options) => openPostgres(options.databaseUrl!, { max: 2 }),
  };
}

describe.each([pgliteEngine(), postgresEngine()])('the consent log on $name', { timeout: TIMEOUT }, (engine) => {
  const opened: Store[] = [];
  const open = async (options?: { databaseUrl?: string; dir: string }) => {
    const store = await openStore({ ...(options ?? (await engine.fresh())), key });
    opened.push(store);
    return store;
  };
  const rowsOf = async (store: Store) => store.rows({ limit: 100_000 });
  let store: Store;

  beforeAll(async () => {
    await engine.setup();
    store = await open();
  }, TIMEOUT);
  // Each PGlite is a whole Postgres in memory (~150 MB): close a test's own stores after it.
  afterEach(async () => {
    for (const s of opened.splice(0)) if (s != store) await s.close().catch(() => {});
  });
  afterAll(async () => {
    await store?.close().catch(() => {});
    await engine.teardown();
  }, TIMEOUT);

  it('applies the migrations once, in order, also when two processes start at once', async () => {
    const options = await engine.fresh();
    // Two connections on Postgres; PGlite is one process's, so one handle used twice.
    const a = await engine.raw(options);
    const b = engine.name == 'postgres' ? await engine.raw(options) : a;
    try {
      const results = await Promise.all([migrate(a), migrate(b)]);
      const applied = results.flatMap((result) => result.applied).sort();
      expect(applied).toEqual(migrationFiles().map((file) => file.name));
      expect((await migrate(a)).applied).toEqual([]);
      const recorded = await a.query('SELECT name FROM samtykke_migrations ORDER BY name');
      expect(recorded.rows.map((row: { name: string }) => row.name)).toEqual(applied);
      // A released migration that changed is refused, not silently skipped.
      const dir = join(root, `migrations-${engine.name}`);
      cpSync(new URL('../../log/migrations/', import.meta.url), dir, { recursive: true });
      writeFileSync(join(dir, '001_receipts.sql'), readFileSync(join(dir, '001_receipts.sql'), 'utf8') + '\n-- edited\n');
      await expect(migrate(a, { dir })).rejects.toThrow(/001_receipts\.sql was changed after it was applied/);
    } finally {
      await a.close();
      if (b != a) await b.close();
    }
  });

  it('stores a batch in one INSERT statement and says how many were new', async () => {
    const db = store.db;
    await db.exec(`CREATE TABLE test_statements (n int);
      CREATE FUNCTION test_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_statements VALUES (1); RETURN NULL; END $$;
      CREATE TRIGGER test_count AFTER INSERT ON receipts FOR EACH STATEMENT EXECUTE FUNCTION test_count();`);
    try {
      expect(await store.insertBatch(batchOf(100))).toEqual({ inserted: 100, skipped: 0 });
      expect(Number((await db.query('SELECT count(*) AS n FROM test_statements')).rows[0].n)).toBe(1);
    } finally {
      await db.exec('DROP TRIGGER test_count ON receipts; DROP FUNCTION test_count(); DROP TABLE test_statements;');
    }
  });

  it('stores a receipt sent twice once, within a batch, across batches and whatever its key order', async () => {
    const r = receipt();
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as Receipt;
    expect(receiptDigest(shuffled)).toBe(receiptDigest(r));
    expect(await store.insertBatch([received(r), received(r), received(receipt())])).toEqual({ inserted: 2, skipped: 1 });
    expect(await store.insertBatch([received(shuffled, new Date()), received(receipt())])).toEqual({ inserted: 1, skipped: 1 });
    expect(await store.insertBatch([received(r)])).toEqual({ inserted: 0, skipped: 1 });
    expect(await store.insertBatch([])).toEqual({ inserted: 0, skipped: 0 });
    expect((await store.history(r.id)).rows).toHaveLength(1);
  });

  it('chains every row, and the SQL hash is the one chain.mjs computes', async () => {
    const rows = await rowsOf(store);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].prevHash).toBe(GENESIS);
    for (const [i, row] of rows.entries()) {
      if (i) expect(row.prevHash).toBe(rows[i - 1].hash);
      expect(chainHash(row.prevHash, row.record)).toBe(row.hash);
      expect(row.digest).toBe(receiptDigest(row.receipt));
      expect(JSON.parse(row.record)).toEqual({ seq: row.seq, consentId: row.consentId, time: row.time, receivedAt: row.receivedAt, ip: row.ip, userAgent: row.userAgent, origin: row.origin, originAllowed: row.originAllowed, receipt: row.receipt });
    }
    for (const text of ['', 'a', 'æøå 🍪 \u2028', '{"seq": 1}']) {
      const prev = createHash('sha256').update(text).digest('hex');
      const sql = await store.db.query(`SELECT encode(sha256(decode($1, 'hex') || convert_to($2, 'UTF8')), 'hex') AS hash`, [prev, text]);
      expect(sql.rows[0].hash).toBe(chainHash(prev, text));
    }
    expect(await store.verify()).toMatchObject({ ok: true, checked: rows.length, first: 1, last: rows.length, badCheckpoints: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on what is append-only', async () => {
    await store.checkpoint();
    await store.registerNotice({ hash: 'refuse', revision: 1, locale: 'da', texts: { title: 'Cookies' } });
    const refused = [
      `UPDATE receipts SET ip = NULL WHERE seq = 1`,
      `DELETE FROM receipts WHERE seq = 1`,
      `TRUNCATE receipts`,
      `UPDATE checkpoints SET hash = 'x'`,
      `DELETE FROM checkpoints`,
      `TRUNCATE checkpoints`,
      `UPDATE notices SET texts = '{}'`,
      `DELETE FROM notices`,
      `TRUNCATE notices`,
      `DELETE FROM retention_log`,
      `TRUNCATE retention_log`,
    ];
    for (const sql of refused) await expect(store.db.query(sql), sql).rejects.toThrow(/append-only/);
    await expect(store.db.query(`UPDATE chain_head SET seq = 1`)).rejects.toThrow(/chain_head only moves forward/);
    await expect(store.db.query(`DELETE FROM chain_head`)).rejects.toThrow(/chain_head only moves forward/);
    expect((await store.verify()).ok).toBe(true);
  });

  it('gives one consent id its rows, oldest first, with the newest checkpoint that covers them', async () => {
    const id = 'consent-history';
    const decisions = [receipt({ id, optedOut: false }), receipt({ id, optedOut: true }), receipt({ id, categories: { necessary: true } })];
    await store.insertBatch([received(decisions[0])]);
    await store.insertBatch(batchOf(3));
    await store.insertBatch([received(decisions[1]), received(decisions[2])]);
    let history = await store.history(id);
    expect(history.rows.map((row) => row.receipt)).toEqual(decisions);
    expect(history.rows.map((row) => row.seq)).toEqual([...history.rows.map((row) => row.seq)].sort((a, b) => a - b));
    expect(history.checkpoint).toBeNull();
    const checkpoint = await store.checkpoint();
    expect(checkpoint!.seq).toBe(history.rows[2].seq);
    history = await store.history(id);
    expect(history.checkpoint).toEqual(checkpoint);
    expect(await store.history('nobody')).toEqual({ rows: [], checkpoint: null });
  });

  it('signs checkpoints only when the chain moved, and verify() checks them', async () => {
    const before = await store.checkpoints();
    expect(await store.checkpoint()).toBeNull();
    await store.insertBatch(batchOf(5));
    const checkpoint = (await store.checkpoint())!;
    const [head] = (await store.db.query('SELECT seq, hash FROM chain_head')).rows;
    expect(checkpoint).toMatchObject({ seq: Number(head.seq), hash: head.hash, keyId: store.keyId });
    expect(await store.checkpoints()).toEqual([...before, checkpoint]);
    expect(await store.verify()).toMatchObject({ ok: true, checkpoints: before.length + 1, badCheckpoints: [] });
  });

  it('says what a receipt referred to: notices are registered once', async () => {
    const texts = { title: 'Vi bruger cookies', accept: 'Accepter alle' };
    const first = await store.registerNotice({ hash: 'texts-1', revision: 2, locale: 'da', texts });
    expect(first).toMatchObject({ hash: 'texts-1', revision: 2, locale: 'da', texts });
    expect(new Date(first.registeredAt).toISOString()).toBe(first.registeredAt);
    expect(await store.registerNotice({ hash: 'texts-1', revision: 3, locale: 'en', texts: { title: 'other' } })).toEqual(first);
    expect(await store.notice('texts-1')).toEqual(first);
    expect(await store.notice('unknown')).toBeNull();
    expect(await store.registerNotice({ hash: 'texts-2', revision: null, locale: 'en', texts: {} })).toMatchObject({ revision: null });
  });

  it('counts per UTC day and regime, and per category', async () => {
    const fresh = await open();
    const day = (d: number, h = 12) => new Date(Date.UTC(2025, 2, d, h));
    const sent = [
      received(receipt({ regime: 'gdpr', categories: { necessary: true, analytics: true }, optedOut: false, gpc: false }), day(1)),
      received(receipt({ regime: 'gdpr', categories: { necessary: true, analytics: false }, optedOut: false, gpc: true }), day(1, 23)),
      received(receipt({ regime: 'ccpa', categories: { necessary: true, marketing: true }, optedOut: true, gpc: true }), day(1)),
      // Midnight UTC is the 2nd, whatever the server's time zone.
      received(receipt({ regime: 'gdpr', categories: { necessary: true, analytics: false, marketing: false }, optedOut: false, gpc: false }), day(2, 0)),
      received(receipt({ regime: 'gdpr', categories: { necessary: true, analytics: true, marketing: true }, optedOut: false, gpc: false }), day(3)),
    ];
    await fresh.insertBatch(sent);
    const stats = await fresh.stats();
    expect(stats.total).toBe(5);
    expect(stats.gpcShare).toBeCloseTo(2 / 5);
    expect(stats.days).toEqual([
      { day: '2025-03-01', regime: 'ccpa', receipts: 1, optIns: 1, optOuts: 1, gpc: 1 },
      { day: '2025-03-01', regime: 'gdpr', receipts: 2, optIns: 1, optOuts: 0, gpc: 1 },
      { day: '2025-03-02', regime: 'gdpr', receipts: 1, optIns: 0, optOuts: 0, gpc: 0 },
      { day: '2025-03-03', regime: 'gdpr', receipts: 1, optIns: 1, optOuts: 0, gpc: 0 },
    ]);
    expect(stats.categories).toEqual([
      { category: 'analytics', allowed: 2, of: 4 },
      { category: 'marketing', allowed: 2, of: 3 },
      { category: 'necessary', allowed: 5, of: 5 },
    ]);
    const range = await fresh.stats({ from: '2025-03-02', to: '2025-03-02' });
    expect(range.total).toBe(1);
    expect((await fresh.stats({ from: '2025-03-02' })).total).toBe(2);
    expect((await fresh.stats({ to: '2025-03-01' })).total).toBe(3);
    expect(await fresh.stats({ from: '2030-01-01' })).toEqual({ total: 0, days: [], categories: [], gpcShare: 0 });
  });

  it('deletes the oldest rows only in a retention run, and the chain still verifies', async () => {
    const fresh = await open();
    const day = (d: number) => new Date(Date.UTC(2025, 3, d));
    for (const d of [1, 2]) await fresh.insertBatch(batchOf(5, day(d)));
    // One checkpoint on the last row retention will delete, one after it.
    await fresh.checkpoint();
    await fresh.insertBatch(batchOf(5, day(3)));
    await fresh.checkpoint();
    const dry = await fresh.retention({ before: day(3), dryRun: true });
    expect(dry).toEqual({ rows: 10, before: day(3).toISOString(), dryRun: true });
    expect(await rowsOf(fresh)).toHaveLength(15);
    expect(await fresh.retention({ before: day(3) })).toEqual({ rows: 10, before: day(3).toISOString(), dryRun: false });
    const rows = await rowsOf(fresh);
    expect(rows.map((row) => row.seq)).toEqual([11, 12, 13, 14, 15]);
    expect(await fresh.retention({ before: day(3) })).toMatchObject({ rows: 0 });
    // New rows chain on after the head, not after the deletion.
    await fresh.insertBatch(batchOf(2, day(4)));
    expect(await fresh.verify()).toMatchObject({ ok: true, checked: 7, first: 11, last: 17, checkpoints: 2, badCheckpoints: [] });
    const [log] = (await fresh.db.query('SELECT rows, first_seq, last_seq, last_hash FROM retention_log')).rows;
    expect(log).toMatchObject({ first_seq: expect.anything(), last_hash: rows[0].prevHash });
    expect(Number(log.rows)).toBe(10);
    expect(Number(log.last_seq)).toBe(10);
    // The same deletion without the signed record of a retention run is caught.
    await fresh.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('samtykke.retention', 'on', true)`);
      await tx.query('DELETE FROM receipts WHERE seq <= 12');
    });
    expect(await fresh.verify()).toMatchObject({ ok: false, brokenAt: 13, reason: expect.stringMatching(/no signed retention record/) });
  });

  it('continues the chain after retention deleted every row, and an export carries the anchor', async () => {
    const fresh = await open();
    await fresh.insertBatch(batchOf(3, new Date(Date.UTC(2025, 4, 1))));
    expect(await fresh.retention({ before: new Date(Date.UTC(2030, 0, 1)) })).toMatchObject({ rows: 3 });
    expect(await fresh.verify()).toMatchObject({ ok: true, checked: 0, first: null, last: null });
    await fresh.insertBatch(batchOf(2));
    expect(await fresh.verify()).toMatchObject({ ok: true, checked: 2, first: 4, last: 5 });
    const lines = (await rowsOf(fresh)).map((row) => JSON.stringify(row));
    const retention = await fresh.retentionLog();
    expect(retention).toMatchObject([{ lastSeq: 3, keyId: fresh.keyId }]);
    const publicKey = fresh.publicKey();
    expect(await verifyExport(lines, { publicKey, retention })).toMatchObject({ ok: true, first: 4 });
    // Held to the retention records, an export missing its start is caught,
    // and so is a retention record that was not signed with the log's key.
    expect(await verifyExport(lines, { publicKey, retention: [] })).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/no signed retention record/) });
    expect(await verifyExport(lines, { publicKey, retention: [{ ...retention[0], time: new Date().toISOString() }] })).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('names the seq of a row edited behind the triggers', async () => {
    const fresh = await open();
    await fresh.insertBatch(batchOf(10));
    await fresh.checkpoint();
    const [victim] = await fresh.rows({ afterSeq: 6, limit: 1 });
    await fresh.db.exec('ALTER TABLE receipts DISABLE TRIGGER receipts_append_only');
    await fresh.db.query(`UPDATE receipts SET receipt = jsonb_set(receipt, '{optedOut}', to_jsonb(NOT (receipt->>'optedOut')::boolean)) WHERE seq = $1`, [victim.seq]);
    await fresh.db.exec('ALTER TABLE receipts ENABLE TRIGGER receipts_append_only');
    expect(await fresh.verify()).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringMatching(/edited/) });
    // Rewriting its digest, record and hash too moves the break to the next row.
    const [edited] = await fresh.rows({ afterSeq: 6, limit: 1 });
    await fresh.db.exec('ALTER TABLE receipts DISABLE TRIGGER receipts_append_only');
    await fresh.db.query(`UPDATE receipts SET digest = $1 WHERE seq = 7`, [receiptDigest(edited.receipt)]);
    await fresh.db.query(`UPDATE receipts SET record = samtykke_record(receipts) WHERE seq = 7`);
    await fresh.db.query(`UPDATE receipts SET hash = encode(sha256(decode(prev_hash, 'hex') || convert_to(record, 'UTF8')), 'hex') WHERE seq = 7`);
    await fresh.db.exec('ALTER TABLE receipts ENABLE TRIGGER receipts_append_only');
    expect(await fresh.verify()).toMatchObject({ ok: false, brokenAt: 8, reason: expect.stringMatching(/previous hash/) });
  });

  it('notices the newest rows gone, and checkpoints forged or left pointing past the end', async () => {
    const fresh = await open();
    await fresh.insertBatch(batchOf(6));
    const good = (await fresh.checkpoint())!;
    // Forged: signed with another key, and a true signature over a false hash.
    const other = generateKeyPairSync('ed25519');
    const { sign } = await import('node:crypto');
    const time = new Date().toISOString();
    const insert = `INSERT INTO checkpoints (seq, hash, "time", signature, key_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`;
    const [rows] = [await fresh.rows({ limit: 10 })];
    const foreign = await fresh.db.query(insert, [3, rows[2].hash, time, sign(null, Buffer.from(checkpointText({ seq: 3, hash: rows[2].hash, time })), other.privateKey).toString('base64'), fresh.keyId]);
    const result = await fresh.verify();
    expect(result).toMatchObject({ ok: false, checkpoints: 2, badCheckpoints: [Number(foreign.rows[0].id)] });
    expect(result.brokenAt).toBeUndefined();
    // The last two rows deleted (with the head left alone): missing at the end.
    await fresh.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('samtykke.retention', 'on', true)`);
      await tx.query('DELETE FROM receipts WHERE seq > 4');
    });
    const after = await fresh.verify();
    expect(after).toMatchObject({ ok: false, last: 4, brokenAt: 5, reason: expect.stringMatching(/rows 5 to 6 are missing/) });
    expect(after.badCheckpoints).toContain(good.id);
  });

  it('verifies an export offline, and finds what was changed in it', async () => {
    const pages: Row[] = [];
    for (let afterSeq = 0; ; ) {
      const page = await store.rows({ afterSeq, limit: 37 });
      pages.push(...page);
      if (page.length < 37) break;
      afterSeq = page[page.length - 1].seq;
    }
    expect(pages).toEqual(await rowsOf(store));
    const lines = pages.map((row) => JSON.stringify(row));
    const publicKey = store.publicKey();
    const checkpoints = await store.checkpoints();
    const ok = await verifyExport(lines, { publicKey, checkpoints });
    expect(ok).toMatchObject({ ok: true, checked: pages.length, first: 1, last: pages.length, checkpoints: checkpoints.length, badCheckpoints: [] });
    async function* stream() {
      yield lines.slice(0, 10).join('\n') + '\n';
      for (const line of lines.slice(10)) yield line;
    }
    expect(await verifyExport(stream(), { publicKey, checkpoints })).toEqual(ok);
    // A partial export (from seq 20) verifies from its first line.
    expect(await verifyExport(lines.slice(19), { publicKey })).toMatchObject({ ok: true, first: 20 });
    const edited = [...lines];
    const row = JSON.parse(edited[41]);
    row.receipt.categories.marketing = !row.receipt.categories.marketing;
    edited[41] = JSON.stringify(row);
    expect(await verifyExport(edited, { publicKey, checkpoints })).toMatchObject({ ok: false, brokenAt: 42 });
    const dropped = lines.filter((_, i) => i != 50);
    expect(await verifyExport(dropped, { publicKey })).toMatchObject({ ok: false, brokenAt: 51, reason: expect.stringMatching(/missing/) });
    const forged = { ...checkpoints[0], hash: pages[0].hash };
    expect(await verifyExport(lines, { publicKey, checkpoints: [forged] })).toMatchObject({ ok: false, badCheckpoints: [forged.id] });
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect((await verifyExport(lines, { publicKey: otherKey, checkpoints })).badCheckpoints).toHaveLength(checkpoints.length);
  });

  it('keeps the signing key out of the database, in a file made once with mode 0600', async () => {
    const options = await engine.fresh();
    const saved = process.env.SAMTYKKE_LOG_KEY;
    delete process.env.SAMTYKKE_LOG_KEY;
    try {
      const first = await openStore(options);
      opened.push(first);
      const file = join(options.dir, 'signing-key.pem');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await first.insertBatch(batchOf(2));
      await first.checkpoint();
      await first.close();
      const again = await openStore(options);
      opened.push(again);
      expect(again.publicKey()).toBe(first.publicKey());
      expect((await again.verify()).ok).toBe(true);
      const dump = JSON.stringify((await again.db.query(`SELECT (SELECT json_agg(c) FROM checkpoints c) AS c, (SELECT json_agg(r) FROM receipts r) AS r`)).rows);
      const secret = readFileSync(file, 'utf8').split('\n')[1];
      expect(dump).not.toContain(secret);
    } finally {
      if (saved != null) process.env.SAMTYKKE_LOG_KEY = saved;
    }
  });

  it.runIf(engine.name == 'postgres')('keeps one unbroken chain with two servers inserting at once', async () => {
    const options = await engine.fresh();
    const [a, b] = [await open(options), await open(options)];
    const shared = Array.from({ length: 20 }, () => received(receipt()));
    const work = (s: Store) => Array.from({ length: 8 }, (_, i) => s.insertBatch([...batchOf(25), ...shared.slice(i, i + 2)]));
    const results = await Promise.all([...work(a), ...work(b)]);
    const inserted = results.reduce((sum, r) => sum + r.inserted, 0);
    // 16 batches of 25, and the 9 shared receipts each stored once.
    expect(inserted).toBe(16 * 25 + 9);
    const rows = await rowsOf(a);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await a.verify()).toMatchObject({ ok: true, checked: inserted });
    await Promise.all([a.checkpoint(), b.checkpoint()]);
    expect(await b.checkpoints()).toHaveLength(1);
  });

  // A Postgres restart sends every backend FATAL 57P01; pg then emits 'error'
  // on the client, and a client checked out for a transaction has no pool
  // listener: unheard, that error crashed `samtykke log serve` under load.
  it.runIf(engine.name == 'postgres')('survives its connection being terminated inside a transaction, and goes on with a new one', async () => {
    const options = await engine.fresh();
    const db = await engine.raw(options);
    try {
      const failed = db.transaction(async (tx) => {
        const { rows } = await tx.query('SELECT pg_backend_pid() AS pid');
        // Between two queries, so no query is in flight when the FATAL arrives.
        await db.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.query('SELECT 1');
      });
      await expect(failed).rejects.toThrow();
      expect((await db.transaction((tx) => tx.query('SELECT 2 AS two'))).rows).toEqual([{ two: 2 }]);
    } finally {
      await db.close();
    }
  });

  it.runIf(engine.name == 'pglite')('measures opening and inserting (printed, not asserted)', async () => {
    const options = await engine.fresh();
    let started = performance.now();
    const fresh = await open(options);
    const migrated = performance.now() - started;
    await fresh.close();
    started = performance.now();
    const reopened = await open(options);
    const reopen = performance.now() - started;
    const lines = [`[measure] PGlite: open + migrate a blank directory ${migrated.toFixed(0)} ms, reopen ${reopen.toFixed(0)} ms, rss ${process.memoryUsage().rss >> 20} MB`];
    for (const size of [100, 100, 1000, 1000]) {
      const batch = batchOf(size);
      started = performance.now();
      await reopened.insertBatch(batch);
      const ms = performance.now() - started;
      lines.push(`[measure] PGlite: a batch of ${size} in ${ms.toFixed(0)} ms (${Math.round((size / ms) * 1000)} receipts/s)`);
    }
    started = performance.now();
    const verified = await reopened.verify();
    lines.push(`[measure] PGlite: verify ${verified.checked} rows in ${(performance.now() - started).toFixed(0)} ms`);
    console.log(lines.join('\n'));
    expect(verified.ok).toBe(true);
  });
});

describe('without the database packages', () => {
  it('says in one line what to install, as a SetupError (exit code 3)', async () => {
    // A copy of log/ where no node_modules can be found above it, in a plain Node.
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-log-bare-'));
    try {
      cpSync(new URL('../../log/', import.meta.url), join(dir, 'log'), { recursive: true });
      const script = `
        const { openStore } = await import('./log/store.mjs');
        const out = [];
        for (const options of [{ dir: 'data' }, { databaseUrl: 'postgres://nowhere/x' }]) {
          const error = await openStore({ ...options, key: process.env.KEY }).catch((error) => error);
          out.push({ name: error.name, exitCode: error.exitCode, message: error.message });
        }
        console.log(JSON.stringify(out));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, KEY: key } });
      expect(JSON.parse(output)).toEqual([
        { name: 'SetupError', exitCode: 3, message: 'samtykke log needs @electric-sql/pglite, which is not installed: npm install --save-dev @electric-sql/pglite' },
        { name: 'SetupError', exitCode: 3, message: 'samtykke log needs pg for DATABASE_URL, which is not installed: npm install --save-dev pg' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
