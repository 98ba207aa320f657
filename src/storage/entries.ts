import type { ULIDFactory } from 'ulid'
import { requireAmount, requireId, requireText } from '../ledger/arguments.js'
import type { EntryRow } from '../ledger/entry-row.js'
import type { GrantDailyInput, LedgerEntry } from '../ledger/types.js'
import type { SpendEntryInput, TopupEntryInput } from './port.js'

/**
 * The one builder of ledger entries for both backends (SQLite and PostgreSQL): every write's inputs
 * are checked here, before any SQL runs, so both refuse the same inputs with the same LedgerError
 * (the database CHECKs stay as the last line, not the first). Each builder returns the entry's
 * fields under the names the SQLite statements bind; the PostgreSQL adapter lays the same fields
 * out as positional parameters.
 */

/** The columns every `ledger_entries` query reads back (migrations/001_ledger.sql, migrations-pg/001_ledger.sql). */
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

/** What every entry a unit of work writes carries: a fresh ULID, the actor, and the unit's time. */
export interface EntryStamp {
  id: string
  actorId: string
  createdAt: string
}

/** Stamps for the entries of one actor written at `at`: each call draws a new ULID. */
export function entryStamps (actorId: string, at: Date, nextUlid: ULIDFactory): () => EntryStamp {
  const createdAt = at.toISOString()
  return () => ({ id: nextUlid(at.getTime()), actorId, createdAt })
}

function requireOptionalText (name: string, value: string | null): void {
  if (value !== null) requireText(name, value)
}

/** A spend, or the `denied` audit of a refused one: the same fields. */
export type SpendFields = EntryStamp & SpendEntryInput

export function spendFields<I extends SpendEntryInput> (stamp: EntryStamp, input: I): EntryStamp & I {
  requireAmount(input.amount)
  requireId('requestId', input.requestId)
  requireText('feature', input.feature)
  requireText('reason', input.reason)
  requireOptionalText('eventId', input.eventId)
  requireOptionalText('fingerprint', input.fingerprint)
  requireOptionalText('idempotencyKey', input.idempotencyKey)
  return { ...input, ...stamp }
}

/** The spend as written, from its fields and the balance the debit found (the only value the database adds). */
export function spendEntry (fields: SpendFields, balanceBefore: number): LedgerEntry {
  return {
    transaction_id: fields.id,
    actor_id: fields.actorId,
    timestamp: fields.createdAt,
    kind: 'spend',
    feature: fields.feature,
    reason: fields.reason,
    amount: -fields.amount,
    cost: fields.amount,
    balance_before: balanceBefore,
    balance_after: balanceBefore - fields.amount,
    event_id: fields.eventId,
    fingerprint: fields.fingerprint,
    idempotency_key: fields.idempotencyKey,
    payment_id: null,
    refund_of: null,
    request_id: fields.requestId,
    status: 'committed'
  }
}

/** Why and by which request a spend is refunded, checked before the spend is looked up. */
export interface RefundArguments {
  reason: string
  requestId: string
}

export function refundArguments (reason: string, requestId: string): RefundArguments {
  requireId('requestId', requestId)
  requireText('reason', reason)
  return { reason, requestId }
}

export interface RefundFields extends EntryStamp, RefundArguments {
  amount: number
  feature: string | null
  eventId: string | null
  fingerprint: string | null
  refundOf: string
}

/** The refund of `spend` (a spend row of this actor): its tokens back, its feature and inputs kept. */
export function refundFields (stamp: EntryStamp, spend: EntryRow, args: RefundArguments): RefundFields {
  return {
    ...stamp,
    ...args,
    amount: -spend.amount,
    feature: spend.feature,
    eventId: spend.event_id,
    fingerprint: spend.fingerprint,
    refundOf: spend.id
  }
}

export type TopupFields = EntryStamp & TopupEntryInput

export function topupFields (stamp: EntryStamp, input: TopupEntryInput): TopupFields {
  requireAmount(input.amount)
  requireId('requestId', input.requestId)
  requireText('paymentId', input.paymentId)
  return { ...stamp, amount: input.amount, paymentId: input.paymentId, requestId: input.requestId }
}

/** The row recording that the spend `transactionId` unlocked a Lab module for the stamp's actor. */
export interface UnlockFields {
  actorId: string
  moduleId: string
  transactionId: string
  requestId: string
  unlockedAt: string
}

export function unlockFields (stamp: Pick<EntryStamp, 'actorId' | 'createdAt'>, moduleId: string, transactionId: string, requestId: string): UnlockFields {
  requireId('moduleId', moduleId)
  requireId('transactionId', transactionId)
  requireId('requestId', requestId)
  return { actorId: stamp.actorId, moduleId, transactionId, requestId, unlockedAt: stamp.createdAt }
}

export type GrantFields = EntryStamp & GrantDailyInput & { grantDay: string }

/** The checks of a daily grant, made before its unit of work starts. */
export function requireGrant (input: GrantDailyInput): void {
  requireAmount(input.amount)
  requireId('requestId', input.requestId)
}

/** A daily grant, its day the UTC day of its timestamp (the key of "once per day"). */
export function grantFields (stamp: EntryStamp, input: GrantDailyInput): GrantFields {
  requireGrant(input)
  return { ...stamp, amount: input.amount, requestId: input.requestId, grantDay: stamp.createdAt.slice(0, 10) }
}
