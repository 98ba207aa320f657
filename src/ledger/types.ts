/** What a ledger entry records. `denied` is an audit row for a refused spend; it moves no tokens. */
export type EntryKind = 'grant_daily' | 'topup' | 'spend' | 'refund' | 'denied'

/** `refunded` marks a spend that a later refund entry cancelled; it is derived, never stored. */
export type EntryStatus = 'committed' | 'denied' | 'refunded'

export interface Actor {
  actor_id: string
  label: string | null
  created_at: string
  disabled: boolean
}

export interface CreatedActor {
  actor_id: string
  /** The clear key: returned once, stored only as its SHA-256. */
  api_key: string
  created_at: string
}

/** One ledger entry as the API shows it. Amounts are signed; `cost` is the positive price of a spend. */
export interface LedgerEntry {
  transaction_id: string
  actor_id: string
  timestamp: string
  kind: EntryKind
  feature: string | null
  reason: string | null
  amount: number
  cost: number
  balance_before: number
  balance_after: number
  event_id: string | null
  fingerprint: string | null
  idempotency_key: string | null
  payment_id: string | null
  refund_of: string | null
  request_id: string
  status: EntryStatus
}

export interface Balance {
  actor_id: string
  balance: number
  /** When the balance last changed; the actor's creation time before any entry. */
  last_updated: string
}

/**
 * Runs inside the transaction that wrote `entry`, after the write. Throwing rolls back the entry
 * too, which is how a charge and its idempotency record commit or vanish together. It must be
 * synchronous: the transaction cannot stay open across an await.
 */
export type TransactionHook<Tx> = (tx: Tx, entry: LedgerEntry) => void

export interface CreateActorInput {
  label?: string
  /** Admin-chosen id; sign-ups get `act_<ULID>`. */
  actorId?: string
}

export interface GrantDailyInput {
  amount: number
  requestId: string
}

export type GrantResult = { granted: true, entry: LedgerEntry } | { granted: false }

export interface SpendInput<Tx> {
  actorId: string
  /** The price in tokens, a positive integer. */
  amount: number
  feature: string
  reason: string
  eventId?: string
  fingerprint?: string
  requestId: string
  idempotencyKey?: string
  /** Runs only when the spend is charged, not when it is denied. */
  inTransaction?: TransactionHook<Tx>
}

export type SpendResult =
  | { ok: true, entry: LedgerEntry }
  | { ok: false, available: number, required: number, entry: LedgerEntry }

export interface RefundInput<Tx> {
  transactionId: string
  reason: string
  requestId: string
  /** When set, the spend must belong to this actor (else `transaction_not_found`). */
  actorId?: string
  inTransaction?: TransactionHook<Tx>
}

export interface TopupInput<Tx> {
  actorId: string
  amount: number
  paymentId: string
  requestId: string
  /** Runs for a fresh top-up and for a replayed payment id alike (with the original entry). */
  inTransaction?: TransactionHook<Tx>
}

export interface TopupResult {
  entry: LedgerEntry
  /** True when `paymentId` had already been credited: nothing was added this time. */
  replayed: boolean
}

export interface HistoryOptions {
  /** 1…500, default 100. */
  limit?: number
  /** `next_cursor` from the previous page. */
  cursor?: string
}

export interface HistoryPage {
  entries: LedgerEntry[]
  /** Null on the last page. */
  next_cursor: string | null
}

/**
 * The token ledger. Promise-returning so that a networked store (PostgreSQL) can implement it;
 * `Tx` is that store's transaction handle, handed to the `inTransaction` hooks.
 */
export interface TokenLedger<Tx = unknown> {
  createActor (input?: CreateActorInput): Promise<CreatedActor>
  /** The actor owning `apiKey`, or null. A disabled actor is returned with `disabled: true`. */
  authenticate (apiKey: string): Promise<Actor | null>
  findActor (actorId: string): Promise<Actor | null>
  /** Returns the actor, creating it (with a zero balance) on first use. */
  ensureActor (actorId: string): Promise<Actor>
  setActorDisabled (actorId: string, disabled: boolean): Promise<Actor>
  /** Grants `amount` once per actor per UTC day; later calls that day return `granted: false`. */
  grantDaily (actorId: string, input: GrantDailyInput): Promise<GrantResult>
  /** Debits the actor, or records a `denied` entry and returns `ok: false` when the balance is short. */
  spend (input: SpendInput<Tx>): Promise<SpendResult>
  refund (input: RefundInput<Tx>): Promise<LedgerEntry>
  topup (input: TopupInput<Tx>): Promise<TopupResult>
  balance (actorId: string): Promise<Balance>
  /** Newest first. */
  history (actorId: string, options?: HistoryOptions): Promise<HistoryPage>
  /** The actor's latest non-refunded spend of this fingerprint and feature at or after `since`. */
  findEntitlement (actorId: string, fingerprint: string, feature: string, since: Date): Promise<LedgerEntry | null>
  getEntry (transactionId: string): Promise<LedgerEntry | null>
}
