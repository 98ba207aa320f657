import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../../db/database.js'
import type { BeginInput, BeginOutcome, CompleteInput, IdempotencyRecord, IdempotencyStore } from '../idempotency.js'
import type { SqliteWriter } from './writer.js'

/** Idempotency records in SQLite (migrations/002_idempotency.sql); every write goes through the writer. */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly insert: Statement
  private readonly select: Statement
  private readonly deleteExpiredKey: Statement
  private readonly takeOver: Statement
  private readonly completeStmt: Statement
  private readonly releaseStmt: Statement
  private readonly purge: Statement

  constructor (db: SqliteDatabase, private readonly writer: SqliteWriter) {
    this.insert = db.prepare(`INSERT INTO idempotency_records
      (scope, idempotency_key, request_fingerprint, state, owner, created_at, expires_at)
      VALUES (@scope, @key, @fingerprint, 'in_flight', @owner, @now, @expires)
      ON CONFLICT (scope, idempotency_key) DO NOTHING`)
    this.select = db.prepare('SELECT * FROM idempotency_records WHERE scope = ? AND idempotency_key = ?')
    this.deleteExpiredKey = db.prepare('DELETE FROM idempotency_records WHERE scope = ? AND idempotency_key = ? AND expires_at <= ?')
    this.takeOver = db.prepare(`UPDATE idempotency_records SET owner = @owner
      WHERE scope = @scope AND idempotency_key = @key AND state = 'in_flight' AND owner = @previous`)
    this.completeStmt = db.prepare(`UPDATE idempotency_records
      SET state = 'completed', status_code = @statusCode, headers = @headers, body = @body
      WHERE scope = @scope AND idempotency_key = @key AND state = 'in_flight'`)
    this.releaseStmt = db.prepare(`DELETE FROM idempotency_records
      WHERE scope = ? AND idempotency_key = ? AND state = 'in_flight' AND owner = ?`)
    this.purge = db.prepare('DELETE FROM idempotency_records WHERE expires_at <= ?')
  }

  async begin (input: BeginInput, isAbandoned: (record: IdempotencyRecord) => boolean): Promise<BeginOutcome> {
    // One unit of work: the insert is atomic (ON CONFLICT DO NOTHING), never check-then-insert.
    return await this.writer.run((): BeginOutcome => {
      this.deleteExpiredKey.run(input.scope, input.key, input.now)
      const inserted = this.insert.run({
        scope: input.scope, key: input.key, fingerprint: input.fingerprint, owner: input.owner, now: input.now, expires: input.now + input.ttlMs
      })
      if (inserted.changes === 1) return { kind: 'proceed' }
      const existing = this.select.get(input.scope, input.key) as IdempotencyRecord
      // A different body wins over "in progress": the client is reusing a key, whatever its state.
      if (existing.request_fingerprint !== input.fingerprint) return { kind: 'mismatch' }
      if (existing.state === 'completed') return { kind: 'replay', record: existing }
      if (existing.owner !== input.owner && isAbandoned(existing)) {
        // The process that started it died (crash, kill -9): take the attempt over. If it had
        // already been charged, the charge stands and is not repeated (the billing service reads it
        // from the record inside its own transaction).
        this.takeOver.run({ owner: input.owner, scope: input.scope, key: input.key, previous: existing.owner })
        return { kind: 'proceed' }
      }
      return { kind: 'in_progress' }
    })
  }

  async complete (input: CompleteInput): Promise<void> {
    await this.writer.run(() => this.completeStmt.run({ scope: input.scope, key: input.key, statusCode: input.statusCode, headers: JSON.stringify(input.headers), body: input.body }))
  }

  async release (scope: string, key: string, owner: string): Promise<void> {
    await this.writer.run(() => this.releaseStmt.run(scope, key, owner))
  }

  async purgeExpired (now: number): Promise<number> {
    return await this.writer.run(() => this.purge.run(now).changes)
  }
}
