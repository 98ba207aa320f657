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
  /** First request with this key (or a takeover of a crashed attempt, whose charge, if any, stands): go ahead. */
  | { kind: 'proceed' }
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
 * Idempotency records, behind an async interface so that PostgreSQL can replace SQLite for several
 * instances. A charge is attached to its record inside the charge's own transaction
 * (`ActorTransaction.attachToIdempotency`, src/storage/port.ts), so the two commit together.
 */
export interface IdempotencyStore {
  begin (input: BeginInput, isAbandoned: (record: IdempotencyRecord) => boolean): Promise<BeginOutcome>
  complete (input: CompleteInput): Promise<void>
  release (scope: string, key: string, owner: string): Promise<void>
  purgeExpired (now: number): Promise<number>
}
