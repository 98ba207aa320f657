import type pg from 'pg'
import { LedgerReplay, REPLAYED_COLUMNS, leaseStart, type ReplayedRow, type UndeliveredRow, type VerifyOptions, type VerifyReport } from '../../ledger/verify.js'
import { UNDELIVERED_SQL } from '../../ledger/delivery-sql.js'
import { inTransaction } from './pool.js'

/** Entries fetched per round trip while replaying. */
const FETCH_ROWS = 5_000

/**
 * `npm run ledger:verify` on PostgreSQL: the same replay and rules as on SQLite (src/ledger/verify.ts),
 * fed from one REPEATABLE READ snapshot, so it runs against live instances without stopping them.
 */
export async function verifyPostgresLedger (pool: pg.Pool, options: VerifyOptions = {}): Promise<VerifyReport> {
  return await inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const names = async (sql: string): Promise<Set<string>> => new Set((await client.query<{ name: string }>(sql)).rows.map((r) => r.name))
    const schema = {
      tables: await names('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()'),
      triggers: await names(`SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`),
      indexes: await names('SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()')
    }
    const actors = schema.tables.has('actors') ? (await client.query<{ actor_id: string }>('SELECT actor_id FROM actors')).rows.map((r) => r.actor_id) : []
    const replay = LedgerReplay.start(schema, () => actors)
    if (!(replay instanceof LedgerReplay)) return replay
    await client.query(`DECLARE entries NO SCROLL CURSOR FOR SELECT ${REPLAYED_COLUMNS} FROM ledger_entries ORDER BY seq`)
    for (;;) {
      const { rows } = await client.query<ReplayedRow>(`FETCH ${FETCH_ROWS} FROM entries`)
      for (const row of rows) replay.entry(row)
      if (rows.length < FETCH_ROWS) break
    }
    const balances = (await client.query<{ actor_id: string, balance: number }>('SELECT actor_id, balance FROM balances')).rows
    const duplicates = (await client.query<{ id: string }>('SELECT id FROM ledger_entries GROUP BY id HAVING count(*) > 1')).rows.map((r) => r.id)
    let n = 0
    const undelivered = options.leaseMs !== undefined && schema.tables.has('charge_deliveries')
      ? (await client.query<UndeliveredRow>(UNDELIVERED_SQL.replace(/\?/g, () => `$${++n}`), [leaseStart(options.leaseMs, options.now), 1000])).rows
      : []
    return replay.finish(balances, duplicates, undelivered)
  })
}
