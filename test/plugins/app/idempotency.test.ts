import t from 'tap'
import { buildApp } from '../../helper.js'
import { ADMIN_TOKEN, admin, balanceOf, signUp, topUp } from '../../routes/api/helpers.js'

const url = '/api/v2/simulate'
const PAYLOAD = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050, depth: 'full_distribution' }

async function spendsOf (app: Awaited<ReturnType<typeof buildApp>>['app'], headers: Record<string, string>) {
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger?limit=500', headers })).json()
  return ledger.transactions.filter((e: { kind: string }) => e.kind === 'spend')
}

t.test('first request processed; a retry replays the stored answer, charges nothing, flags the replay', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const a = await signUp(app)
  await topUp(app, a.actorId, 10)
  const headers = { ...a.headers, 'idempotency-key': 'order-1' }
  const first = await app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['idempotent-replayed'], undefined)
  const balance = await balanceOf(app, a.headers)
  const replay = await app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  t.equal(replay.statusCode, 200)
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal(replay.json().meta.idempotency_replay, true)
  t.equal(replay.body, first.body.replace('"idempotency_replay":false', '"idempotency_replay":true'), 'byte-for-byte but for the flag')
  t.equal(await balanceOf(app, a.headers), balance, 'no second charge')
  t.equal((await spendsOf(app, a.headers)).length, 1)
  t.match((await app.inject('/metrics')).body, /trickster_idempotency_replays_total 1/)
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers: a.headers })).json()
  t.equal(ledger.transactions.find((e: { kind: string }) => e.kind === 'spend').idempotency_key, 'order-1')
})

t.test('the legacy X-Idempotency-Key header works the same', async (t) => {
  const { app } = await buildApp(t)
  const headers = { 'x-idempotency-key': 'legacy-1' }
  const payload = { home_team: 'Aa', away_team: 'Bb', home_rating: 1500, away_rating: 1500 }
  await app.inject({ method: 'POST', url, headers, payload })
  const replay = await app.inject({ method: 'POST', url, headers, payload })
  t.equal(replay.headers['idempotent-replayed'], 'true')
})

t.test('an invalid key is 400', async (t) => {
  const { app } = await buildApp(t)
  const payload = { home_team: 'Aa', away_team: 'Bb', home_rating: 1500, away_rating: 1500 }
  for (const key of ['x'.repeat(256), 'tab\there', 'é']) {
    const res = await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key }, payload })
    t.equal(res.statusCode, 400, JSON.stringify(key.slice(0, 10)))
  }
  const differing = await app.inject({ method: 'POST', url, headers: { 'idempotency-key': 'a', 'x-idempotency-key': 'b' }, payload })
  t.equal(differing.statusCode, 400)
  t.equal(differing.json().error, 'invalid_idempotency_key')
})

t.test('the same key with another body is 422 idempotency_key_reused', async (t) => {
  const { app } = await buildApp(t)
  const headers = { 'idempotency-key': 'k-422' }
  t.equal((await app.inject({ method: 'POST', url, headers, payload: { ...PAYLOAD, depth: 'headline_pick' } })).statusCode, 200)
  const reused = await app.inject({ method: 'POST', url, headers, payload: { ...PAYLOAD, depth: 'headline_pick', home_rating: 2200 } })
  t.equal(reused.statusCode, 422)
  t.equal(reused.json().error, 'idempotency_key_reused')
  const reordered = await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ depth: 'headline_pick', away_rating: 2050, home_rating: 2100, away_team: 'United', home_team: 'Rovers' }) })
  t.equal(reordered.statusCode, 200, 'key order is not a different body')
  t.equal(reordered.headers['idempotent-replayed'], 'true')
})

t.test('10 concurrent requests with one new key: exactly one charge; the others replay or see 409', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const a = await signUp(app)
  await topUp(app, a.actorId, 100)
  const headers = { ...a.headers, 'idempotency-key': 'burst-1' }
  const responses = await Promise.all(Array.from({ length: 10 }, async () => await app.inject({ method: 'POST', url, headers, payload: { ...PAYLOAD, config: { n_simulations: 20_000 } } })))
  const statuses = responses.map((r) => r.statusCode)
  t.ok(statuses.every((s) => s === 200 || s === 409), `only 200 and 409: ${statuses.join(',')}`)
  t.equal(responses.filter((r) => r.statusCode === 200 && r.headers['idempotent-replayed'] === undefined).length, 1, 'one fresh answer')
  for (const conflict of responses.filter((r) => r.statusCode === 409)) {
    t.equal(conflict.json().error, 'idempotency_in_progress')
    t.equal(conflict.headers['retry-after'], '1')
  }
  t.equal((await spendsOf(app, a.headers)).length, 1, 'one charge')
})

t.test('422 takes priority over 409 while the first request is still in flight', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const a = await signUp(app)
  await topUp(app, a.actorId, 100)
  const headers = { ...a.headers, 'idempotency-key': 'inflight-1' }
  const [first, other] = await Promise.all([
    app.inject({ method: 'POST', url, headers, payload: { ...PAYLOAD, config: { n_simulations: 50_000 } } }),
    app.inject({ method: 'POST', url, headers, payload: { ...PAYLOAD, config: { n_simulations: 40_000 } } })
  ])
  t.equal(first.statusCode, 200)
  t.equal(other.statusCode, 422)
})

t.test('non-2xx answers are not stored: a 402 retried after a top-up with the same key succeeds', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, dailyTokens: 1 })
  const a = await signUp(app)
  const headers = { ...a.headers, 'idempotency-key': 'after-topup' }
  const refused = await app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  t.equal(refused.statusCode, 402)
  await topUp(app, a.actorId, 10)
  const retried = await app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  t.equal(retried.statusCode, 200)
  t.equal(retried.headers['idempotent-replayed'], undefined, 'processed, not replayed')
  t.equal(retried.json().meta.tokens_charged, 2)
})

t.test('a replay survives a restart (same DATA_DIR)', async (t) => {
  const dataDir = t.testdir()
  const first = await buildApp(t, { adminToken: ADMIN_TOKEN }, { dataDir })
  const a = await signUp(first.app)
  await topUp(first.app, a.actorId, 10)
  const headers = { ...a.headers, 'idempotency-key': 'restart-1' }
  const original = await first.app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  await first.app.close()
  const second = await buildApp(t, { adminToken: ADMIN_TOKEN }, { dataDir })
  const replay = await second.app.inject({ method: 'POST', url, headers, payload: PAYLOAD })
  t.equal(replay.statusCode, 200)
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal(replay.json().transaction_id, original.json().transaction_id)
  t.equal((await spendsOf(second.app, a.headers)).length, 1)
})

t.test('keys are scoped to the principal and the route', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const alice = await signUp(app, 'alice')
  const bob = await signUp(app, 'bob')
  const key = { 'idempotency-key': 'shared-key' }
  const byAlice = await app.inject({ method: 'POST', url, headers: { ...alice.headers, ...key }, payload: PAYLOAD })
  const byBob = await app.inject({ method: 'POST', url, headers: { ...bob.headers, ...key }, payload: PAYLOAD })
  t.equal(byAlice.statusCode, 200)
  t.equal(byBob.statusCode, 200)
  t.equal(byBob.headers['idempotent-replayed'], undefined, 'bob is not served alice\'s answer')
  t.equal(await balanceOf(app, bob.headers), 3, 'bob paid for his own')
  const v1 = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: { ...alice.headers, ...key }, payload: { event_id: 'el-clasico' } })
  t.equal(v1.statusCode, 200, 'same key on another route is another key')
})

t.test('keys expire after IDEMPOTENCY_TTL_HOURS', async (t) => {
  let now = new Date('2026-06-01T08:00:00.000Z')
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, idempotencyTtlHours: 1 }, { now: () => now })
  const headers = { 'idempotency-key': 'ttl-1' }
  const payload = { ...PAYLOAD, depth: 'headline_pick' }
  await app.inject({ method: 'POST', url, headers, payload })
  now = new Date(now.getTime() + 59 * 60_000)
  t.equal((await app.inject({ method: 'POST', url, headers, payload })).headers['idempotent-replayed'], 'true')
  now = new Date(now.getTime() + 2 * 60_000)
  const expired = await app.inject({ method: 'POST', url, headers, payload: { ...payload, home_rating: 1234 } })
  t.equal(expired.statusCode, 200, 'an expired key is new again, even with another body')
  t.equal(expired.headers['idempotent-replayed'], undefined)
})

t.test('top-up, refund and actor creation are idempotent too', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const a = await signUp(app)
  await balanceOf(app, a.headers)
  const topupHeaders = { ...admin, 'idempotency-key': 'topup-key' }
  const body = { user_id: a.actorId, amount: 10, payment_id: 'pay-idem' }
  const first = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: topupHeaders, payload: body })
  const again = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: topupHeaders, payload: body })
  t.equal(again.headers['idempotent-replayed'], 'true')
  t.equal(again.json().transaction_id, first.json().transaction_id)
  t.equal(await balanceOf(app, a.headers), 15)

  const spend = await app.inject({ method: 'POST', url, headers: a.headers, payload: PAYLOAD })
  const refundHeaders = { ...admin, 'idempotency-key': 'refund-key' }
  const refundBody = { transaction_id: spend.json().transaction_id, reason: 'goodwill' }
  const refund = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: refundHeaders, payload: refundBody })
  t.equal(refund.statusCode, 200)
  const refundAgain = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: refundHeaders, payload: refundBody })
  t.equal(refundAgain.statusCode, 200, 'a replay, not 409 already_refunded')
  t.equal(refundAgain.headers['idempotent-replayed'], 'true')
  t.equal(await balanceOf(app, a.headers), 15)
})
