// @vitest-environment node
// `samtykke log`: serve over an injected fake store (the real one is
// log/store.mjs, loaded lazily), the client verbs against it, offline
// verification of an export, and the exit codes: 0 ok, 1 a break, 2 the
// server or the store failed, 3 usage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../log/cli.mjs';
import { createFakeStore, type FakeStore } from './log-fake-store';
import { post, receipt } from './log-helpers';

const cli = new URL('../../bin/samtykke.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'samtykke-log-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line), text: () => lines.join('\n') };
}

interface Serving {
  url: string;
  token: string;
  store: FakeStore;
  out: ReturnType<typeof capture>;
  stop(): Promise<number>;
}

async function serve(args: string[] = [], store = createFakeStore(), env: Record<string, string> = {}): Promise<Serving> {
  const out = capture();
  const err = capture();
  const controller = new AbortController();
  let resolveUrl!: (url: string) => void;
  const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
  const done = main(['serve', '--port', '0', '--db', join(dir, `db-${Math.random()}`), ...args], {
    env,
    out: out.write,
    err: err.write,
    openStore: async () => store,
    signal: controller.signal,
    onListening: resolveUrl,
    serverOptions: { retentionMonths: null, batchWaitMs: 2 },
  });
  const url = await Promise.race([listening, done.then((code) => Promise.reject(new Error(`serve exited ${code}: ${err.text()}`)))]);
  const token = env.SAMTYKKE_LOG_TOKEN ?? /admin token \(shown once; saved with mode 0600 in .*\): (\S+)/.exec(out.text())![1];
  return { url, token, store, out, stop: () => (controller.abort(), done) };
}

async function run(args: string[], env: Record<string, string> = {}) {
  const out = capture();
  const err = capture();
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk) => chunks.push(chunk));
  const code = await main(args, { env, out: out.write, err: err.write, stdout });
  return { code, out: out.text(), err: err.text(), stdout: Buffer.concat(chunks).toString('utf8') };
}

describe('samtykke log serve', () => {
  let serving: Serving;
  beforeAll(async () => {
    serving = await serve(['--origins', 'https://shop.example']);
  });
  afterAll(() => serving.stop());

  it('prints the URL, the database, the origins and the generated token, once, saved with mode 0600', async () => {
    const text = serving.out.text();
    expect(text).toMatch(/^samtykke log: receipts to http:\/\/127\.0\.0\.1:\d+\/v1\/receipts, dashboard at http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(text).toMatch(/^database: PGlite in .*db-/m);
    expect(text).toContain('origins: https://shop.example');
    const file = /saved with mode 0600 in (.*)\): /.exec(text)![1];
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(serving.token);
  });

  it('receives receipts from the allowed origin only', async () => {
    expect((await post(serving.url, receipt(), { Origin: 'https://shop.example' })).status).toBe(204);
    expect((await post(serving.url, receipt(), { Origin: 'https://other.example' })).status).toBe(403);
  });

  it('stats, retention and verify through the admin API with the token', async () => {
    const env = { SAMTYKKE_LOG_TOKEN: serving.token };
    const stats = await run(['stats', '--url', serving.url], env);
    expect(stats.code).toBe(0);
    expect(stats.out).toMatch(/^receipts: \d+, with GPC: 0\.0%\nopt-in: \d+ receipts, 100\.0% opted in, 0\.0% opted out/);
    const json = await run(['stats', '--url', serving.url, '--json', '--from', '2020-01-01'], env);
    expect(JSON.parse(json.out).total).toBeGreaterThan(0);
    const retention = await run(['retention', '--url', serving.url, '--months', '2', '--dry-run'], env);
    expect(retention).toMatchObject({ code: 0 });
    expect(retention.out).toMatch(/^would delete 0 rows received before \d{4}-\d{2}-\d{2}T/);
    expect(serving.store.retentionCalls.at(-1)!.dryRun).toBe(true);
    const verify = await run(['verify', '--url', serving.url], env);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^ok: \d+ rows \(1 to \d+\), 0 checkpoints checked$/);
    // --token works too, and wins.
    expect((await run(['stats', '--url', serving.url, '--token', serving.token])).code).toBe(0);
  });

  it('exports to a file (renamed into place when complete) or to stdout', async () => {
    const env = { SAMTYKKE_LOG_TOKEN: serving.token };
    const file = join(dir, 'export.csv');
    const written = await run(['export', '--url', serving.url, '--format', 'csv', '--out', file], env);
    expect(written.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^seq,consentId,/);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const piped = await run(['export', '--url', serving.url], env);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout.split('\n')[0])).toMatchObject({ export: 'samtykke-log' });
  });

  it('exits 3 for a wrong token, 2 when the store fails or the server is gone', async () => {
    expect(await run(['stats', '--url', serving.url], { SAMTYKKE_LOG_TOKEN: 'wrong-token-0123456789' })).toMatchObject({ code: 3 });
    serving.store.failWith = new Error('down');
    const failed = await run(['verify', '--url', serving.url], { SAMTYKKE_LOG_TOKEN: serving.token });
    serving.store.failWith = null;
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/^samtykke log verify: http:.*\/v1\/verify answered 503: the log is unavailable; try again$/);
    const closed = await freePort();
    const gone = await run(['stats', '--url', `http://127.0.0.1:${closed}`], { SAMTYKKE_LOG_TOKEN: serving.token });
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/^samtykke log stats: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });
});

describe('verify --file: an export checked offline with the public key', () => {
  it('passes a whole export, and finds an edited receipt, a dropped row, a forged checkpoint', async () => {
    // The real store (PGlite): the export and its check are what an auditor gets.
    const { openStore } = await import('../../log/store.mjs');
    const real = await openStore({ dir: join(dir, 'real') });
    const serving = await serve([], real as unknown as FakeStore);
    try {
      for (let i = 0; i < 5; i++) await post(serving.url, receipt());
      await serving.store.checkpoint();
      await post(serving.url, receipt());
      const env = { SAMTYKKE_LOG_TOKEN: serving.token };
      const file = join(dir, 'export.ndjson');
      expect((await run(['export', '--url', serving.url, '--out', file], env)).code).toBe(0);
      const key = join(dir, 'key.pem');
      writeFileSync(key, serving.store.publicKey());

      const whole = await run(['verify', '--file', file, '--public-key', key]);
      expect(whole.code).toBe(0);
      expect(whole.out).toBe('ok: 6 rows (1 to 6), 1 checkpoints checked\n1 rows after the newest checkpoint are chained but not yet signed');

      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      const check = async (changed: string[]) => {
        writeFileSync(join(dir, 'changed.ndjson'), changed.join('\n') + '\n');
        return run(['verify', '--file', join(dir, 'changed.ndjson'), '--public-key', key]);
      };
      const edited = JSON.parse(lines[3]);
      edited.receipt.categories.marketing = true;
      const afterEdit = await check([...lines.slice(0, 3), JSON.stringify(edited), ...lines.slice(4)]);
      expect(afterEdit.code).toBe(1);
      expect(afterEdit.out).toMatch(/^BROKEN at row 3: /);

      // Its digest recomputed too: the record the chain hashes still names the old receipt.
      const rehashed = { ...edited, digest: (await import('../../log/receipt-schema.mjs')).receiptDigest(edited.receipt) };
      const afterRehash = await check([...lines.slice(0, 3), JSON.stringify(rehashed), ...lines.slice(4)]);
      expect(afterRehash.code).toBe(1);
      expect(afterRehash.out).toMatch(/^BROKEN at row 3: /);

      const dropped = await check([...lines.slice(0, 2), ...lines.slice(3)]);
      expect(dropped.code).toBe(1);
      expect(dropped.out).toContain('BROKEN at row 2: row 2 is missing');

      const checkpoint = JSON.parse(lines.at(-1)!);
      checkpoint.checkpoint.seq = 4;
      const forged = await check([...lines.slice(0, -1), JSON.stringify(checkpoint)]);
      expect(forged.code).toBe(1);
      expect(forged.out).toContain('BAD checkpoints: 1');

      const otherKey = join(dir, 'other.pem');
      writeFileSync(otherKey, createFakeStore().publicKey());
      expect((await run(['verify', '--file', file, '--public-key', otherKey])).code).toBe(1);
    } finally {
      await serving.stop();
    }
  }, 60_000);

  it('refuses a file that is no export of the log', async () => {
    const file = join(dir, 'not-an-export.ndjson');
    writeFileSync(file, '{"seq":1}\n');
    const key = join(dir, 'any.pem');
    writeFileSync(key, createFakeStore().publicKey());
    const result = await run(['verify', '--file', file, '--public-key', key]);
    expect(result.code).toBe(3);
  });

  it('exits 3 without the key, or for a file it cannot read', async () => {
    expect((await run(['verify', '--file', 'x.ndjson'])).code).toBe(3);
    const missing = await run(['verify', '--file', join(dir, 'none.ndjson'), '--public-key', join(dir, 'none.pem')]);
    expect(missing).toMatchObject({ code: 3 });
    expect(missing.err).toContain('none.pem');
  });
});

describe('serve: shutdown and failures', () => {
  it('on the signal: stops listening, writes the queue, closes the store, exits 0', async () => {
    const store = createFakeStore();
    const serving = await serve([], store, { SAMTYKKE_LOG_TOKEN: 'env-token-0123456789abcdef' });
    expect(serving.out.text()).toContain('admin token: from SAMTYKKE_LOG_TOKEN');
    store.delayMs = 100;
    const pending = post(serving.url, receipt());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await serving.stop()).toBe(0);
    expect((await pending).status).toBe(204);
    expect(store.rowsStored).toHaveLength(1);
    expect(store.closed).toBe(true);
    await expect(post(serving.url, receipt())).rejects.toThrow(/ECONNREFUSED/);
  });

  it('exits 2 when the store cannot be opened, or the port is taken', async () => {
    const err = capture();
    const code = await main(['serve', '--port', '0', '--db', join(dir, 'x')], {
      env: {},
      err: err.write,
      out: () => {},
      openStore: async () => {
        throw new Error('database locked');
      },
    });
    expect(code).toBe(2);
    expect(err.text()).toBe(`samtykke log serve: cannot open the database (PGlite in ${join(dir, 'x')}): database locked`);

    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as { port: number }).port;
    const store = createFakeStore();
    const busy = capture();
    const busyCode = await main(['serve', '--port', String(port), '--db', join(dir, 'y')], { env: {}, err: busy.write, out: () => {}, openStore: async () => store });
    taken.close();
    expect(busyCode).toBe(2);
    expect(busy.text()).toBe(`samtykke log serve: cannot listen on 127.0.0.1:${port}: the port is in use`);
    expect(store.closed).toBe(true);
  });

  it('names Postgres without its password', async () => {
    const serving = await serve([], createFakeStore(), { DATABASE_URL: 'postgres://log:s3cret@db.internal:5432/consent', SAMTYKKE_LOG_TOKEN: 'env-token-0123456789abcdef' });
    await serving.stop();
    expect(serving.out.text()).toContain('database: Postgres at db.internal:5432/consent (DATABASE_URL)');
    expect(serving.out.text()).not.toContain('s3cret');
  });
});

describe('usage (the real command)', () => {
  const spawn = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, [cli, 'log', ...args], { encoding: 'utf8', env: { ...process.env, SAMTYKKE_LOG_TOKEN: '', ...env } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('prints its usage for --help (exit 0), and samtykke --help lists log', () => {
    const help = spawn(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: samtykke log serve \[--port 8787\]/);
    const top = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(top.stdout).toContain('samtykke log serve|export|verify|stats|retention');
  });

  it('exits 3 with one clear line for a bad option', () => {
    const cases: Array<[string[], string]> = [
      [['serve', '--port', 'http'], 'samtykke log serve: --port takes a whole number from 0 to 65535 (got "http")\n'],
      [['serve', '--store-ip', 'maybe'], 'samtykke log serve: --store-ip takes truncated or off (got "maybe")\n'],
      [['serve', '--retention', '0'], 'samtykke log serve: --retention takes a whole number from 1 to 1200 (got "0")\n'],
      [['serve', '--origins', 'https://shop.example/path'], 'samtykke log serve: --origins: "https://shop.example/path" is not an origin like https://shop.example (no path, no query)\n'],
      [['stats'], 'samtykke log stats: no admin token: set SAMTYKKE_LOG_TOKEN (or pass --token)\n'],
      [['export', '--format', 'xlsx', '--token', 'x'], 'samtykke log export: --format takes csv or ndjson (got "xlsx")\n'],
      [['stats', '--url', 'ftp://x', '--token', 'x'], 'samtykke log stats: --url takes the server\'s http(s) URL (got "ftp://x")\n'],
    ];
    for (const [args, message] of cases) {
      const { code, err } = spawn(args);
      expect(code, args.join(' ')).toBe(3);
      expect(err, args.join(' ')).toBe(message);
    }
    const unknown = spawn(['serve', '--colour']);
    expect(unknown.code).toBe(3);
    expect(unknown.err).toMatch(/^samtykke log serve: Unknown option '--colour'/);
    expect(spawn(['launch']).err).toMatch(/^samtykke log: unknown verb "launch"/);
    expect(spawn(['toString']).code).toBe(3);
  });

  it('exits 3 for a token that is too short', () => {
    const { code, err } = spawn(['serve', '--port', '0', '--db', join(dir, 'short')], { SAMTYKKE_LOG_TOKEN: 'short' });
    expect(code).toBe(3);
    expect(err).toBe('samtykke log serve: the admin token in SAMTYKKE_LOG_TOKEN must be at least 16 printable ASCII characters, no spaces\n');
  });
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the README's log snippet", () => {
  it('installs an optional peer, and its serve command parses as written', async () => {
    const { claim } = await import('../shared/readme');
    const { LOG_OPTIONS } = await import('../../log/cli.mjs');
    const { parseArgs } = await import('node:util');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const [install, command] = claim('sh', 'npx samtykke log serve').code.trim().split('\n');
    const named = install.split(/\s+/).slice(3).filter((word) => word != pkg.name);
    expect(named).toEqual(['@electric-sql/pglite']);
    expect(pkg.peerDependenciesMeta['@electric-sql/pglite']).toEqual({ optional: true });
    const args = command.trim().replace(/^npx samtykke log serve /, '').split(/\s+/);
    expect(parseArgs({ args, options: LOG_OPTIONS.serve }).values).toMatchObject({ origins: 'https://shop.example' });
  });
});
