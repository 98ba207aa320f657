import type { IdempotencyStore } from './idempotency.js'
import type { LabStore, LabUnlock } from './lab.js'
import type { Actor, LedgerEntry, TokenLedger, TopupResult } from '../ledger/types.js'
import type { LeagueStore } from './leagues.js'

/**
 * The storage port: everything durable the service keeps, behind promises, so that the embedded
 * SQLite file and a shared PostgreSQL server are interchangeable (docs/ARCHITECTURE.md, "Storage").
 *
 * Money is written only inside `withActorTransaction`: one transaction that holds the actor's lock
 * from the first read to the commit, so a check and the write it guards can never be split by
 * another request of the same actor — on one instance or many (docs/LEDGER.md, "Charging once").
 */
export interface Storage {
  readonly kind: StorageKind
  /** Actors, keys, daily grants and reads of balances and history. */
  readonly ledger: TokenLedger
  /** Idempotency records outside a charge: begin, complete, release, purge. */
  readonly idempotency: IdempotencyStore
  /** Lab attempts, completions and progress reads (unlocks are written by `ActorTransaction`). */
  readonly lab: LabStore
  /** Leagues, teams, name spellings and matches (src/storage/leagues.ts). */
  readonly leagues: LeagueStore
  /** Delivery marks of simulation charges, and the charges that never got one (docs/LEDGER.md, "Delivery"). */
  readonly deliveries: DeliveryStore
  /**
   * Runs `work` in one transaction serialised per actor: it commits when `work` resolves and rolls
   * back when it throws. `work` must await only the methods of `tx` (no network, no timers): the
   * SQLite implementation shares one write lock among all actors and groups the units of one event
   * loop turn into one commit.
   */
  withActorTransaction: <T>(actorId: string, work: (tx: ActorTransaction) => Promise<T>) => Promise<T>
  /**
   * The commonest paid action, a simulation depth bought without an idempotency key, as one unit of
   * work of its own: exactly `withActorTransaction(actorId, (tx) => tx.purchaseEntitlement(input, since))`.
   * Being one statement, PostgreSQL group-commits these across actors: the purchases requested in one
   * event-loop turn cost one round trip and one commit together (src/storage/postgres/statement-batcher.ts).
   */
  purchaseEntitlement: (actorId: string, input: EntitlementInput, since: Date) => Promise<EntitlementPurchase>
  /** A cheap liveness and writability check of the store, for GET /ready. */
  check: () => Promise<StorageCheck>
  close: () => Promise<void>
}

export type StorageKind = 'sqlite' | 'postgres'

export interface StorageCheck {
  ok: boolean
  /** `ok`, or what is wrong, safe to show in /ready. */
  detail: string
}

/** The spend to append when the balance covers it. */
export interface SpendEntryInput {
  amount: number
  feature: string
  reason: string
  eventId: string | null
  fingerprint: string | null
  requestId: string
  idempotencyKey: string | null
}

export interface TopupEntryInput {
  amount: number
  paymentId: string
  requestId: string
}

/** The purchase of a simulation depth: the spend's fields, with the inputs (fingerprint) it buys. */
export type EntitlementInput = SpendEntryInput & { fingerprint: string }

/**
 * What a purchase did (src/storage/purchase.ts): an earlier purchase covered it (`entry` is what
 * covers it, of type O; nothing written), the spend was appended, or the balance was short and the
 * `denied` audit was appended instead. `balance` is the actor's balance once it is done.
 */
export type Purchased<O> =
  | { outcome: 'owned', entry: O, balance: number }
  | { outcome: 'spent', entry: LedgerEntry, balance: number }
  | { outcome: 'denied', entry: LedgerEntry, balance: number }

/** What buying a simulation depth did (`purchaseEntitlement`): owned means an earlier unrefunded spend in the window covered it. */
export type EntitlementPurchase = Purchased<LedgerEntry>

/** A simulation spend neither marked delivered nor refunded. */
export interface UndeliveredCharge {
  transaction_id: string
  actor_id: string
  /** Tokens it took (positive). */
  tokens: number
  feature: string | null
  request_id: string
  created_at: string
}

/**
 * Delivery marks: a simulation spend stands only for a delivered 2xx (SPEC §12). The mark is written
 * after the answer left — never on the charge's own round trip — and a spend older than its lease
 * with neither a mark nor a refund is refunded by the sweeper (src/billing/service.ts).
 */
export interface DeliveryStore {
  /** Marks a charge delivered. Marks requested in one event-loop turn are written together. */
  markDelivered: (transactionId: string) => Promise<void>
  /** Simulation spends created before `before`, neither delivered nor refunded, oldest first. */
  undelivered: (before: Date, limit: number) => Promise<UndeliveredCharge[]>
}

/** An idempotency record's coordinates: (principal + method + route, key). */
export interface IdempotencyRef {
  scope: string
  key: string
}

/**
 * What a unit of work may read and write for its one actor. Every method runs inside the actor's
 * transaction; ledger rows are only ever appended.
 */
export interface ActorTransaction {
  readonly actorId: string
  /** The actor's current state; throws LedgerError `actor_not_found` when it does not exist. */
  actor: () => Promise<Actor & { balance: number }>
  /** The actor's latest unrefunded spend of this fingerprint and feature at or after `since`. */
  findEntitlement: (fingerprint: string, feature: string, since: Date) => Promise<LedgerEntry | null>
  /**
   * Buys a simulation depth in one step: the entitlement lookup above with `input.fingerprint` and
   * `input.feature`, then — when nothing covers it — `appendSpend`, or `appendDenied` when the balance
   * is short; throws LedgerError `actor_disabled` for a disabled actor. One call rather than three so
   * that PostgreSQL answers it in one statement: one round trip per charge (docs/LEDGER.md, "Charging once").
   */
  purchaseEntitlement: (input: EntitlementInput, since: Date) => Promise<EntitlementPurchase>
  /** Appends the spend, or returns null when the balance is short (nothing written). */
  appendSpend: (input: SpendEntryInput) => Promise<LedgerEntry | null>
  /** Appends the `denied` audit entry of a refused spend (amount 0). */
  appendDenied: (input: SpendEntryInput) => Promise<LedgerEntry>
  /**
   * Appends the refund of one of this actor's spends; throws LedgerError `transaction_not_found`,
   * `not_refundable` or `already_refunded`.
   */
  appendRefund: (spendId: string, reason: string, requestId: string) => Promise<LedgerEntry>
  /** Credits a payment once: a repeated `paymentId` returns the original entry with `replayed: true`. */
  appendTopup: (input: TopupEntryInput) => Promise<TopupResult>
  /** The ledger entry already attached to an in-flight idempotency record (a crashed attempt that paid). */
  idempotentCharge: (ref: IdempotencyRef) => Promise<string | null>
  /** Attaches a ledger entry to its in-flight idempotency record, in this transaction. */
  attachToIdempotency: (ref: IdempotencyRef, transactionId: string) => Promise<void>
  /** Releases the in-flight idempotency records attached to `transactionId` (its refund landed: the key may be retried). */
  releaseIdempotencyOf: (transactionId: string) => Promise<number>
  findUnlock: (moduleId: string) => Promise<LabUnlock | null>
  /** Records the unlock paid by `transactionId` (once per actor and module: a second insert throws). */
  insertUnlock: (moduleId: string, transactionId: string, requestId: string) => Promise<LabUnlock>
}
