import { UNDELIVERED_SQL } from './delivery-sql.js'
import { ENTITLEMENT_HOURS, LAB_FEATURE_PREFIX } from './purchase-rules.js'
import type { SqliteDatabase } from '../db/database.js'
import type { EntryRow } from './entry-row.js'
import type { EntryKind } from './types.js'

export interface VerifyReport {
  ok: boolean
  actors: number
  entries: number
  violations: string[]
}

/** Every trigger the ledger's guarantees depend on; dropping one is itself a violation. */
export const LEDGER_TRIGGERS = [
  'actors_open_balance',
  'ledger_entries_no_update',
  'ledger_entries_no_delete',
  'ledger_entries_chain',
  'ledger_entries_refund_matches_spend',
  'ledger_entries_apply',
  'balances_follow_ledger_update',
  'balances_follow_ledger_insert',
  'balances_no_delete'
] as const

/** The partial UNIQUE indexes that carry the one-per rules. */
export const LEDGER_UNIQUE_INDEXES = [
  'ledger_entries_one_grant_per_day',
  'ledger_entries_one_refund_per_spend',
  'ledger_entries_one_topup_per_payment'
] as const

/** A paid (fingerprint, feature) is not charged again for this long (docs/LEDGER.md, "Charging once"). */
const ENTITLEMENT_MS = ENTITLEMENT_HOURS * 3_600_000

/** A spend that buys something the billing service sells once: an entitlement or a Lab unlock. */
interface Purchase {
  id: string
  key: string
  at: number
  /** An unlock is bought once ever; an entitlement once per 24 h. */
  once: boolean
  label: string
}

/** A database damaged everywhere would otherwise print millions of lines. */
const MAX_REPORTED = 1000

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The columns of an entry the replay reads (REPLAYED_COLUMNS). */
export type ReplayedRow = Pick<EntryRow, 'seq' | 'id' | 'actor_id' | 'kind' | 'amount' | 'balance_before' | 'balance_after' |
  'feature' | 'fingerprint' | 'request_id' | 'payment_id' | 'refund_of' | 'grant_day' | 'created_at'>

const SIGN_RULES: Record<EntryKind, (amount: number) => boolean> = {
  grant_daily: (amount) => amount > 0,
  topup: (amount) => amount > 0,
  refund: (amount) => amount > 0,
  spend: (amount) => amount < 0,
  denied: (amount) => amount === 0
}

/** What the replay needs to know of the schema: the names of its tables, triggers and indexes. */
export interface LedgerSchema {
  tables: Set<string>
  triggers: Set<string>
  indexes: Set<string>
}

/**
 * Replays the whole ledger and checks every rule independently of the constraints that should
 * already enforce them, so it also catches a database whose schema was tampered with. It reads one
 * snapshot (a read transaction), so it can run against a live database without blocking writers.
 */
export function verifyLedger (db: SqliteDatabase, options: VerifyOptions = {}): VerifyReport {
  return db.transaction(() => {
    const schemaObjects = db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'trigger', 'index')").all() as Array<{ type: string, name: string }>
    const named = (type: string): Set<string> => new Set(schemaObjects.filter((o) => o.type === type).map((o) => o.name))
    const replay = LedgerReplay.start({ tables: named('table'), triggers: named('trigger'), indexes: named('index') },
      () => db.prepare('SELECT actor_id FROM actors').pluck().all() as string[])
    if (replay instanceof LedgerReplay) {
      const rows = db.prepare(`SELECT ${REPLAYED_COLUMNS} FROM ledger_entries ORDER BY seq`).iterate() as IterableIterator<ReplayedRow>
      for (const row of rows) replay.entry(row)
      return replay.finish(
        db.prepare('SELECT actor_id, balance FROM balances').all() as Array<{ actor_id: string, balance: number }>,
        db.prepare('SELECT id FROM ledger_entries GROUP BY id HAVING count(*) > 1').pluck().all() as string[],
        options.leaseMs !== undefined && named('table').has('charge_deliveries')
          ? db.prepare(UNDELIVERED_SQL).all(leaseStart(options.leaseMs, options.now), MAX_REPORTED) as UndeliveredRow[]
          : [])
    }
    return replay
  }).deferred()
}

/** A simulation spend with neither a delivery mark nor a refund. */
export interface UndeliveredRow { transaction_id: string, actor_id: string, created_at: string }

export interface VerifyOptions {
  /**
   * CHARGE_LEASE_MS: a simulation spend older than this without a delivery mark or a refund is a
   * violation (`npm run ledger:verify` checks it; a replay of a copy — backup, restore — does not).
   */
  leaseMs?: number
  now?: Date
}

/** Spends created before this instant must be delivered or refunded (src/config.ts, CHARGE_LEASE_MS). */
export function leaseStart (leaseMs: number, now = new Date()): string {
  return new Date(now.getTime() - leaseMs).toISOString()
}

/** The columns of ledger_entries the replay reads, in both engines. */
export const REPLAYED_COLUMNS = `seq, id, actor_id, kind, amount, balance_before, balance_after, feature, fingerprint,
  request_id, payment_id, refund_of, grant_day, created_at`

/**
 * The replay itself, fed entry by entry in seq order by either engine (SQLite above, PostgreSQL in
 * src/storage/postgres/verify.ts), so both are checked by the same rules.
 */
export class LedgerReplay {
  private readonly violations: string[] = []
  private dropped = 0
  private readonly running = new Map<string, number>()
  private readonly spends = new Map<string, { actor: string, amount: number }>()
  private readonly refunded = new Set<string>()
  private readonly grantDays = new Set<string>()
  private readonly paymentIds = new Set<string>()
  private readonly purchases: Purchase[] = []
  private entries = 0

  private constructor (schema: LedgerSchema, private readonly actors: Set<string>) {
    for (const name of LEDGER_TRIGGERS) {
      if (!schema.triggers.has(name)) this.report(`trigger ${name} is missing`)
    }
    for (const name of LEDGER_UNIQUE_INDEXES) {
      if (!schema.indexes.has(name)) this.report(`unique index ${name} is missing`)
    }
  }

  /** A replay, or the report that ends it at once when the ledger's tables are not there. */
  static start (schema: LedgerSchema, actors: () => string[]): LedgerReplay | VerifyReport {
    const missingTables = ['actors', 'ledger_entries', 'balances'].filter((name) => !schema.tables.has(name))
    if (missingTables.length > 0) {
      return { ok: false, actors: 0, entries: 0, violations: [`missing tables: ${missingTables.join(', ')} (not migrated?)`] }
    }
    return new LedgerReplay(schema, new Set(actors()))
  }

  private report (message: string): void {
    if (this.violations.length < MAX_REPORTED) this.violations.push(message)
    else this.dropped++
  }

  entry (e: ReplayedRow): void {
    this.entries++
    const at = `entry seq ${e.seq} (${e.id}, actor ${e.actor_id}, ${e.kind})`
    if (typeof e.id !== 'string' || !ULID.test(e.id)) this.report(`${at}: id is not a ULID`)
    if (typeof e.request_id !== 'string' || e.request_id.length === 0) this.report(`${at}: request_id is missing`)
    if (typeof e.created_at !== 'string' || !ISO_MS.test(e.created_at)) this.report(`${at}: created_at is not an ISO timestamp`)
    if (!this.actors.has(e.actor_id)) this.report(`${at}: actor does not exist`)

    const rule = SIGN_RULES[e.kind]
    if (rule === undefined) this.report(`${at}: unknown kind`)
    else if (!Number.isInteger(e.amount) || !rule(e.amount)) this.report(`${at}: amount ${e.amount} has the wrong sign for its kind`)

    const expected = this.running.get(e.actor_id) ?? 0
    if (e.balance_before !== expected) this.report(`${at}: balance_before ${e.balance_before}, replayed balance ${expected}`)
    if (e.balance_after !== e.balance_before + e.amount) {
      this.report(`${at}: balance_after ${e.balance_after} != balance_before ${e.balance_before} + amount ${e.amount}`)
    }
    const balance = expected + e.amount
    if (balance < 0 || e.balance_after < 0) this.report(`${at}: balance goes negative`)
    this.running.set(e.actor_id, balance)

    if ((e.kind === 'grant_daily') !== (e.grant_day !== null)) this.report(`${at}: grant_day must be set exactly on daily grants`)
    if ((e.kind === 'refund') !== (e.refund_of !== null)) this.report(`${at}: refund_of must be set exactly on refunds`)
    if ((e.kind === 'topup') !== (e.payment_id !== null)) this.report(`${at}: payment_id must be set exactly on top-ups`)

    if (e.kind === 'spend') {
      this.spends.set(e.id, { actor: e.actor_id, amount: e.amount })
      const purchase = purchaseOf(e)
      if (purchase !== null) this.purchases.push(purchase)
    }
    if (e.kind === 'grant_daily' && e.grant_day !== null) {
      const key = `${e.actor_id}\u0000${e.grant_day}`
      if (this.grantDays.has(key)) this.report(`${at}: second daily grant on ${e.grant_day}`)
      this.grantDays.add(key)
      if (e.created_at.slice(0, 10) !== e.grant_day) this.report(`${at}: grant_day ${e.grant_day} is not the UTC day it was written`)
    }
    if (e.kind === 'topup' && e.payment_id !== null) {
      if (this.paymentIds.has(e.payment_id)) this.report(`${at}: payment_id ${e.payment_id} credited twice`)
      this.paymentIds.add(e.payment_id)
    }
    if (e.kind === 'refund' && e.refund_of !== null) {
      // Spends are replayed before their refunds (lower seq), so a miss here is a dangling reference.
      const spend = this.spends.get(e.refund_of)
      if (spend === undefined) this.report(`${at}: refunds ${e.refund_of}, which is not an earlier spend`)
      else {
        if (spend.actor !== e.actor_id) this.report(`${at}: refunds ${e.refund_of} of actor ${spend.actor}`)
        if (spend.amount !== -e.amount) this.report(`${at}: refunds ${e.amount} for a spend of ${-spend.amount}`)
      }
      if (this.refunded.has(e.refund_of)) this.report(`${at}: ${e.refund_of} refunded twice`)
      this.refunded.add(e.refund_of)
    }
  }

  /** Compares the stored balances with the replayed ones and closes the report. */
  finish (balances: Array<{ actor_id: string, balance: number }>, duplicateIds: string[], undelivered: UndeliveredRow[] = []): VerifyReport {
    for (const u of undelivered) {
      this.report(`spend ${u.transaction_id} (actor ${u.actor_id}, ${u.created_at}) was neither delivered nor refunded within its lease (docs/LEDGER.md, "Delivery")`)
    }
    for (const message of chargedTwice(this.purchases, this.refunded)) this.report(message)
    for (const id of duplicateIds) this.report(`id ${id} is used by more than one entry`)
    const withBalance = new Set<string>()
    for (const { actor_id: actor, balance } of balances) {
      withBalance.add(actor)
      const replayed = this.running.get(actor) ?? 0
      if (balance !== replayed) this.report(`actor ${actor}: stored balance ${balance}, replayed from the ledger ${replayed}`)
      if (balance < 0) this.report(`actor ${actor}: negative balance ${balance}`)
      if (!this.actors.has(actor)) this.report(`actor ${actor}: has a balance but no actor row`)
    }
    for (const actor of this.actors) {
      if (!withBalance.has(actor)) this.report(`actor ${actor}: has no balance row`)
    }
    const violations = this.dropped > 0 ? [...this.violations, `… and ${this.dropped} more violations`] : [...this.violations]
    return { ok: violations.length === 0, actors: this.actors.size, entries: this.entries, violations }
  }
}

function purchaseOf (e: ReplayedRow): Purchase | null {
  if (e.feature !== null && e.feature.startsWith(LAB_FEATURE_PREFIX)) {
    return { id: e.id, key: `${e.actor_id}\u0000${e.feature}`, at: Date.parse(e.created_at), once: true, label: `actor ${e.actor_id} unlock ${e.feature}` }
  }
  if (e.fingerprint === null || e.feature === null) return null
  return {
    id: e.id,
    key: `${e.actor_id}\u0000${e.fingerprint}\u0000${e.feature}`,
    at: Date.parse(e.created_at),
    once: false,
    label: `actor ${e.actor_id} entitlement ${e.feature} of ${e.fingerprint.slice(0, 12)}…`
  }
}

/**
 * The business rule of the billing service: an unrefunded spend of an entitlement within 24 h of
 * another of the same actor, fingerprint and feature, or a second unrefunded unlock of one module,
 * is a double charge.
 */
function chargedTwice (purchases: Purchase[], refunded: Set<string>): string[] {
  const latest = new Map<string, Purchase>()
  const messages: string[] = []
  for (const p of purchases) {
    if (refunded.has(p.id)) continue
    const previous = latest.get(p.key)
    if (previous !== undefined && (p.once || p.at - previous.at < ENTITLEMENT_MS)) {
      messages.push(`${p.label}: spend ${p.id} charges again what spend ${previous.id} already paid for`)
    }
    latest.set(p.key, p)
  }
  return messages
}
