// @vitest-environment node
// `samtykke log serve` as a site runs it: the real command in a child
// process, over the real store, once on PGlite and once on Postgres (the
// same tests). Receipts in, 204 only after the commit, the history, the
// export checked offline, and the faults a log must survive: the server
// killed with SIGKILL under load loses no receipt it acknowledged, and (on
// Postgres) the database stopped and started under load gives 503s while
// it is down and no lost receipt, with no restart of the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../scripts/postgres.mjs';
import { openPostgres } from '../../log/db.mjs';
import { receipt } from './log-helpers';

const ROOT = new URL('../../', import.meta.url).pathname;
const TOKEN = 'integration-token-0123456789abcdef';
const root = mkdtempSync(join(tmpdir(), 'samtykke-log-int-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Serving {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts `samtykke log serve` on a free port; resolves once it listens. */
function serve(db: string, env: Record<string, string> = {}): Promise<Serving> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/samtykke.js'), 'log', 'serve', '--port', '0', '--db', db, '--rate-ip', '0', '--rate-id', '0'], {
      env: { ...process.env, SAMTYKKE_LOG_TOKEN: TOKEN, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const output = () => text;
    const seen = (chunk: Buffer) => {
      text += chunk;
      const match = /receipts to (http:\/\/[^\s]+)\/v1\/receipts/.exec(text);
      if (match) resolve({ url: match[1], child, output });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`samtykke log serve exited ${code}: ${text}`)));
    setTimeout(() => reject(new Error(`samtykke log serve did not start in 60 s: ${text}`)), 60_000).unref();
  });
}

async function stopped(serving: Serving, signal: NodeJS.Signals = 'SIGTERM') {
  if (serving.child.exitCode != null) return;
  const exit = new Promise((resolve) => serving.child.once('exit', resolve));
  serving.child.kill(signal);
  await exit;
}

const send = (url: string, body: unknown, type = 'text/plain;charset=UTF-8') =>
  fetch(`${url}/v1/receipts`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': type, origin: 'https://shop.example' } }).then(
    (response) => response.status,
    () => 0,
  );
const admin = (url: string, path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((response) => response.json());

/** Sends receipts from `lanes` loops until `until()`; returns the ids that got a 204, and every status seen. */
async function load(url: () => string, until: () => boolean, lanes = 8) {
  const acknowledged: string[] = [];
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (!until()) {
        const r = receipt();
        const status = await send(url(), r);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status == 204) acknowledged.push(r.id);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  return { acknowledged, statuses };
}

/** Every consent id stored, from the export. */
async function storedIds(url: string) {
  const text = await fetch(`${url}/v1/export?format=ndjson`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((response) => response.text());
  return new Set(
    text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((row) => typeof row.seq == 'number')
      .map((row) => row.consentId),
  );
}

interface Engine {
  name: string;
  env(): Record<string, string>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  server?: Awaited<ReturnType<typeof startPostgres>>;
}

const pglite: Engine = { name: 'PGlite', env: () => ({}) };
const postgres: Engine = {
  name: 'Postgres',
  env() {
    return { DATABASE_URL: this.server!.url };
  },
  // Its own server, so that the fault test may stop and start it.
  async setup() {
    this.server = await startPostgres({ database: 'log' });
  },
  async teardown() {
    this.server?.stop();
  },
};

describe.each([pglite, postgres])('samtykke log serve on $name', (engine) => {
  let db: string;
  beforeAll(async () => {
    await engine.setup?.();
    db = join(root, engine.name);
  }, 120_000);
  afterAll(() => engine.teardown?.());

  it('stores what the SDK sends (text/plain, and JSON), once, and proves it: history, export, offline check', async () => {
    const serving = await serve(db, engine.env());
    try {
      const first = receipt({ texts: 'v1a2b3' });
      expect(await send(serving.url, first)).toBe(204);
      expect(await send(serving.url, first)).toBe(204); // the resend: stored once
      const later = { ...receipt(), id: first.id, time: '2026-01-11T09:00:00.000Z', optedOut: true };
      expect(await send(serving.url, later, 'application/json')).toBe(204);
      const history = await admin(serving.url, `/v1/consents/${first.id}`);
      expect(history.rows.map((row: any) => [row.receipt.optedOut, row.receipt.texts, row.hash.length])).toEqual([
        [false, 'v1a2b3', 64],
        [true, null, 64],
      ]);
      expect(history.rows[1].prevHash).toBe(history.rows[0].hash);
      expect((await admin(serving.url, '/v1/verify')).ok).toBe(true);

      const exported = await fetch(`${serving.url}/v1/export?format=ndjson`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
      const file = join(root, `${engine.name}.ndjson`);
      writeFileSync(file, exported);
      const key = join(root, `${engine.name}.pem`);
      writeFileSync(key, await fetch(`${serving.url}/v1/public-key`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text()));
      const { main } = await import('../../log/cli.mjs');
      const lines: string[] = [];
      expect(await main(['verify', '--file', file, '--public-key', key], { out: (line) => void lines.push(line), err: (line) => void lines.push(line) })).toBe(0);
      expect(lines.join('\n')).toMatch(/^ok: 2 rows \(1 to 2\)/m);
    } finally {
      await stopped(serving);
    }
  }, 120_000);

  it('loses no acknowledged receipt when the server is killed with SIGKILL under load', async () => {
    let serving = await serve(db, engine.env());
    let killed = false;
    const started = Date.now();
    const running = load(() => serving.url, () => killed || Date.now() - started > 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stopped(serving, 'SIGKILL');
    killed = true;
    const { acknowledged, statuses } = await running;
    expect(acknowledged.length, JSON.stringify(statuses)).toBeGreaterThan(20);
    serving = await serve(db, engine.env());
    try {
      const stored = await storedIds(serving.url);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect((await admin(serving.url, '/v1/verify')).ok).toBe(true);
    } finally {
      await stopped(serving);
    }
  }, 120_000);

  it.runIf(engine.name == 'Postgres')('answers 503 while the database is down, loses nothing it acknowledged, and recovers without a restart', async () => {
    const serving = await serve(db, engine.env());
    try {
      let done = false;
      const running = load(() => serving.url, () => done);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      engine.server!.pause();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      engine.server!.resume();
      // Back: receipts are acknowledged again, by the same server process.
      const before = Date.now();
      let recovered = false;
      while (!recovered && Date.now() - before < 30_000) {
        recovered = (await send(serving.url, receipt())) == 204;
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      done = true;
      const { acknowledged, statuses } = await running;
      expect(recovered, `exit ${serving.child.exitCode}; statuses ${JSON.stringify(statuses)}; server said:\n${serving.output()}`).toBe(true);
      expect(statuses[503], JSON.stringify(statuses)).toBeGreaterThan(0);
      expect(Object.keys(statuses).filter((s) => s != '204' && s != '503')).toEqual([]);
      expect(serving.child.exitCode).toBe(null);
      const stored = await storedIds(serving.url);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect((await admin(serving.url, '/v1/verify')).ok).toBe(true);
    } finally {
      await stopped(serving);
    }
  }, 120_000);
});

// Two server processes on one Postgres keep one unbroken chain (the store's
// suite proves it for two stores in one process; this is two processes).
describe('two samtykke log serve processes on one Postgres', () => {
  let server: Awaited<ReturnType<typeof startPostgres>>;
  beforeAll(async () => void (server = await startPostgres({ database: 'two' })), 120_000);
  afterAll(() => server?.stop());

  it('keep one chain', async () => {
    const key = (await import('node:crypto')).generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = { DATABASE_URL: server.url, SAMTYKKE_LOG_KEY: key };
    const [a, b] = await Promise.all([serve(join(root, 'a'), env), serve(join(root, 'b'), env)]);
    try {
      let n = 0;
      await load(() => (n++ % 2 ? a.url : b.url), () => n > 400);
      const verified = await admin(a.url, '/v1/verify');
      expect(verified).toMatchObject({ ok: true, first: 1 });
      expect(verified.last).toBeGreaterThan(300);
      const pool = await openPostgres(server.url, { max: 1 });
      await pool.close();
    } finally {
      await Promise.all([stopped(a), stopped(b)]);
    }
  }, 120_000);
});
