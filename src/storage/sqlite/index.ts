import type { SqliteDatabase } from '../../db/database.js'
import { ulidFactory } from '../../ledger/ids.js'
import type { ActorTransaction, EntitlementInput, EntitlementPurchase, Storage, StorageCheck } from '../port.js'
import { SqliteActorStatements } from './actor-transaction.js'
import { SqliteIdempotencyStore } from './idempotency.js'
import { SqliteLabStore } from './lab.js'
import { SqliteLeagueStore } from './leagues.js'
import { SqliteDeliveryStore } from './deliveries.js'
import { SqliteTokenLedger } from './ledger.js'
import { SqliteWriter } from './writer.js'

export interface SqliteStorageOptions {
  /** The clock for timestamps, ULIDs and the UTC day of daily grants. */
  now?: () => Date
}

/**
 * The storage port on one better-sqlite3 connection (the caller opens, migrates and closes it).
 * One process writes through one writer, so "serialised per actor" holds a fortiori: every unit of
 * work runs alone inside BEGIN IMMEDIATE, which also excludes other processes on the same file.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const
  readonly ledger: SqliteTokenLedger
  readonly idempotency: SqliteIdempotencyStore
  readonly lab: SqliteLabStore
  readonly leagues: SqliteLeagueStore
  readonly deliveries: SqliteDeliveryStore
  private readonly writer: SqliteWriter
  private readonly actorStatements: SqliteActorStatements
  private readonly now: () => Date

  constructor (private readonly db: SqliteDatabase, options: SqliteStorageOptions = {}) {
    this.now = options.now ?? (() => new Date())
    const nextUlid = ulidFactory()
    this.writer = new SqliteWriter(db)
    this.ledger = new SqliteTokenLedger(db, this.writer, this.now, nextUlid)
    this.idempotency = new SqliteIdempotencyStore(db, this.writer)
    this.lab = new SqliteLabStore(db, this.writer, { now: this.now })
    this.leagues = new SqliteLeagueStore(db, this.writer, this.now)
    this.deliveries = new SqliteDeliveryStore(db, this.writer, this.now)
    this.actorStatements = new SqliteActorStatements(db, nextUlid)
  }

  async withActorTransaction<T>(actorId: string, work: (tx: ActorTransaction) => Promise<T>): Promise<T> {
    return await this.writer.run(async () => await work(this.actorStatements.forActor(actorId, this.now())))
  }

  async purchaseEntitlement (actorId: string, input: EntitlementInput, since: Date): Promise<EntitlementPurchase> {
    return await this.withActorTransaction(actorId, async (tx) => await tx.purchaseEntitlement(input, since))
  }

  async check (): Promise<StorageCheck> {
    try {
      // A real write, committed like any other: page 1 rewritten with the application_id it already
      // holds. A full disk, a read-only file or an I/O error fails it as it fails every other write
      // (taking the write lock and committing nothing would notice none of them).
      await this.writer.run(() => {
        const applicationId = this.db.pragma('application_id', { simple: true }) as number
        this.db.pragma(`application_id = ${applicationId}`)
      })
      return { ok: true, detail: 'ok' }
    } catch (err) {
      return { ok: false, detail: `database not writable: ${(err as NodeJS.ErrnoException).code ?? 'error'}` }
    }
  }

  async close (): Promise<void> {
    this.db.close()
  }
}
