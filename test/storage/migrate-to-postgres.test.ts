import { join } from 'node:path'
import t from 'tap'
import { BillingService } from '../../src/billing/index.js'
import { migrate, openDatabase } from '../../src/db/database.js'
import type { LedgerEntry } from '../../src/ledger/types.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { openPostgresStorage } from '../../src/storage/postgres/storage.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import type { Storage } from '../../src/storage/port.js'
import { runScript, testClock } from '../fixtures/ledger/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'

// Real databases (and, here, processes) on a shared 2-core machine: more than the default 120 s per file.
t.setTimeout(300_000)

async function allEntries (storage: Storage, actorId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = []
  let cursor: string | undefined
  do {
    const page = await storage.ledger.history(actorId, { limit: 7, cursor })
    entries.push(...page.entries)
    cursor = page.next_cursor ?? undefined
  } while (cursor !== undefined)
  return entries
}

t.test('db:migrate-to-postgres on a populated database: every balance, entry and cursor identical', async (t) => {
  const file = join(t.testdir(), 'trickster.db')
  const db = openDatabase(file)
  migrate(db)
  const clock = testClock('2025-03-10T12:00:00.000Z')
  const sqlite = new SqliteStorage(db, { now: clock.now })
  t.teardown(async () => { await sqlite.close() })
  const billing = new BillingService(sqlite, clock.now, { spent () {}, denied () {}, refunded () {}, toppedUp () {}, granted () {}, undeliveredRefunded () {} })

  const actors: string[] = []
  for (let a = 0; a < 6; a++) {
    const { actor_id: actorId } = await sqlite.ledger.createActor({ label: `actor-${a}` })
    actors.push(actorId)
    await sqlite.ledger.grantDaily(actorId, { amount: 5, requestId: `grant-${a}` })
    await billing.topup({ actorId, amount: 10 + a, paymentId: `pay-${a}`, requestId: `topup-${a}`, idempotency: null })
    for (let i = 0; i < 4 + a; i++) {
      const ref = { scope: `actor:${actorId}|POST|/api/v2/simulate`, key: `k-${a}-${i}` }
      await sqlite.idempotency.begin({ scope: ref.scope, key: ref.key, fingerprint: 'f'.repeat(64), owner: 'me', now: clock.now().getTime(), ttlMs: 86_400_000 }, () => false)
      const charge = await billing.charge({
        actorId,
        purchase: { kind: 'entitlement', tier: 'scenario_extremes', fingerprint: `${a}-${i}`.padStart(64, '0') },
        eventId: 'epl-1',
        requestId: `req-${a}-${i}`,
        idempotency: ref
      }).catch(() => null)
      if (charge !== null) await sqlite.idempotency.complete({ ...ref, statusCode: 200, headers: { 'content-type': 'application/json' }, body: `{"i":${i}}` })
      if (charge?.transaction_id != null && i % 3 === 0) await billing.refundUndelivered(charge, `refund-${a}-${i}`)
      clock.advance(60_000)
    }
    clock.advance(86_400_000)
    await sqlite.ledger.grantDaily(actorId, { amount: 5, requestId: `grant2-${a}` })
  }

  const { url } = await createTestDatabase(t)
  const run = await runScript('scripts/db-migrate-to-postgres.ts', ['--db', file], { PATH: process.env.PATH, DATABASE_URL: url })
  t.equal(run.code, 0, run.stderr)
  t.match(run.stdout, /db:migrate-to-postgres OK: 6 actors, 6 api_keys, \d+ ledger_entries, .*every row identical in PostgreSQL/)

  const { storage: postgres } = await openPostgresStorage({ connectionString: url, now: clock.now })
  t.teardown(async () => { await postgres.close() })
  for (const actorId of actors) {
    t.same(await postgres.ledger.balance(actorId), await sqlite.ledger.balance(actorId), `${actorId}: same balance`)
    t.same(await allEntries(postgres, actorId), await allEntries(sqlite, actorId), `${actorId}: same entries, statuses and pages`)
  }
  const cursor = (await sqlite.ledger.history(actors[5], { limit: 3 })).next_cursor as string
  t.same(await postgres.ledger.history(actors[5], { limit: 3, cursor }), await sqlite.ledger.history(actors[5], { limit: 3, cursor }), 'a cursor issued before the move works after it')
  t.match(await verifyPostgresLedger(postgres.pool), { ok: true, actors: 6 })

  // The copy is live: new writes chain on the copied balances, and keys replay.
  const key = { scope: `actor:${actors[0]}|POST|/api/v2/simulate`, key: 'k-0-1' }
  t.match(await postgres.idempotency.begin({ ...key, fingerprint: 'f'.repeat(64), owner: 'other', now: Date.parse('2025-03-10T12:05:00.000Z'), ttlMs: 86_400_000 }, () => false), { kind: 'replay' })
  await postgres.withActorTransaction(actors[0], async (tx) => await tx.appendTopup({ amount: 1, paymentId: 'after-move', requestId: 'after' }))
  t.equal((await postgres.ledger.balance(actors[0])).balance, (await sqlite.ledger.balance(actors[0])).balance + 1)

  const again = await runScript('scripts/db-migrate-to-postgres.ts', ['--db', file], { PATH: process.env.PATH, DATABASE_URL: url })
  t.equal(again.code, 2, 'a database that already holds actors is refused')
  t.match(again.stderr, /already holds actors/)
})
