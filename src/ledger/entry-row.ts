import type { EntryKind, EntryStatus, LedgerEntry } from './types.js'

/** One row of `ledger_entries` as both SQLite and PostgreSQL store it (migrations/001_ledger.sql). */
export interface EntryRow {
  seq: number
  id: string
  actor_id: string
  kind: EntryKind
  amount: number
  balance_before: number
  balance_after: number
  feature: string | null
  reason: string | null
  event_id: string | null
  fingerprint: string | null
  request_id: string
  idempotency_key: string | null
  payment_id: string | null
  refund_of: string | null
  grant_day: string | null
  created_at: string
}

/** The row with its status, which is derived from the refund pointing at it (never stored). */
export type EntryRowWithStatus = EntryRow & { status: EntryStatus }

export function toEntry (row: EntryRow, status: EntryStatus): LedgerEntry {
  return {
    transaction_id: row.id,
    actor_id: row.actor_id,
    timestamp: row.created_at,
    kind: row.kind,
    feature: row.feature,
    reason: row.reason,
    amount: row.amount,
    cost: row.kind === 'spend' ? -row.amount : 0,
    balance_before: row.balance_before,
    balance_after: row.balance_after,
    event_id: row.event_id,
    fingerprint: row.fingerprint,
    idempotency_key: row.idempotency_key,
    payment_id: row.payment_id,
    refund_of: row.refund_of,
    request_id: row.request_id,
    status
  }
}
