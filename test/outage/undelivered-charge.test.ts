import t from 'tap'
import { createPool } from '../../src/storage/postgres/pool.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, admin, signUp, topUp } from '../routes/api/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { startTcpProxy } from '../fixtures/postgres/proxy.js'

t.setTimeout(180_000)

const event = (i: number): Record<string, unknown> => ({ home_team: `Home ${i}`, away_team: `Away ${i}`, home_rating: 2000 + i, away_rating: 1990 })

t.test('a charge whose answer is never delivered (PostgreSQL cut between the charge and the answer) is refunded once PostgreSQL is back, and its key released (issue 17, item 2)', async (t) => {
  const { name, url } = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, { host: '127.0.0.1', port: 5432 })
  const leaseMs = 1000
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`, adminToken: ADMIN_TOKEN, chargeLeaseMs: leaseMs })
  const direct = createPool(url, { max: 2 })
  t.teardown(async () => { await direct.end() })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 20)
  const balance = async (): Promise<number> => (await direct.query<{ balance: number }>('SELECT balance FROM balances WHERE actor_id = $1', [actorId])).rows[0].balance
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers })).json().balance, 25, 'the daily grant and the top-up')
  const before = Number(await balance())

  const keyed = { ...headers, 'idempotency-key': 'charge-then-cut' }
  const payload = { depth: 'comparative_analysis', events: Array.from({ length: 10 }, (_, i) => event(i)), config: { n_simulations: 100_000, seed: 1 } }
  const state = { settled: false }
  const answer = app.inject({ method: 'POST', url: '/api/v2/simulate', headers: keyed, payload }).finally(() => { state.settled = true })
  // The cut lands after the spend committed and before the answer: watched on a connection of its own.
  while (!state.settled) {
    const { rows } = await direct.query("SELECT id FROM ledger_entries WHERE actor_id = $1 AND kind = 'spend'", [actorId])
    if (rows.length > 0) break
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  t.notOk(state.settled, 'the answer was still being computed when the cut landed')
  await proxy.cut()
  const failed = await answer
  t.equal(failed.statusCode, 503, `not delivered: 503 (${failed.body.slice(0, 100)})`)
  const charged = Number(await balance())
  t.ok(charged < before, `the spend committed (${before} → ${charged}) and its refund could not be written`)

  await new Promise((resolve) => setTimeout(resolve, leaseMs + 50))
  const report = await verifyPostgresLedger(direct, { leaseMs })
  t.equal(report.ok, false, 'ledger:verify reports the charge neither delivered nor refunded past its lease')
  t.match(report.violations.join('\n'), /neither delivered nor refunded/)

  const back = Date.now()
  await proxy.restore()
  let refundedAfterMs = -1
  while (Date.now() - back < 20_000) {
    if (Number(await balance()) === before) { refundedAfterMs = Date.now() - back; break }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  t.ok(refundedAfterMs >= 0, `refunded ${refundedAfterMs} ms after PostgreSQL came back`)
  t.comment(`charge-then-cut: refunded ${refundedAfterMs} ms after PostgreSQL came back (lease ${leaseMs} ms)`)
  t.same((await verifyPostgresLedger(direct, { leaseMs })).violations, [], 'ledger:verify is clean again')
  t.match((await app.inject('/metrics')).body, /trickster_undelivered_refunds_total 1/)
  const retry = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: keyed, payload })
  t.equal(retry.statusCode, 200, 'the key was released with the refund: no 409 idempotency_in_progress')
  const listed = await app.inject({ url: '/api/v2/admin/charges/undelivered', headers: admin })
  t.equal(listed.statusCode, 200)
  t.same(listed.json().charges, [], 'nothing left undelivered')
})

t.test('a delivered 2xx gets its mark after the answer, and is never swept', async (t) => {
  const { name } = await createTestDatabase(t)
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}`, adminToken: ADMIN_TOKEN, chargeLeaseMs: 1000 })
  const { headers } = await signUp(app)
  const paid = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...event(1), depth: 'full_distribution' } })
  t.equal(paid.statusCode, 200)
  await new Promise((resolve) => setTimeout(resolve, 1600))
  t.same((await app.inject({ url: '/api/v2/admin/charges/undelivered', headers: admin })).json().charges, [])
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers })).json().balance, 3, 'the 2 tokens stand')
})
