// `samtykke log <verb>`: the consent log's command line.
//   serve      runs the server (receipts in, dashboard and admin API)
//   export     downloads every row as NDJSON or CSV
//   verify     checks the hash chain and the checkpoints (on the server, or an export file offline)
//   stats      prints the numbers the dashboard charts
//   retention  deletes rows older than N months (or counts them with --dry-run)
// Exit codes, as CI reads them:
//   0 ok, 1 verify found a break, 2 the server or the store failed, 3 usage or setup.
import { createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ClientError, createClient } from './client.mjs';
import { parseOrigins } from './origins.mjs';
import { resolveToken } from './token.mjs';

export const LOG_USAGE = `usage: samtykke log serve [--port 8787] [--host 127.0.0.1] [--db .samtykke-log] [--origins https://a.example,...]
                          [--retention 13] [--trust-proxy] [--store-ip truncated|off] [--token-file FILE]
                          [--rate-ip 60] [--rate-id 10]
       samtykke log notice <config.json | page.html> [--url http://127.0.0.1:8787] [--locales da,en] [--dry-run]
       samtykke log export [--url http://127.0.0.1:8787] [--format ndjson|csv] [--out FILE]
       samtykke log verify [--url http://127.0.0.1:8787] | --file export.ndjson --public-key key.pem
       samtykke log stats [--url http://127.0.0.1:8787] [--from 2026-01-01] [--to 2026-01-31] [--json]
       samtykke log retention [--url http://127.0.0.1:8787] [--months 13] [--dry-run]
The client verbs take the admin token from SAMTYKKE_LOG_TOKEN (or --token). DATABASE_URL selects Postgres.`;

/** A wrong option: exit code 3. */
export class UsageError extends Error {}

const CLIENT = { url: { type: 'string', default: 'http://127.0.0.1:8787' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } };

/** Every verb's options, as parseArgs reads them. */
export const LOG_OPTIONS = /** @type {const} */ ({
  serve: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: '.samtykke-log' },
    origins: { type: 'string' },
    retention: { type: 'string', default: '13' },
    'trust-proxy': { type: 'boolean', default: false },
    'store-ip': { type: 'string', default: 'truncated' },
    'token-file': { type: 'string' },
    'rate-ip': { type: 'string', default: '60' },
    'rate-id': { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  export: { ...CLIENT, format: { type: 'string', default: 'ndjson' }, out: { type: 'string' } },
  verify: { ...CLIENT, file: { type: 'string' }, 'public-key': { type: 'string' } },
  stats: { ...CLIENT, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
  retention: { ...CLIENT, months: { type: 'string', default: '13' }, 'dry-run': { type: 'boolean', default: false } },
});

/**
 * What the CLI needs from the world; tests pass their own.
 * @typedef {object} Deps
 * @property {Record<string, string | undefined>} [env]
 * @property {(line: string) => void} [out]
 * @property {(line: string) => void} [err]
 * @property {(options: { databaseUrl?: string, dir: string }) => Promise<import('./types').Store>} [openStore]
 * @property {typeof fetch} [fetch]
 * @property {AbortSignal} [signal] stops `serve` (default: SIGINT or SIGTERM)
 * @property {(url: string) => void} [onListening]
 * @property {Partial<import('./server.mjs').ServerOptions>} [serverOptions] intervals and limits, for tests
 * @property {NodeJS.WritableStream} [stdout] where `export` writes without --out
 */

/**
 * @param {string[]} args the arguments after `log`
 * @param {Deps} [deps]
 * @returns {Promise<number>} the exit code
 */
export async function main(args, deps = {}) {
  const err = deps.err ?? ((line) => console.error(line));
  const out = deps.out ?? ((line) => console.log(line));
  const [verb, ...rest] = args;
  if (!verb || verb == '--help' || verb == '-h') {
    (verb ? out : err)(LOG_USAGE);
    return verb ? 0 : 3;
  }
  // `log notice` reads files and posts them: its own module (log/notice.mjs).
  if (verb == 'notice') {
    const { main: notice } = await import('./notice.mjs');
    return notice(rest, { stdout: { write: (text) => out(text.replace(/\n$/, '')) }, stderr: { write: (text) => err(text.replace(/\n$/, '')) }, env: deps.env ?? process.env });
  }
  if (!Object.hasOwn(LOG_OPTIONS, verb)) {
    err(`samtykke log: unknown verb "${verb}"\n${LOG_USAGE}`);
    return 3;
  }
  let values;
  try {
    const parsed = parseArgs({ args: rest, options: LOG_OPTIONS[/** @type {keyof typeof LOG_OPTIONS} */ (verb)], allowPositionals: false });
    values = /** @type {Record<string, any>} */ (parsed.values);
  } catch (error) {
    err(`samtykke log ${verb}: ${/** @type {Error} */ (error).message}\n${LOG_USAGE}`);
    return 3;
  }
  if (values.help) {
    out(LOG_USAGE);
    return 0;
  }
  try {
    if (verb == 'serve') return await serve(values, deps, out, err);
    return await clientVerb(verb, values, deps, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`samtykke log ${verb}: ${error.message}`);
      return 3;
    }
    if (error instanceof ClientError) {
      err(`samtykke log ${verb}: ${error.message}`);
      return error.code;
    }
    err(`samtykke log ${verb}: ${/** @type {Error} */ (error)?.message ?? error}`);
    return 2;
  }
}

/**
 * A whole number within bounds, or a UsageError naming the option.
 * @param {string} text @param {string} option @param {number} min @param {number} max
 */
function whole(text, option, min, max) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`--${option} takes a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

/** Where the database is, for the start-up line: never a password. */
function describeDatabase(/** @type {string | undefined} */ databaseUrl, /** @type {string} */ dir) {
  if (!databaseUrl) return `PGlite in ${dir}`;
  try {
    const url = new URL(databaseUrl);
    return `Postgres at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} (DATABASE_URL)`;
  } catch {
    return 'Postgres (DATABASE_URL)';
  }
}

/**
 * @param {Record<string, any>} values @param {Deps} deps
 * @param {(line: string) => void} out @param {(line: string) => void} err
 */
async function serve(values, deps, out, err) {
  const env = deps.env ?? process.env;
  const port = whole(values.port, 'port', 0, 65535);
  const retention = whole(values.retention, 'retention', 1, 1200);
  // Receipts a minute per client IP and per consent id; 0 turns a limit off.
  const ipPerMinute = whole(values['rate-ip'], 'rate-ip', 0, 1_000_000);
  const idPerMinute = whole(values['rate-id'], 'rate-id', 0, 1_000_000);
  if (!['truncated', 'off'].includes(values['store-ip'])) throw new UsageError(`--store-ip takes truncated or off (got "${values['store-ip']}")`);
  let origins;
  try {
    origins = parseOrigins(values.origins);
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message.replace(/^--origins: /, '--origins: '));
  }
  let token;
  try {
    token = resolveToken({ env, file: values['token-file'] ?? join(values.db, 'admin-token') });
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
  if (token.warning) err(`samtykke log serve: warning: ${token.warning}`);

  const databaseUrl = env.DATABASE_URL || undefined;
  // Loaded only now: `samtykke log stats` never loads a database engine.
  let openStore = deps.openStore;
  if (!openStore) {
    try {
      ({ openStore } = await import('./store.mjs'));
    } catch (error) {
      err(`samtykke log serve: cannot load the store: ${/** @type {Error} */ (error).message}`);
      return 2;
    }
  }
  let store;
  try {
    store = await /** @type {NonNullable<Deps['openStore']>} */ (openStore)({ databaseUrl, dir: values.db });
  } catch (error) {
    // A missing optional peer is a setup error (3), like the scanner's; a database that fails is 2.
    if (/** @type {any} */ (error)?.exitCode == 3) {
      err(`samtykke log serve: ${/** @type {Error} */ (error).message}`);
      return 3;
    }
    err(`samtykke log serve: cannot open the database (${describeDatabase(databaseUrl, values.db)}): ${/** @type {Error} */ (error).message}`);
    return 2;
  }

  const { createLogServer } = await import('./server.mjs');
  const server = createLogServer({
    store,
    token: token.token,
    origins,
    trustProxy: values['trust-proxy'],
    storeIp: values['store-ip'],
    retentionMonths: retention,
    ipPerMinute,
    idPerMinute,
    log: (line) => err(`samtykke log serve: ${line}`),
    ...deps.serverOptions,
  });
  let url;
  try {
    url = await server.listen(port, values.host);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    err(`samtykke log serve: cannot listen on ${values.host}:${port}${code == 'EADDRINUSE' ? ': the port is in use' : `: ${/** @type {Error} */ (error).message}`}`);
    await server.close(0).catch(() => {});
    await store.close().catch(() => {});
    return 2;
  }
  out(`samtykke log: receipts to ${url}/v1/receipts, dashboard at ${url}/`);
  out(`database: ${describeDatabase(databaseUrl, values.db)}`);
  out(origins ? `origins: ${origins.join(', ')}` : 'origins: any (give --origins to refuse other sites)');
  if (token.source == 'generated') out(`admin token (shown once; saved with mode 0600 in ${token.file}): ${token.token}`);
  else out(`admin token: from ${token.source == 'env' ? 'SAMTYKKE_LOG_TOKEN' : token.file}`);
  deps.onListening?.(url);

  await stopped(deps.signal);
  out('samtykke log: stopping; writing what is queued');
  let code = 0;
  try {
    await server.close();
  } catch (error) {
    err(`samtykke log serve: ${/** @type {Error} */ (error).message}`);
    code = 2;
  }
  try {
    await store.close();
  } catch (error) {
    err(`samtykke log serve: closing the database failed: ${/** @type {Error} */ (error).message}`);
    code = 2;
  }
  return code;
}

/** Resolves on the signal, or on SIGINT/SIGTERM. */
function stopped(/** @type {AbortSignal | undefined} */ signal) {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(undefined);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

/**
 * @param {string} verb @param {Record<string, any>} values @param {Deps} deps
 * @param {(line: string) => void} out @param {(line: string) => void} err
 */
async function clientVerb(verb, values, deps, out, err) {
  if (verb == 'verify' && (values.file || values['public-key'])) return verifyFile(values, out);
  const env = deps.env ?? process.env;
  const token = values.token ?? env.SAMTYKKE_LOG_TOKEN;
  if (!token) throw new UsageError('no admin token: set SAMTYKKE_LOG_TOKEN (or pass --token)');
  try {
    const url = new URL(values.url);
    if (url.protocol != 'http:' && url.protocol != 'https:') throw new Error();
  } catch {
    throw new UsageError(`--url takes the server's http(s) URL (got "${values.url}")`);
  }
  const client = createClient({ url: values.url, token, fetch: deps.fetch });
  if (verb == 'export') return exportRows(client, values, deps, err);
  if (verb == 'verify') return printVerify(await client.json('/v1/verify'), out);
  if (verb == 'stats') {
    const query = new URLSearchParams();
    for (const name of ['from', 'to']) {
      if (values[name] === undefined) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values[name])) throw new UsageError(`--${name} takes a day like 2026-01-31 (got "${values[name]}")`);
      query.set(name, values[name]);
    }
    const stats = await client.json(`/v1/stats${query.size ? `?${query}` : ''}`);
    if (values.json) out(JSON.stringify(stats, null, 2));
    else printStats(stats, out);
    return 0;
  }
  // retention
  const months = whole(values.months, 'months', 1, 1200);
  const result = await client.json('/v1/retention', { method: 'POST', body: { months, dryRun: values['dry-run'] } });
  out(`${result.dryRun ? 'would delete' : 'deleted'} ${result.rows} rows received before ${result.before}`);
  return 0;
}

/**
 * @param {ReturnType<typeof createClient>} client @param {Record<string, any>} values @param {Deps} deps
 * @param {(line: string) => void} err
 */
async function exportRows(client, values, deps, err) {
  if (!['csv', 'ndjson'].includes(values.format)) throw new UsageError(`--format takes csv or ndjson (got "${values.format}")`);
  const response = await client.request(`/v1/export?format=${values.format}`);
  const body = Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (response.body));
  if (!values.out) {
    try {
      await pipeline(body, deps.stdout ?? process.stdout, { end: false });
    } catch (error) {
      throw new ClientError(2, `the export broke off: ${/** @type {Error} */ (error).message}`);
    }
    return 0;
  }
  // Written beside and renamed when complete: a broken transfer never leaves
  // a file that looks like a whole export.
  const partial = `${values.out}.partial`;
  try {
    await pipeline(body, createWriteStream(partial));
    renameSync(partial, values.out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ClientError(2, `the export broke off: ${/** @type {Error} */ (error).message}`);
  }
  err(`samtykke log export: wrote ${values.out}`);
  return 0;
}

/** @param {Record<string, any>} values @param {(line: string) => void} out */
async function verifyFile(values, out) {
  if (!values.file || !values['public-key']) throw new UsageError('--file and --public-key go together');
  let pem;
  try {
    pem = readFileSync(values['public-key'], 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --public-key ${values['public-key']}: ${/** @type {Error} */ (error).message}`);
  }
  const { verifyExportFile } = await import('./verify-file.mjs');
  let result;
  try {
    result = await verifyExportFile(values.file, pem);
  } catch (error) {
    throw new UsageError(`cannot verify ${values.file}: ${/** @type {Error} */ (error).message}`);
  }
  const code = printVerify(result, out);
  if (result.uncovered) out(`${result.uncovered} rows after the newest checkpoint are chained but not yet signed`);
  return code;
}

/** @param {import('./types').VerifyResult} result @param {(line: string) => void} out */
function printVerify(result, out) {
  const range = result.first == null ? '' : ` (${result.first} to ${result.last})`;
  if (result.brokenAt !== undefined) out(`BROKEN at row ${result.brokenAt}: ${result.reason ?? 'the chain does not hold'}`);
  if (result.badCheckpoints?.length) out(`BAD checkpoints: ${result.badCheckpoints.join(', ')} (signature or hash does not match)`);
  out(`${result.ok ? 'ok' : 'not ok'}: ${result.checked} rows${range}, ${result.checkpoints} checkpoints checked`);
  return result.ok ? 0 : 1;
}

/** @param {import('./types').Stats} stats @param {(line: string) => void} out */
function printStats(stats, out) {
  const percent = (/** @type {number} */ part, /** @type {number} */ whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '–');
  out(`receipts: ${stats.total}, with GPC: ${(stats.gpcShare * 100).toFixed(1)}%`);
  for (const regime of [...new Set(stats.days.map((day) => day.regime))].sort()) {
    const days = stats.days.filter((day) => day.regime == regime);
    const receipts = days.reduce((sum, day) => sum + day.receipts, 0);
    const optIns = days.reduce((sum, day) => sum + day.optIns, 0);
    const optOuts = days.reduce((sum, day) => sum + day.optOuts, 0);
    out(`${regime}: ${receipts} receipts, ${percent(optIns, receipts)} opted in, ${percent(optOuts, receipts)} opted out`);
  }
  for (const category of stats.categories) out(`  ${category.category}: ${percent(category.allowed, category.of)} allowed (${category.allowed} of ${category.of})`);
}
