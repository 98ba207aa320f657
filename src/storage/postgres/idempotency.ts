import type pg from 'pg'
import type { BeginInput, BeginOutcome, CompleteInput, IdempotencyRecord, IdempotencyStore } from '../idempotency.js'

const DELETE_EXPIRED_KEY = 'DELETE FROM idempotency_records WHERE scope = $1 AND idempotency_key = $2 AND expires_at <= $3'
const INSERT = `INSERT INTO idempotency_records (scope, idempotency_key, request_fingerprint, state, owner, created_at, expires_at)
  VALUES ($1, $2, $3, 'in_flight', $4, $5, $6)
  ON CONFLICT (scope, idempotency_key) DO NOTHING`
const SELECT = 'SELECT * FROM idempotency_records WHERE scope = $1 AND idempotency_key = $2'
const TAKE_OVER = `UPDATE idempotency_records SET owner = $1
  WHERE scope = $2 AND idempotency_key = $3 AND state = 'in_flight' AND owner = $4`
const COMPLETE = `UPDATE idempotency_records SET state = 'completed', status_code = $1, headers = $2, body = $3
  WHERE scope = $4 AND idempotency_key = $5 AND state = 'in_flight'`
const RELEASE = `DELETE FROM idempotency_records
  WHERE scope = $1 AND idempotency_key = $2 AND state = 'in_flight' AND owner = $3`
const PURGE = 'DELETE FROM idempotency_records WHERE expires_at <= $1'

/** A record released between our failed insert and our read: try the insert again, a bounded number of times. */
const MAX_BEGIN_ATTEMPTS = 5

/**
 * Idempotency records in PostgreSQL (migrations-pg/002_idempotency.sql), shared by every instance:
 * a key used on one instance replays or conflicts on another. Each step is one atomic statement —
 * the insert is ON CONFLICT DO NOTHING (never check-then-insert) and a takeover is a
 * compare-and-set on the previous owner — so racing instances cannot both proceed.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor (private readonly pool: pg.Pool) {}

  async begin (input: BeginInput, isAbandoned: (record: IdempotencyRecord) => boolean): Promise<BeginOutcome> {
    await this.pool.query(DELETE_EXPIRED_KEY, [input.scope, input.key, input.now])
    for (let attempt = 0; attempt < MAX_BEGIN_ATTEMPTS; attempt++) {
      const inserted = await this.pool.query(INSERT, [input.scope, input.key, input.fingerprint, input.owner, input.now, input.now + input.ttlMs])
      if (inserted.rowCount === 1) return { kind: 'proceed' }
      const existing = (await this.pool.query<IdempotencyRecord>(SELECT, [input.scope, input.key])).rows[0]
      if (existing === undefined) continue
      // A different body wins over "in progress": the client is reusing a key, whatever its state.
      if (existing.request_fingerprint !== input.fingerprint) return { kind: 'mismatch' }
      if (existing.state === 'completed') return { kind: 'replay', record: existing }
      if (existing.owner !== input.owner && isAbandoned(existing)) {
        // The process that started it died (crash, kill -9): take the attempt over. If it had
        // already been charged, the charge stands and is not repeated (ActorTransaction.idempotentCharge).
        const taken = await this.pool.query(TAKE_OVER, [input.owner, input.scope, input.key, existing.owner])
        if (taken.rowCount === 1) return { kind: 'proceed' }
      }
      return { kind: 'in_progress' }
    }
    return { kind: 'in_progress' }
  }

  async complete (input: CompleteInput): Promise<void> {
    await this.pool.query(COMPLETE, [input.statusCode, JSON.stringify(input.headers), input.body, input.scope, input.key])
  }

  async release (scope: string, key: string, owner: string): Promise<void> {
    await this.pool.query(RELEASE, [scope, key, owner])
  }

  async purgeExpired (now: number): Promise<number> {
    return (await this.pool.query(PURGE, [now])).rowCount ?? 0
  }
}
