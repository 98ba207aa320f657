import t from 'tap'
import type { Test } from 'tap'
import type pg from 'pg'
import { migratePostgres } from '../../src/storage/postgres/migrate.js'
import { createPool } from '../../src/storage/postgres/pool.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import { createTestSchema } from '../fixtures/postgres/database.js'

// Raw SQL on purpose, as in test/ledger/schema.test.ts for SQLite: the PostgreSQL schema must hold
// the same rules when the ledger code is bypassed.

interface RawEntry {
  id?: string
  actor_id?: string
  kind: string
  amount: number
  balance_before: number
  balance_after: number
  request_id?: string
  payment_id?: string | null
  refund_of?: string | null
  grant_day?: string | null
}

let idCounter = 0
function nextId (): string {
  idCounter++
  return `01J${String(idCounter).padStart(23, '0')}`
}

async function rawInsert (pool: pg.Pool, entry: RawEntry): Promise<string> {
  const id = entry.id ?? nextId()
  await pool.query(`INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id,
      payment_id, refund_of, grant_day, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '2025-03-10T12:00:00.000Z')`, [
    id, entry.actor_id ?? 'alice', entry.kind, entry.amount, entry.balance_before, entry.balance_after, entry.request_id ?? 'req',
    entry.payment_id ?? null, entry.refund_of ?? null, entry.grant_day ?? null
  ])
  return id
}

async function setup (t: Test): Promise<pg.Pool> {
  const { url } = await createTestSchema(t)
  const pool = createPool(url)
  t.teardown(async () => { await pool.end() })
  await migratePostgres(pool)
  await pool.query("INSERT INTO actors (actor_id, created_at) VALUES ('alice', '2025-03-10T12:00:00.000Z')")
  await rawInsert(pool, { kind: 'topup', amount: 10, balance_before: 0, balance_after: 10, payment_id: 'pay-1' })
  return pool
}

const balanceOf = async (pool: pg.Pool, actor = 'alice'): Promise<unknown> =>
  (await pool.query('SELECT balance FROM balances WHERE actor_id = $1', [actor])).rows[0]?.balance

t.test('a new actor gets a zero balance row', async (t) => {
  const pool = await setup(t)
  await pool.query("INSERT INTO actors (actor_id, created_at) VALUES ('bob', '2025-03-10T12:00:00.000Z')")
  t.equal(await balanceOf(pool, 'bob'), 0)
})

t.test('ledger entries are append-only: UPDATE, DELETE and TRUNCATE are rejected', async (t) => {
  const pool = await setup(t)
  await t.rejects(pool.query('UPDATE ledger_entries SET amount = 1000, balance_after = 1000'), /ledger_entries is append-only/)
  await t.rejects(pool.query("UPDATE ledger_entries SET reason = 'edited'"), /ledger_entries is append-only/)
  await t.rejects(pool.query('DELETE FROM ledger_entries'), /ledger_entries is append-only/)
  await t.rejects(pool.query('TRUNCATE ledger_entries CASCADE'), /ledger_entries is append-only/)
  t.equal((await pool.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n, 1)
})

t.test('the balance follows the ledger; an entry that does not chain onto it is rejected', async (t) => {
  const pool = await setup(t)
  await rawInsert(pool, { kind: 'spend', amount: -3, balance_before: 10, balance_after: 7 })
  await rawInsert(pool, { kind: 'denied', amount: 0, balance_before: 7, balance_after: 7 })
  t.equal(await balanceOf(pool), 7)
  await t.rejects(rawInsert(pool, { kind: 'topup', amount: 5, balance_before: 0, balance_after: 5, payment_id: 'pay-2' }), /balance_before does not match/)
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: -1, balance_before: 8, balance_after: 7 }), /balance_before does not match/)
  t.equal(await balanceOf(pool), 7)
})

t.test('CHECK constraints: arithmetic, sign per kind, rule columns per kind, negative balances, request_id', async (t) => {
  const pool = await setup(t)
  const check = /violates check constraint/
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: -1, balance_before: 10, balance_after: 8 }), check, 'balance_after = balance_before + amount')
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: 2, balance_before: 10, balance_after: 12 }), check)
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: 0, balance_before: 10, balance_after: 10 }), check)
  await t.rejects(rawInsert(pool, { kind: 'denied', amount: -1, balance_before: 10, balance_after: 9 }), check)
  await t.rejects(rawInsert(pool, { kind: 'gift', amount: 5, balance_before: 10, balance_after: 15 }), check)
  await t.rejects(rawInsert(pool, { kind: 'grant_daily', amount: 5, balance_before: 10, balance_after: 15 }), check, 'a grant without grant_day')
  await t.rejects(rawInsert(pool, { kind: 'topup', amount: 5, balance_before: 10, balance_after: 15 }), check, 'a top-up without payment_id')
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: -1, balance_before: 10, balance_after: 9, payment_id: 'x' }), check)
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: -11, balance_before: 10, balance_after: -1 }), check, 'never below zero')
  await t.rejects(rawInsert(pool, { kind: 'denied', amount: 0, balance_before: 10, balance_after: 10, request_id: '' }), check, 'request_id is mandatory')
  // Without the guard trigger the CHECK on balances is what still stands.
  await pool.query('DROP TRIGGER balances_follow_ledger_update ON balances')
  await t.rejects(pool.query("UPDATE balances SET balance = -1 WHERE actor_id = 'alice'"), check)
  t.equal(await balanceOf(pool), 10)
})

t.test('a balance cannot be edited away from the ledger nor deleted', async (t) => {
  const pool = await setup(t)
  await t.rejects(pool.query("UPDATE balances SET balance = 1000 WHERE actor_id = 'alice'"), /balances must equal the ledger/)
  await t.rejects(pool.query("DELETE FROM balances WHERE actor_id = 'alice'"), /never deleted/)
  await t.rejects(pool.query('TRUNCATE balances CASCADE'), /never deleted|append-only/)
  t.equal(await balanceOf(pool), 10)
})

t.test('the partial unique indexes: one grant per day, one top-up per payment, one refund per spend, unique ids', async (t) => {
  const pool = await setup(t)
  const unique = /duplicate key value violates unique constraint/
  await rawInsert(pool, { kind: 'grant_daily', amount: 5, balance_before: 10, balance_after: 15, grant_day: '2025-03-10' })
  await t.rejects(rawInsert(pool, { kind: 'grant_daily', amount: 5, balance_before: 15, balance_after: 20, grant_day: '2025-03-10' }), unique)
  await t.rejects(rawInsert(pool, { kind: 'topup', amount: 10, balance_before: 15, balance_after: 25, payment_id: 'pay-1' }), unique)
  const spend = await rawInsert(pool, { kind: 'spend', amount: -2, balance_before: 15, balance_after: 13 })
  await rawInsert(pool, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: spend })
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 2, balance_before: 15, balance_after: 17, refund_of: spend }), unique)
  await t.rejects(rawInsert(pool, { kind: 'spend', amount: -1, balance_before: 15, balance_after: 14, id: spend }), unique)
  t.equal(await balanceOf(pool), 15)
})

t.test('a refund returns exactly one spend of the same actor; the foreign keys back the trigger up', async (t) => {
  const pool = await setup(t)
  await pool.query("INSERT INTO actors (actor_id, created_at) VALUES ('bob', '2025-03-10T12:00:00.000Z')")
  await rawInsert(pool, { actor_id: 'bob', kind: 'topup', amount: 5, balance_before: 0, balance_after: 5, payment_id: 'pay-bob' })
  const bobSpend = await rawInsert(pool, { actor_id: 'bob', kind: 'spend', amount: -2, balance_before: 5, balance_after: 3 })
  const spend = await rawInsert(pool, { kind: 'spend', amount: -2, balance_before: 10, balance_after: 8 })
  const grant = await rawInsert(pool, { kind: 'grant_daily', amount: 5, balance_before: 8, balance_after: 13, grant_day: '2025-03-10' })
  const rule = /a spend of the same actor/
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 5, balance_before: 13, balance_after: 18, refund_of: spend }), rule, 'more than was spent')
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: bobSpend }), rule, 'another actor\'s spend')
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 5, balance_before: 13, balance_after: 18, refund_of: grant }), rule, 'a grant')
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 1, balance_before: 13, balance_after: 14, refund_of: nextId() }), rule, 'a missing entry')
  await pool.query('DROP TRIGGER ledger_entries_refund_matches_spend ON ledger_entries')
  await t.rejects(rawInsert(pool, { kind: 'refund', amount: 1, balance_before: 13, balance_after: 14, refund_of: nextId() }), /violates foreign key constraint/)
  await t.rejects(rawInsert(pool, { actor_id: 'nobody', kind: 'denied', amount: 0, balance_before: 0, balance_after: 0 }))
  await rawInsert(pool, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: spend })
  t.equal(await balanceOf(pool), 15)
})

t.test('ledger:verify on PostgreSQL: clean, then every dropped guard and a forged balance is reported', async (t) => {
  const pool = await setup(t)
  t.match(await verifyPostgresLedger(pool), { ok: true, actors: 1, entries: 1, violations: [] })
  await pool.query('DROP TRIGGER ledger_entries_no_update ON ledger_entries')
  await pool.query('DROP TRIGGER balances_follow_ledger_update ON balances')
  await pool.query('DROP INDEX ledger_entries_one_topup_per_payment')
  await pool.query("UPDATE balances SET balance = 99 WHERE actor_id = 'alice'")
  await pool.query("UPDATE ledger_entries SET created_at = 'yesterday'")
  const report = await verifyPostgresLedger(pool)
  t.equal(report.ok, false)
  t.match(report.violations, [
    'trigger ledger_entries_no_update is missing',
    'trigger balances_follow_ledger_update is missing',
    'unique index ledger_entries_one_topup_per_payment is missing',
    /created_at is not an ISO timestamp/,
    'actor alice: stored balance 99, replayed from the ledger 10'
  ])
})

t.test('Lab tables: a paid unlock references the actor\'s spend for that module; unlocks, attempts and completions are append-only', async (t) => {
  const pool = await setup(t)
  const spend = await rawInsert(pool, { kind: 'spend', amount: -3, balance_before: 10, balance_after: 7 })
  await t.rejects(pool.query("INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at) VALUES ('alice', 'elo', $1, 'r', 'now')", [spend]),
    /must reference the actor's spend for that module/, 'a spend without the module\'s feature')
  const { rows: [{ id }] } = await pool.query(`INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, feature, request_id, created_at)
    VALUES ($1, 'alice', 'spend', -2, 7, 5, 'lab_module:elo', 'r', '2025-03-10T12:00:00.000Z') RETURNING id`, [nextId()])
  await pool.query("INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at) VALUES ('alice', 'elo', $1, 'r', 'now')", [id])
  await t.rejects(pool.query("INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at) VALUES ('alice', 'elo', $1, 'r', 'now')", [id]),
    /duplicate key value/, 'once per actor and module')
  await t.rejects(pool.query("INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at) VALUES ('alice', 'other', NULL, 'r', 'now')"),
    /must reference the actor's spend|null value/, 'no unlock without its charge')
  await t.rejects(pool.query('DELETE FROM lab_unlocks'), /lab_unlocks is append-only/)
  const { rows: [attempt] } = await pool.query(`INSERT INTO lab_attempts (actor_id, module_id, score, total, passed, answers, request_id, attempted_at)
    VALUES ('alice', 'elo', 1, 3, false, '[]', 'r', 'now') RETURNING attempt_id`)
  await t.rejects(pool.query("INSERT INTO lab_completions (actor_id, module_id, attempt_id, completed_at) VALUES ('alice', 'elo', $1, 'now')", [attempt.attempt_id]),
    /must reference a passing attempt/)
  await t.rejects(pool.query('UPDATE lab_attempts SET passed = true'), /lab_attempts is append-only/)
  await t.rejects(pool.query("INSERT INTO lab_attempts (actor_id, module_id, score, total, passed, answers, request_id, attempted_at) VALUES ('alice', 'elo', 4, 3, true, '[]', 'r', 'now')"),
    /violates check constraint/, 'score <= total')
})
