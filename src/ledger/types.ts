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
 * Actors, keys, daily grants and reads of the token ledger. Promise-returning so that SQLite and
 * PostgreSQL implement it alike. Spends, refunds and top-ups are written only inside an actor's
 * transaction (`Storage.withActorTransaction`, src/storage/port.ts), through the billing service.
 */
export interface TokenLedger {
  createActor (input?: CreateActorInput): Promise<CreatedActor>
  /** The actor owning `apiKey`, or null. A disabled actor is returned with `disabled: true`. */
  authenticate (apiKey: string): Promise<Actor | null>
  /** Returns the actor, creating it (with a zero balance) on first use. */
  ensureActor (actorId: string): Promise<Actor>
  /** Grants `amount` once per actor per UTC day; later calls that day return `granted: false`. */
  grantDaily (actorId: string, input: GrantDailyInput): Promise<GrantResult>
  balance (actorId: string): Promise<Balance>
  /** Newest first. */
  history (actorId: string, options?: HistoryOptions): Promise<HistoryPage>
  getEntry (transactionId: string): Promise<LedgerEntry | null>
}
