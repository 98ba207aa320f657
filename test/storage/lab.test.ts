import t from 'tap'
import type { Test } from 'tap'
import type { LabStore, LabUnlock } from '../../src/storage/lab.js'
import type { SqliteDatabase } from '../../src/db/database.js'
import type { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { openLedger, testClock, type LedgerOperations } from '../fixtures/ledger/helpers.js'

interface Fixture {
  db: SqliteDatabase
  storage: SqliteStorage
  ledger: LedgerOperations
  store: LabStore
  clock: ReturnType<typeof testClock>
  actor: string
}

async function fixture (t: Test): Promise<Fixture> {
  const clock = testClock()
  const { db, ledger, storage } = openLedger(t.testdir(), { now: clock.now })
  t.teardown(() => db.close())
  const actor = (await ledger.createActor()).actor_id
  await ledger.topup({ actorId: actor, amount: 20, paymentId: `pay-${actor}`, requestId: 'top' })
  return { db, storage, ledger, store: storage.lab, clock, actor }
}

/** Unlocks in one unit of work like the billing service: the spend, then the row; a second unlock throws and rolls back. */
async function unlock (f: Fixture, moduleId: string, amount = 3): Promise<{ transactionId: string, existing: LabUnlock | null }> {
  try {
    const transactionId = await f.storage.withActorTransaction(f.actor, async (tx) => {
      const entry = await tx.appendSpend({
        amount, feature: `lab_module:${moduleId}`, reason: 'lab_unlock', eventId: null, fingerprint: null, requestId: `req-${moduleId}`, idempotencyKey: null
      })
      if (entry === null) throw new Error('short balance')
      await tx.insertUnlock(moduleId, entry.transaction_id, `req-${moduleId}`)
      return entry.transaction_id
    })
    return { transactionId, existing: null }
  } catch (err) {
    const existing = await f.store.findUnlock(f.actor, moduleId)
    if (existing === null) throw err
    return { transactionId: existing.transaction_id, existing }
  }
}

const attempt = (f: Fixture, moduleId: string, score: number, total = 4) => f.store.recordAttempt({
  actorId: f.actor, moduleId, score, total, passed: score * 5 >= total * 4, answers: [{ question_id: 'q1', choice_id: 'a' }], requestId: `req-${score}`
})

t.test('the lab tables are STRICT', async (t) => {
  const { db } = await fixture(t)
  for (const table of ['lab_unlocks', 'lab_attempts', 'lab_completions']) {
    const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string
    t.match(sql, /\) STRICT$/, table)
  }
})

t.test('an unlock is recorded once per actor and module; a second insert returns the first unlock', async (t) => {
  const f = await fixture(t)
  const first = await unlock(f, 'elo-and-draws')
  t.equal(first.existing, null, 'inserted')
  const stored = { module_id: 'elo-and-draws', transaction_id: first.transactionId, request_id: 'req-elo-and-draws', unlocked_at: '2025-03-10T12:00:00.000Z' }
  t.same(await f.store.findUnlock(f.actor, 'elo-and-draws'), stored)
  const second = await unlock(f, 'elo-and-draws')
  t.same(second.existing, stored, 'the primary key refuses the second unlock: its unit of work rolls back, the first unlock stands')
  t.equal(await f.store.findUnlock(f.actor, 'three-scenarios'), null)
})

t.test('the database refuses an unlock that no spend of the actor for that module paid', async (t) => {
  const f = await fixture(t)
  const other = await unlock(f, 'elo-and-draws')
  const insert = f.db.prepare('INSERT INTO lab_unlocks (actor_id, module_id, transaction_id, request_id, unlocked_at) VALUES (?, ?, ?, ?, ?)')
  t.throws(() => insert.run(f.actor, 'three-scenarios', other.transactionId, 'r', 'now'), /must reference the actor's spend for that module/)
  const topup = f.db.prepare("SELECT id FROM ledger_entries WHERE kind = 'topup'").pluck().get() as string
  t.throws(() => insert.run(f.actor, 'three-scenarios', topup, 'r', 'now'), /must reference the actor's spend/)
})

t.test('lab_unlocks, lab_attempts and lab_completions are append-only', async (t) => {
  const f = await fixture(t)
  await unlock(f, 'elo-and-draws')
  await attempt(f, 'monte-carlo-basics', 4)
  for (const table of ['lab_unlocks', 'lab_attempts', 'lab_completions']) {
    t.throws(() => f.db.prepare(`UPDATE ${table} SET module_id = 'x'`).run(), new RegExp(`${table} is append-only`), `${table}: no update`)
    t.throws(() => f.db.prepare(`DELETE FROM ${table}`).run(), new RegExp(`${table} is append-only`), `${table}: no delete`)
  }
})

t.test('a completion is kept from the first passing attempt; later attempts, passed or failed, leave it', async (t) => {
  const f = await fixture(t)
  t.same(await attempt(f, 'monte-carlo-basics', 2), { attempt_id: 1, completed_at: null }, 'a failure completes nothing')
  f.clock.advance(60_000)
  t.same(await attempt(f, 'monte-carlo-basics', 4), { attempt_id: 2, completed_at: '2025-03-10T12:01:00.000Z' })
  f.clock.advance(60_000)
  t.same(await attempt(f, 'monte-carlo-basics', 1), { attempt_id: 3, completed_at: '2025-03-10T12:01:00.000Z' }, 'a later failure keeps it')
  f.clock.advance(60_000)
  t.same(await attempt(f, 'monte-carlo-basics', 4), { attempt_id: 4, completed_at: '2025-03-10T12:01:00.000Z' }, 'a later pass keeps the first')
  const record = await f.store.actorRecord(f.actor)
  t.same(record.attempts, [{ module_id: 'monte-carlo-basics', attempts: 4, best_score: 4 }])
  t.same(record.completions, [{ module_id: 'monte-carlo-basics', attempt_id: 2, completed_at: '2025-03-10T12:01:00.000Z' }])
  t.same(JSON.parse(f.db.prepare('SELECT answers FROM lab_attempts WHERE attempt_id = 1').pluck().get() as string), [{ question_id: 'q1', choice_id: 'a' }], 'answers kept as submitted')
})

t.test('simultaneous passing attempts complete the module once', async (t) => {
  const f = await fixture(t)
  const recorded = await Promise.all(Array.from({ length: 10 }, async () => await attempt(f, 'monte-carlo-basics', 4)))
  t.equal(new Set(recorded.map((r) => r.completed_at)).size, 1, 'every attempt reports the one completion')
  t.equal(f.db.prepare('SELECT COUNT(*) FROM lab_completions').pluck().get(), 1)
  t.equal(f.db.prepare('SELECT COUNT(*) FROM lab_attempts').pluck().get(), 10)
})

t.test('the database refuses a completion without a passing attempt of the same actor and module', async (t) => {
  const f = await fixture(t)
  const failed = await attempt(f, 'monte-carlo-basics', 1)
  const passed = await attempt(f, 'reading-distributions', 4)
  const insert = f.db.prepare('INSERT INTO lab_completions (actor_id, module_id, attempt_id, completed_at) VALUES (?, ?, ?, ?)')
  t.throws(() => insert.run(f.actor, 'monte-carlo-basics', failed.attempt_id, 'now'), /must reference a passing attempt/)
  t.throws(() => insert.run(f.actor, 'monte-carlo-basics', passed.attempt_id, 'now'), /must reference a passing attempt/, 'another module\'s pass')
})

t.test('tokens spent on the Lab are the unlock spends net of their refunds', async (t) => {
  const f = await fixture(t)
  t.equal((await f.store.actorRecord(f.actor)).tokens_spent, 0)
  const elo = await unlock(f, 'elo-and-draws', 2)
  await unlock(f, 'three-scenarios', 3)
  await f.ledger.spend({ actorId: f.actor, amount: 5, feature: 'deep_dive_educational', reason: 'simulation', requestId: 'sim' })
  t.equal((await f.store.actorRecord(f.actor)).tokens_spent, 5, 'simulations are not Lab spending')
  await f.ledger.refund({ transactionId: elo.transactionId, reason: 'support', requestId: 'refund' })
  const record = await f.store.actorRecord(f.actor)
  t.equal(record.tokens_spent, 3)
  t.same(record.unlocks.map((u) => u.module_id).sort(), ['elo-and-draws', 'three-scenarios'], 'a refund does not take the unlock back')
})

t.test('one actor\'s record never shows another actor\'s unlocks or attempts', async (t) => {
  const f = await fixture(t)
  await unlock(f, 'elo-and-draws')
  await attempt(f, 'monte-carlo-basics', 4)
  const other = (await f.ledger.createActor()).actor_id
  t.same(await f.store.actorRecord(other), { unlocks: [], attempts: [], completions: [], tokens_spent: 0 })
  t.equal(await f.store.findUnlock(other, 'elo-and-draws'), null)
})
