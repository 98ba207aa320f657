import type { Test } from 'tap'
import { BillingService, type PaidAction } from '../../src/billing/index.js'
import type { IdempotencyRecord } from '../../src/storage/idempotency.js'
import { LedgerError } from '../../src/ledger/errors.js'
import type { LedgerEntry } from '../../src/ledger/types.js'
import type { VerifyReport } from '../../src/ledger/verify.js'
import type { ActorTransaction, EntitlementPurchase, IdempotencyRef, SpendEntryInput, Storage } from '../../src/storage/port.js'
import { testClock, type TestClock } from '../fixtures/ledger/helpers.js'

/** One backend under test: a fresh, migrated, empty store per call, closed and dropped after the test. */
export interface StorageBackend {
  name: string
  open: (t: Test, now: () => Date) => Promise<Storage>
  /** A second handle on the same store, as another process or instance would have. */
  openPeer: (t: Test, storage: Storage, now: () => Date) => Promise<Storage>
  verify: (storage: Storage) => Promise<VerifyReport>
}

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/
const FINGERPRINT = 'f'.repeat(64)

interface Setup {
  storage: Storage
  clock: TestClock
  alice: string
  bob: string
}

let requestCounter = 0
const nextRequest = (): string => `req-${++requestCounter}`

// Each spend buys distinct inputs unless a test says otherwise: ledger:verify reports a second
// unrefunded spend of one (fingerprint, feature) within 24 h as a double charge.
const spendInput = (amount: number, extra: Partial<SpendEntryInput> = {}): SpendEntryInput => {
  const requestId = nextRequest()
  return { amount, feature: 'full_distribution', reason: 'simulation', eventId: null, fingerprint: Buffer.from(requestId).toString('hex').padStart(64, '0'), requestId, idempotencyKey: null, ...extra }
}

/**
 * The storage port's contract (src/storage/port.ts): every ledger and idempotency rule, run against
 * SQLite and PostgreSQL alike (test/storage/sqlite.test.ts, test/storage/postgres.test.ts). Each test
 * ends with the backend's ledger:verify, which must be clean.
 */
export function runStorageContract (t: Test, backend: StorageBackend): void {
  async function setup (t: Test, aliceTokens = 10): Promise<Setup> {
    const clock = testClock('2025-03-10T12:00:00.000Z')
    const storage = await backend.open(t, clock.now)
    t.teardown(async () => {
      const report = await backend.verify(storage)
      if (!report.ok) throw new Error(`the ledger does not verify: ${report.violations.join('; ')}`)
    })
    const alice = (await storage.ledger.createActor({ label: 'alice' })).actor_id
    const bob = (await storage.ledger.createActor({ label: 'bob' })).actor_id
    if (aliceTokens > 0) await topup(storage, alice, aliceTokens, `seed-${alice}`)
    return { storage, clock, alice, bob }
  }

  async function topup (storage: Storage, actorId: string, amount: number, paymentId: string): Promise<LedgerEntry> {
    return (await storage.withActorTransaction(actorId, async (tx) => await tx.appendTopup({ amount, paymentId, requestId: nextRequest() }))).entry
  }

  async function spend (storage: Storage, actorId: string, amount: number, extra: Partial<SpendEntryInput> = {}): Promise<LedgerEntry | null> {
    return await storage.withActorTransaction(actorId, async (tx) => await tx.appendSpend(spendInput(amount, extra)))
  }

  const balanceOf = async (s: Setup, actorId: string): Promise<number> => (await s.storage.ledger.balance(actorId)).balance

  t.test(`${backend.name}: actors and keys`, async (t) => {
    t.test('createActor returns an act_<ULID> id and a key, once; a chosen id is refused the second time', async (t) => {
      const { storage } = await setup(t, 0)
      const created = await storage.ledger.createActor({ label: 'carol' })
      t.match(created.actor_id, /^act_[0-7][0-9A-HJKMNP-TV-Z]{25}$/)
      t.match(created.api_key, /^tko_[A-Za-z0-9_-]{43}$/)
      t.match(await storage.ledger.authenticate(created.api_key), { actor_id: created.actor_id, label: 'carol', disabled: false })
      t.equal(await storage.ledger.authenticate(`${created.api_key}x`), null)
      t.equal(await storage.ledger.authenticate(''), null)
      await storage.ledger.createActor({ actorId: 'chosen-id' })
      await t.rejects(storage.ledger.createActor({ actorId: 'chosen-id' }), { code: 'actor_exists' })
      t.same(await storage.ledger.balance(created.actor_id), { actor_id: created.actor_id, balance: 0, last_updated: created.created_at })
    })

    t.test('ensureActor creates an unknown actor once, even from 20 concurrent calls on two handles', async (t) => {
      const { storage, clock } = await setup(t, 0)
      const peer = await backend.openPeer(t, storage, clock.now)
      const actors = await Promise.all(Array.from({ length: 20 }, async (_, i) => await (i % 2 === 0 ? storage : peer).ledger.ensureActor('header-actor')))
      t.equal(new Set(actors.map((a) => a.created_at)).size, 1, 'one actor, created once')
      t.equal(await balanceOf({ storage } as Setup, 'header-actor'), 0)
      await t.rejects(storage.ledger.balance('nobody'), { code: 'actor_not_found' })
    })
  })

  t.test(`${backend.name}: daily grant`, async (t) => {
    t.test('grants once per UTC day', async (t) => {
      const s = await setup(t, 0)
      t.match(await s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: 'req-grant' }), {
        granted: true,
        entry: { kind: 'grant_daily', amount: 5, balance_before: 0, balance_after: 5, request_id: 'req-grant', timestamp: '2025-03-10T12:00:00.000Z' }
      })
      t.same(await s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: nextRequest() }), { granted: false })
      s.clock.set('2025-03-10T23:59:59.999Z')
      t.same(await s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: nextRequest() }), { granted: false }, 'still the same UTC day')
      s.clock.advance(1)
      t.match(await s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: nextRequest() }), { granted: true, entry: { balance_after: 10 } })
      await t.rejects(s.storage.ledger.grantDaily('nobody', { amount: 5, requestId: nextRequest() }), { code: 'actor_not_found' })
      await t.rejects(s.storage.ledger.grantDaily(s.alice, { amount: 0, requestId: nextRequest() }), { code: 'invalid_amount' })
    })

    t.test('exactly once under 50 concurrent calls on two handles', async (t) => {
      const s = await setup(t, 0)
      const peer = await backend.openPeer(t, s.storage, s.clock.now)
      const results = await Promise.all(Array.from({ length: 50 }, async (_, i) =>
        await (i % 2 === 0 ? s.storage : peer).ledger.grantDaily(s.alice, { amount: 5, requestId: nextRequest() })))
      t.equal(results.filter((r) => r.granted).length, 1)
      t.equal(await balanceOf(s, s.alice), 5)
    })
  })

  t.test(`${backend.name}: actor transactions`, async (t) => {
    t.test('a spend debits and records everything about the charge', async (t) => {
      const s = await setup(t)
      const entry = await spend(s.storage, s.alice, 3, { eventId: 'epl-1', idempotencyKey: 'key-1', requestId: 'req-spend', fingerprint: FINGERPRINT })
      t.match(entry, {
        actor_id: s.alice,
        kind: 'spend',
        amount: -3,
        cost: 3,
        balance_before: 10,
        balance_after: 7,
        feature: 'full_distribution',
        reason: 'simulation',
        event_id: 'epl-1',
        fingerprint: FINGERPRINT,
        idempotency_key: 'key-1',
        request_id: 'req-spend',
        status: 'committed',
        timestamp: '2025-03-10T12:00:00.000Z'
      })
      t.match(entry?.transaction_id, ULID)
      t.same(await s.storage.ledger.getEntry(entry?.transaction_id as string), entry, 'stored exactly as returned')
      t.same(await s.storage.ledger.balance(s.alice), { actor_id: s.alice, balance: 7, last_updated: '2025-03-10T12:00:00.000Z' })
    })

    t.test('the balance goes down to exactly zero, never below; a short spend writes nothing and the denial is audited', async (t) => {
      const s = await setup(t)
      t.ok(await spend(s.storage, s.alice, 10))
      t.equal(await spend(s.storage, s.alice, 1), null)
      const denied = await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendDenied(spendInput(2)))
      t.match(denied, { kind: 'denied', amount: 0, cost: 0, balance_before: 0, balance_after: 0, status: 'denied' })
      t.equal(await balanceOf(s, s.alice), 0)
      const history = await s.storage.ledger.history(s.alice)
      t.same(history.entries.map((e) => e.kind), ['denied', 'spend', 'topup'])
    })

    t.test('actor() reads the locked state, and follows the writes of the unit', async (t) => {
      const s = await setup(t)
      const seen = await s.storage.withActorTransaction(s.alice, async (tx) => {
        const before = await tx.actor()
        await tx.appendSpend(spendInput(4))
        return [before, await tx.actor()]
      })
      t.match(seen, [{ actor_id: s.alice, label: 'alice', disabled: false, balance: 10 }, { balance: 6 }])
      await t.rejects(s.storage.withActorTransaction('nobody', async (tx) => await tx.actor()), { code: 'actor_not_found' })
    })

    t.test('a unit that throws rolls back all its writes; the units beside it commit', async (t) => {
      const s = await setup(t)
      const outcomes = await Promise.allSettled([
        s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendSpend(spendInput(1))),
        s.storage.withActorTransaction(s.alice, async (tx) => {
          await tx.appendSpend(spendInput(5))
          throw new Error('delivery failed')
        }),
        s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendSpend(spendInput(2)))
      ])
      t.same(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled'])
      t.equal(await balanceOf(s, s.alice), 7, 'only the two surviving spends are charged')
      t.same((await s.storage.ledger.history(s.alice)).entries.map((e) => e.amount), [-2, -1, 10])
    })

    t.test('200 concurrent spends of 2 on 100 tokens, on two handles: exactly 50 succeed', async (t) => {
      const s = await setup(t, 100)
      const peer = await backend.openPeer(t, s.storage, s.clock.now)
      const results = await Promise.all(Array.from({ length: 200 }, async (_, i) =>
        await spend(i % 2 === 0 ? s.storage : peer, s.alice, 2)))
      t.equal(results.filter((r) => r !== null).length, 50)
      t.equal(await balanceOf(s, s.alice), 0)
      const afters = results.filter((r): r is LedgerEntry => r !== null).map((r) => r.balance_after).sort((a, b) => a - b)
      t.same(afters, Array.from({ length: 50 }, (_, i) => i * 2), 'every balance from 98 down to 0 exactly once')
    })

    t.test('one actor\'s transactions never touch another\'s tokens', async (t) => {
      const s = await setup(t)
      await topup(s.storage, s.bob, 3, 'seed-bob')
      await Promise.all([spend(s.storage, s.alice, 4), spend(s.storage, s.bob, 3), spend(s.storage, s.bob, 1)])
      t.equal(await balanceOf(s, s.alice), 6)
      t.equal(await balanceOf(s, s.bob), 0)
    })
  })

  t.test(`${backend.name}: refunds`, async (t) => {
    t.test('restore a spend once and mark it refunded', async (t) => {
      const s = await setup(t)
      const spent = await spend(s.storage, s.alice, 4) as LedgerEntry
      const refund = await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(spent.transaction_id, 'simulation_failed', 'req-refund'))
      t.match(refund, { kind: 'refund', amount: 4, balance_before: 6, balance_after: 10, refund_of: spent.transaction_id, reason: 'simulation_failed', feature: 'full_distribution' })
      t.equal((await s.storage.ledger.getEntry(spent.transaction_id))?.status, 'refunded')
      await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(spent.transaction_id, 'again', nextRequest())), { code: 'already_refunded' })
      t.equal(await balanceOf(s, s.alice), 10)
    })

    t.test('10 concurrent refunds of one spend: one succeeds', async (t) => {
      const s = await setup(t)
      const spent = await spend(s.storage, s.alice, 4) as LedgerEntry
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, async () =>
        await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(spent.transaction_id, 'simulation_failed', nextRequest()))))
      t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1)
      t.equal(await balanceOf(s, s.alice), 10)
    })

    t.test('only spends, and only the actor\'s own, can be refunded', async (t) => {
      const s = await setup(t)
      const seed = (await s.storage.ledger.history(s.alice)).entries[0]
      await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(seed.transaction_id, 'x', nextRequest())), { code: 'not_refundable' })
      const spent = await spend(s.storage, s.alice, 1) as LedgerEntry
      await t.rejects(s.storage.withActorTransaction(s.bob, async (tx) => await tx.appendRefund(spent.transaction_id, 'x', nextRequest())), { code: 'transaction_not_found' })
      await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund('01J00000000000000000000000', 'x', nextRequest())), { code: 'transaction_not_found' })
    })
  })

  t.test(`${backend.name}: top-ups credit a payment once`, async (t) => {
    const s = await setup(t, 0)
    const results = await Promise.all(Array.from({ length: 10 }, async () =>
      await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendTopup({ amount: 7, paymentId: 'pay-1', requestId: nextRequest() }))))
    t.equal(results.filter((r) => !r.replayed).length, 1, 'one credit')
    t.equal(new Set(results.map((r) => r.entry.transaction_id)).size, 1, 'every replay returns the original entry')
    t.equal(await balanceOf(s, s.alice), 7)
    await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendTopup({ amount: 8, paymentId: 'pay-1', requestId: nextRequest() })), { code: 'payment_id_conflict' })
    await t.rejects(s.storage.withActorTransaction(s.bob, async (tx) => await tx.appendTopup({ amount: 7, paymentId: 'pay-1', requestId: nextRequest() })), { code: 'payment_id_conflict' })
  })

  t.test(`${backend.name}: history pages newest first, every entry exactly once while new entries arrive`, async (t) => {
    const s = await setup(t, 30)
    for (let i = 0; i < 9; i++) await spend(s.storage, s.alice, 1)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await s.storage.ledger.history(s.alice, { limit: 3, cursor })
      seen.push(...page.entries.map((e) => e.transaction_id))
      if (cursor === undefined) await spend(s.storage, s.alice, 1)
      cursor = page.next_cursor ?? undefined
    } while (cursor !== undefined)
    t.equal(seen.length, 10)
    t.equal(new Set(seen).size, 10)
    await t.rejects(s.storage.ledger.history(s.alice, { limit: 0 }), { code: 'invalid_argument' })
    await t.rejects(s.storage.ledger.history(s.alice, { cursor: 'forged' }), { code: 'invalid_cursor' })
    await t.rejects(s.storage.ledger.history('nobody'), { code: 'actor_not_found' })
  })

  t.test(`${backend.name}: entitlement is the latest unrefunded spend of the fingerprint and feature within the window`, async (t) => {
    const s = await setup(t)
    const find = async (since: string, feature = 'full_distribution'): Promise<LedgerEntry | null> =>
      await s.storage.withActorTransaction(s.alice, async (tx) => await tx.findEntitlement(FINGERPRINT, feature, new Date(since)))
    t.equal(await find('2025-03-09T12:00:00.000Z'), null)
    const first = await spend(s.storage, s.alice, 2, { fingerprint: FINGERPRINT }) as LedgerEntry
    t.equal((await find('2025-03-09T12:00:00.000Z'))?.transaction_id, first.transaction_id)
    t.equal(await find('2025-03-09T12:00:00.000Z', 'deep_dive_educational'), null, 'another feature')
    t.equal(await find('2025-03-10T12:00:00.001Z'), null, 'outside the window')
    t.equal(await s.storage.withActorTransaction(s.bob, async (tx) => await tx.findEntitlement(FINGERPRINT, 'full_distribution', new Date(0))), null, 'another actor')
    await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(first.transaction_id, 'simulation_failed', nextRequest()))
    t.equal(await find('2025-03-09T12:00:00.000Z'), null, 'a refunded spend entitles nothing')
  })

  t.test(`${backend.name}: purchaseEntitlement: owned by the latest unrefunded spend in the window, else spent, else denied`, async (t) => {
    const s = await setup(t, 5)
    const since = new Date('2025-03-09T12:00:00.000Z')
    const buy = async (amount: number, feature = 'full_distribution', from = since, actorId = s.alice): Promise<EntitlementPurchase> =>
      await s.storage.withActorTransaction(actorId, async (tx) =>
        await tx.purchaseEntitlement({ ...spendInput(amount, { feature }), fingerprint: FINGERPRINT }, from))

    const first = await buy(2)
    t.equal(first.outcome, 'spent')
    t.match(first.entry, { kind: 'spend', amount: -2, cost: 2, balance_before: 5, balance_after: 3, fingerprint: FINGERPRINT, status: 'committed' })
    t.same(await s.storage.ledger.getEntry(first.entry.transaction_id), first.entry, 'the answer is the stored entry')
    t.equal(await balanceOf(s, s.alice), 3)

    const again = await buy(2)
    t.equal(again.outcome, 'owned')
    t.same(again.entry, first.entry, 'owned by the first spend; nothing written')
    t.equal(await balanceOf(s, s.alice), 3)
    t.equal((await s.storage.ledger.history(s.alice)).entries.length, 2, 'top-up and one spend')

    const second = await buy(2, 'full_distribution', new Date('2025-03-10T12:00:00.001Z'))
    t.equal(second.outcome, 'spent', 'outside the window it is bought again')
    t.equal(await balanceOf(s, s.alice), 1)
    const short = await buy(2, 'deep_dive_educational')
    t.equal(short.outcome, 'denied', 'another feature is not covered, and 1 token is short of 2')
    t.match(short.entry, { kind: 'denied', amount: 0, cost: 0, balance_before: 1, balance_after: 1, feature: 'deep_dive_educational', status: 'denied' })
    t.equal(await balanceOf(s, s.alice), 1, 'a denial moves nothing')
    t.equal((await buy(2, 'deep_dive_educational')).outcome, 'denied', 'a denied attempt entitles nothing')

    t.equal((await buy(1, 'full_distribution', new Date(0), s.bob)).outcome, 'denied', "another actor's spend covers nothing")
    await t.rejects(s.storage.withActorTransaction('nobody', async (tx) =>
      await tx.purchaseEntitlement({ ...spendInput(1), fingerprint: FINGERPRINT }, since)), { code: 'actor_not_found' })

    // Both spends of FINGERPRINT are in the window; the latest covers, and once both are refunded none does.
    const latest = await buy(1)
    t.equal(latest.outcome, 'owned')
    t.equal(latest.entry.transaction_id, second.entry.transaction_id, 'the latest of two spends in the window covers')
    for (const history of (await s.storage.ledger.history(s.alice)).entries.filter((e) => e.kind === 'spend')) {
      await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendRefund(history.transaction_id, 'simulation_failed', nextRequest()))
    }
    t.equal(await balanceOf(s, s.alice), 5)
    const bought = await buy(2)
    t.equal(bought.outcome, 'spent', 'a refunded spend entitles nothing')
    t.equal(bought.entry.balance_after, 3)
  })

  t.test(`${backend.name}: storage.purchaseEntitlement: many actors in one turn, one charge per inputs, a failure rejects alone`, async (t) => {
    const s = await setup(t, 0)
    const carol = (await s.storage.ledger.createActor({ label: 'carol' })).actor_id
    const actors = [s.alice, s.bob, carol]
    for (const actorId of actors) await topup(s.storage, actorId, 10, `seed2-${actorId}`)
    const peer = await backend.openPeer(t, s.storage, s.clock.now)
    const since = new Date('2025-03-09T12:00:00.000Z')
    const purchase = (storage: Storage, actorId: string, fingerprint: string, extra: Partial<SpendEntryInput> = {}): Promise<EntitlementPurchase> =>
      storage.purchaseEntitlement(actorId, { ...spendInput(2, extra), fingerprint }, since)

    // In one turn, on this instance and a peer: per actor 8 identical purchases and 3 distinct ones,
    // one purchase with an invalid request id, and one for an actor that does not exist.
    const identical = actors.flatMap((actorId) => Array.from({ length: 8 }, (_, i) => purchase(i % 2 === 0 ? s.storage : peer, actorId, FINGERPRINT)))
    const distinct = actors.flatMap((actorId) => [1, 2, 3].map((n) => purchase(n === 2 ? peer : s.storage, actorId, `${n}`.repeat(64))))
    const invalid = purchase(s.storage, s.alice, 'a'.repeat(64), { requestId: '' })
    const missing = purchase(s.storage, 'nobody', FINGERPRINT)
    const [identicalResults, distinctResults, invalidResult, missingResult] = await Promise.all([
      Promise.allSettled(identical), Promise.allSettled(distinct), invalid.then(() => 'resolved', (e: unknown) => e), missing.then(() => 'resolved', (e: unknown) => e)
    ])

    t.ok(identicalResults.every((r) => r.status === 'fulfilled'), 'every identical purchase answered')
    t.ok(distinctResults.every((r) => r.status === 'fulfilled' && r.value.outcome === 'spent'), 'every distinct purchase spent')
    t.not(invalidResult, 'resolved', 'an invalid request id is refused')
    t.match(missingResult, { code: 'actor_not_found' })
    for (const actorId of actors) {
      const spends = (await s.storage.ledger.history(actorId)).entries.filter((e) => e.kind === 'spend')
      t.equal(spends.filter((e) => e.fingerprint === FINGERPRINT).length, 1, `${actorId}: the identical purchases are charged once`)
      t.equal(spends.length, 4, `${actorId}: one + three distinct spends, nothing for the invalid one`)
      t.equal(await balanceOf(s, actorId), 2, `${actorId}: 10 - 4 × 2`)
    }
    const fulfilled = identicalResults.flatMap((r) => r.status === 'fulfilled' ? [r.value] : [])
    t.equal(fulfilled.filter((r) => r.outcome === 'spent').length, 3, 'one spend per actor; the rest are owned')
    t.ok(fulfilled.filter((r) => r.outcome === 'owned').every((r) => r.entry.fingerprint === FINGERPRINT && r.entry.kind === 'spend'), 'owned by that spend')

    const short = await purchase(s.storage, carol, 'b'.repeat(64), { amount: 3 })
    t.match(short, { outcome: 'denied', balance: 2, entry: { kind: 'denied', amount: 0, balance_before: 2, status: 'denied' } })
    t.equal(await balanceOf(s, carol), 2, 'a denial moves nothing')
  })

  t.test(`${backend.name}: idempotency records`, async (t) => {
    const ttlMs = 24 * 3_600_000
    const begin = async (storage: Storage, ref: IdempotencyRef, fingerprint: string, owner: string, now: number, isAbandoned = (_r: IdempotencyRecord) => false) =>
      await storage.idempotency.begin({ scope: ref.scope, key: ref.key, fingerprint, owner, now, ttlMs }, isAbandoned)
    const A = 'a'.repeat(64)
    const B = 'b'.repeat(64)

    t.test('first proceeds; same body in flight conflicts; another body is a mismatch; completed replays; released retries', async (t) => {
      const { storage } = await setup(t, 0)
      const ref = { scope: 'actor:x|POST|/api/v2/simulate', key: 'k1' }
      t.same(await begin(storage, ref, A, 'me', 1000), { kind: 'proceed' })
      t.same(await begin(storage, ref, A, 'me', 1001), { kind: 'in_progress' })
      t.same(await begin(storage, ref, B, 'me', 1001), { kind: 'mismatch' }, '422 wins over 409')
      await storage.idempotency.complete({ ...ref, statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' })
      t.match(await begin(storage, ref, A, 'me', 1002), { kind: 'replay', record: { status_code: 200, body: '{"ok":true}', headers: '{"content-type":"application/json"}', state: 'completed' } })
      t.same(await begin(storage, ref, B, 'me', 1002), { kind: 'mismatch' })
      const other = { scope: ref.scope, key: 'k2' }
      await begin(storage, other, A, 'me', 1000)
      await storage.idempotency.release(other.scope, other.key, 'someone-else')
      t.same(await begin(storage, other, A, 'me', 1001), { kind: 'in_progress' }, 'only the owner releases')
      await storage.idempotency.release(other.scope, other.key, 'me')
      t.same(await begin(storage, other, B, 'me', 1002), { kind: 'proceed' }, 'a released key starts afresh')
    })

    t.test('30 simultaneous first requests with one key on two handles: exactly one proceeds', async (t) => {
      const { storage, clock } = await setup(t, 0)
      const peer = await backend.openPeer(t, storage, clock.now)
      const ref = { scope: 'actor:y|POST|/api/v2/simulate', key: 'race' }
      const outcomes = await Promise.all(Array.from({ length: 30 }, async (_, i) => await begin(i % 2 === 0 ? storage : peer, ref, A, `owner-${i % 2}`, 1000)))
      t.equal(outcomes.filter((o) => o.kind === 'proceed').length, 1)
      t.equal(outcomes.filter((o) => o.kind === 'in_progress').length, 29)
    })

    t.test('expired records start afresh and are purged; an abandoned attempt is taken over once', async (t) => {
      const { storage } = await setup(t, 0)
      const ref = { scope: 's', key: 'old' }
      await begin(storage, ref, A, 'me', 0)
      await storage.idempotency.complete({ ...ref, statusCode: 201, headers: {}, body: '{}' })
      t.same(await begin(storage, ref, B, 'me', ttlMs), { kind: 'proceed' }, 'an expired key starts afresh, even with another body')
      await begin(storage, { scope: 's', key: 'stale' }, A, 'me', 0)
      t.equal(await storage.idempotency.purgeExpired(ttlMs + 1), 1, 'only the expired one is purged')
      const crashed = { scope: 's', key: 'crashed' }
      await begin(storage, crashed, A, 'dead-process', 5)
      const takeovers = await Promise.all(Array.from({ length: 5 }, async (_, i) => await begin(storage, crashed, A, `heir-${i}`, 6, (r) => r.owner === 'dead-process')))
      t.equal(takeovers.filter((o) => o.kind === 'proceed').length, 1, 'one heir takes it over')
    })

    t.test('a charge is attached to its record in the charge\'s transaction, and found again by a retry', async (t) => {
      const s = await setup(t)
      const ref = { scope: `actor:${s.alice}|POST|/api/v2/simulate`, key: 'paid' }
      await begin(s.storage, ref, A, 'me', 1000)
      await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => {
        const entry = await tx.appendSpend(spendInput(2, { idempotencyKey: ref.key })) as LedgerEntry
        await tx.attachToIdempotency(ref, entry.transaction_id)
        throw new Error('crash before commit')
      }))
      t.equal(await s.storage.withActorTransaction(s.alice, async (tx) => await tx.idempotentCharge(ref)), null, 'rolled back with the charge')
      t.equal(await balanceOf(s, s.alice), 10)
      const paid = await s.storage.withActorTransaction(s.alice, async (tx) => {
        const entry = await tx.appendSpend(spendInput(2, { idempotencyKey: ref.key })) as LedgerEntry
        await tx.attachToIdempotency(ref, entry.transaction_id)
        return entry
      })
      t.equal(await s.storage.withActorTransaction(s.alice, async (tx) => await tx.idempotentCharge(ref)), paid.transaction_id)
      await t.rejects(s.storage.withActorTransaction(s.alice, async (tx) => { await tx.attachToIdempotency({ scope: 'none', key: 'none' }, paid.transaction_id) }),
        /vanished/, 'attaching to a missing record fails the unit')
    })
  })

  t.test(`${backend.name}: billing`, async (t) => {
    const noEvents = { spent: () => {}, denied: () => {}, refunded: () => {}, toppedUp: () => {}, granted: () => {}, undeliveredRefunded: () => {} }
    const action = (actorId: string | null, extra: Partial<PaidAction> = {}): PaidAction => ({
      actorId,
      purchase: { kind: 'entitlement', tier: 'full_distribution', fingerprint: FINGERPRINT },
      eventId: null,
      requestId: nextRequest(),
      idempotency: null,
      ...extra
    })

    t.test('32 simultaneous identical paid requests on two handles: one charge, the others reuse the entitlement', async (t) => {
      const s = await setup(t)
      const peer = await backend.openPeer(t, s.storage, s.clock.now)
      const services = [new BillingService(s.storage, s.clock.now, noEvents), new BillingService(peer, s.clock.now, noEvents)]
      const charges = await Promise.all(Array.from({ length: 32 }, async (_, i) => await services[i % 2].charge(action(s.alice))))
      t.equal(charges.filter((c) => c.tokens_charged === 2).length, 1, 'charged once')
      t.equal(charges.filter((c) => c.already_owned).length, 31)
      t.equal(await balanceOf(s, s.alice), 8)
      s.clock.advance(24 * 3_600_000 + 1)
      t.match(await services[0].charge(action(s.alice)), { tokens_charged: 2, already_owned: false }, 'charged again after 24 h')
    })

    t.test('too few tokens: 402 with the balance, a denied audit entry, nothing moved', async (t) => {
      const s = await setup(t, 1)
      const billing = new BillingService(s.storage, s.clock.now, noEvents)
      await t.rejects(billing.charge(action(s.alice, { purchase: { kind: 'entitlement', tier: 'scenario_extremes', fingerprint: FINGERPRINT } })), { code: 'insufficient_tokens', extra: { required_tokens: 3, available_tokens: 1 } })
      t.match((await s.storage.ledger.history(s.alice)).entries[0], { kind: 'denied', amount: 0, balance_after: 1 })
      await t.rejects(billing.charge(action(null)), { code: 'actor_required' })
    })

    t.test('a retry that takes over a crashed attempt which had paid is not charged again', async (t) => {
      const s = await setup(t)
      const billing = new BillingService(s.storage, s.clock.now, noEvents)
      const ref = { scope: `actor:${s.alice}|POST|/api/v2/simulate`, key: 'crash-key' }
      await s.storage.idempotency.begin({ scope: ref.scope, key: ref.key, fingerprint: FINGERPRINT, owner: 'dead', now: 0, ttlMs: 3_600_000 }, () => false)
      const first = await billing.charge(action(s.alice, { idempotency: ref, purchase: { kind: 'entitlement', tier: 'full_distribution', fingerprint: 'e'.repeat(64) } }))
      // The process died before answering; a retry (a new fingerprint, so no entitlement) takes the record over.
      const retry = await billing.charge(action(s.alice, { idempotency: ref, purchase: { kind: 'entitlement', tier: 'full_distribution', fingerprint: 'd'.repeat(64) } }))
      t.equal(retry.transaction_id, first.transaction_id, 'the original charge stands')
      t.equal(await balanceOf(s, s.alice), 8, 'charged once')
    })

    t.test('an undelivered charge is refunded once', async (t) => {
      const s = await setup(t)
      const billing = new BillingService(s.storage, s.clock.now, noEvents)
      const charge = await billing.charge(action(s.alice))
      await billing.refundUndelivered(charge, nextRequest())
      t.equal(await balanceOf(s, s.alice), 10)
      await t.rejects(billing.refundUndelivered(charge, nextRequest()), { code: 'already_refunded' })
    })
  })

  t.test(`${backend.name}: LedgerError carries its code`, async (t) => {
    const { storage } = await setup(t, 0)
    await t.rejects(storage.withActorTransaction('nobody', async (tx) => await tx.appendDenied(spendInput(1))), LedgerError)
  })

  t.test(`${backend.name}: every write refuses a bad input with the same LedgerError, before anything is written (src/storage/entries.ts)`, async (t) => {
    const s = await setup(t)
    const before = await s.storage.ledger.history(s.alice)
    const inTx = async <T>(work: (tx: ActorTransaction) => Promise<T>): Promise<T> => await s.storage.withActorTransaction(s.alice, work)
    const NUL = 'a\u0000b'
    const long = (n: number): string => 'x'.repeat(n)
    // Every field a spend stores, broken one at a time: out of range, empty, too long, or with a NUL.
    const badSpends: Array<[string, Partial<SpendEntryInput>, 'invalid_amount' | 'invalid_argument']> = [
      ['amount 0', { amount: 0 }, 'invalid_amount'],
      ['a negative amount', { amount: -2 }, 'invalid_amount'],
      ['a fractional amount', { amount: 1.5 }, 'invalid_amount'],
      ['an empty request id', { requestId: '' }, 'invalid_argument'],
      ['a request id of 129 characters', { requestId: long(129) }, 'invalid_argument'],
      ['a NUL in the request id', { requestId: NUL }, 'invalid_argument'],
      ['an empty feature', { feature: '' }, 'invalid_argument'],
      ['a feature of 256 characters', { feature: long(256) }, 'invalid_argument'],
      ['a NUL in the feature', { feature: NUL }, 'invalid_argument'],
      ['a NUL in the reason', { reason: NUL }, 'invalid_argument'],
      ['a NUL in the event id', { eventId: NUL }, 'invalid_argument'],
      ['a NUL in the fingerprint', { fingerprint: NUL }, 'invalid_argument'],
      ['a NUL in the idempotency key', { idempotencyKey: NUL }, 'invalid_argument']
    ]
    for (const [what, extra, code] of badSpends) {
      const input = spendInput(2, extra)
      const entitlement = { ...input, fingerprint: input.fingerprint ?? FINGERPRINT }
      await t.rejects(inTx(async (tx) => await tx.appendSpend(input)), { name: 'LedgerError', code }, `appendSpend: ${what}`)
      await t.rejects(inTx(async (tx) => await tx.appendDenied(input)), { name: 'LedgerError', code }, `appendDenied: ${what}`)
      await t.rejects(inTx(async (tx) => await tx.purchaseEntitlement(entitlement, new Date(0))), { name: 'LedgerError', code }, `tx.purchaseEntitlement: ${what}`)
      await t.rejects(s.storage.purchaseEntitlement(s.alice, entitlement, new Date(0)), { name: 'LedgerError', code }, `storage.purchaseEntitlement: ${what}`)
    }
    const paid = await spend(s.storage, s.alice, 1) as LedgerEntry
    for (const [what, reason, requestId] of [['an empty reason', '', 'r'], ['a NUL in the reason', NUL, 'r'], ['a reason of 256 characters', long(256), 'r'], ['an empty request id', 'x', ''], ['a NUL in the request id', 'x', NUL]]) {
      await t.rejects(inTx(async (tx) => await tx.appendRefund(paid.transaction_id, reason, requestId)), { name: 'LedgerError', code: 'invalid_argument' }, `appendRefund: ${what}`)
    }
    const badTopups: Array<[string, { amount: number, paymentId: string, requestId: string }, string]> = [
      ['amount 0', { amount: 0, paymentId: 'p-bad', requestId: 'r' }, 'invalid_amount'],
      ['an unsafe amount', { amount: 2 ** 53, paymentId: 'p-bad', requestId: 'r' }, 'invalid_amount'],
      ['an empty payment id', { amount: 1, paymentId: '', requestId: 'r' }, 'invalid_argument'],
      ['a NUL in the payment id', { amount: 1, paymentId: NUL, requestId: 'r' }, 'invalid_argument'],
      ['a NUL in the request id', { amount: 1, paymentId: 'p-bad', requestId: NUL }, 'invalid_argument']
    ]
    for (const [what, input, code] of badTopups) {
      await t.rejects(inTx(async (tx) => await tx.appendTopup(input)), { name: 'LedgerError', code }, `appendTopup: ${what}`)
    }
    await t.rejects(s.storage.ledger.grantDaily(s.alice, { amount: -1, requestId: 'r' }), { name: 'LedgerError', code: 'invalid_amount' }, 'grantDaily: a negative amount')
    await t.rejects(s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: '' }), { name: 'LedgerError', code: 'invalid_argument' }, 'grantDaily: an empty request id')
    await t.rejects(s.storage.ledger.grantDaily(s.alice, { amount: 5, requestId: NUL }), { name: 'LedgerError', code: 'invalid_argument' }, 'grantDaily: a NUL in the request id')
    await t.rejects(s.storage.ledger.createActor({ label: NUL }), { name: 'LedgerError', code: 'invalid_argument' }, 'createActor: a NUL in the label')
    await t.rejects(s.storage.ledger.createActor({ actorId: long(129) }), { name: 'LedgerError', code: 'invalid_argument' }, 'createActor: an id of 129 characters')
    await t.rejects(s.storage.ledger.ensureActor(NUL), { name: 'LedgerError', code: 'invalid_argument' }, 'ensureActor: a NUL in the id')
    for (const [what, moduleId, requestId] of [['an empty module id', '', 'r'], ['a NUL in the module id', NUL, 'r'], ['a NUL in the request id', 'elo', NUL]]) {
      await t.rejects(inTx(async (tx) => await tx.insertUnlock(moduleId, paid.transaction_id, requestId)), { name: 'LedgerError', code: 'invalid_argument' }, `insertUnlock: ${what}`)
    }
    t.equal(await s.storage.lab.findUnlock(s.alice, 'elo'), null, 'no unlock recorded')
    const after = await s.storage.ledger.history(s.alice)
    t.same(after.entries.slice(1), before.entries, 'nothing but the one good spend was written')
    t.equal(await balanceOf(s, s.alice), 9)
  })

  t.test(`${backend.name}: delivery marks and the sweep of undelivered charges (docs/LEDGER.md, "Delivery")`, async (t) => {
    const s = await setup(t)
    const refunds: number[] = []
    const billing = new BillingService(s.storage, s.clock.now, { spent: () => {}, denied: () => {}, refunded: () => {}, toppedUp: () => {}, granted: () => {}, undeliveredRefunded: (n) => refunds.push(n) })
    const ref = { scope: `actor:${s.alice}|POST|/api/v2/simulate`, key: 'undelivered' }
    await s.storage.idempotency.begin({ scope: ref.scope, key: ref.key, fingerprint: FINGERPRINT, owner: 'me', now: s.clock.now().getTime(), ttlMs: 3_600_000 }, () => false)
    const lost = await s.storage.withActorTransaction(s.alice, async (tx) => {
      const entry = await tx.appendSpend(spendInput(2, { idempotencyKey: ref.key })) as LedgerEntry
      await tx.attachToIdempotency(ref, entry.transaction_id)
      return entry
    })
    const delivered = await s.storage.withActorTransaction(s.alice, async (tx) => await tx.appendSpend(spendInput(3)) as LedgerEntry)
    await Promise.all([s.storage.deliveries.markDelivered(delivered.transaction_id), s.storage.deliveries.markDelivered(delivered.transaction_id)])
    t.same(await s.storage.deliveries.undelivered(s.clock.now(), 10), [], 'nothing is past its lease yet')
    t.same((await billing.sweepUndelivered(1000, 'sweep-1')), { refunded: 0, pending: 0, error: null }, 'within the lease: left alone')
    s.clock.advance(1001)
    t.match(await s.storage.deliveries.undelivered(new Date(s.clock.now().getTime() - 1000), 10),
      [{ transaction_id: lost.transaction_id, actor_id: s.alice, tokens: 2, feature: 'full_distribution' }], 'only the unmarked one, past its lease')
    t.same(await billing.sweepUndelivered(1000, 'sweep-2'), { refunded: 1, pending: 0, error: null })
    t.same(refunds, [2])
    t.equal(await balanceOf(s, s.alice), 10 - 3, 'the undelivered 2 came back; the delivered 3 stands')
    t.same(await billing.sweepUndelivered(1000, 'sweep-3'), { refunded: 0, pending: 0, error: null }, 'a refunded charge is settled: swept once')
    const retry = await s.storage.idempotency.begin({ scope: ref.scope, key: ref.key, fingerprint: FINGERPRINT, owner: 'other', now: s.clock.now().getTime(), ttlMs: 3_600_000 }, () => false)
    t.equal(retry.kind, 'proceed', 'the key was released with the refund: no 409 in progress')
  })
}
