import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../db/database.js'
import { displayPrefix, generateApiKey, hashApiKey } from './api-keys.js'
import { LedgerError } from './errors.js'
import { ulidFactory } from './ids.js'
import type {
  Actor, Balance, CreateActorInput, CreatedActor, EntryKind, EntryStatus, GrantDailyInput, GrantResult,
  HistoryOptions, HistoryPage, LedgerEntry, RefundInput, SpendInput, SpendResult, TokenLedger, TopupInput,
  TopupResult
} from './types.js'

export interface SqliteTokenLedgerOptions {
  /** The clock for timestamps, ULIDs and the UTC day of daily grants. */
  now?: () => Date
}

export const HISTORY_DEFAULT_LIMIT = 100
export const HISTORY_MAX_LIMIT = 500
/** authenticate() records key use at most this often, so a busy key is not a write per request. */
const KEY_TOUCH_INTERVAL_MS = 60_000
const MAX_ID_LENGTH = 128
const MAX_TEXT_LENGTH = 255

interface ActorRow {
  actor_id: string
  label: string | null
  created_at: string
  disabled: number
}

interface EntryRow {
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
  created_at: string
}

type StatusRow = EntryRow & { status: EntryStatus }

const ENTRY_COLUMNS = `seq, id, actor_id, kind, amount, balance_before, balance_after, feature, reason, event_id,
  fingerprint, request_id, idempotency_key, payment_id, refund_of, created_at`

// The status is derived from the refund that points at a spend, never stored: entries are immutable.
const ENTRY_WITH_STATUS = `SELECT ${ENTRY_COLUMNS},
  CASE
    WHEN kind = 'denied' THEN 'denied'
    WHEN kind = 'spend' AND EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id) THEN 'refunded'
    ELSE 'committed'
  END AS status
  FROM ledger_entries e`

const INSERT_COLUMNS = `(id, actor_id, kind, amount, balance_before, balance_after, feature, reason, event_id, fingerprint,
  request_id, idempotency_key, payment_id, refund_of, grant_day, created_at)`

/**
 * The token ledger on one better-sqlite3 connection (the caller opens and closes it).
 *
 * Every write runs in BEGIN IMMEDIATE, so the balance a decision is based on cannot change before the
 * commit, in this process or another. Balances are never written here: the insert of an entry moves
 * them through the migration's triggers, which also refuse any entry that does not chain onto the
 * current balance.
 */
export class SqliteTokenLedger implements TokenLedger<SqliteDatabase> {
  private readonly now: () => Date
  private readonly nextUlid = ulidFactory()

  private readonly actorById: Statement<[string], ActorRow>
  private readonly actorByKey: Statement<[string], ActorRow & { last_used_at: string | null }>
  private readonly actorState: Statement<[string], { disabled: number, balance: number }>
  private readonly insertActor: Statement<[string, string | null, string]>
  private readonly insertKey: Statement<[string, string, string, string]>
  private readonly touchKey: Statement<{ hash: string, now: string, cutoff: string }>
  private readonly updateDisabled: Statement<[number, string]>
  private readonly balanceOf: Statement<[string], { actor_id: string, balance: number, updated_at: string }>
  private readonly insertSpend: Statement<Record<string, unknown>, number>
  private readonly insertDenied: Statement<Record<string, unknown>, EntryRow>
  private readonly insertGrant: Statement<Record<string, unknown>, EntryRow>
  private readonly insertRefund: Statement<Record<string, unknown>, EntryRow>
  private readonly insertTopup: Statement<Record<string, unknown>, EntryRow>
  private readonly entryById: Statement<[string], StatusRow>
  private readonly entryByPayment: Statement<[string], StatusRow>
  private readonly historyNewest: Statement<[string, number], StatusRow>
  private readonly historyBefore: Statement<[string, number, number], StatusRow>
  private readonly entitlement: Statement<[string, string, string, string], StatusRow>

  private readonly createActorTx: (actorId: string, label: string | null, apiKey: string, at: string) => boolean
  private readonly ensureActorTx: (actorId: string, at: string) => ActorRow
  private readonly touchKeyTx: (hash: string, at: Date) => void
  private readonly setDisabledTx: (actorId: string, disabled: boolean) => ActorRow
  private readonly grantTx: (actorId: string, input: GrantDailyInput, at: Date) => GrantResult
  private readonly spendOne: (input: SpendInput<SqliteDatabase>, at: Date) => SpendResult
  private readonly spendBatchTx: (batch: PendingSpend[]) => Array<SpendOutcome>
  /** Spends waiting for the next group commit (see `spend`). */
  private pendingSpends: PendingSpend[] = []
  private readonly refundTx: (input: RefundInput<SqliteDatabase>, at: Date) => LedgerEntry
  private readonly topupTx: (input: TopupInput<SqliteDatabase>, at: Date) => TopupResult

  constructor (private readonly db: SqliteDatabase, options: SqliteTokenLedgerOptions = {}) {
    this.now = options.now ?? (() => new Date())

    this.actorById = db.prepare('SELECT actor_id, label, created_at, disabled FROM actors WHERE actor_id = ?')
    this.actorByKey = db.prepare(`SELECT a.actor_id, a.label, a.created_at, a.disabled, k.last_used_at
      FROM api_keys k JOIN actors a ON a.actor_id = k.actor_id WHERE k.key_hash = ?`)
    this.actorState = db.prepare(`SELECT a.disabled, b.balance
      FROM actors a JOIN balances b ON b.actor_id = a.actor_id WHERE a.actor_id = ?`)
    this.insertActor = db.prepare(`INSERT INTO actors (actor_id, label, created_at) VALUES (?, ?, ?)
      ON CONFLICT (actor_id) DO NOTHING`)
    this.insertKey = db.prepare('INSERT INTO api_keys (key_hash, actor_id, prefix, created_at) VALUES (?, ?, ?, ?)')
    this.touchKey = db.prepare(`UPDATE api_keys SET last_used_at = @now
      WHERE key_hash = @hash AND (last_used_at IS NULL OR last_used_at <= @cutoff)`)
    this.updateDisabled = db.prepare('UPDATE actors SET disabled = ? WHERE actor_id = ?')
    this.balanceOf = db.prepare('SELECT actor_id, balance, updated_at FROM balances WHERE actor_id = ?')

    // The balance test and the debit are one statement: no row means "not enough, unknown or disabled".
    // It returns only balance_before, the one value the caller does not already have: reading back
    // the whole row cost about 4 µs of a 15 µs spend.
    this.insertSpend = db.prepare<Record<string, unknown>, number>(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      SELECT @id, b.actor_id, 'spend', -@amount, b.balance, b.balance - @amount, @feature, @reason, @eventId,
        @fingerprint, @requestId, @idempotencyKey, NULL, NULL, NULL, @createdAt
      FROM balances b JOIN actors a ON a.actor_id = b.actor_id
      WHERE b.actor_id = @actorId AND a.disabled = 0 AND b.balance >= @amount
      RETURNING balance_before`).pluck()
    this.insertDenied = db.prepare(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      VALUES (@id, @actorId, 'denied', 0, @balance, @balance, @feature, @reason, @eventId,
        @fingerprint, @requestId, @idempotencyKey, NULL, NULL, NULL, @createdAt)
      RETURNING ${ENTRY_COLUMNS}`)
    // The unique index on (actor_id, grant_day) decides "first today"; DO NOTHING turns the loser of a race into no row.
    this.insertGrant = db.prepare(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      SELECT @id, b.actor_id, 'grant_daily', @amount, b.balance, b.balance + @amount, NULL, 'daily_grant', NULL,
        NULL, @requestId, NULL, NULL, NULL, @grantDay, @createdAt
      FROM balances b JOIN actors a ON a.actor_id = b.actor_id
      WHERE b.actor_id = @actorId AND a.disabled = 0
      ON CONFLICT (actor_id, grant_day) WHERE grant_day IS NOT NULL DO NOTHING
      RETURNING ${ENTRY_COLUMNS}`)
    this.insertRefund = db.prepare(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      SELECT @id, b.actor_id, 'refund', @amount, b.balance, b.balance + @amount, @feature, @reason, @eventId,
        @fingerprint, @requestId, NULL, NULL, @refundOf, NULL, @createdAt
      FROM balances b WHERE b.actor_id = @actorId
      ON CONFLICT (refund_of) WHERE refund_of IS NOT NULL DO NOTHING
      RETURNING ${ENTRY_COLUMNS}`)
    this.insertTopup = db.prepare(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      SELECT @id, b.actor_id, 'topup', @amount, b.balance, b.balance + @amount, NULL, 'topup', NULL,
        NULL, @requestId, NULL, @paymentId, NULL, NULL, @createdAt
      FROM balances b WHERE b.actor_id = @actorId
      ON CONFLICT (payment_id) WHERE payment_id IS NOT NULL DO NOTHING
      RETURNING ${ENTRY_COLUMNS}`)

    this.entryById = db.prepare(`${ENTRY_WITH_STATUS} WHERE id = ?`)
    this.entryByPayment = db.prepare(`${ENTRY_WITH_STATUS} WHERE payment_id = ?`)
    this.historyNewest = db.prepare(`${ENTRY_WITH_STATUS} WHERE actor_id = ? ORDER BY seq DESC LIMIT ?`)
    this.historyBefore = db.prepare(`${ENTRY_WITH_STATUS} WHERE actor_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`)
    this.entitlement = db.prepare(`${ENTRY_WITH_STATUS}
      WHERE actor_id = ? AND fingerprint = ? AND feature = ? AND created_at >= ? AND kind = 'spend'
        AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id)
      ORDER BY created_at DESC, seq DESC LIMIT 1`)

    this.createActorTx = immediate(db, (actorId, label, apiKey, at) => {
      if (this.insertActor.run(actorId, label, at).changes === 0) return false
      this.insertKey.run(hashApiKey(apiKey), actorId, displayPrefix(apiKey), at)
      return true
    })
    this.ensureActorTx = immediate(db, (actorId, at) => {
      this.insertActor.run(actorId, null, at)
      return this.actorById.get(actorId) as ActorRow
    })
    this.touchKeyTx = immediate(db, (hash, at) => {
      this.touchKey.run({ hash, now: at.toISOString(), cutoff: new Date(at.getTime() - KEY_TOUCH_INTERVAL_MS).toISOString() })
    })
    this.setDisabledTx = immediate(db, (actorId, disabled) => {
      if (this.updateDisabled.run(disabled ? 1 : 0, actorId).changes === 0) throw actorNotFound(actorId)
      return this.actorById.get(actorId) as ActorRow
    })
    this.grantTx = immediate(db, (actorId, input, at) => {
      const createdAt = at.toISOString()
      const row = this.insertGrant.get({
        id: this.nextUlid(at.getTime()),
        actorId,
        amount: input.amount,
        requestId: input.requestId,
        grantDay: createdAt.slice(0, 10),
        createdAt
      })
      if (row !== undefined) return { granted: true, entry: toEntry(row, 'committed') }
      this.requireActiveActor(actorId)
      return { granted: false }
    })
    // Called inside the batch transaction, better-sqlite3 runs it as a SAVEPOINT: a spend whose
    // hook throws rolls back alone, and the others of its batch still commit.
    this.spendOne = db.transaction((input: SpendInput<SqliteDatabase>, at: Date): SpendResult => {
      const fields = {
        id: this.nextUlid(at.getTime()),
        actorId: input.actorId,
        amount: input.amount,
        feature: input.feature,
        reason: input.reason,
        eventId: input.eventId ?? null,
        fingerprint: input.fingerprint ?? null,
        requestId: input.requestId,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: at.toISOString()
      }
      const balanceBefore = this.insertSpend.get(fields)
      if (balanceBefore !== undefined) {
        const entry: LedgerEntry = {
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
        input.inTransaction?.(this.db, entry)
        return { ok: true, entry }
      }
      const { balance } = this.requireActiveActor(input.actorId)
      const denied = this.insertDenied.get({ ...fields, balance }) as EntryRow
      return { ok: false, available: balance, required: input.amount, entry: toEntry(denied, 'denied') }
    })
    this.spendBatchTx = immediate(db, (batch: PendingSpend[]) => batch.map((pending): SpendOutcome => {
      try {
        return { ok: true, result: this.spendOne(pending.input, pending.at) }
      } catch (error) {
        return { ok: false, error }
      }
    }))
    this.refundTx = immediate(db, (input, at) => {
      const spend = this.entryById.get(input.transactionId)
      // Another actor's transaction is reported as missing, not as forbidden: its existence is not theirs to learn.
      if (spend === undefined || (input.actorId !== undefined && spend.actor_id !== input.actorId)) {
        throw new LedgerError('transaction_not_found', `transaction ${input.transactionId} not found`)
      }
      if (spend.kind !== 'spend') {
        throw new LedgerError('not_refundable', `transaction ${spend.id} is a ${spend.kind}; only spends can be refunded`)
      }
      const row = this.insertRefund.get({
        id: this.nextUlid(at.getTime()),
        actorId: spend.actor_id,
        amount: -spend.amount,
        feature: spend.feature,
        reason: input.reason,
        eventId: spend.event_id,
        fingerprint: spend.fingerprint,
        requestId: input.requestId,
        refundOf: spend.id,
        createdAt: at.toISOString()
      })
      if (row === undefined) throw new LedgerError('already_refunded', `transaction ${spend.id} is already refunded`)
      const entry = toEntry(row, 'committed')
      input.inTransaction?.(this.db, entry)
      return entry
    })
    this.topupTx = immediate(db, (input, at) => {
      const row = this.insertTopup.get({
        id: this.nextUlid(at.getTime()),
        actorId: input.actorId,
        amount: input.amount,
        paymentId: input.paymentId,
        requestId: input.requestId,
        createdAt: at.toISOString()
      })
      let result: TopupResult
      if (row !== undefined) {
        result = { entry: toEntry(row, 'committed'), replayed: false }
      } else {
        const original = this.entryByPayment.get(input.paymentId)
        if (original === undefined) throw actorNotFound(input.actorId)
        if (original.actor_id !== input.actorId || original.amount !== input.amount) {
          throw new LedgerError('payment_id_conflict',
            `payment ${input.paymentId} was already credited with a different actor or amount`)
        }
        result = { entry: toEntry(original, original.status), replayed: true }
      }
      input.inTransaction?.(this.db, result.entry)
      return result
    })
  }

  async createActor (input: CreateActorInput = {}): Promise<CreatedActor> {
    const actorId = input.actorId ?? `act_${this.nextUlid(this.now().getTime())}`
    requireId('actorId', actorId)
    const label = input.label ?? null
    if (label !== null) requireText('label', label)
    const apiKey = generateApiKey()
    const createdAt = this.now().toISOString()
    if (!this.createActorTx(actorId, label, apiKey, createdAt)) {
      throw new LedgerError('actor_exists', `actor ${actorId} already exists`)
    }
    return { actor_id: actorId, api_key: apiKey, created_at: createdAt }
  }

  async authenticate (apiKey: string): Promise<Actor | null> {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256) return null
    const hash = hashApiKey(apiKey)
    const row = this.actorByKey.get(hash)
    if (row === undefined) return null
    const at = this.now()
    if (row.last_used_at === null || Date.parse(row.last_used_at) <= at.getTime() - KEY_TOUCH_INTERVAL_MS) {
      this.touchKeyTx(hash, at)
    }
    return toActor(row)
  }

  async findActor (actorId: string): Promise<Actor | null> {
    const row = this.actorById.get(actorId)
    return row === undefined ? null : toActor(row)
  }

  async ensureActor (actorId: string): Promise<Actor> {
    requireId('actorId', actorId)
    // Read first: after its first request an actor exists, and a read needs no write lock.
    const row = this.actorById.get(actorId) ?? this.ensureActorTx(actorId, this.now().toISOString())
    return toActor(row)
  }

  async setActorDisabled (actorId: string, disabled: boolean): Promise<Actor> {
    return toActor(this.setDisabledTx(actorId, disabled))
  }

  async grantDaily (actorId: string, input: GrantDailyInput): Promise<GrantResult> {
    requireAmount(input.amount)
    requireId('requestId', input.requestId)
    return this.grantTx(actorId, input, this.now())
  }

  async spend (input: SpendInput<SqliteDatabase>): Promise<SpendResult> {
    requireAmount(input.amount)
    requireId('requestId', input.requestId)
    requireText('feature', input.feature)
    requireText('reason', input.reason)
    const at = this.now()
    return await new Promise<SpendResult>((resolve, reject) => {
      this.pendingSpends.push({ input, at, resolve, reject })
      if (this.pendingSpends.length === 1) setImmediate(() => this.flushSpends())
    })
  }

  /**
   * Group commit: the spends requested during one turn of the event loop share one IMMEDIATE
   * transaction, so with synchronous=FULL a burst of concurrent charges pays for one fsync instead
   * of one each. Each spend still resolves only after its transaction has committed.
   */
  private flushSpends (): void {
    const batch = this.pendingSpends
    this.pendingSpends = []
    let outcomes: SpendOutcome[]
    try {
      outcomes = this.spendBatchTx(batch)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i].resolve(outcome.result)
      else batch[i].reject(outcome.error)
    })
  }

  async refund (input: RefundInput<SqliteDatabase>): Promise<LedgerEntry> {
    requireId('requestId', input.requestId)
    requireText('reason', input.reason)
    return this.refundTx(input, this.now())
  }

  async topup (input: TopupInput<SqliteDatabase>): Promise<TopupResult> {
    requireAmount(input.amount)
    requireId('requestId', input.requestId)
    requireText('paymentId', input.paymentId)
    return this.topupTx(input, this.now())
  }

  async balance (actorId: string): Promise<Balance> {
    const row = this.balanceOf.get(actorId)
    if (row === undefined) throw actorNotFound(actorId)
    return { actor_id: row.actor_id, balance: row.balance, last_updated: row.updated_at }
  }

  async history (actorId: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const limit = options.limit ?? HISTORY_DEFAULT_LIMIT
    if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_MAX_LIMIT) {
      throw new LedgerError('invalid_argument', `limit must be an integer from 1 to ${HISTORY_MAX_LIMIT}`)
    }
    if (this.actorById.get(actorId) === undefined) throw actorNotFound(actorId)
    // One row more than asked tells whether another page exists without a COUNT.
    const rows = options.cursor === undefined
      ? this.historyNewest.all(actorId, limit + 1)
      : this.historyBefore.all(actorId, decodeCursor(options.cursor), limit + 1)
    const page = rows.slice(0, limit)
    return {
      entries: page.map((row) => toEntry(row, row.status)),
      next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null
    }
  }

  async findEntitlement (actorId: string, fingerprint: string, feature: string, since: Date): Promise<LedgerEntry | null> {
    const row = this.entitlement.get(actorId, fingerprint, feature, since.toISOString())
    return row === undefined ? null : toEntry(row, row.status)
  }

  async getEntry (transactionId: string): Promise<LedgerEntry | null> {
    const row = this.entryById.get(transactionId)
    return row === undefined ? null : toEntry(row, row.status)
  }

  /** Explains why a conditional insert wrote nothing, or returns the actor's state when it is usable. */
  private requireActiveActor (actorId: string): { balance: number } {
    const state = this.actorState.get(actorId)
    if (state === undefined) throw actorNotFound(actorId)
    if (state.disabled === 1) throw new LedgerError('actor_disabled', `actor ${actorId} is disabled`)
    return state
  }
}

interface PendingSpend {
  input: SpendInput<SqliteDatabase>
  at: Date
  resolve: (result: SpendResult) => void
  reject: (error: unknown) => void
}

type SpendOutcome = { ok: true, result: SpendResult } | { ok: false, error: unknown }

/** Wraps `fn` in BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws). */
function immediate<A extends unknown[], R> (db: SqliteDatabase, fn: (...args: A) => R): (...args: A) => R {
  const transaction = db.transaction(fn)
  return (...args) => transaction.immediate(...args)
}

// The cursor is the seq of the last entry shown: new entries get higher seqs, so pages never shift.
function encodeCursor (seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url')
}

function decodeCursor (cursor: string): number {
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (match === null) throw new LedgerError('invalid_cursor', 'cursor is not one this API issued')
  return Number(match[1])
}

function toEntry (row: EntryRow, status: EntryStatus): LedgerEntry {
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

function toActor (row: ActorRow): Actor {
  return { actor_id: row.actor_id, label: row.label, created_at: row.created_at, disabled: row.disabled === 1 }
}

function actorNotFound (actorId: string): LedgerError {
  return new LedgerError('actor_not_found', `actor ${actorId} not found`)
}

function requireAmount (amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new LedgerError('invalid_amount', 'amount must be a positive integer')
  }
}

function requireId (name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new LedgerError('invalid_argument', `${name} must be 1 to ${MAX_ID_LENGTH} characters`)
  }
}

function requireText (name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT_LENGTH) {
    throw new LedgerError('invalid_argument', `${name} must be 1 to ${MAX_TEXT_LENGTH} characters`)
  }
}
