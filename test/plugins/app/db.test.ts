import t from 'tap'
import { cpSync, openSync, writeSync, closeSync, renameSync, writeFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from '../../../src/app.js'
import { databaseFile, loadMigrations, migrate, MIGRATIONS_DIR, openDatabase, schemaVersion } from '../../../src/db/database.js'
import { buildApp, testConfig } from '../../helper.js'

t.test('the database is a real WAL file under DATA_DIR with synchronous from config', async (t) => {
  const { app, config } = await buildApp(t, { sqliteSynchronous: 'NORMAL' })
  t.equal(app.database.file, databaseFile(config.dataDir))
  t.equal(app.db.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(app.db.pragma('synchronous', { simple: true }), 1, 'NORMAL = 1')
  t.ok((app.db.pragma('busy_timeout', { simple: true }) as number) > 0, 'busy_timeout set')
})

t.test('synchronous defaults to FULL', async (t) => {
  const { app } = await buildApp(t)
  t.equal(app.db.pragma('synchronous', { simple: true }), 2, 'FULL = 2')
})

t.test('migrations apply once and are idempotent across restarts', async (t) => {
  const dataDir = t.testdir()
  const expected = loadMigrations().length
  t.ok(expected > 0, 'the project has migrations')
  for (let round = 0; round < 2; round++) {
    const app = await build(testConfig(dataDir))
    await app.ready()
    t.equal(schemaVersion(app.db), expected, `round ${round}: user_version = number of migrations`)
    await app.close()
  }
  const db = openDatabase(databaseFile(dataDir))
  t.same(migrate(db), [], 'a re-run applies nothing')
  db.close()
})

t.test('a failing migration stops start-up naming its file and leaves the database unchanged', async (t) => {
  const root = t.testdir()
  const dataDir = join(root, 'data')
  const migrationsDir = join(root, 'migrations')
  cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true })
  const next = String(loadMigrations().length + 1).padStart(3, '0')
  const bad = `${next}_broken.sql`
  writeFileSync(join(migrationsDir, bad), 'CREATE TABLE fine_so_far (id INTEGER);\nCREATE TABLE oops (;\n')

  await t.rejects(build(testConfig(dataDir, { logLevel: 'silent' }), { migrationsDir }), { message: new RegExp(`migration ${bad} failed`) })

  const db = openDatabase(databaseFile(dataDir))
  t.equal(schemaVersion(db), 0, 'user_version unchanged: the whole run rolled back')
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
  t.same(tables, [], 'no table from any migration of the failed run')
  db.close()
})

t.test('the migration runner refuses gaps in numbering', async (t) => {
  const dir = t.testdir({ '001_a.sql': 'SELECT 1;', '003_c.sql': 'SELECT 1;' })
  t.throws(() => loadMigrations(dir), /003_c\.sql: expected version 002/)
})

t.test('/ready turns 503 when a migration is pending', async (t) => {
  const root = t.testdir()
  const migrationsDir = join(root, 'migrations')
  cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true })
  const { app } = await buildApp(t, {}, { migrationsDir, dataDir: join(root, 'data') })
  t.equal((await app.inject('/ready')).statusCode, 200)
  const next = String(readdirSync(migrationsDir).length + 1).padStart(3, '0')
  writeFileSync(join(migrationsDir, `${next}_added_later.sql`), 'CREATE TABLE later (id INTEGER);')
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 503)
  t.equal(res.json().ready, false)
  t.equal(res.json().checks.migrations, 'fail')
  t.match(res.json().failing, [{ check: 'migrations', detail: new RegExp(`${next}_added_later.sql`) }])
})

t.test('/ready turns 503 when the database file is made unreadable', async (t) => {
  const { app, config } = await buildApp(t)
  t.equal((await app.inject('/ready')).statusCode, 200)
  const file = databaseFile(config.dataDir)
  // Overwrite the SQLite header: the file can no longer be read as a database.
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.from('garbage-garbage!'), 0, 16, 0)
  closeSync(fd)
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 503)
  t.equal(res.json().checks.database, 'fail')
  t.equal(res.json().checks.migrations, 'ok')
  t.match(res.json().failing[0], { check: 'database', detail: /not readable as SQLite/ })
})

t.test('/ready turns 503 when the database file is removed from under the service', async (t) => {
  const { app, config } = await buildApp(t)
  const file = databaseFile(config.dataDir)
  renameSync(file, `${file}.moved`)
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 503)
  t.equal(res.json().checks.database, 'fail')
})
