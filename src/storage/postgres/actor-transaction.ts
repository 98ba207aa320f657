import type { ULIDFactory } from 'ulid'
import { actorDisabled, actorNotFound } from '../../ledger/arguments.js'
import { type EntryRow, type EntryRowWithStatus, toEntry } from '../../ledger/entry-row.js'
import { LedgerError } from '../../ledger/errors.js'
import type { TopupResult } from '../../ledger/types.js'
import type { LabUnlock } from '../lab.js'
import {
  ENTRY_COLUMNS, ENTRY_WITH_STATUS, INSERT_COLUMNS, RETURNING_ENTRY, type EntryStamp,
  entryStamps, refundArguments, refundFields, spendEntry, spendFields, topupFields, unlockFields
} from '../entries.js'
import type { ActorTransaction, EntitlementInput, EntitlementPurchase } from '../port.js'
import type { ActorSession } from './actor-writer.js'
import { statementName } from './sql.js'

// The balance test and the debit are one statement: no row means "not enough".
const INSERT_SPEND = `INSERT INTO ledger_entries ${INSERT_COLUMNS}
  SELECT $1, b.actor_id, 'spend', -$2::bigint, b.balance, b.balance - $2::bigint, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, $9
  FROM balances b WHERE b.actor_id = $10 AND b.balance >= $2::bigint
  RETURNING balance_before`
const INSERT_DENIED = `INSERT INTO ledger_entries ${INSERT_COLUMNS}
  SELECT $1, b.actor_id, 'denied', 0, b.balance, b.balance, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL, $8
  FROM balances b WHERE b.actor_id = $9
  ${RETURNING_ENTRY}`
const INSERT_REFUND = `INSERT INTO ledger_entries ${INSERT_COLUMNS}
  SELECT $1, b.actor_id, 'refund', $2::bigint, b.balance, b.balance + $2::bigint, $3, $4, $5, $6, $7, NULL, NULL, $8, NULL, $9
  FROM balances b WHERE b.actor_id = $10
  ON CONFLICT (refund_of) WHERE refund_of IS NOT NULL DO NOTHING
  ${RETURNING_ENTRY}`
const INSERT_TOPUP = `INSERT INTO ledger_entries ${INSERT_COLUMNS}
  SELECT $1, b.actor_id, 'topup', $2::bigint, b.balance, b.balance + $2::bigint, NULL, 'topup', NULL, NULL, $3, NULL, $4, NULL, NULL, $5
  FROM balances b WHERE b.actor_id = $6
  ON CONFLICT (payment_id) WHERE payment_id IS NOT NULL DO NOTHING
  ${RETURNING_ENTRY}`
/**
 * A purchase of a simulation depth in one statement (ActorTransaction.purchaseEntitlement): the
 * actor's state; the entitlement lookup (as ENTITLEMENT); and only when it finds nothing and the
 * actor is enabled, one entry — the spend when the balance covers it, else the `denied` audit. The
 * INSERT's SELECT yields no row otherwise, so nothing is written then. One row comes back when the
 * actor exists (none when it does not), with the outcome, or a NULL outcome for a disabled actor.
 * It must run after the actor's lock is taken, so that its snapshot sees every earlier purchase.
 * It is the rule of src/storage/purchase.ts (owned, else spent, else denied) in one statement, so
 * that a purchase costs one round trip. Parameters: see purchaseParameters.
 */
export const PURCHASE_ENTITLEMENT = `WITH actor AS (
    SELECT a.disabled, b.balance FROM actors a JOIN balances b ON b.actor_id = a.actor_id WHERE a.actor_id = $10
  ), owned AS (
    SELECT ${ENTRY_COLUMNS} FROM ledger_entries e
    WHERE actor_id = $10 AND fingerprint = $6 AND feature = $3 AND created_at >= $11 AND kind = 'spend'
      AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id)
    ORDER BY created_at DESC, seq DESC LIMIT 1
  ), written AS (
    INSERT INTO ledger_entries ${INSERT_COLUMNS}
    SELECT $1, b.actor_id, c.kind, c.amount, b.balance, b.balance + c.amount, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, $9
    FROM balances b
    CROSS JOIN LATERAL (SELECT CASE WHEN b.balance >= $2::bigint THEN 'spend' ELSE 'denied' END AS kind,
      CASE WHEN b.balance >= $2::bigint THEN -$2::bigint ELSE 0::bigint END AS amount) c
    WHERE b.actor_id = $10 AND NOT EXISTS (SELECT 1 FROM owned) AND NOT EXISTS (SELECT 1 FROM actor WHERE disabled)
    ${RETURNING_ENTRY}
  ), outcome AS (
    SELECT 'owned' AS outcome, * FROM owned
    UNION ALL
    SELECT CASE kind WHEN 'spend' THEN 'spent' ELSE 'denied' END, * FROM written
  )
  SELECT actor.disabled, actor.balance AS balance_now, outcome.* FROM actor LEFT JOIN outcome ON true`

export type PurchaseRow = EntryRow & { disabled: boolean, balance_now: number, outcome: EntitlementPurchase['outcome'] | null }

/** The parameters of PURCHASE_ENTITLEMENT, in order, from the entry builder's checked fields (src/storage/entries.ts). */
export function purchaseParameters (stamp: EntryStamp, input: EntitlementInput, since: Date): unknown[] {
  const f = spendFields(stamp, input)
  return [f.id, f.amount, f.feature, f.reason, f.eventId, f.fingerprint, f.requestId, f.idempotencyKey, f.createdAt, f.actorId, since.toISOString()]
}

/** PURCHASE_ENTITLEMENT's answer; throws for a missing or disabled actor (then nothing was written). */
export function purchaseOf (actorId: string, row: PurchaseRow | undefined): EntitlementPurchase {
  if (row === undefined) throw actorNotFound(actorId)
  if (row.disabled || row.outcome === null) throw actorDisabled(actorId)
  const entry = toEntry(row, row.outcome === 'denied' ? 'denied' : 'committed')
  return { outcome: row.outcome, entry, balance: row.outcome === 'spent' ? row.balance_after : row.balance_now }
}
const ENTRY_BY_ID = `${ENTRY_WITH_STATUS} WHERE id = $1`
const ENTRY_BY_PAYMENT = `${ENTRY_WITH_STATUS} WHERE payment_id = $1`
const ENTITLEMENT = `${ENTRY_WITH_STATUS}
  WHERE actor_id = $1 AND fingerprint = $2 AND feature = $3 AND created_at >= $4 AND kind = 'spend'
    AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id)
  ORDER BY created_at DESC, seq DESC LIMIT 1`
const CHARGE_OF_RECORD = `SELECT transaction_id FROM idempotency_records
  WHERE scope = $1 AND idempotency_key = $2 AND state = 'in_flight'`
const ATTACH_CHARGE = `UPDATE idempotency_records SET transaction_id = $1
  WHERE scope = $2 AND idempotency_key = $3 AND state = 'in_flight'`
const RELEASE_OF_CHARGE = "DELETE FROM idempotency_records WHERE transaction_id = $1 AND state = 'in_flight'"
const FIND_UNLOCK = 'SELECT module_id, transaction_id, request_id, unlocked_at FROM lab_unlocks WHERE actor_id = $1 AND module_id = $2'
const INSERT_UNLOCK = `INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at)
  VALUES ($1, $2, $3, $4, $5)
  RETURNING module_id, transaction_id, request_id, unlocked_at`

/**
 * A unit of work's view of one actor inside its locked transaction (src/storage/postgres/actor-writer.ts).
 * `at` stamps every entry it writes.
 */
export function postgresActorTransaction (actorId: string, session: ActorSession, at: Date, nextUlid: ULIDFactory): ActorTransaction {
  const { client } = session
  const createdAt = at.toISOString()
  const stamp = entryStamps(actorId, at, nextUlid)
  const moved = (balanceAfter: number): void => {
    if (session.state !== null) session.state.balance = balanceAfter
  }
  // Named: each pooled connection parses and plans a statement once, then only binds and executes it.
  const one = async <R extends object>(sql: string, params: unknown[]): Promise<R | undefined> =>
    (await client.query<R>({ name: statementName(sql), text: sql, values: params })).rows[0]

  return {
    actorId,
    actor: async () => {
      if (session.state === null) throw actorNotFound(actorId)
      return { ...session.state }
    },
    findEntitlement: async (fingerprint, feature, since) => {
      const row = await one<EntryRowWithStatus>(ENTITLEMENT, [actorId, fingerprint, feature, since.toISOString()])
      return row === undefined ? null : toEntry(row, row.status)
    },
    purchaseEntitlement: async (input, since) => {
      const bought = purchaseOf(actorId, await one<PurchaseRow>(PURCHASE_ENTITLEMENT, purchaseParameters(stamp(), input, since)))
      if (bought.outcome === 'spent') moved(bought.balance)
      return bought
    },
    appendSpend: async (input) => {
      const f = spendFields(stamp(), input)
      const row = await one<{ balance_before: number }>(INSERT_SPEND, [
        f.id, f.amount, f.feature, f.reason, f.eventId, f.fingerprint, f.requestId, f.idempotencyKey, f.createdAt, f.actorId
      ])
      if (row === undefined) return null
      moved(row.balance_before - f.amount)
      return spendEntry(f, row.balance_before)
    },
    appendDenied: async (input) => {
      const f = spendFields(stamp(), input)
      const row = await one<EntryRow>(INSERT_DENIED, [
        f.id, f.feature, f.reason, f.eventId, f.fingerprint, f.requestId, f.idempotencyKey, f.createdAt, f.actorId
      ])
      if (row === undefined) throw actorNotFound(actorId)
      return toEntry(row, 'denied')
    },
    appendRefund: async (spendId, reason, requestId) => {
      const args = refundArguments(reason, requestId)
      const spend = await one<EntryRowWithStatus>(ENTRY_BY_ID, [spendId])
      // Another actor's transaction is reported as missing, not as forbidden: its existence is not theirs to learn.
      if (spend === undefined || spend.actor_id !== actorId) {
        throw new LedgerError('transaction_not_found', `transaction ${spendId} not found`)
      }
      if (spend.kind !== 'spend') {
        throw new LedgerError('not_refundable', `transaction ${spend.id} is a ${spend.kind}; only spends can be refunded`)
      }
      const f = refundFields(stamp(), spend, args)
      const row = await one<EntryRow>(INSERT_REFUND, [
        f.id, f.amount, f.feature, f.reason, f.eventId, f.fingerprint, f.requestId, f.refundOf, f.createdAt, f.actorId
      ])
      if (row === undefined) throw new LedgerError('already_refunded', `transaction ${spend.id} is already refunded`)
      moved(row.balance_after)
      return toEntry(row, 'committed')
    },
    appendTopup: async (input): Promise<TopupResult> => {
      const f = topupFields(stamp(), input)
      const row = await one<EntryRow>(INSERT_TOPUP, [f.id, f.amount, f.requestId, f.paymentId, f.createdAt, f.actorId])
      if (row !== undefined) {
        moved(row.balance_after)
        return { entry: toEntry(row, 'committed'), replayed: false }
      }
      const original = await one<EntryRowWithStatus>(ENTRY_BY_PAYMENT, [input.paymentId])
      if (original === undefined) throw actorNotFound(actorId)
      if (original.actor_id !== actorId || original.amount !== input.amount) {
        throw new LedgerError('payment_id_conflict', `payment ${input.paymentId} was already credited with a different actor or amount`)
      }
      return { entry: toEntry(original, original.status), replayed: true }
    },
    idempotentCharge: async (ref) => (await one<{ transaction_id: string | null }>(CHARGE_OF_RECORD, [ref.scope, ref.key]))?.transaction_id ?? null,
    attachToIdempotency: async (ref, transactionId) => {
      const result = await client.query({ name: statementName(ATTACH_CHARGE), text: ATTACH_CHARGE, values: [transactionId, ref.scope, ref.key] })
      if (result.rowCount !== 1) throw new Error('idempotency record vanished before its charge was recorded')
    },
    releaseIdempotencyOf: async (transactionId) =>
      (await client.query({ name: statementName(RELEASE_OF_CHARGE), text: RELEASE_OF_CHARGE, values: [transactionId] })).rowCount ?? 0,
    findUnlock: async (moduleId) => (await one<LabUnlock>(FIND_UNLOCK, [actorId, moduleId])) ?? null,
    insertUnlock: async (moduleId, transactionId, requestId) => {
      const f = unlockFields({ actorId, createdAt }, moduleId, transactionId, requestId)
      return (await one<LabUnlock>(INSERT_UNLOCK, [f.actorId, f.moduleId, f.transactionId, f.requestId, f.unlockedAt])) as LabUnlock
    }
  }
}
