import type pg from 'pg'
import { UNDELIVERED_SQL } from '../../ledger/delivery-sql.js'
import type { DeliveryStore, UndeliveredCharge } from '../port.js'

const INSERT = `INSERT INTO charge_deliveries (transaction_id, delivered_at)
  SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`
let n = 0
const LIST = UNDELIVERED_SQL.replace(/\?/g, () => `$${++n}`)

/**
 * Delivery marks on PostgreSQL: the marks of one event-loop turn are written by ONE INSERT on a
 * pooled connection of their own, after the answers left — the charge's statement batch
 * (src/storage/postgres/statement-batcher.ts) keeps its one round trip.
 */
export class PostgresDeliveryStore implements DeliveryStore {
  private pending: Array<{ id: string, resolve: () => void, reject: (err: unknown) => void }> = []

  constructor (private readonly pool: pg.Pool, private readonly now: () => Date) {}

  async markDelivered (transactionId: string): Promise<void> {
    return await new Promise((resolve, reject) => {
      if (this.pending.push({ id: transactionId, resolve, reject }) === 1) setImmediate(() => { this.flush() })
    })
  }

  private flush (): void {
    const batch = this.pending
    this.pending = []
    this.pool.query(INSERT, [batch.map((p) => p.id), this.now().toISOString()]).then(
      () => { for (const p of batch) p.resolve() },
      (err: unknown) => { for (const p of batch) p.reject(err) })
  }

  async undelivered (before: Date, limit: number): Promise<UndeliveredCharge[]> {
    return (await this.pool.query<UndeliveredCharge>(LIST, [before.toISOString(), limit])).rows
  }
}
