/**
 * Replays the token ledger and checks every balance and rule:
 *   `npx tsx scripts/ledger-verify.ts [--db FILE]`  (SQLite: DATA_DIR/trickster.db or FILE)
 *   `DATABASE_URL=postgres://… npx tsx scripts/ledger-verify.ts`  (PostgreSQL)
 * Exit 0: consistent. Exit 1: at least one violation (listed). Exit 2: no database, or a SQLite file
 * that cannot be read as one, or PostgreSQL unreachable (a single line, no stack).
 * Safe on a live database: it reads one snapshot and writes nothing.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { databaseFile, openDatabase } from '../src/db/database.js'
import { type VerifyReport, verifyLedger } from '../src/ledger/verify.js'

const { values } = parseArgs({ options: { db: { type: 'string' } } })
// The charge lease the service runs with (src/config.ts, CHARGE_LEASE_MS): an older simulation spend
// neither delivered nor refunded is reported (docs/LEDGER.md, "Delivery").
const leaseMs = Number(process.env.CHARGE_LEASE_MS ?? 120_000)
const databaseUrl = values.db === undefined ? process.env.DATABASE_URL ?? '' : ''

async function verify (): Promise<{ report: VerifyReport, where: string } | null> {
  if (databaseUrl !== '') {
    const { createPool } = await import('../src/storage/postgres/pool.js')
    const { verifyPostgresLedger } = await import('../src/storage/postgres/verify.js')
    const pool = createPool(databaseUrl, { max: 1, applicationName: 'ledger:verify' })
    const url = new URL(databaseUrl)
    try {
      return { report: await verifyPostgresLedger(pool, { leaseMs }), where: `PostgreSQL ${url.host}${url.pathname}` }
    } catch (err) {
      console.error(`ledger:verify: PostgreSQL ${url.host}${url.pathname} unreachable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
      return null
    } finally {
      await pool.end()
    }
  }
  const file = values.db ?? databaseFile(process.env.DATA_DIR ?? './data')
  if (!existsSync(file)) {
    console.error(`ledger:verify: no database at ${file}`)
    return null
  }
  try {
    const db = openDatabase(file, { readonly: true })
    try {
      return { report: verifyLedger(db, { leaseMs }), where: file }
    } finally {
      db.close()
    }
  } catch (err) {
    // A damaged file: one line for the operator (restore a backup, docs/ROLLBACK.md), never a stack.
    console.error(`ledger:verify: cannot read ${file}: ${(err as Error).message}`)
    return null
  }
}

const result = await verify()
if (result === null) {
  process.exitCode = 2
} else {
  const summary = `${result.report.actors} actors, ${result.report.entries} entries in ${result.where}`
  if (result.report.ok) {
    console.log(`ledger:verify OK: ${summary}`)
  } else {
    console.error(`ledger:verify FAILED: ${summary}`)
    for (const violation of result.report.violations) console.error(`  - ${violation}`)
    process.exitCode = 1
  }
}
