import t from 'tap'
import type { Test } from 'tap'
import { openDatabase } from '../../src/db/database.js'
import type { LedgerEntry } from '../../src/ledger/types.js'
import { verifyLedger } from '../../src/ledger/verify.js'
import { ledgerOperations, openLedger, testClock } from '../fixtures/ledger/helpers.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import type { OpenedLedger, TestClock } from '../fixtures/ledger/helpers.js'

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

interface Setup extends OpenedLedger {
  clock: TestClock
  alice: string
  bob: string
}

/** Two actors; alice holds `aliceTokens`. verifyLedger must pass at the end of every test. */
async function setup (t: Test, aliceTokens = 10): Promise<Setup> {
  const clock = testClock('2025-03-10T12:00:00.000Z')
  const opened = openLedger(t.testdir(), { now: clock.now })
  // Assertions are closed by teardown time; a throw there still fails the test.
  t.teardown(() => {
    const report = verifyLedger(opened.db)
    opened.db.close()
    if (!report.ok) throw new Error(`the ledger does not verify: ${report.violations.join('; ')}`)
  })
  const alice = (await opened.ledger.createActor({ label: 'alice' })).actor_id
  const bob = (await opened.ledger.createActor({ label: 'bob' })).actor_id
  if (aliceTokens > 0) await opened.ledger.topup({ actorId: alice, amount: aliceTokens, paymentId: 'seed-alice', requestId: 'seed' })
  return { ...opened, clock, alice, bob }
}

const spendInput = (actorId: string, amount: number, extra: Record<string, string> = {}) => ({
  actorId, amount, feature: 'full_distribution', reason: 'simulation', requestId: `req-${Math.random()}`, ...extra
})

const entryInput = (amount: number) => ({
  amount, feature: 'full_distribution', reason: 'simulation', eventId: null, fingerprint: null, requestId: `req-${Math.random()}`, idempotencyKey: null
})

const entryCount = (s: Setup): number => s.db.prepare('SELECT count(*) FROM ledger_entries').pluck().get() as number

async function spendOk (s: Setup, actorId: string, amount: number, extra: Record<string, string> = {}): Promise<LedgerEntry> {
  const result = await s.ledger.spend(spendInput(actorId, amount, extra))
  if (!result.ok) throw new Error('expected the spend to succeed')
  return result.entry
}

t.test('daily grant', async (t) => {
  t.test('grants once per UTC day and records the day', async (t) => {
    const s = await setup(t, 0)
    const first = await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'req-grant' })
    t.match(first, {
      granted: true,
      entry: { kind: 'grant_daily', amount: 5, cost: 0, balance_before: 0, balance_after: 5, request_id: 'req-grant', status: 'committed', timestamp: '2025-03-10T12:00:00.000Z' }
    })
    t.same(await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'req-2' }), { granted: false })
    s.clock.set('2025-03-10T23:59:59.999Z')
    t.same(await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'req-3' }), { granted: false }, 'still the same UTC day')
    s.clock.advance(1)
    t.match(await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'req-4' }), { granted: true, entry: { balance_after: 10 } }, 'next UTC day')
    t.equal((await s.ledger.balance(s.alice)).balance, 10)
    t.same(s.db.prepare('SELECT grant_day FROM ledger_entries WHERE kind = ? ORDER BY seq').pluck().all('grant_daily'), ['2025-03-10', '2025-03-11'])
  })

  t.test('the day is the UTC day, whatever the local time zone would say', async (t) => {
    const s = await setup(t, 0)
    s.clock.set('2025-03-10T23:30:00.000-05:00')
    await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'r' })
    t.equal(s.db.prepare('SELECT grant_day FROM ledger_entries WHERE kind = ?').pluck().get('grant_daily'), '2025-03-11')
  })

  t.test('exactly once under 50 concurrent calls', async (t) => {
    const s = await setup(t, 0)
    const results = await Promise.all(Array.from({ length: 50 }, async (_, i) => s.ledger.grantDaily(s.alice, { amount: 5, requestId: `r${i}` })))
    t.equal(results.filter((r) => r.granted).length, 1)
    t.equal((await s.ledger.balance(s.alice)).balance, 5)
  })

  t.test('exactly once across separate connections', async (t) => {
    const s = await setup(t, 0)
    const connections = [s.db, openDatabase(s.file), openDatabase(s.file), openDatabase(s.file)]
    t.teardown(() => connections.slice(1).forEach((db) => db.close()))
    const ledgers = connections.map((db) => ledgerOperations(new SqliteStorage(db, { now: s.clock.now })))
    const results = await Promise.all(Array.from({ length: 40 }, async (_, i) => ledgers[i % 4].grantDaily(s.alice, { amount: 5, requestId: `r${i}` })))
    t.equal(results.filter((r) => r.granted).length, 1)
    s.clock.advance(24 * 3600_000)
    const nextDay = await Promise.all(ledgers.map(async (ledger, i) => ledger.grantDaily(s.alice, { amount: 5, requestId: `n${i}` })))
    t.equal(nextDay.filter((r) => r.granted).length, 1)
    t.equal((await s.ledger.balance(s.alice)).balance, 10)
  })

  t.test('refuses a bad amount and an unknown actor', async (t) => {
    const s = await setup(t, 0)
    for (const amount of [0, -5, 1.5, Number.NaN]) {
      await t.rejects(s.ledger.grantDaily(s.alice, { amount, requestId: 'r' }), { code: 'invalid_amount' }, `amount ${amount}`)
    }
    await t.rejects(s.ledger.grantDaily('nobody', { amount: 5, requestId: 'r' }), { code: 'actor_not_found' })
    await t.rejects(s.ledger.grantDaily(s.alice, { amount: 5, requestId: '' }), { code: 'invalid_argument' })
    t.equal(entryCount(s), 0)
  })
})

t.test('spend', async (t) => {
  t.test('debits and records everything about the charge', async (t) => {
    const s = await setup(t, 10)
    s.clock.advance(1234)
    const result = await s.ledger.spend({
      actorId: s.alice, amount: 3, feature: 'scenario_extremes', reason: 'simulation', eventId: 'evt-1', fingerprint: 'f'.repeat(64), requestId: 'req-9', idempotencyKey: 'idem-1'
    })
    t.match(result, {
      ok: true,
      entry: {
        actor_id: s.alice,
        timestamp: '2025-03-10T12:00:01.234Z',
        kind: 'spend',
        feature: 'scenario_extremes',
        reason: 'simulation',
        amount: -3,
        cost: 3,
        balance_before: 10,
        balance_after: 7,
        event_id: 'evt-1',
        fingerprint: 'f'.repeat(64),
        idempotency_key: 'idem-1',
        payment_id: null,
        refund_of: null,
        request_id: 'req-9',
        status: 'committed'
      }
    })
    if (!result.ok) return
    t.match(result.entry.transaction_id, ULID)
    t.same(await s.ledger.getEntry(result.entry.transaction_id), result.entry, 'stored exactly as returned')
    t.same(await s.ledger.balance(s.alice), { actor_id: s.alice, balance: 7, last_updated: '2025-03-10T12:00:01.234Z' })
  })

  t.test('can spend the balance down to exactly zero, never below', async (t) => {
    const s = await setup(t, 4)
    await spendOk(s, s.alice, 2)
    await spendOk(s, s.alice, 2)
    t.equal((await s.ledger.balance(s.alice)).balance, 0)
    t.match(await s.ledger.spend(spendInput(s.alice, 1)), { ok: false, available: 0, required: 1 })
  })

  t.test('when short, records a denied entry and moves nothing', async (t) => {
    const s = await setup(t, 2)
    const before = await s.ledger.balance(s.alice)
    s.clock.advance(5000)
    const result = await s.ledger.spend(spendInput(s.alice, 5, { fingerprint: 'fp' }))
    t.match(result, {
      ok: false,
      available: 2,
      required: 5,
      entry: { kind: 'denied', amount: 0, cost: 0, balance_before: 2, balance_after: 2, status: 'denied', feature: 'full_distribution', fingerprint: 'fp' }
    })
    t.same(await s.ledger.balance(s.alice), before, 'balance and last_updated unchanged')
    t.equal((await s.ledger.history(s.alice)).entries[0].status, 'denied')
  })

  t.test('refuses bad input without writing', async (t) => {
    const s = await setup(t, 10)
    for (const amount of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      await t.rejects(s.ledger.spend(spendInput(s.alice, amount)), { code: 'invalid_amount' }, `amount ${amount}`)
    }
    await t.rejects(s.ledger.spend({ ...spendInput(s.alice, 1), requestId: '' }), { code: 'invalid_argument' })
    await t.rejects(s.ledger.spend({ ...spendInput(s.alice, 1), feature: '' }), { code: 'invalid_argument' })
    await t.rejects(s.ledger.spend(spendInput('nobody', 1)), { code: 'actor_not_found' })
    t.equal(entryCount(s), 1, 'only the seed top-up')
  })

  t.test('a unit of work commits its writes together', async (t) => {
    const s = await setup(t, 10)
    s.db.exec('CREATE TABLE unit_side_effects (key TEXT PRIMARY KEY, entry_id TEXT NOT NULL) STRICT')
    const entry = await s.storage.withActorTransaction(s.alice, async (tx) => {
      const spent = await tx.appendSpend(entryInput(2))
      t.equal(s.db.inTransaction, true, 'runs inside the transaction')
      t.equal(s.db.prepare('SELECT balance FROM balances WHERE actor_id = ?').pluck().get(s.alice), 8, 'after the debit')
      s.db.prepare('INSERT INTO unit_side_effects VALUES (?, ?)').run('k1', spent?.transaction_id)
      return spent
    })
    t.equal(s.db.prepare('SELECT entry_id FROM unit_side_effects').pluck().get(), entry?.transaction_id)
  })

  t.test('a unit of work that throws rolls its charge back', async (t) => {
    const s = await setup(t, 10)
    s.db.exec('CREATE TABLE unit_side_effects (key TEXT PRIMARY KEY) STRICT')
    await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => {
      await tx.appendSpend(entryInput(2))
      s.db.prepare('INSERT INTO unit_side_effects VALUES (?)').run('k1')
      throw new Error('idempotency store failed')
    }), /idempotency store failed/)
    t.equal((await s.ledger.balance(s.alice)).balance, 10)
    t.equal(entryCount(s), 1)
    t.equal(s.db.prepare('SELECT count(*) FROM unit_side_effects').pluck().get(), 0, 'the other write vanished too')
    t.equal(s.db.inTransaction, false)
    t.match(await s.ledger.spend(spendInput(s.alice, 2)), { ok: true, entry: { balance_before: 10 } }, 'the ledger works on')
  })

  t.test('appendSpend writes nothing when the balance is short', async (t) => {
    const s = await setup(t, 1)
    t.equal(await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendSpend(entryInput(2))), null)
    t.equal(entryCount(s), 1)
  })
})

t.test('refund', async (t) => {
  t.test('restores a spend once and marks it refunded', async (t) => {
    const s = await setup(t, 10)
    const spend = await spendOk(s, s.alice, 3, { fingerprint: 'fp', eventId: 'evt' })
    const refund = await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'simulation_failed', requestId: 'req-r' })
    t.match(refund, {
      kind: 'refund',
      amount: 3,
      cost: 0,
      balance_before: 7,
      balance_after: 10,
      refund_of: spend.transaction_id,
      reason: 'simulation_failed',
      request_id: 'req-r',
      feature: 'full_distribution',
      fingerprint: 'fp',
      event_id: 'evt',
      status: 'committed'
    })
    t.equal((await s.ledger.getEntry(spend.transaction_id))?.status, 'refunded')
    t.equal((await s.ledger.balance(s.alice)).balance, 10)
    await t.rejects(s.ledger.refund({ transactionId: spend.transaction_id, reason: 'again', requestId: 'r2' }), { code: 'already_refunded', status: 409 })
    t.equal((await s.ledger.balance(s.alice)).balance, 10, 'not refunded twice')
  })

  t.test('only spends can be refunded', async (t) => {
    const s = await setup(t, 1)
    const topup = (await s.ledger.history(s.alice)).entries[0]
    const grant = await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'g' })
    const denied = await s.ledger.spend(spendInput(s.alice, 100))
    const spend = await spendOk(s, s.alice, 1)
    const refund = await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r' })
    for (const id of [topup.transaction_id, grant.granted ? grant.entry.transaction_id : '', denied.entry.transaction_id, refund.transaction_id]) {
      await t.rejects(s.ledger.refund({ transactionId: id, reason: 'x', requestId: 'r' }), { code: 'not_refundable', status: 422 })
    }
    await t.rejects(s.ledger.refund({ transactionId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', reason: 'x', requestId: 'r' }), { code: 'transaction_not_found', status: 404 })
  })

  t.test('the actor scope check hides other actors\' transactions', async (t) => {
    const s = await setup(t, 10)
    const spend = await spendOk(s, s.alice, 2)
    await t.rejects(s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r', actorId: s.bob }), { code: 'transaction_not_found' })
    t.equal((await s.ledger.getEntry(spend.transaction_id))?.status, 'committed')
    t.match(await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r', actorId: s.alice }), { amount: 2 })
  })

  t.test('a unit of work that throws rolls the refund back', async (t) => {
    const s = await setup(t, 10)
    const spend = await spendOk(s, s.alice, 2)
    await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => {
      await tx.appendRefund(spend.transaction_id, 'x', 'r')
      throw new Error('boom')
    }), /boom/)
    t.equal((await s.ledger.balance(s.alice)).balance, 8)
    t.match(await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r' }), { amount: 2 }, 'still refundable')
  })
})

t.test('topup', async (t) => {
  t.test('credits the actor once per payment id', async (t) => {
    const s = await setup(t, 0)
    const first = await s.ledger.topup({ actorId: s.alice, amount: 50, paymentId: 'pay-1', requestId: 'r1' })
    t.match(first, { replayed: false, entry: { kind: 'topup', amount: 50, balance_before: 0, balance_after: 50, payment_id: 'pay-1', request_id: 'r1' } })
    const again = await s.ledger.topup({ actorId: s.alice, amount: 50, paymentId: 'pay-1', requestId: 'r2' })
    t.same(again, { replayed: true, entry: first.entry }, 'the original result')
    t.equal((await s.ledger.balance(s.alice)).balance, 50)
    const concurrent = await Promise.all(Array.from({ length: 10 }, async () => s.ledger.topup({ actorId: s.alice, amount: 7, paymentId: 'pay-2', requestId: 'r' })))
    t.equal(concurrent.filter((r) => !r.replayed).length, 1)
    t.equal((await s.ledger.balance(s.alice)).balance, 57)
  })

  t.test('a payment id reused for another actor or amount is a conflict', async (t) => {
    const s = await setup(t, 0)
    await s.ledger.topup({ actorId: s.alice, amount: 50, paymentId: 'pay-1', requestId: 'r1' })
    await t.rejects(s.ledger.topup({ actorId: s.bob, amount: 50, paymentId: 'pay-1', requestId: 'r2' }), { code: 'payment_id_conflict', status: 409 })
    await t.rejects(s.ledger.topup({ actorId: s.alice, amount: 51, paymentId: 'pay-1', requestId: 'r3' }), { code: 'payment_id_conflict' })
    t.equal((await s.ledger.balance(s.bob)).balance, 0)
    t.equal((await s.ledger.balance(s.alice)).balance, 50)
  })

  t.test('refuses an unknown actor and a bad amount', async (t) => {
    const s = await setup(t, 0)
    await t.rejects(s.ledger.topup({ actorId: 'nobody', amount: 5, paymentId: 'p', requestId: 'r' }), { code: 'actor_not_found', status: 404 })
    for (const amount of [0, -1, 2.5]) {
      await t.rejects(s.ledger.topup({ actorId: s.alice, amount, paymentId: 'p', requestId: 'r' }), { code: 'invalid_amount' })
    }
    await t.rejects(s.ledger.topup({ actorId: s.alice, amount: 1, paymentId: '', requestId: 'r' }), { code: 'invalid_argument' })
    t.equal(entryCount(s), 0)
  })
})

t.test('balance of an actor without entries is 0 since its creation', async (t) => {
  const s = await setup(t, 0)
  const createdAt = s.db.prepare('SELECT created_at FROM actors WHERE actor_id = ?').pluck().get(s.bob)
  t.same(await s.ledger.balance(s.bob), { actor_id: s.bob, balance: 0, last_updated: createdAt })
  await t.rejects(s.ledger.balance('nobody'), { code: 'actor_not_found' })
})

t.test('history', async (t) => {
  t.test('lists newest first with statuses', async (t) => {
    const s = await setup(t, 10)
    const spend = await spendOk(s, s.alice, 2)
    await s.ledger.spend(spendInput(s.alice, 100))
    await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r' })
    const { entries, next_cursor: next } = await s.ledger.history(s.alice)
    t.same(entries.map((e) => [e.kind, e.status]), [['refund', 'committed'], ['denied', 'denied'], ['spend', 'refunded'], ['topup', 'committed']])
    t.equal(next, null)
    t.same([...entries.map((e) => e.transaction_id)].sort().reverse(), entries.map((e) => e.transaction_id), 'ULIDs sort like the history')
  })

  t.test('pages through every entry exactly once, even while new entries arrive', async (t) => {
    const s = await setup(t, 1000)
    for (let i = 0; i < 249; i++) await spendOk(s, s.alice, 1)
    const first = await s.ledger.history(s.alice, { limit: 100 })
    t.equal(first.entries.length, 100)
    t.type(first.next_cursor, 'string')
    for (let i = 0; i < 30; i++) await spendOk(s, s.alice, 1)
    const second = await s.ledger.history(s.alice, { limit: 100, cursor: first.next_cursor ?? '' })
    const third = await s.ledger.history(s.alice, { limit: 100, cursor: second.next_cursor ?? '' })
    t.equal(third.entries.length, 50)
    t.equal(third.next_cursor, null)
    const seen = [...first.entries, ...second.entries, ...third.entries].map((e) => e.balance_after)
    t.same(seen, Array.from({ length: 250 }, (_, i) => 751 + i), 'contiguous, newest first (balances rise going back), no entry twice')
    t.equal((await s.ledger.history(s.alice)).entries.length, 100, 'default limit 100')
    t.equal((await s.ledger.history(s.alice, { limit: 500 })).entries.length, 280)
  })

  t.test('an exactly full last page has no next cursor', async (t) => {
    const s = await setup(t, 10)
    await spendOk(s, s.alice, 1)
    const page = await s.ledger.history(s.alice, { limit: 2 })
    t.equal(page.entries.length, 2)
    t.equal(page.next_cursor, null)
  })

  t.test('refuses a bad limit, a forged cursor and an unknown actor', async (t) => {
    const s = await setup(t, 10)
    for (const limit of [0, 501, 1.5, -1]) {
      await t.rejects(s.ledger.history(s.alice, { limit }), { code: 'invalid_argument' }, `limit ${limit}`)
    }
    for (const cursor of ['', 'nonsense', Buffer.from('s-1').toString('base64url'), Buffer.from('s1 OR 1=1').toString('base64url')]) {
      await t.rejects(s.ledger.history(s.alice, { cursor }), { code: 'invalid_cursor', status: 400 }, `cursor ${cursor}`)
    }
    await t.rejects(s.ledger.history('nobody'), { code: 'actor_not_found' })
  })
})

t.test('entitlement', async (t) => {
  const s = await setup(t, 20)
  const since = new Date(s.clock.now().getTime() - 24 * 3600_000)
  t.equal(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', since), null)
  const paid = await spendOk(s, s.alice, 2, { fingerprint: 'fp-1' })
  s.clock.advance(1000)
  await s.ledger.spend({ ...spendInput(s.alice, 100), fingerprint: 'fp-2' })
  t.same(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', since), paid)
  t.equal(await s.ledger.findEntitlement(s.alice, 'fp-1', 'deep_dive_educational', since), null, 'another depth')
  t.equal(await s.ledger.findEntitlement(s.alice, 'fp-2', 'full_distribution', since), null, 'a denied attempt entitles nothing')
  t.equal(await s.ledger.findEntitlement(s.bob, 'fp-1', 'full_distribution', since), null, 'another actor')
  t.equal(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', new Date(Date.parse(paid.timestamp) + 1)), null, 'too old')
  t.same(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', new Date(paid.timestamp)), paid, 'since is inclusive')
  await s.ledger.refund({ transactionId: paid.transaction_id, reason: 'simulation_failed', requestId: 'r' })
  t.equal(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', since), null, 'a refunded spend entitles nothing')
  const again = await spendOk(s, s.alice, 2, { fingerprint: 'fp-1' })
  t.same(await s.ledger.findEntitlement(s.alice, 'fp-1', 'full_distribution', since), again)
})

t.test('getEntry answers null for an unknown id', async (t) => {
  const s = await setup(t, 0)
  t.equal(await s.ledger.getEntry('01JZZZZZZZZZZZZZZZZZZZZZZZ'), null)
})

t.test('actor isolation: one actor\'s operations never touch another\'s tokens', async (t) => {
  const s = await setup(t, 10)
  await s.ledger.topup({ actorId: s.bob, amount: 3, paymentId: 'pay-bob', requestId: 'r' })
  const bobBefore = await s.ledger.balance(s.bob)
  const bobHistory = await s.ledger.history(s.bob)
  const spend = await spendOk(s, s.alice, 4)
  await s.ledger.spend(spendInput(s.alice, 100))
  await s.ledger.grantDaily(s.alice, { amount: 5, requestId: 'g' })
  await s.ledger.refund({ transactionId: spend.transaction_id, reason: 'x', requestId: 'r', actorId: s.alice })
  t.same(await s.ledger.balance(s.bob), bobBefore)
  t.same(await s.ledger.history(s.bob), bobHistory)
  t.ok((await s.ledger.history(s.alice)).entries.every((e) => e.actor_id === s.alice))
  t.match(await s.ledger.spend(spendInput(s.bob, 4)), { ok: false, available: 3 }, 'bob cannot use alice\'s tokens')
  t.equal((await s.ledger.balance(s.alice)).balance, 15)
})

t.test('group commit: concurrent spends share a transaction, yet each stands or falls alone', async (t) => {
  const { db, ledger, storage } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const { actor_id: actorId } = await ledger.createActor()
  await ledger.topup({ actorId, amount: 10, paymentId: 'p-1', requestId: 'r-0' })
  const commits: number[] = []
  const results = await Promise.allSettled([
    ledger.spend({ actorId, amount: 3, feature: 'f', reason: 'r', requestId: 'r-1' }).then((result) => { commits.push(1); return result }),
    storage.withActorTransaction(actorId, async (tx) => {
      await tx.appendSpend({ amount: 3, feature: 'f', reason: 'r', eventId: null, fingerprint: null, requestId: 'r-2', idempotencyKey: null })
      throw new Error('hook failed')
    }),
    ledger.spend({ actorId, amount: 3, feature: 'f', reason: 'r', requestId: 'r-3' }),
    ledger.spend({ actorId, amount: 3, feature: 'f', reason: 'r', requestId: 'r-4' })
  ])
  t.equal(results[0].status, 'fulfilled')
  t.equal(results[1].status, 'rejected', 'the spend whose hook threw is rejected')
  t.match((results[1] as PromiseRejectedResult).reason, { message: 'hook failed' })
  t.match((results[2] as PromiseFulfilledResult<{ ok: boolean }>).value, { ok: true })
  t.match((results[3] as PromiseFulfilledResult<{ ok: boolean }>).value, { ok: true, entry: { balance_before: 4, balance_after: 1 } }, 'applied in order after the rolled-back one')
  t.equal((await ledger.balance(actorId)).balance, 1)
  t.notOk(db.prepare("SELECT 1 FROM ledger_entries WHERE request_id = 'r-2'").get(), 'nothing of the failed spend remains')
  t.ok(verifyLedger(db).ok)
})
