import { createHash } from 'node:crypto'

/** SQL shared by the PostgreSQL ledger and its actor transactions (migrations-pg/001_ledger.sql). */
export const ENTRY_COLUMNS = `seq, id, actor_id, kind, amount, balance_before, balance_after, feature, reason, event_id,
  fingerprint, request_id, idempotency_key, payment_id, refund_of, grant_day, created_at`

export const RETURNING_ENTRY = `RETURNING ${ENTRY_COLUMNS}`

// The status is derived from the refund that points at a spend, never stored: entries are immutable.
export const ENTRY_WITH_STATUS = `SELECT ${ENTRY_COLUMNS},
  CASE
    WHEN kind = 'denied' THEN 'denied'
    WHEN kind = 'spend' AND EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id) THEN 'refunded'
    ELSE 'committed'
  END AS status
  FROM ledger_entries e`

export const INSERT_COLUMNS = `(id, actor_id, kind, amount, balance_before, balance_after, feature, reason, event_id, fingerprint,
  request_id, idempotency_key, payment_id, refund_of, grant_day, created_at)`

/**
 * The actor's lock: its balance row, FOR UPDATE, read with the actor's state. Every write that moves
 * tokens takes it first, so another transaction of the same actor, in this process or another
 * instance, waits until this one commits (docs/LEDGER.md, "Charging once").
 */
export const LOCK_ACTOR = `SELECT a.actor_id, a.label, a.created_at, a.disabled, b.balance
  FROM balances b JOIN actors a ON a.actor_id = b.actor_id WHERE b.actor_id = $1 FOR UPDATE OF b`

/** LOCK_ACTOR for several actors at once, in actor-id order (two such transactions cannot deadlock). */
export const LOCK_ACTORS = 'SELECT actor_id FROM balances WHERE actor_id = ANY($1::text[]) ORDER BY actor_id FOR UPDATE'

export interface LockedActorRow {
  actor_id: string
  label: string | null
  created_at: string
  disabled: boolean
  balance: number
}

const names = new Map<string, string>()

/** A stable name for a statement's text, so node-postgres prepares it once per connection. */
export function statementName (sql: string): string {
  let name = names.get(sql)
  if (name === undefined) {
    name = `t_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`
    names.set(sql, name)
  }
  return name
}
