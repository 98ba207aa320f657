import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../../db/database.js'
import { UNDELIVERED_SQL } from '../../ledger/delivery-sql.js'
import type { DeliveryStore, UndeliveredCharge } from '../port.js'
import type { SqliteWriter } from './writer.js'

/** Delivery marks on SQLite: the writer already groups the marks of one event-loop turn into one commit. */
export class SqliteDeliveryStore implements DeliveryStore {
  private readonly insert: Statement<[string, string]>
  private readonly list: Statement<[string, number], UndeliveredCharge>

  constructor (db: SqliteDatabase, private readonly writer: SqliteWriter, private readonly now: () => Date) {
    this.insert = db.prepare('INSERT INTO charge_deliveries (transaction_id, delivered_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
    this.list = db.prepare(UNDELIVERED_SQL)
  }

  async markDelivered (transactionId: string): Promise<void> {
    await this.writer.run(() => { this.insert.run(transactionId, this.now().toISOString()) })
  }

  async undelivered (before: Date, limit: number): Promise<UndeliveredCharge[]> {
    return this.list.all(before.toISOString(), limit)
  }
}
