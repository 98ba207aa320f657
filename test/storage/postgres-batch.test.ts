import t, { type Test } from 'tap'
import type { EntitlementInput } from '../../src/storage/port.js'
import { executeStatement } from '../../src/storage/postgres/statement-batcher.js'
import { openPostgresStorage } from '../../src/storage/postgres/storage.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import { createTestSchema } from '../fixtures/postgres/database.js'

// The group commit of purchases across actors on PostgreSQL (src/storage/postgres/statement-batcher.ts).
// The storage contract (test/storage/contract.ts) proves what the purchases do on both backends;
// this proves how they are committed: which transaction wrote each entry (its xmin).

t.setTimeout(300_000)

async function open (t: Test) {
  const { url } = await createTestSchema(t)
  const { storage } = await openPostgresStorage({ connectionString: url })
  t.teardown(async () => {
    const report = await verifyPostgresLedger(storage.pool)
    await storage.close()
    if (!report.ok) throw new Error(`the ledger does not verify: ${report.violations.join('; ')}`)
  })
  const actors: string[] = []
  for (let i = 0; i < 4; i++) {
    const { actor_id: actorId } = await storage.ledger.createActor({})
    await storage.withActorTransaction(actorId, async (tx) => await tx.appendTopup({ amount: 100, paymentId: `p-${actorId}`, requestId: 'seed' }))
    actors.push(actorId)
  }
  const since = new Date(Date.now() - 24 * 3600_000)
  let n = 0
  const input = (extra: Partial<EntitlementInput> = {}): EntitlementInput => ({
    amount: 1,
    feature: 'full_distribution',
    reason: 'simulation',
    eventId: null,
    fingerprint: String(++n).padStart(64, '0'),
    requestId: `req-${n}`,
    idempotencyKey: null,
    ...extra
  })
  const transactionsOfSpends = async (): Promise<number> =>
    (await storage.pool.query<{ n: number }>("SELECT count(DISTINCT xmin::text)::int AS n FROM ledger_entries WHERE kind = 'spend'")).rows[0].n
  return { storage, actors, since, input, transactionsOfSpends }
}

t.test('the purchases of one turn, across actors, are one transaction', async (t) => {
  const { storage, actors, since, input, transactionsOfSpends } = await open(t)
  const bought = await Promise.all(Array.from({ length: 40 }, (_, i) => storage.purchaseEntitlement(actors[i % 4], input(), since)))
  t.ok(bought.every((b) => b.outcome === 'spent'))
  t.equal(await transactionsOfSpends(), 1, '40 spends of 4 actors, one commit')
  for (const actorId of actors) t.equal((await storage.ledger.balance(actorId)).balance, 90)
})

t.test('a failing statement is rolled back with its batch; the others are replayed, one transaction each, and take effect once', async (t) => {
  const { storage, actors, since, input, transactionsOfSpends } = await open(t)
  // The entry builder (src/storage/entries.ts) refuses bad inputs before any SQL, so the server is
  // given a CHECK of its own, in this test's schema, that refuses one otherwise valid request id.
  await storage.pool.query("ALTER TABLE ledger_entries ADD CONSTRAINT test_refused_by_the_server CHECK (request_id <> 'refused-by-the-server')")
  const good = Array.from({ length: 6 }, (_, i) => storage.purchaseEntitlement(actors[i % 2], input(), since))
  const bad = storage.purchaseEntitlement(actors[0], input({ requestId: 'refused-by-the-server' }), since)
  const [goodResults, badResult] = await Promise.all([Promise.all(good), bad.then(() => null, (e: unknown) => e)])
  t.ok(goodResults.every((b) => b.outcome === 'spent'))
  t.match(badResult, { code: '23514' }, 'the caller gets its own check_violation')
  t.equal(await transactionsOfSpends(), 6, 'replayed one by one')
  t.equal((await storage.ledger.balance(actors[0])).balance, 97)
  t.equal((await storage.ledger.balance(actors[1])).balance, 97)
})

t.test('a disabled actor is refused and nothing is written; the batch around it commits', async (t) => {
  const { storage, actors, since, input } = await open(t)
  await storage.pool.query('UPDATE actors SET disabled = true WHERE actor_id = $1', [actors[0]])
  const [refused, other] = await Promise.all([
    storage.purchaseEntitlement(actors[0], input(), since).then(() => null, (e: unknown) => e),
    storage.purchaseEntitlement(actors[1], input(), since)
  ])
  t.match(refused, { code: 'actor_disabled' })
  t.equal(other.outcome, 'spent')
  t.equal((await storage.ledger.balance(actors[0])).balance, 100)
})

t.test('values are written in as literals that round-trip exactly', async (t) => {
  const { storage, actors, since, input } = await open(t)
  const awkward = ["it's", 'back\\slash', "'); DROP TABLE ledger_entries; --", '$1 $2', 'ünïcødé ✓', '--', '\'\'']
  const bought = await Promise.all(awkward.map((text, i) => storage.purchaseEntitlement(actors[0], input({ requestId: `r${i}${text}`, eventId: text, reason: text }), since)))
  for (const [i, b] of bought.entries()) {
    const stored = await storage.ledger.getEntry(b.entry.transaction_id)
    t.match(stored, { request_id: `r${i}${awkward[i]}`, event_id: awkward[i], reason: awkward[i], amount: -1 }, JSON.stringify(awkward[i]))
  }
  t.equal((await storage.ledger.balance(actors[0])).balance, 100 - awkward.length)
})

t.test('executeStatement writes each value as a parenthesised literal, and refuses any other type', async (t) => {
  const client = { escapeLiteral: (s: string) => `'${s.replaceAll("'", "''")}'` }
  t.equal(executeStatement(client, 't_1', [-3, "o'k", null]), "EXECUTE t_1((-3), ('o''k'), (NULL))")
  t.equal(executeStatement(client, 't_2', [['a', "b'"]]), "EXECUTE t_2((ARRAY['a', 'b''']::text[]))")
  t.throws(() => executeStatement(client, 't', [1.5]), TypeError)
  t.throws(() => executeStatement(client, 't', [2 ** 60]), TypeError)
  t.throws(() => executeStatement(client, 't', [true]), TypeError)
  t.throws(() => executeStatement(client, 't', [[1]]), TypeError)
  t.throws(() => executeStatement(client, 't', [new Date()]), TypeError)
})

t.test('batched and unit-of-work purchases share pooled connections without clashing prepared statements', async (t) => {
  const { url } = await createTestSchema(t)
  // One connection: the batcher's PREPARE and node-postgres's own prepared statements meet on it.
  const { storage } = await openPostgresStorage({ connectionString: url, poolSize: 1 })
  t.teardown(async () => { await storage.close() })
  const { actor_id: actorId } = await storage.ledger.createActor({})
  await storage.withActorTransaction(actorId, async (tx) => await tx.appendTopup({ amount: 10, paymentId: 'p', requestId: 'seed' }))
  const since = new Date(Date.now() - 3600_000)
  const input = (n: number): EntitlementInput => ({
    amount: 1, feature: 'full_distribution', reason: 'simulation', eventId: null, fingerprint: String(n).padStart(64, '0'), requestId: `r-${n}`, idempotencyKey: null
  })
  for (let n = 0; n < 3; n++) {
    t.equal((await storage.purchaseEntitlement(actorId, input(2 * n), since)).outcome, 'spent', `batched ${n}`)
    t.equal((await storage.withActorTransaction(actorId, async (tx) => await tx.purchaseEntitlement(input(2 * n + 1), since))).outcome, 'spent', `in a unit of work ${n}`)
  }
  t.equal((await storage.ledger.balance(actorId)).balance, 4)
})
