import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../db/database.js'

export interface IdempotencyRecord {
  scope: string
  idempotency_key: string
  request_fingerprint: string
  state: 'in_flight' | 'completed'
  owner: string
  transaction_id: string | null
  status_code: number | null
  headers: string | null
  body: string | null
  created_at: number
  expires_at: number
}

export interface BeginInput {
  scope: string
  key: string
  fingerprint: string
  /** This process; an abandoned in-flight record of another process can be taken over. */
  owner: string
  now: number
  ttlMs: number
}

export type BeginOutcome =
  /** First request with this key: go ahead. `resumedCharge` is set when taking over a crashed attempt that already paid. */
  | { kind: 'proceed', resumedCharge: string | null }
  | { kind: 'replay', record: IdempotencyRecord }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }

export interface CompleteInput {
  scope: string
  key: string
  statusCode: number
  headers: Record<string, string>
  body: string
}

/**
 * Idempotency records, behind an async interface so a shared store (PostgreSQL, Redis) can
 * replace SQLite for several instances. `attachChargeInTransaction` is the one synchronous
 * method: it runs inside the ledger's transaction so a charge and its record commit together.
 */
export interface IdempotencyStore<Tx = unknown> {
  begin (input: BeginInput, isAbandoned: (record: IdempotencyRecord) => boolean): Promise<BeginOutcome>
  attachChargeInTransaction (tx: Tx, scope: string, key: string, transactionId: string): void
  complete (input: CompleteInput): Promise<void>
  release (scope: string, key: string, owner: string): Promise<void>
  purgeExpired (now: number): Promise<number>
}

export class SqliteIdempotencyStore implements IdempotencyStore<SqliteDatabase> {
  private readonly insert: Statement
  private readonly select: Statement
  private readonly deleteExpiredKey: Statement
  private readonly takeOver: Statement
  private readonly attach: Statement
  private readonly completeStmt: Statement
  private readonly releaseStmt: Statement
  private readonly purge: Statement

  constructor (private readonly db: SqliteDatabase) {
    this.insert = db.prepare(`INSERT INTO idempotency_records
      (scope, idempotency_key, request_fingerprint, state, owner, created_at, expires_at)
      VALUES (@scope, @key, @fingerprint, 'in_flight', @owner, @now, @expires)
      ON CONFLICT (scope, idempotency_key) DO NOTHING`)
    this.select = db.prepare('SELECT * FROM idempotency_records WHERE scope = ? AND idempotency_key = ?')
    this.deleteExpiredKey = db.prepare('DELETE FROM idempotency_records WHERE scope = ? AND idempotency_key = ? AND expires_at <= ?')
    this.takeOver = db.prepare(`UPDATE idempotency_records SET owner = @owner
      WHERE scope = @scope AND idempotency_key = @key AND state = 'in_flight' AND owner = @previous`)
    this.attach = db.prepare(`UPDATE idempotency_records SET transaction_id = ?
      WHERE scope = ? AND idempotency_key = ? AND state = 'in_flight'`)
    this.completeStmt = db.prepare(`UPDATE idempotency_records
      SET state = 'completed', status_code = @statusCode, headers = @headers, body = @body
      WHERE scope = @scope AND idempotency_key = @key AND state = 'in_flight'`)
    this.releaseStmt = db.prepare(`DELETE FROM idempotency_records
      WHERE scope = ? AND idempotency_key = ? AND state = 'in_flight' AND owner = ?`)
    this.purge = db.prepare('DELETE FROM idempotency_records WHERE expires_at <= ?')
  }

  async begin (input: BeginInput, isAbandoned: (record: IdempotencyRecord) => boolean): Promise<BeginOutcome> {
    // One IMMEDIATE transaction: the insert is atomic (ON CONFLICT DO NOTHING), never check-then-insert.
    const run = this.db.transaction((): BeginOutcome => {
      this.deleteExpiredKey.run(input.scope, input.key, input.now)
      const inserted = this.insert.run({
        scope: input.scope, key: input.key, fingerprint: input.fingerprint, owner: input.owner, now: input.now, expires: input.now + input.ttlMs
      })
      if (inserted.changes === 1) return { kind: 'proceed', resumedCharge: null }
      const existing = this.select.get(input.scope, input.key) as IdempotencyRecord
      // A different body wins over "in progress": the client is reusing a key, whatever its state.
      if (existing.request_fingerprint !== input.fingerprint) return { kind: 'mismatch' }
      if (existing.state === 'completed') return { kind: 'replay', record: existing }
      if (existing.owner !== input.owner && isAbandoned(existing)) {
        // The process that started it died (crash, kill -9): take the attempt over. If it had
        // already been charged, the charge stands and is not repeated.
        this.takeOver.run({ owner: input.owner, scope: input.scope, key: input.key, previous: existing.owner })
        return { kind: 'proceed', resumedCharge: existing.transaction_id }
      }
      return { kind: 'in_progress' }
    })
    return run.immediate()
  }

  attachChargeInTransaction (_tx: SqliteDatabase, scope: string, key: string, transactionId: string): void {
    const result = this.attach.run(transactionId, scope, key)
    if (result.changes !== 1) throw new Error('idempotency record vanished before its charge was recorded')
  }

  async complete (input: CompleteInput): Promise<void> {
    this.completeStmt.run({ scope: input.scope, key: input.key, statusCode: input.statusCode, headers: JSON.stringify(input.headers), body: input.body })
  }

  async release (scope: string, key: string, owner: string): Promise<void> {
    this.releaseStmt.run(scope, key, owner)
  }

  async purgeExpired (now: number): Promise<number> {
    return this.purge.run(now).changes
  }
}
