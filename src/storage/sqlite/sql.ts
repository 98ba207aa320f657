/** SQL fragments shared by the SQLite ledger and its actor transactions (migrations/001_ledger.sql). */
const ENTRY_COLUMNS = `seq, id, actor_id, kind, amount, balance_before, balance_after, feature, reason, event_id,
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
