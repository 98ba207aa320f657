import { cpSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { databaseFile, migrate, openDatabase, schemaVersion } from '../../src/db/database.js'
import { startServer } from '../helper.js'
import { runScript } from '../fixtures/ledger/helpers.js'
import { ADMIN_TOKEN } from '../routes/api/helpers.js'

/** docs/ROLLBACK.md, rehearsed: back up, migrate forward, run the previous code on the new schema, restore. */
t.test('rollback rehearsal: backup, a new migration, restore — ledger verifies and every balance is identical', async (t) => {
  const dir = t.testdir()
  const dataDir = join(dir, 'data')
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMIT_SIGNUP_PER_HOUR: '100', RATE_LIMIT_BURST: '1000' }
  const scriptEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }

  const server = await startServer(t, env)
  let base = server.baseUrl
  const call = async (path: string, init: { method?: string, headers?: Record<string, string>, body?: unknown } = {}): Promise<any> => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined
    })
    return await res.json()
  }
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
  const actors: Array<{ id: string, key: string }> = []
  for (let i = 0; i < 4; i++) {
    const created = await call('/api/v2/actors', { method: 'POST', body: { label: `rehearsal-${i}` } })
    actors.push({ id: created.actor_id, key: created.api_key })
    await call('/api/v2/tokens/topup', { method: 'POST', headers: admin, body: { user_id: created.actor_id, amount: 10 * (i + 1), payment_id: `rehearsal-${i}` } })
    await call('/api/v2/simulate', { method: 'POST', headers: { authorization: `Bearer ${created.api_key}` }, body: { event_id: 'el-clasico', depth: 'full_distribution' } })
  }
  const balances = async (): Promise<number[]> => await Promise.all(actors.map(async (a) => (await call('/api/v2/tokens/balance', { headers: { authorization: `Bearer ${a.key}` } })).balance))
  const before = await balances()
  t.same(before, [13, 23, 33, 43], 'grant + top-up − one charge each')

  const backupFile = join(dir, 'before-release.db')
  const backup = await runScript('scripts/db-backup.ts', ['--out', backupFile], scriptEnv)
  t.equal(backup.code, 0, backup.stderr)
  t.match(backup.stdout, /verified/)
  t.equal(await server.stop(), 0)

  // The next release adds a migration (additive, as docs/ROLLBACK.md requires) and writes with it.
  const nextMigrations = join(dir, 'migrations-next')
  cpSync(join(process.cwd(), 'migrations'), nextMigrations, { recursive: true })
  // The migration after the last one shipped, whatever that number is now.
  const nextName = `${String(readdirSync(nextMigrations).filter((name) => name.endsWith('.sql')).length + 1).padStart(3, '0')}_rehearsal_notes.sql`
  writeFileSync(join(nextMigrations, nextName), `CREATE TABLE rehearsal_notes (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT;
ALTER TABLE actors ADD COLUMN rehearsal_email TEXT;`)
  const db = openDatabase(databaseFile(dataDir))
  const shipped = schemaVersion(db)
  t.same(migrate(db, nextMigrations).map((m) => m.name), [nextName])
  db.prepare("INSERT INTO rehearsal_notes (note) VALUES ('written by the new release')").run()
  db.close()

  // This release still runs on the new schema (expand first, contract a release later).
  const onNewSchema = await startServer(t, env)
  const ready = await fetch(`${onNewSchema.baseUrl}/ready`)
  const readiness = await ready.json() as { checks: Record<string, string> }
  t.equal(readiness.checks.database, 'ok', 'the previous release is ready on the expanded schema: database')
  t.equal(readiness.checks.migrations, 'ok', 'nothing pending: the newer migration is not one it knows')
  const spent = await fetch(`${onNewSchema.baseUrl}/api/v2/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${actors[0].key}` },
    body: JSON.stringify({ event_id: 'north-west-derby', depth: 'full_distribution' })
  })
  t.equal(spent.status, 200, 'and charges on it')
  t.equal(await onNewSchema.stop(), 0)

  // Roll back: restore the backup taken before the release.
  const restore = await runScript('scripts/db-restore.ts', ['--from', backupFile], scriptEnv)
  t.equal(restore.code, 0, restore.stderr)
  const restored = openDatabase(databaseFile(dataDir), { readonly: true })
  t.equal(schemaVersion(restored), shipped, 'the schema of the backup')
  t.equal(restored.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'rehearsal_notes'").pluck().get(), 0)
  restored.close()
  const verify = await runScript('scripts/ledger-verify.ts', [], scriptEnv)
  t.equal(verify.code, 0, verify.stderr)

  const after = await startServer(t, env)
  base = after.baseUrl
  t.same(await balances(), before, 'every balance as it was at the backup')
  t.equal(await after.stop(), 0)
})

t.test('db:restore refuses a backup that does not verify and changes nothing', async (t) => {
  const dir = t.testdir()
  const bogus = join(dir, 'bogus.db')
  writeFileSync(bogus, 'this is not a database')
  const run = await runScript('scripts/db-restore.ts', ['--from', bogus, '--db', join(dir, 'target.db')], { ...process.env, DATABASE_URL: '' })
  t.not(run.code, 0)
  t.equal(run.stderr.trim().split('\n').length, 1, 'one line')
})
