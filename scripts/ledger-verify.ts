/**
 * Replays the token ledger and checks every balance and rule: `npx tsx scripts/ledger-verify.ts [--db FILE]`.
 * Exit 0: consistent. Exit 1: at least one violation (listed). Exit 2: no database file, or a file
 * that cannot be read as one (a single line, no stack).
 * Safe on a live database: it opens read-only and reads one snapshot.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { databaseFile, openDatabase } from '../src/db/database.js'
import { verifyLedger, type VerifyReport } from '../src/ledger/verify.js'

const { values } = parseArgs({ options: { db: { type: 'string' } } })
const file = values.db ?? databaseFile(process.env.DATA_DIR ?? './data')

if (!existsSync(file)) {
  console.error(`ledger:verify: no database at ${file}`)
  process.exit(2)
}

let report: VerifyReport
try {
  const db = openDatabase(file, { readonly: true })
  try {
    report = verifyLedger(db)
  } finally {
    db.close()
  }
} catch (err) {
  // A damaged file: one line for the operator (restore a backup, docs/ROLLBACK.md), never a stack.
  console.error(`ledger:verify: cannot read ${file}: ${(err as Error).message}`)
  process.exit(2)
}

const summary = `${report.actors} actors, ${report.entries} entries in ${file}`
if (report.ok) {
  console.log(`ledger:verify OK: ${summary}`)
} else {
  console.error(`ledger:verify FAILED: ${summary}`)
  for (const violation of report.violations) console.error(`  - ${violation}`)
  process.exitCode = 1
}
