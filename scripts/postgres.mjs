// A throwaway Postgres for the consent log's tests and CI: Debian's server
// binaries (apt-get install postgresql), a fresh data directory in a temp
// dir, 127.0.0.1 on a free port, one database, trust authentication. stop()
// removes all of it.
//
//   node scripts/postgres.mjs start   prints DATABASE_URL=… (state in node_modules/.cache)
//   node scripts/postgres.mjs stop
//   import { startPostgres } from './scripts/postgres.mjs'   → { url, stop() }
//
// Postgres refuses to run as root, so as root the server runs as the
// `postgres` system user (runuser), which owns the temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATE = fileURLToPath(new URL('../node_modules/.cache/samtykke-postgres.json', import.meta.url));

/** The newest Postgres's bin directory (PG_BIN to choose another). */
export function findPostgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin/initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('postgres: no server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PG_BIN)');
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a server binary as the user Postgres accepts. */
function run(bin, tool, args) {
  const command = isRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(command[0], /** @type {string[]} */ (command[1]), { encoding: 'utf8', cwd: '/' });
  if (result.status !== 0) throw new Error(`postgres: ${tool} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || result.error?.message || '').trim()}`);
  return result.stdout;
}

/**
 * Starts a fresh server. Resolves once it accepts connections.
 * @returns {Promise<{ url: string; dir: string; port: number; bin: string; stop(): void; pause(): void; resume(): void }>}
 */
export async function startPostgres({ database = 'samtykke' } = {}) {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-pg-'));
  const stop = () => stopPostgres({ bin, dir });
  try {
    const data = join(dir, 'data');
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    const user = isRoot() ? 'postgres' : userInfo().username;
    run(bin, 'initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // Small and fast: a test server, not a production one (fsync off).
    const options = ['-c listen_addresses=127.0.0.1', `-c port=${port}`, `-c unix_socket_directories=${dir}`, '-c fsync=off', '-c shared_buffers=32MB', '-c max_connections=40'].join(' ');
    run(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    run(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]);
    // For the fault tests: the server down and up again, its data kept.
    const pause = () => run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    const resume = () => run(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    return { url: `postgres://${user}@127.0.0.1:${port}/${database}`, dir, port, bin, stop, pause, resume };
  } catch (error) {
    stop();
    throw error;
  }
}

/** The postgres system user's uid and gid. */
function postgresUser() {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('postgres: running as root needs the `postgres` system user (apt-get install postgresql creates it)');
  }
}

/** Stops the server (immediately: nothing in it is kept) and removes its directory. */
export function stopPostgres({ bin, dir }) {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone: the directory still goes.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

async function main(command) {
  if (command == 'start') {
    if (existsSync(STATE)) throw new Error(`postgres: one is already running (${STATE}); node scripts/postgres.mjs stop`);
    const server = await startPostgres();
    mkdirSync(dirname(STATE), { recursive: true });
    const pid = Number(readFileSync(join(server.dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
    writeFileSync(STATE, JSON.stringify({ url: server.url, dir: server.dir, bin: server.bin, pid }, null, 2));
    console.log(`DATABASE_URL=${server.url}`);
  } else if (command == 'stop') {
    if (!existsSync(STATE)) return console.log('postgres: none running');
    stopPostgres(JSON.parse(readFileSync(STATE, 'utf8')));
    rmSync(STATE);
    console.log('postgres: stopped and removed');
  } else {
    console.error('usage: node scripts/postgres.mjs start|stop');
    process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) {
  main(process.argv[2]).catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
