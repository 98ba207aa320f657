/**
 * Restores a backup made by db:backup: `npm run db:restore -- --from FILE` (docs/ROLLBACK.md).
 * Stop the service first. SQLite: the backup is checked (`PRAGMA quick_check`, ledger:verify), then
 * copied beside DATA_DIR/trickster.db and renamed over it (the WAL and shared-memory files of the old
 * database are removed), so the swap is atomic. With DATABASE_URL: `pg_restore --clean --if-exists`.
 * Exit 0: restored. Exit 1: the backup does not verify or the restore failed. Exit 2: bad arguments.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { databaseFile, openDatabase } from '../src/db/database.js'
import { verifyLedger } from '../src/ledger/verify.js'

const { values } = parseArgs({ options: { from: { type: 'string' }, db: { type: 'string' } } })
if (values.from === undefined || !existsSync(values.from)) {
  console.error(`db:restore: --from FILE is required and must exist${values.from !== undefined ? ` (no ${values.from})` : ''}`)
  process.exit(2)
}
const from = values.from
const databaseUrl = process.env.DATABASE_URL ?? ''

if (databaseUrl !== '') {
  const restore = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${databaseUrl}`, from], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (restore.status !== 0) {
    console.error(`db:restore: pg_restore failed (${restore.error?.message ?? `exit ${String(restore.status)}`})`)
    process.exit(1)
  }
  console.log(`db:restore: PostgreSQL restored from ${from}`)
} else {
  let problem: string | null = null
  try {
    const backup = openDatabase(from, { readonly: true })
    try {
      const check = backup.pragma('quick_check', { simple: true })
      const report = verifyLedger(backup)
      if (check !== 'ok') problem = String(check)
      else if (!report.ok) problem = report.violations.join('; ')
    } finally {
      backup.close()
    }
  } catch (err) {
    problem = (err as Error).message
  }
  if (problem !== null) {
    console.error(`db:restore: ${from} does not verify, nothing changed: ${problem}`)
    process.exit(1)
  }
  const target = values.db ?? databaseFile(process.env.DATA_DIR ?? './data')
  mkdirSync(dirname(target), { recursive: true })
  const staging = `${target}.restoring`
  copyFileSync(from, staging)
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  renameSync(staging, target)
  console.log(`db:restore: ${from} → ${target}`)
}
