// `npm run bench:log`: the consent log under load, on loopback only, bounded
// in time and count. For each store (PGlite in a temp directory; Debian's
// Postgres, started throwaway by scripts/postgres.mjs, where installed) it
// starts `samtykke log serve` as a child process, sends receipts from
// --connections keep-alive connections for --seconds (at most --max
// receipts), and prints receipts/s, p50 and p99 latency, the errors, whether
// every 204 was stored, and whether the chain verifies. Never a timed
// assertion: it prints numbers, and exits 1 only if a receipt that got a 204
// is missing or the chain does not verify.
//   --seconds 20  --connections 32  --max 200000  --only pglite|postgres  --json FILE
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// The SDK's own consent ids (the server refuses any other shape).
import { consentId } from '../dist/esm/storage/consent-id.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    max: { type: 'string', default: '200000' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const MAX = Number(values.max);
const ROOT = new URL('..', import.meta.url).pathname;
const TOKEN = randomBytes(16).toString('hex');

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A receipt as the SDK sends it, with a fresh consent id. */
function receipt(n) {
  const id = consentId(randomBytes);
  const yes = n % 3 != 0;
  return JSON.stringify({
    v: 1,
    id,
    time: new Date().toISOString(),
    revision: 3,
    regime: n % 5 == 0 ? 'opt-out' : 'opt-in',
    categories: { necessary: true, preferences: yes, analytics: yes, marketing: n % 2 == 0 },
    services: { ga4: yes },
    optedOut: n % 7 == 0,
    gpc: n % 11 == 0,
    limited: false,
    locale: 'da',
    texts: null,
    page: 'https://shop.example/pricing',
  });
}

function post(agent, port, path, body, headers = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error: error.code }));
    req.end(body);
  });
}

async function admin(port, path, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  return response.json();
}

/** Starts the server and waits for it to answer. */
async function serve(port, env, dir) {
  // BENCH_LOG_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = process.env.BENCH_LOG_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin', 'samtykke.js'), 'log', 'serve', '--port', String(port), '--db', dir, '--rate-ip', '0', '--rate-id', '0'], {
    env: { ...process.env, ...env, SAMTYKKE_LOG_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`samtykke log serve exited ${child.exitCode}:\n${output}`);
    try {
      await admin(port, '/v1/stats');
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`samtykke log serve did not answer within 60 s:\n${output}`);
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function measure(name, env) {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-bench-log-'));
  const port = await freePort();
  const child = await serve(port, env, dir);
  try {
    // A short warm-up, not counted.
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    for (let i = 0; i < 200; i++) await post(agent, port, '/v1/receipts', receipt(i));
    const before = (await admin(port, '/v1/stats')).total;
    const latencies = [];
    const statuses = {};
    let sent = 0;
    const end = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end && sent < MAX) {
          const n = sent++;
          const { status, ms } = await post(agent, port, '/v1/receipts', receipt(n));
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status == 204) latencies.push(ms);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    const stored = (await admin(port, '/v1/stats')).total - before;
    const verified = await admin(port, '/v1/verify');
    latencies.sort((a, b) => a - b);
    const ok = statuses[204] ?? 0;
    return {
      store: name,
      receiptsPerSecond: Math.round(ok / elapsed),
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      sent,
      acknowledged: ok,
      stored,
      errors: sent - ok,
      statuses,
      chainVerifies: !!verified.ok,
      seconds: Number(elapsed.toFixed(1)),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
if (!values.only || values.only == 'pglite') results.push(await measure('PGlite', { DATABASE_URL: '' }));
if (!values.only || values.only == 'postgres') {
  let postgres;
  try {
    const { startPostgres } = await import('../scripts/postgres.mjs');
    postgres = await startPostgres();
  } catch (error) {
    console.error(`bench:log: no Postgres (${error.message.split('\n')[0]}); only PGlite measured`);
  }
  if (postgres) {
    try {
      results.push(await measure('Postgres (Debian, loopback)', { DATABASE_URL: postgres.url }));
    } finally {
      postgres.stop();
    }
  }
}

console.log(`\n${SECONDS} s per store, ${CONNECTIONS} keep-alive connections, loopback, 2-core machine (Node ${process.version})\n`);
console.log('| store | receipts/s | p50 ms | p99 ms | sent | 204 | stored | errors | chain |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of results) {
  console.log(`| ${r.store} | ${r.receiptsPerSecond.toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.sent.toLocaleString('en')} | ${r.acknowledged.toLocaleString('en')} | ${r.stored.toLocaleString('en')} | ${r.errors} | ${r.chainVerifies ? 'verifies' : 'BROKEN'} |`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
const lost = results.filter((r) => r.stored < r.acknowledged || !r.chainVerifies);
if (lost.length) {
  console.error(`bench:log: ${lost.map((r) => r.store).join(', ')}: a 204 was not stored, or the chain does not verify`);
  process.exit(1);
}
