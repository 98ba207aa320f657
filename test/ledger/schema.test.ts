import t from 'tap'
import type { Test } from 'tap'
import type { SqliteDatabase } from '../../src/db/database.js'
import { migrate, schemaVersion } from '../../src/db/database.js'
import { openLedger } from '../fixtures/ledger/helpers.js'

// These tests write raw SQL on purpose: the schema must hold even when the ledger code is bypassed.

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

function rawInsert (db: SqliteDatabase, entry: RawEntry): string {
  const id = entry.id ?? nextId()
  db.prepare(`INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id,
      payment_id, refund_of, grant_day, created_at)
    VALUES (@id, @actor_id, @kind, @amount, @balance_before, @balance_after, @request_id, @payment_id, @refund_of,
      @grant_day, '2025-03-10T12:00:00.000Z')`).run({
    payment_id: null,
    refund_of: null,
    grant_day: null,
    actor_id: 'alice',
    request_id: 'req',
    ...entry,
    id
  })
  return id
}

function setup (t: Test): SqliteDatabase {
  const { db } = openLedger(t.testdir())
  t.teardown(() => db.close())
  db.prepare("INSERT INTO actors (actor_id, created_at) VALUES ('alice', '2025-03-10T12:00:00.000Z')").run()
  rawInsert(db, { kind: 'topup', amount: 10, balance_before: 0, balance_after: 10, payment_id: 'pay-1' })
  return db
}

const balanceOf = (db: SqliteDatabase, actor = 'alice'): unknown =>
  db.prepare('SELECT balance FROM balances WHERE actor_id = ?').pluck().get(actor)

t.test('migration creates STRICT tables, and running it again changes nothing', async (t) => {
  const { db } = openLedger(t.testdir())
  t.teardown(() => db.close())
  t.ok(schemaVersion(db) >= 1)
  const strict = db.prepare("SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main'").pluck().all()
  for (const table of ['actors', 'api_keys', 'ledger_entries', 'balances']) t.ok(strict.includes(table), `${table} is STRICT`)
  t.same(migrate(db), [], 'no migration is pending after the first run')
})

t.test('a new actor gets a zero balance row', async (t) => {
  const db = setup(t)
  db.prepare("INSERT INTO actors (actor_id, created_at) VALUES ('bob', '2025-03-10T12:00:00.000Z')").run()
  t.equal(balanceOf(db, 'bob'), 0)
})

t.test('ledger entries are append-only: UPDATE and DELETE are rejected', async (t) => {
  const db = setup(t)
  t.throws(() => db.prepare('UPDATE ledger_entries SET amount = 1000, balance_after = 1000').run(), /ledger_entries is append-only/)
  t.throws(() => db.prepare("UPDATE ledger_entries SET reason = 'edited'").run(), /ledger_entries is append-only/)
  t.throws(() => db.prepare('DELETE FROM ledger_entries').run(), /ledger_entries is append-only/)
  t.equal(db.prepare('SELECT count(*) FROM ledger_entries').pluck().get(), 1)
})

t.test('the balance follows the ledger through the insert trigger', async (t) => {
  const db = setup(t)
  t.equal(balanceOf(db), 10)
  rawInsert(db, { kind: 'spend', amount: -3, balance_before: 10, balance_after: 7 })
  t.equal(balanceOf(db), 7)
  rawInsert(db, { kind: 'denied', amount: 0, balance_before: 7, balance_after: 7 })
  t.equal(balanceOf(db), 7)
})

t.test('an entry that does not chain onto the current balance is rejected', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'topup', amount: 5, balance_before: 0, balance_after: 5, payment_id: 'pay-2' }),
    /balance_before does not match/)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: -1, balance_before: 11, balance_after: 10 }), /balance_before does not match/)
  t.equal(balanceOf(db), 10)
})

t.test('balance_after must equal balance_before + amount', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: -1, balance_before: 10, balance_after: 8 }), /CHECK constraint failed/)
})

t.test('kind and the sign of amount must agree', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: 2, balance_before: 10, balance_after: 12 }), /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: 0, balance_before: 10, balance_after: 10 }), /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'denied', amount: -1, balance_before: 10, balance_after: 9 }), /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'topup', amount: -1, balance_before: 10, balance_after: 9, payment_id: 'p' }), /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'grant_daily', amount: 0, balance_before: 10, balance_after: 10, grant_day: '2025-03-10' }),
    /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'gift', amount: 5, balance_before: 10, balance_after: 15 }), /CHECK constraint failed/)
})

t.test('CHECK rejects a negative balance even through raw SQL', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: -11, balance_before: 10, balance_after: -1 }), /CHECK constraint failed/)
  // Without the guard trigger the CHECK on balances is what still stands.
  db.exec('DROP TRIGGER balances_follow_ledger_update')
  t.throws(() => db.prepare("UPDATE balances SET balance = -1 WHERE actor_id = 'alice'").run(), /CHECK constraint failed/)
  t.equal(balanceOf(db), 10)
})

t.test('a balance cannot be edited away from what the ledger says', async (t) => {
  const db = setup(t)
  t.throws(() => db.prepare("UPDATE balances SET balance = 1000 WHERE actor_id = 'alice'").run(), /balances must equal the ledger/)
  t.throws(() => db.prepare("DELETE FROM balances WHERE actor_id = 'alice'").run(), /never deleted/)
  t.equal(balanceOf(db), 10)
})

t.test('the uniqueness rules hold in raw SQL', async (t) => {
  const db = setup(t)
  rawInsert(db, { kind: 'grant_daily', amount: 5, balance_before: 10, balance_after: 15, grant_day: '2025-03-10' })
  t.throws(() => rawInsert(db, { kind: 'grant_daily', amount: 5, balance_before: 15, balance_after: 20, grant_day: '2025-03-10' }),
    /UNIQUE constraint failed/, 'one daily grant per actor per day')
  t.throws(() => rawInsert(db, { kind: 'topup', amount: 10, balance_before: 15, balance_after: 25, payment_id: 'pay-1' }),
    /UNIQUE constraint failed/, 'one top-up per payment id')
  const spend = rawInsert(db, { kind: 'spend', amount: -2, balance_before: 15, balance_after: 13 })
  rawInsert(db, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: spend })
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 2, balance_before: 15, balance_after: 17, refund_of: spend }),
    /UNIQUE constraint failed/, 'one refund per spend')
  t.throws(() => rawInsert(db, { kind: 'spend', amount: -1, balance_before: 15, balance_after: 14, id: spend }),
    /UNIQUE constraint failed/, 'ids are unique')
  t.equal(balanceOf(db), 15)
})

t.test('each rule column is set exactly on its kind', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'grant_daily', amount: 5, balance_before: 10, balance_after: 15 }), /CHECK constraint failed/,
    'a grant without grant_day would escape the once-a-day rule')
  t.throws(() => rawInsert(db, { kind: 'topup', amount: 5, balance_before: 10, balance_after: 15 }), /CHECK constraint failed/)
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 5, balance_before: 10, balance_after: 15 }), /a spend of the same actor/)
  t.throws(() => rawInsert(db, { kind: 'spend', amount: -1, balance_before: 10, balance_after: 9, payment_id: 'x' }), /CHECK constraint failed/)
})

t.test('a refund must point at an existing entry and entries at an existing actor', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 1, balance_before: 10, balance_after: 11, refund_of: nextId() }),
    /a spend of the same actor/)
  // The trigger above speaks first; the foreign key is the backstop if it is ever dropped.
  db.exec('DROP TRIGGER ledger_entries_refund_matches_spend')
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 1, balance_before: 10, balance_after: 11, refund_of: nextId() }),
    /FOREIGN KEY constraint failed/)
  t.throws(() => rawInsert(db, { actor_id: 'nobody', kind: 'denied', amount: 0, balance_before: 0, balance_after: 0 }))
})

t.test('a refund must return exactly one spend of the same actor', async (t) => {
  const db = setup(t)
  db.prepare("INSERT INTO actors (actor_id, created_at) VALUES ('bob', '2025-03-10T12:00:00.000Z')").run()
  rawInsert(db, { actor_id: 'bob', kind: 'topup', amount: 5, balance_before: 0, balance_after: 5, payment_id: 'pay-bob' })
  const bobSpend = rawInsert(db, { actor_id: 'bob', kind: 'spend', amount: -2, balance_before: 5, balance_after: 3 })
  const spend = rawInsert(db, { kind: 'spend', amount: -2, balance_before: 10, balance_after: 8 })
  const grant = rawInsert(db, { kind: 'grant_daily', amount: 5, balance_before: 8, balance_after: 13, grant_day: '2025-03-10' })
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 5, balance_before: 13, balance_after: 18, refund_of: spend }), /a spend of the same actor/, 'more than was spent')
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: bobSpend }), /a spend of the same actor/, 'another actor\'s spend')
  t.throws(() => rawInsert(db, { kind: 'refund', amount: 5, balance_before: 13, balance_after: 18, refund_of: grant }), /a spend of the same actor/, 'a grant')
  rawInsert(db, { kind: 'refund', amount: 2, balance_before: 13, balance_after: 15, refund_of: spend })
  t.equal(balanceOf(db), 15)
})

t.test('request_id is mandatory', async (t) => {
  const db = setup(t)
  t.throws(() => rawInsert(db, { kind: 'denied', amount: 0, balance_before: 10, balance_after: 10, request_id: '' }), /CHECK constraint failed/)
})
