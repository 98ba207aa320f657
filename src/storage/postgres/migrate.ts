import type pg from 'pg'
import { join } from 'node:path'
import { type Migration, MigrationError, loadMigrations } from '../../db/database.js'
import { PROJECT_ROOT } from '../../paths.js'
import { inTransaction } from './pool.js'

/** The PostgreSQL migrations (shipped beside package.json, also in the Docker image). */
export const PG_MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations-pg')

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`

// One advisory lock per database: instances starting together against one database queue behind
// it, so the first applies the migrations and the others find nothing pending.
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('trickster-oracle:migrations:' || current_database()))"

async function appliedVersions (client: pg.ClientBase): Promise<Set<number>> {
  const exists = await client.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found")
  if (!exists.rows[0].found) return new Set()
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
  return new Set(rows.map((row) => row.version))
}

/**
 * Applies every pending migration of `dir` in one transaction under the migration lock and records
 * each in `schema_migrations`. A failing file rolls the whole run back (PostgreSQL DDL is
 * transactional) and the error names the file.
 */
export async function migratePostgres (pool: pg.Pool, dir: string = PG_MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations = loadMigrations(dir)
  return await inTransaction(pool, async (client) => {
    await client.query(LOCK)
    await client.query(CREATE_HISTORY)
    const applied = await appliedVersions(client)
    const pending = migrations.filter((m) => !applied.has(m.version))
    for (const migration of pending) {
      try {
        await client.query(migration.sql)
      } catch (err) {
        throw new MigrationError(migration.name, (err as Error).message)
      }
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
    }
    return pending
  })
}

/** Migration files on disk not yet applied to the database (a deploy that added one without a restart). */
export async function pendingPostgresMigrations (pool: pg.Pool, dir: string = PG_MIGRATIONS_DIR): Promise<Migration[]> {
  const client = await pool.connect()
  try {
    const applied = await appliedVersions(client)
    return loadMigrations(dir).filter((m) => !applied.has(m.version))
  } finally {
    client.release()
  }
}
