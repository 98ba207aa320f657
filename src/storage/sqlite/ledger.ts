import type { Statement } from 'better-sqlite3'
import type { ULIDFactory } from 'ulid'
import type { SqliteDatabase } from '../../db/database.js'
import { displayPrefix, generateApiKey, hashApiKey } from '../../ledger/api-keys.js'
import {
  actorDisabled,
  HISTORY_DEFAULT_LIMIT, actorNotFound, decodeCursor, encodeCursor, requireHistoryLimit, requireId, requireText
} from '../../ledger/arguments.js'
import { type EntryRow, type EntryRowWithStatus, toEntry } from '../../ledger/entry-row.js'
import { LedgerError } from '../../ledger/errors.js'
import type {
  Actor, Balance, CreateActorInput, CreatedActor, GrantDailyInput, GrantResult, HistoryOptions, HistoryPage, LedgerEntry, TokenLedger
} from '../../ledger/types.js'
import { ENTRY_WITH_STATUS, INSERT_COLUMNS, RETURNING_ENTRY, type GrantFields, entryStamps, grantFields, requireGrant } from '../entries.js'
import type { SqliteWriter } from './writer.js'

/** authenticate() records key use at most this often, so a busy key is not a write per request. */
const KEY_TOUCH_INTERVAL_MS = 60_000

interface ActorRow {
  actor_id: string
  label: string | null
  created_at: string
  disabled: number
}

/**
 * Actors, keys, daily grants and ledger reads on SQLite. Reads run directly on the connection;
 * every write goes through the writer (src/storage/sqlite/writer.ts). Balances are never written
 * here: inserting an entry moves them through the migration's triggers.
 */
export class SqliteTokenLedger implements TokenLedger {
  private readonly actorById: Statement<[string], ActorRow>
  private readonly actorByKey: Statement<[string], ActorRow & { last_used_at: string | null }>
  private readonly actorState: Statement<[string], { disabled: number }>
  private readonly insertActor: Statement<[string, string | null, string]>
  private readonly insertKey: Statement<[string, string, string, string]>
  private readonly touchKey: Statement<{ hash: string, now: string, cutoff: string }>
  private readonly balanceOf: Statement<[string], { actor_id: string, balance: number, updated_at: string }>
  private readonly insertGrant: Statement<GrantFields, EntryRow>
  private readonly entryById: Statement<[string], EntryRowWithStatus>
  private readonly historyNewest: Statement<[string, number], EntryRowWithStatus>
  private readonly historyBefore: Statement<[string, number, number], EntryRowWithStatus>

  constructor (db: SqliteDatabase, private readonly writer: SqliteWriter, private readonly now: () => Date, private readonly nextUlid: ULIDFactory) {
    this.actorById = db.prepare('SELECT actor_id, label, created_at, disabled FROM actors WHERE actor_id = ?')
    this.actorByKey = db.prepare(`SELECT a.actor_id, a.label, a.created_at, a.disabled, k.last_used_at
      FROM api_keys k JOIN actors a ON a.actor_id = k.actor_id WHERE k.key_hash = ?`)
    this.actorState = db.prepare('SELECT disabled FROM actors WHERE actor_id = ?')
    this.insertActor = db.prepare(`INSERT INTO actors (actor_id, label, created_at) VALUES (?, ?, ?)
      ON CONFLICT (actor_id) DO NOTHING`)
    this.insertKey = db.prepare('INSERT INTO api_keys (key_hash, actor_id, prefix, created_at) VALUES (?, ?, ?, ?)')
    this.touchKey = db.prepare(`UPDATE api_keys SET last_used_at = @now
      WHERE key_hash = @hash AND (last_used_at IS NULL OR last_used_at <= @cutoff)`)
    this.balanceOf = db.prepare('SELECT actor_id, balance, updated_at FROM balances WHERE actor_id = ?')
    // The unique index on (actor_id, grant_day) decides "first today"; DO NOTHING turns the loser of a race into no row.
    this.insertGrant = db.prepare(`INSERT INTO ledger_entries ${INSERT_COLUMNS}
      SELECT @id, b.actor_id, 'grant_daily', @amount, b.balance, b.balance + @amount, NULL, 'daily_grant', NULL,
        NULL, @requestId, NULL, NULL, NULL, @grantDay, @createdAt
      FROM balances b JOIN actors a ON a.actor_id = b.actor_id
      WHERE b.actor_id = @actorId AND a.disabled = 0
      ON CONFLICT (actor_id, grant_day) WHERE grant_day IS NOT NULL DO NOTHING
      ${RETURNING_ENTRY}`)
    this.entryById = db.prepare(`${ENTRY_WITH_STATUS} WHERE id = ?`)
    this.historyNewest = db.prepare(`${ENTRY_WITH_STATUS} WHERE actor_id = ? ORDER BY seq DESC LIMIT ?`)
    this.historyBefore = db.prepare(`${ENTRY_WITH_STATUS} WHERE actor_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`)
  }

  async createActor (input: CreateActorInput = {}): Promise<CreatedActor> {
    const actorId = input.actorId ?? `act_${this.nextUlid(this.now().getTime())}`
    requireId('actorId', actorId)
    const label = input.label ?? null
    if (label !== null) requireText('label', label)
    const apiKey = generateApiKey()
    const createdAt = this.now().toISOString()
    await this.writer.run(() => {
      if (this.insertActor.run(actorId, label, createdAt).changes === 0) {
        throw new LedgerError('actor_exists', `actor ${actorId} already exists`)
      }
      this.insertKey.run(hashApiKey(apiKey), actorId, displayPrefix(apiKey), createdAt)
    })
    return { actor_id: actorId, api_key: apiKey, created_at: createdAt }
  }

  async authenticate (apiKey: string): Promise<Actor | null> {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256) return null
    const hash = hashApiKey(apiKey)
    const row = this.actorByKey.get(hash)
    if (row === undefined) return null
    const at = this.now()
    if (row.last_used_at === null || Date.parse(row.last_used_at) <= at.getTime() - KEY_TOUCH_INTERVAL_MS) {
      await this.writer.run(() => this.touchKey.run({
        hash, now: at.toISOString(), cutoff: new Date(at.getTime() - KEY_TOUCH_INTERVAL_MS).toISOString()
      }))
    }
    return toActor(row)
  }

  async ensureActor (actorId: string): Promise<Actor> {
    requireId('actorId', actorId)
    // Read first: after its first request an actor exists, and a read needs no write lock.
    const known = this.actorById.get(actorId)
    if (known !== undefined) return toActor(known)
    const createdAt = this.now().toISOString()
    return await this.writer.run(() => {
      this.insertActor.run(actorId, null, createdAt)
      return toActor(this.actorById.get(actorId) as ActorRow)
    })
  }

  async grantDaily (actorId: string, input: GrantDailyInput): Promise<GrantResult> {
    requireGrant(input)
    return await this.writer.run((): GrantResult => {
      const row = this.insertGrant.get(grantFields(entryStamps(actorId, this.now(), this.nextUlid)(), input))
      if (row !== undefined) return { granted: true, entry: toEntry(row, 'committed') }
      const state = this.actorState.get(actorId)
      if (state === undefined) throw actorNotFound(actorId)
      if (state.disabled === 1) throw actorDisabled(actorId)
      return { granted: false }
    })
  }

  async balance (actorId: string): Promise<Balance> {
    const row = this.balanceOf.get(actorId)
    if (row === undefined) throw actorNotFound(actorId)
    return { actor_id: row.actor_id, balance: row.balance, last_updated: row.updated_at }
  }

  async history (actorId: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const limit = options.limit ?? HISTORY_DEFAULT_LIMIT
    requireHistoryLimit(limit)
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

  async getEntry (transactionId: string): Promise<LedgerEntry | null> {
    const row = this.entryById.get(transactionId)
    return row === undefined ? null : toEntry(row, row.status)
  }
}

function toActor (row: ActorRow): Actor {
  return { actor_id: row.actor_id, label: row.label, created_at: row.created_at, disabled: row.disabled === 1 }
}
