/**
 * Moves the SQLite database to PostgreSQL (docs/DEPLOY_RENDER.md, "Moving from SQLite to PostgreSQL"):
 *   DATABASE_URL=postgres://… npx tsx scripts/db-migrate-to-postgres.ts [--db FILE]
 *
 * Stop the SQLite service first. The SQLite ledger is verified, the PostgreSQL schema migrated, and
 * every row copied in ONE PostgreSQL transaction (actors, keys, ledger, idempotency records, Lab
 * unlocks, attempts and completions when the SQLite file has them), ledger entries one by one in their original order
 * and with their original seq (so history cursors stay valid), through the same triggers that guard
 * every live write. Then every table is read back from both sides and compared row by row; any
 * difference rolls the whole copy back. Exit 0: copied and identical. 1: refused or different.
 * 2: no SQLite file, or the PostgreSQL database already holds data.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type pg from 'pg'
import { databaseFile, openDatabase, type SqliteDatabase } from '../src/db/database.js'
import { verifyLedger } from '../src/ledger/verify.js'
import { migratePostgres } from '../src/storage/postgres/migrate.js'
import { createPool, inTransaction } from '../src/storage/postgres/pool.js'

/** Each table copied, in an order that satisfies the foreign keys, with the column that orders its rows. */
const TABLES: Array<{ name: string, orderBy: string, booleans?: string[], skipped?: string[] }> = [
  { name: 'actors', orderBy: 'actor_id', booleans: ['disabled'] },
  { name: 'api_keys', orderBy: 'key_hash' },
  { name: 'ledger_entries', orderBy: 'seq' },
  // Written by the ledger's triggers during the copy; compared afterwards, never copied.
  { name: 'balances', orderBy: 'actor_id', skipped: ['copy'] },
  { name: 'idempotency_records', orderBy: 'scope, idempotency_key' },
  { name: 'lab_unlocks', orderBy: 'actor_id, module_id' },
  { name: 'lab_attempts', orderBy: 'attempt_id', booleans: ['passed'] },
  { name: 'lab_completions', orderBy: 'actor_id, module_id' },
  { name: 'leagues', orderBy: 'league_id', booleans: ['synthetic'] },
  { name: 'league_teams', orderBy: 'league_id, team_id' },
  { name: 'league_team_names', orderBy: 'league_id, spelling' },
  { name: 'league_matches', orderBy: 'league_id, date, home_team_id, away_team_id' }
]

/** Identity columns whose values are copied as they are (history cursors and references keep working). */
const IDENTITIES: Record<string, string> = { ledger_entries: 'seq', lab_attempts: 'attempt_id' }

class MigrationRefused extends Error {
  constructor (message: string, readonly exitCode: number) {
    super(message)
  }
}

function sqliteTables (db: SqliteDatabase): Set<string> {
  return new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[])
}

function sqliteRows (db: SqliteDatabase, table: string, orderBy: string, booleans: string[] = []): Array<Record<string, unknown>> {
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all() as Array<Record<string, unknown>>
  for (const row of rows) for (const column of booleans) row[column] = row[column] === 1
  return rows
}

async function insertRows (client: pg.PoolClient, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  const overriding = IDENTITIES[table] !== undefined ? 'OVERRIDING SYSTEM VALUE' : ''
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) ${overriding} VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`
  // One row per statement: the ledger's AFTER INSERT trigger must move the balance before the next
  // entry's chain check runs, and PostgreSQL fires row AFTER triggers at the end of each statement.
  for (const row of rows) await client.query(sql, columns.map((column) => row[column]))
}

function same (a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export async function migrateToPostgres (file: string, databaseUrl: string): Promise<Record<string, number>> {
  if (!existsSync(file)) throw new MigrationRefused(`no SQLite database at ${file}`, 2)
  const db = openDatabase(file, { readonly: true })
  const pool = createPool(databaseUrl, { max: 2, applicationName: 'db:migrate-to-postgres' })
  try {
    const report = verifyLedger(db)
    if (!report.ok) throw new MigrationRefused(`the SQLite ledger does not verify; fix it first:\n  - ${report.violations.join('\n  - ')}`, 1)
    await migratePostgres(pool)
    const present = sqliteTables(db)
    return await inTransaction(pool, async (client) => {
      const { rows: [{ n }] } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM actors')
      if (n > 0) throw new MigrationRefused('the PostgreSQL database already holds actors; migrate into an empty database', 2)
      const copied: Record<string, number> = {}
      for (const table of TABLES.filter((t) => present.has(t.name) && t.skipped === undefined)) {
        const rows = sqliteRows(db, table.name, table.orderBy, table.booleans)
        await insertRows(client, table.name, rows)
        copied[table.name] = rows.length
      }
      for (const [table, column] of Object.entries(IDENTITIES)) {
        if (copied[table] === undefined) continue
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce(max(${column}), 0) + 1, false) FROM ${table}`)
      }
      for (const table of TABLES.filter((t) => present.has(t.name))) {
        const before = sqliteRows(db, table.name, table.orderBy, table.booleans)
        const { rows: after } = await client.query(`SELECT ${Object.keys(before[0] ?? { '*': 0 }).join(', ')} FROM ${table.name} ORDER BY ${table.orderBy}`)
        if (before.length !== after.length) throw new MigrationRefused(`${table.name}: ${before.length} rows in SQLite, ${after.length} in PostgreSQL`, 1)
        before.forEach((row, i) => {
          if (!same(row, after[i])) throw new MigrationRefused(`${table.name}: row ${i + 1} differs after the copy`, 1)
        })
        copied[table.name] ??= before.length
      }
      return copied
    })
  } finally {
    db.close()
    await pool.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { db: { type: 'string' } } })
  const file = values.db ?? databaseFile(process.env.DATA_DIR ?? './data')
  const url = process.env.DATABASE_URL ?? ''
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error('db:migrate-to-postgres: set DATABASE_URL=postgres://… (the target database)')
    process.exit(2)
  }
  migrateToPostgres(file, url).then((copied) => {
    const summary = Object.entries(copied).map(([table, n]) => `${n} ${table}`).join(', ')
    console.log(`db:migrate-to-postgres OK: ${summary} — every row identical in PostgreSQL`)
  }, (err: unknown) => {
    console.error(`db:migrate-to-postgres FAILED: ${(err as Error).message}`)
    process.exitCode = err instanceof MigrationRefused ? err.exitCode : 1
  })
}
