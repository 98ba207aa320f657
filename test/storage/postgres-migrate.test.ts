import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadMigrations } from '../../src/db/database.js'
import { PG_MIGRATIONS_DIR, migratePostgres, pendingPostgresMigrations } from '../../src/storage/postgres/migrate.js'
import { createPool } from '../../src/storage/postgres/pool.js'
import { createTestSchema } from '../fixtures/postgres/database.js'

t.test('8 instances migrating one database at once: each migration is applied exactly once', async (t) => {
  const { url } = await createTestSchema(t)
  // One pool per "instance": separate connections, as separate processes would have.
  const pools = Array.from({ length: 8 }, () => createPool(url, { max: 1 }))
  t.teardown(async () => { await Promise.all(pools.map(async (pool) => await pool.end())) })

  const results = await Promise.all(pools.map(async (pool) => await migratePostgres(pool)))

  const expected = loadMigrations(PG_MIGRATIONS_DIR).map((m) => m.name)
  t.same(results.filter((applied) => applied.length > 0).map((applied) => applied.map((m) => m.name)), [expected],
    'one instance applied every migration, the others found none pending')
  const { rows } = await pools[0].query('SELECT version, name FROM schema_migrations ORDER BY version')
  t.same(rows.map((row) => row.name), expected, 'each migration is recorded once')
  t.same(await pendingPostgresMigrations(pools[0]), [])
  t.same(await migratePostgres(pools[0]), [], 'running it again changes nothing')
})

t.test('a failing migration rolls the whole run back and names its file', async (t) => {
  const { url } = await createTestSchema(t)
  const pool = createPool(url)
  t.teardown(async () => { await pool.end() })
  const dir = t.testdir()
  cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true })
  const next = String(loadMigrations(PG_MIGRATIONS_DIR).length + 1).padStart(3, '0')
  writeFileSync(join(dir, `${next}_broken.sql`), 'CREATE TABLE lost (x INTEGER);\nSELECT * FROM no_such_table;\n')

  await t.rejects(migratePostgres(pool, dir), { name: 'MigrationError', file: `${next}_broken.sql` })
  const { rows } = await pool.query("SELECT to_regclass('ledger_entries') AS ledger, to_regclass('lost') AS lost")
  t.same(rows[0], { ledger: null, lost: null }, 'nothing of the run is left')
  t.equal((await pendingPostgresMigrations(pool, dir)).length, loadMigrations(dir).length, 'every migration is still pending')
})
