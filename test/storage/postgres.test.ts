import t from 'tap'
import type { Storage } from '../../src/storage/port.js'
import { purchase } from '../../src/storage/purchase.js'
import { KEY_CACHE_MS } from '../../src/storage/postgres/ledger.js'
import { PostgresStorage, openPostgresStorage } from '../../src/storage/postgres/storage.js'
import { createPool } from '../../src/storage/postgres/pool.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import { testClock } from '../fixtures/ledger/helpers.js'
import { createTestSchema } from '../fixtures/postgres/database.js'
import { runStorageContract } from './contract.js'

// Real databases (and, here, processes) on a shared 2-core machine: more than the default 120 s per file.
t.setTimeout(300_000)

const urls = new WeakMap<Storage, string>()

runStorageContract(t, {
  name: 'postgres',
  open: async (t, now) => {
    const { url } = await createTestSchema(t)
    const { storage } = await openPostgresStorage({ connectionString: url, now })
    t.teardown(async () => { await storage.close() })
    urls.set(storage, url)
    return storage
  },
  openPeer: async (t, storage, now) => {
    const peer = new PostgresStorage(createPool(urls.get(storage) as string), { now })
    t.teardown(async () => { await peer.close() })
    return peer
  },
  verify: async (storage) => await verifyPostgresLedger((storage as PostgresStorage).pool)
})

t.test('postgres: a Lab unlock is recorded once per actor and module, in the unit of its spend', async (t) => {
  const { url } = await createTestSchema(t)
  const { storage } = await openPostgresStorage({ connectionString: url })
  t.teardown(async () => { await storage.close() })
  const { actor_id: actorId } = await storage.ledger.createActor({})
  await storage.withActorTransaction(actorId, async (tx) => await tx.appendTopup({ amount: 5, paymentId: 'p', requestId: 'r' }))
  // The billing service's unlock (src/billing/service.ts): the rule of src/storage/purchase.ts, then the unlock row.
  const unlock = async (): Promise<string> => await storage.withActorTransaction(actorId, async (tx) => {
    const input = { amount: 3, feature: 'lab_module:elo', reason: 'lab_unlock', eventId: null, fingerprint: null, requestId: 'r', idempotencyKey: null }
    const bought = await purchase(tx, input, (await tx.actor()).balance, await tx.findUnlock('elo'))
    if (bought.outcome === 'denied') throw new Error('not enough tokens')
    if (bought.outcome === 'spent') await tx.insertUnlock('elo', bought.entry.transaction_id, 'r')
    return bought.outcome
  })
  const outcomes = await Promise.all(Array.from({ length: 10 }, unlock))
  t.equal(outcomes.filter((o) => o !== 'owned').length, 1, 'paid once under 10 concurrent unlocks')
  t.equal((await storage.ledger.balance(actorId)).balance, 2)
  const paid = await storage.lab.findUnlock(actorId, 'elo')
  t.match(paid, { module_id: 'elo', request_id: 'r' })
  await t.rejects(storage.withActorTransaction(actorId, async (tx) => await tx.insertUnlock('elo', paid?.transaction_id as string, 'r')), /duplicate key/)
  const failed = await storage.lab.recordAttempt({ actorId, moduleId: 'elo', score: 1, total: 3, passed: false, answers: [], requestId: 'r' })
  t.equal(failed.completed_at, null)
  const passed = await storage.lab.recordAttempt({ actorId, moduleId: 'elo', score: 3, total: 3, passed: true, answers: [{ question_id: 'q', choice_id: 'c' }], requestId: 'r' })
  t.type(passed.completed_at, 'string')
  const later = await storage.lab.recordAttempt({ actorId, moduleId: 'elo', score: 0, total: 3, passed: false, answers: [], requestId: 'r' })
  t.equal(later.completed_at, passed.completed_at, 'a later failed attempt does not undo the completion')
  t.match(await storage.lab.actorRecord(actorId), {
    unlocks: [{ module_id: 'elo' }], attempts: [{ module_id: 'elo', attempts: 3, best_score: 3 }], completions: [{ module_id: 'elo', attempt_id: passed.attempt_id }], tokens_spent: 3
  })
  t.match(await verifyPostgresLedger(storage.pool), { ok: true })
})

t.test('postgres: a resolved key is trusted for KEY_CACHE_MS; a disabled actor is refused a charge at once', async (t) => {
  const { url } = await createTestSchema(t)
  const clock = testClock('2025-03-10T12:00:00.000Z')
  const { storage } = await openPostgresStorage({ connectionString: url, now: clock.now })
  t.teardown(async () => { await storage.close() })
  const { actor_id: actorId, api_key: apiKey } = await storage.ledger.createActor({})
  await storage.withActorTransaction(actorId, async (tx) => await tx.appendTopup({ amount: 5, paymentId: 'p', requestId: 'r' }))
  t.match(await storage.ledger.authenticate(apiKey), { actor_id: actorId, disabled: false })
  await storage.pool.query('UPDATE actors SET disabled = true WHERE actor_id = $1', [actorId])

  clock.advance(KEY_CACHE_MS - 1)
  t.match(await storage.ledger.authenticate(apiKey), { actor_id: actorId, disabled: false }, 'within KEY_CACHE_MS: the cached answer')
  const input = { amount: 1, feature: 'full_distribution', reason: 'simulation', eventId: null, fingerprint: 'f'.repeat(64), requestId: 'r', idempotencyKey: null }
  await t.rejects(storage.purchaseEntitlement(actorId, input, new Date(0)), { code: 'actor_disabled' }, 'the charge reads the actor itself')
  t.equal((await storage.ledger.balance(actorId)).balance, 5)

  clock.advance(1)
  t.match(await storage.ledger.authenticate(apiKey), { actor_id: actorId, disabled: true }, 'after KEY_CACHE_MS: asked again')
  t.equal(await storage.ledger.authenticate(`${apiKey}x`), null, 'an unknown key is looked up, never cached')
})
