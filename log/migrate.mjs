// Versioned migrations: log/migrations/NNN_name.sql, applied in name order,
// each in its own transaction, recorded in samtykke_migrations with the
// file's SHA-256. Every transaction first takes one advisory lock, so two
// servers starting at once on one Postgres apply each file once: the second
// waits, then finds it recorded.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** pg_advisory_xact_lock's key: 'samt' in ASCII (any fixed number; other apps on the database are unlikely to pick it). */
export const MIGRATION_LOCK = 0x73616d74;

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migration files, in order. */
export function migrationFiles(dir = DIR) {
  return readdirSync(dir)
    .filter((name) => /^\d+_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}`, 'utf8');
      return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
    });
}

const TABLE = `CREATE TABLE IF NOT EXISTS samtykke_migrations (
  name text PRIMARY KEY,
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the database up to date. Returns the names applied now (none when
 * it already was). Refuses a database whose applied migrations differ from
 * the files (edited after release, or applied by a newer samtykke).
 * @param {import('./db.mjs').Db} db
 */
export async function migrate(db, { dir = DIR } = {}) {
  const files = migrationFiles(dir);
  const applied = [];
  for (;;) {
    const name = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(TABLE);
      const done = new Map((await tx.query('SELECT name, sha256 FROM samtykke_migrations')).rows.map((row) => [row.name, row.sha256]));
      for (const [name, sha256] of done) {
        const file = files.find((file) => file.name == name);
        if (!file) throw new Error(`samtykke log: the database has migration ${name}, which this version does not know: it was opened by a newer samtykke`);
        if (file.sha256 != sha256) throw new Error(`samtykke log: migration ${name} was changed after it was applied (a released migration must never change; add a new one)`);
      }
      const next = files.find((file) => !done.has(file.name));
      if (!next) return null;
      await tx.exec(next.sql);
      await tx.query('INSERT INTO samtykke_migrations (name, sha256) VALUES ($1, $2)', [next.name, next.sha256]);
      return next.name;
    });
    if (!name) return { applied };
    applied.push(name);
  }
}
