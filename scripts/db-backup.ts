/**
 * Backs up the database: `npm run db:backup -- --out FILE` (docs/ROLLBACK.md).
 * SQLite (the default): an online backup of DATA_DIR/trickster.db through SQLite's backup API, safe
 * while the service runs; the copy is checked (`PRAGMA quick_check` and ledger:verify) before the
 * script says so. With DATABASE_URL: `pg_dump --format=custom` of that database.
 * Exit 0: written. Exit 1: the copy does not verify. Exit 2: bad arguments or no database.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { databaseFile, openDatabase } from '../src/db/database.js'
import { verifyLedger } from '../src/ledger/verify.js'

const { values } = parseArgs({ options: { out: { type: 'string' }, db: { type: 'string' } } })
if (values.out === undefined) {
  console.error('db:backup: --out FILE is required')
  process.exit(2)
}
const out = values.out
const databaseUrl = process.env.DATABASE_URL ?? ''

if (databaseUrl !== '') {
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, databaseUrl], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (dump.status !== 0) {
    console.error(`db:backup: pg_dump failed (${dump.error?.message ?? `exit ${String(dump.status)}`})`)
    process.exit(1)
  }
  console.log(`db:backup: PostgreSQL dump written to ${out}`)
} else {
  const file = values.db ?? databaseFile(process.env.DATA_DIR ?? './data')
  if (!existsSync(file)) {
    console.error(`db:backup: no database at ${file}`)
    process.exit(2)
  }
  if (existsSync(out)) {
    console.error(`db:backup: ${out} exists; choose a new file`)
    process.exit(2)
  }
  const source = openDatabase(file, { readonly: true })
  try {
    await source.backup(out)
  } finally {
    source.close()
  }
  const copy = openDatabase(out, { readonly: true })
  try {
    const check = copy.pragma('quick_check', { simple: true })
    const report = verifyLedger(copy)
    if (check !== 'ok' || !report.ok) {
      console.error(`db:backup: the copy in ${out} does not verify: ${check !== 'ok' ? String(check) : report.violations.join('; ')}`)
      process.exit(1)
    }
    console.log(`db:backup: ${file} → ${out} (${report.actors} actors, ${report.entries} entries, verified)`)
  } finally {
    copy.close()
  }
}
