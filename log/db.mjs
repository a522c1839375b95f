// One small interface over the two engines, so that the store, the
// migrations and the tests run the same SQL on both:
//   query(sql, params) → { rows, rowCount }   one statement, $1 parameters
//   exec(sql)                                  a script of many statements
//   transaction(fn)                            fn(tx) in BEGIN … COMMIT, tx has query/exec
// Values come back as each driver parses them (bigint is a string from pg,
// a number from PGlite), so the store casts what it reads.
import { mkdirSync } from 'node:fs';
import { loadPGlite, loadPg } from './deps.mjs';

/**
 * @typedef {{ rows: any[]; rowCount: number }} Result
 * @typedef {{ query(sql: string, params?: unknown[]): Promise<Result>; exec(sql: string): Promise<void> }} Queryable
 * @typedef {Queryable & { kind: 'pglite' | 'postgres'; transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>; close(): Promise<void> }} Db
 */

/**
 * PGlite in `dir` (created if missing). One process at a time per directory.
 * @param {string} dir
 * @returns {Promise<Db & { raw: any }>}
 */
export async function openPglite(dir) {
  const PGlite = await loadPGlite();
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  const wrap = (q) => ({
    async query(sql, params) {
      const result = await q.query(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    // PGlite's own transaction() holds its mutex, so nothing else interleaves.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
    /** The engine itself, for tests and tools. */
    raw: pg,
  };
}

/**
 * A pg Pool on `url`.
 * @param {string} url
 * @param {{ max?: number }} [options]
 * @returns {Promise<Db & { raw: any }>}
 */
export async function openPostgres(url, { max = 10 } = {}) {
  const Pool = await loadPg();
  const pool = new Pool({ connectionString: url, max });
  // An idle client that errors (the server restarted) must not crash the process.
  pool.on('error', () => {});
  const wrap = (q) => ({
    async query(sql, params) {
      const result = await q.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client is the pool's no longer: when the server goes
      // away (a restart sends every backend FATAL 57P01) pg emits 'error' on
      // the client, and with no listener that would crash the process. The
      // query in flight fails anyway; the client is dropped, not reused.
      /** @type {unknown} */
      let broken = null;
      const onError = (error) => void (broken = error);
      client.on('error', onError);
      try {
        // READ COMMITTED whatever the server's default: the chain trigger
        // waits for chain_head's lock and then reads the newest head, which a
        // REPEATABLE READ transaction would refuse with a serialization error.
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch((rollback) => void (broken = rollback));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken ? /** @type {Error} */ (broken) : undefined);
      }
    },
    close: () => pool.end(),
    raw: pool,
  };
}
