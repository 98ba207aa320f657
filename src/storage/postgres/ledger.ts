import { LRUCache } from 'lru-cache'
import type pg from 'pg'
import type { ULIDFactory } from 'ulid'
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
import type { PostgresActorWriter } from './actor-writer.js'
import { inTransaction } from './pool.js'
import { ENTRY_WITH_STATUS, INSERT_COLUMNS, RETURNING_ENTRY, entryStamps, grantFields, requireGrant } from '../entries.js'

/** authenticate() records key use at most this often, so a busy key is not a write per request. */
const KEY_TOUCH_INTERVAL_MS = 60_000
/**
 * How long authenticate() trusts a key it has resolved before asking PostgreSQL again, so a busy key
 * is not a round trip per request either. Disabling an actor reaches its free requests within this
 * time; its paid ones are refused at once, since every charge reads the actor's state in its own
 * transaction (docs/ARCHITECTURE.md, "Several instances"). Unknown keys are never cached.
 */
export const KEY_CACHE_MS = 5_000

interface ActorRow {
  actor_id: string
  label: string | null
  created_at: string
  disabled: boolean
}

const ACTOR_BY_ID = 'SELECT actor_id, label, created_at, disabled FROM actors WHERE actor_id = $1'
const ACTOR_BY_KEY = `SELECT a.actor_id, a.label, a.created_at, a.disabled, k.last_used_at
  FROM api_keys k JOIN actors a ON a.actor_id = k.actor_id WHERE k.key_hash = $1`
const INSERT_ACTOR = 'INSERT INTO actors (actor_id, label, created_at) VALUES ($1, $2, $3) ON CONFLICT (actor_id) DO NOTHING'
const INSERT_KEY = 'INSERT INTO api_keys (key_hash, actor_id, prefix, created_at) VALUES ($1, $2, $3, $4)'
const TOUCH_KEY = 'UPDATE api_keys SET last_used_at = $1 WHERE key_hash = $2 AND (last_used_at IS NULL OR last_used_at <= $3)'
const BALANCE_OF = 'SELECT actor_id, balance, updated_at FROM balances WHERE actor_id = $1'
// The unique index on (actor_id, grant_day) decides "first today"; DO NOTHING turns the loser of a race into no row.
const INSERT_GRANT = `INSERT INTO ledger_entries ${INSERT_COLUMNS}
  SELECT $1, b.actor_id, 'grant_daily', $2::bigint, b.balance, b.balance + $2::bigint, NULL, 'daily_grant', NULL,
    NULL, $3, NULL, NULL, NULL, $4, $5
  FROM balances b JOIN actors a ON a.actor_id = b.actor_id
  WHERE b.actor_id = $6 AND NOT a.disabled
  ON CONFLICT (actor_id, grant_day) WHERE grant_day IS NOT NULL DO NOTHING
  ${RETURNING_ENTRY}`
const ENTRY_BY_ID = `${ENTRY_WITH_STATUS} WHERE id = $1`
const HISTORY_NEWEST = `${ENTRY_WITH_STATUS} WHERE actor_id = $1 ORDER BY seq DESC LIMIT $2`
const HISTORY_BEFORE = `${ENTRY_WITH_STATUS} WHERE actor_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`

/**
 * Actors, keys, daily grants and ledger reads on PostgreSQL. Reads run on any pooled connection;
 * the daily grant moves tokens, so it goes through the actor's serialised transaction like every
 * other balance change. Balances are never written here: inserting an entry moves them through
 * the migration's triggers (migrations-pg/001_ledger.sql).
 */
export class PostgresTokenLedger implements TokenLedger {
  private readonly keys = new LRUCache<string, { actor: Actor, at: number }>({ max: 10_000 })

  constructor (
    private readonly pool: pg.Pool,
    private readonly writer: PostgresActorWriter,
    private readonly now: () => Date,
    private readonly nextUlid: ULIDFactory
  ) {}

  private async one<R extends object>(sql: string, params: unknown[]): Promise<R | undefined> {
    return (await this.pool.query<R>(sql, params)).rows[0]
  }

  async createActor (input: CreateActorInput = {}): Promise<CreatedActor> {
    const actorId = input.actorId ?? `act_${this.nextUlid(this.now().getTime())}`
    requireId('actorId', actorId)
    const label = input.label ?? null
    if (label !== null) requireText('label', label)
    const apiKey = generateApiKey()
    const createdAt = this.now().toISOString()
    await inTransaction(this.pool, async (client) => {
      const inserted = await client.query(INSERT_ACTOR, [actorId, label, createdAt])
      if (inserted.rowCount === 0) throw new LedgerError('actor_exists', `actor ${actorId} already exists`)
      await client.query(INSERT_KEY, [hashApiKey(apiKey), actorId, displayPrefix(apiKey), createdAt])
    })
    return { actor_id: actorId, api_key: apiKey, created_at: createdAt }
  }

  async authenticate (apiKey: string): Promise<Actor | null> {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256) return null
    const hash = hashApiKey(apiKey)
    const at = this.now()
    const cached = this.keys.get(hash)
    if (cached !== undefined && at.getTime() - cached.at < KEY_CACHE_MS) return { ...cached.actor }
    const row = await this.one<ActorRow & { last_used_at: string | null }>(ACTOR_BY_KEY, [hash])
    if (row === undefined) {
      this.keys.delete(hash)
      return null
    }
    if (row.last_used_at === null || Date.parse(row.last_used_at) <= at.getTime() - KEY_TOUCH_INTERVAL_MS) {
      await this.pool.query(TOUCH_KEY, [at.toISOString(), hash, new Date(at.getTime() - KEY_TOUCH_INTERVAL_MS).toISOString()])
    }
    const actor = toActor(row)
    this.keys.set(hash, { actor, at: at.getTime() })
    return { ...actor }
  }

  async ensureActor (actorId: string): Promise<Actor> {
    requireId('actorId', actorId)
    const known = await this.one<ActorRow>(ACTOR_BY_ID, [actorId])
    if (known !== undefined) return toActor(known)
    // Two instances may create the same actor at once: DO NOTHING lets one win and both read it back.
    await this.pool.query(INSERT_ACTOR, [actorId, null, this.now().toISOString()])
    return toActor(await this.one<ActorRow>(ACTOR_BY_ID, [actorId]) as ActorRow)
  }

  async grantDaily (actorId: string, input: GrantDailyInput): Promise<GrantResult> {
    requireGrant(input)
    return await this.writer.run(actorId, async (session): Promise<GrantResult> => {
      if (session.state === null) throw actorNotFound(actorId)
      if (session.state.disabled) throw actorDisabled(actorId)
      const grant = grantFields(entryStamps(actorId, this.now(), this.nextUlid)(), input)
      const { rows } = await session.client.query<EntryRow>(INSERT_GRANT, [
        grant.id, grant.amount, grant.requestId, grant.grantDay, grant.createdAt, grant.actorId
      ])
      if (rows.length === 0) return { granted: false }
      session.state.balance = rows[0].balance_after
      return { granted: true, entry: toEntry(rows[0], 'committed') }
    })
  }

  async balance (actorId: string): Promise<Balance> {
    const row = await this.one<{ actor_id: string, balance: number, updated_at: string }>(BALANCE_OF, [actorId])
    if (row === undefined) throw actorNotFound(actorId)
    return { actor_id: row.actor_id, balance: row.balance, last_updated: row.updated_at }
  }

  async history (actorId: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const limit = options.limit ?? HISTORY_DEFAULT_LIMIT
    requireHistoryLimit(limit)
    const before = options.cursor === undefined ? null : decodeCursor(options.cursor)
    if (await this.one<ActorRow>(ACTOR_BY_ID, [actorId]) === undefined) throw actorNotFound(actorId)
    // One row more than asked tells whether another page exists without a COUNT.
    const { rows } = before === null
      ? await this.pool.query<EntryRowWithStatus>(HISTORY_NEWEST, [actorId, limit + 1])
      : await this.pool.query<EntryRowWithStatus>(HISTORY_BEFORE, [actorId, before, limit + 1])
    const page = rows.slice(0, limit)
    return {
      entries: page.map((row) => toEntry(row, row.status)),
      next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null
    }
  }

  async getEntry (transactionId: string): Promise<LedgerEntry | null> {
    const row = await this.one<EntryRowWithStatus>(ENTRY_BY_ID, [transactionId])
    return row === undefined ? null : toEntry(row, row.status)
  }
}

function toActor (row: ActorRow): Actor {
  return { actor_id: row.actor_id, label: row.label, created_at: row.created_at, disabled: row.disabled }
}
