import type pg from 'pg'
import type { IdempotencyStore } from '../idempotency.js'
import type { LabStore } from '../lab.js'
import type { LeagueStore } from '../leagues.js'
import { ulidFactory } from '../../ledger/ids.js'
import { entryStamps } from '../entries.js'
import type { TokenLedger } from '../../ledger/types.js'
import type { ActorTransaction, EntitlementInput, EntitlementPurchase, Storage, StorageCheck } from '../port.js'
import { PURCHASE_ENTITLEMENT, type PurchaseRow, postgresActorTransaction, purchaseOf, purchaseParameters } from './actor-transaction.js'
import { PostgresActorWriter } from './actor-writer.js'
import { PostgresIdempotencyStore } from './idempotency.js'
import { PostgresLabStore } from './lab.js'
import { PostgresLeagueStore } from './leagues.js'
import { PostgresDeliveryStore } from './deliveries.js'
import { PostgresTokenLedger } from './ledger.js'
import { PG_MIGRATIONS_DIR, migratePostgres, pendingPostgresMigrations } from './migrate.js'
import { createPool } from './pool.js'
import { PostgresStatementBatcher } from './statement-batcher.js'

export interface PostgresStorageOptions {
  /** `DATABASE_URL`: postgres://user:password@host:port/database */
  connectionString: string
  /** The clock for timestamps, ULIDs and the UTC day of daily grants. */
  now?: () => Date
  /** Pooled connections of this instance. */
  poolSize?: number
  migrationsDir?: string
  /** DATABASE_TIMEOUT_MS for the service's queries (src/storage/postgres/pool.ts); migrations run unbounded. */
  timeoutMs?: number
}

/** How long /ready waits for PostgreSQL before it calls it unreachable. */
const CHECK_TIMEOUT_MS = 2_000

/**
 * The storage port on PostgreSQL (docs/ARCHITECTURE.md, "Storage"): every durable record in one
 * database shared by all instances. Money is written only in `withActorTransaction`, which locks the
 * actor's balance row for the whole unit of work (src/storage/postgres/actor-writer.ts), and in
 * `purchaseEntitlement`, one statement run under the same lock in a batch of statements
 * (src/storage/postgres/statement-batcher.ts).
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const
  readonly ledger: TokenLedger
  readonly idempotency: IdempotencyStore
  readonly lab: LabStore
  readonly leagues: LeagueStore
  readonly deliveries: PostgresDeliveryStore
  private readonly writer: PostgresActorWriter
  private readonly statements: PostgresStatementBatcher
  private readonly nextUlid = ulidFactory()
  private readonly now: () => Date

  constructor (readonly pool: pg.Pool, private readonly options: Omit<PostgresStorageOptions, 'connectionString'> = {}) {
    this.now = options.now ?? (() => new Date())
    this.writer = new PostgresActorWriter(pool)
    this.statements = new PostgresStatementBatcher(pool)
    this.ledger = new PostgresTokenLedger(pool, this.writer, this.now, this.nextUlid)
    this.idempotency = new PostgresIdempotencyStore(pool)
    this.lab = new PostgresLabStore(pool, this.now)
    this.leagues = new PostgresLeagueStore(pool, this.now)
    this.deliveries = new PostgresDeliveryStore(pool, this.now)
  }

  async purchaseEntitlement (actorId: string, input: EntitlementInput, since: Date): Promise<EntitlementPurchase> {
    const parameters = purchaseParameters(entryStamps(actorId, this.now(), this.nextUlid)(), input, since)
    return purchaseOf(actorId, (await this.statements.run<PurchaseRow>(actorId, PURCHASE_ENTITLEMENT, parameters))[0])
  }

  async withActorTransaction<T>(actorId: string, work: (tx: ActorTransaction) => Promise<T>): Promise<T> {
    return await this.writer.run(actorId, async (session) => await work(postgresActorTransaction(actorId, session, this.now(), this.nextUlid)))
  }

  /** Reachable, writable (a primary, not a read-only standby) and answering within the timeout. */
  async check (): Promise<StorageCheck> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })), CHECK_TIMEOUT_MS)
    })
    try {
      const { rows } = await Promise.race([this.pool.query<{ read_only: boolean }>('SELECT pg_is_in_recovery() AS read_only'), timeout])
      if (rows[0].read_only) return { ok: false, detail: 'PostgreSQL is read-only (a standby)' }
      return { ok: true, detail: 'ok' }
    } catch (err) {
      return { ok: false, detail: `PostgreSQL unreachable: ${(err as NodeJS.ErrnoException).code ?? 'error'}` }
    } finally {
      clearTimeout(timer)
    }
  }

  /** Migration files not yet applied (a deploy that added one without a restart). */
  async pendingMigrations (): Promise<string[]> {
    return (await pendingPostgresMigrations(this.pool, this.options.migrationsDir ?? PG_MIGRATIONS_DIR)).map((m) => m.name)
  }

  async close (): Promise<void> {
    await this.pool.end()
  }
}

/** Connects to `DATABASE_URL`, applies pending migrations (once across instances) and returns the storage. */
export async function openPostgresStorage (options: PostgresStorageOptions): Promise<{ storage: PostgresStorage, applied: string[] }> {
  // Migrations on a connection of their own without the query bound: one may rewrite a large table.
  const migrations = createPool(options.connectionString, { max: 1, applicationName: 'trickster-oracle-migrate' })
  let applied
  try {
    applied = await migratePostgres(migrations, options.migrationsDir ?? PG_MIGRATIONS_DIR)
  } finally {
    await migrations.end()
  }
  const pool = createPool(options.connectionString, { max: options.poolSize, timeoutMs: options.timeoutMs })
  return { storage: new PostgresStorage(pool, options), applied: applied.map((m) => m.name) }
}
