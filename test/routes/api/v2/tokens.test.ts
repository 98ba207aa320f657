import t from 'tap'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, admin, balanceOf, bearer, signUp, topUp } from '../helpers.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

t.test('authentication rules', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const missing = await app.inject({ url: '/api/v2/tokens/balance' })
  t.equal(missing.statusCode, 401, 'no credentials: 401')
  t.equal(missing.headers['www-authenticate'], 'Bearer realm="trickster-oracle"')
  t.match(missing.headers['content-type'], /problem\+json/)

  const badKey = await app.inject({ url: '/api/v2/tokens/balance', headers: bearer('tko_not_a_real_key') })
  t.equal(badKey.statusCode, 401, 'unknown key: 401')

  const malformed = await app.inject({ url: '/api/v2/tokens/balance', headers: { authorization: 'Basic abc' } })
  t.equal(malformed.statusCode, 401, 'not a bearer: 401')

  const { actorId, headers } = await signUp(app)
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: { ...headers, 'x-actor-id': actorId } })).statusCode, 200, 'matching X-Actor-ID accepted')
  const mismatch = await app.inject({ url: '/api/v2/tokens/balance', headers: { ...headers, 'x-user-id': 'someone-else' } })
  t.equal(mismatch.statusCode, 403, 'X-User-ID naming another actor: 403')
  t.equal(mismatch.json().error, 'actor_mismatch')

  const headerOnly = await app.inject({ url: '/api/v2/tokens/balance', headers: { 'x-actor-id': actorId } })
  t.equal(headerOnly.statusCode, 401, 'identity headers alone are refused in api_key mode')
})

t.test('AUTH_MODE=header trusts X-Actor-ID and creates unknown actors on first use', async (t) => {
  const { app } = await buildApp(t, { authMode: 'header' })
  const res = await app.inject({ url: '/api/v2/tokens/balance', headers: { 'x-actor-id': 'demo-user' } })
  t.equal(res.statusCode, 200)
  t.same(res.json().user_id, 'demo-user')
  t.equal(res.json().balance, 5, 'the daily grant landed on the new actor')
  const alias = await app.inject({ url: '/api/balance', headers: { 'x-user-id': 'demo-user' } })
  t.equal(alias.json().actor_id, 'demo-user')
  const both = await app.inject({ url: '/api/v2/tokens/balance', headers: { 'x-actor-id': 'a', 'x-user-id': 'b' } })
  t.equal(both.statusCode, 403)
  const invalid = await app.inject({ url: '/api/v2/tokens/balance', headers: { 'x-actor-id': 'bad id!' } })
  t.equal(invalid.statusCode, 400)
  t.equal(invalid.json().error, 'invalid_actor_id')
})

t.test('balance in the v1 and v2 shapes', async (t) => {
  const { app } = await buildApp(t)
  const { actorId, headers } = await signUp(app)
  for (const url of ['/api/balance', '/api/v1/balance']) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 200)
    t.same(Object.keys(res.json()).sort(), ['actor_id', 'balance', 'last_updated'])
    t.equal(res.json().actor_id, actorId)
  }
  const v2 = (await app.inject({ url: '/api/v2/tokens/balance', headers })).json()
  t.same(Object.keys(v2).sort(), ['balance', 'last_updated', 'user_id'])
  t.equal(v2.balance, 5)
})

t.test('daily grant: exactly once under 50 concurrent first requests, again the next UTC day', async (t) => {
  let now = new Date('2026-03-01T23:59:00.000Z')
  const { app } = await buildApp(t, { dailyTokens: 5 }, { now: () => now })
  const { headers } = await signUp(app)
  const responses = await Promise.all(Array.from({ length: 50 }, () => app.inject({ url: '/api/v2/tokens/balance', headers })))
  t.ok(responses.every((r) => r.statusCode === 200))
  t.equal(await balanceOf(app, headers), 5, 'one grant for the day')
  now = new Date('2026-03-02T00:00:01.000Z')
  const nextDay = await Promise.all(Array.from({ length: 50 }, () => app.inject({ url: '/api/v2/tokens/balance', headers })))
  t.ok(nextDay.every((r) => r.statusCode === 200))
  t.equal(await balanceOf(app, headers), 10, 'one more grant on the next UTC day')
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers })).json()
  t.equal(ledger.transactions.filter((e: { kind: string }) => e.kind === 'grant_daily').length, 2)
})

t.test('daily grant is once per actor per day across app instances sharing the database', async (t) => {
  const dataDir = t.testdir()
  const first = await buildApp(t, {}, { dataDir })
  const { headers } = await signUp(first.app)
  const second = await buildApp(t, {}, { dataDir })
  await Promise.all([
    ...Array.from({ length: 10 }, () => first.app.inject({ url: '/api/v2/tokens/balance', headers })),
    ...Array.from({ length: 10 }, () => second.app.inject({ url: '/api/v2/tokens/balance', headers }))
  ])
  t.equal(await balanceOf(second.app, headers), 5)
})

t.test('top-up: admin only, adds once per payment_id', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const { actorId, headers } = await signUp(app)
  t.equal(await balanceOf(app, headers), 5, 'daily grant on the first authenticated request')
  const body = { user_id: actorId, amount: 50, payment_id: 'stripe_pi_123' }
  const first = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: body })
  t.equal(first.statusCode, 200)
  t.match(first.json(), { user_id: actorId, balance: 55, amount_added: 50, replayed: false })
  const again = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: body })
  t.equal(again.statusCode, 200)
  t.match(again.json(), { balance: 55, amount_added: 50, replayed: true, transaction_id: first.json().transaction_id })
  t.equal(await balanceOf(app, headers), 55, 'a repeated payment_id never adds twice')

  const otherActor = await signUp(app, 'other')
  const conflict = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { ...body, user_id: otherActor.actorId } })
  t.equal(conflict.statusCode, 409)
  t.equal(conflict.json().error, 'payment_id_conflict')

  const unknown = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { ...body, user_id: 'nobody', payment_id: 'p-2' } })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().error, 'actor_not_found')

  for (const amount of [0, -5, 100_001, 2.5, 'ten', null]) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { ...body, amount, payment_id: `bad-${String(amount)}` } })
    t.equal(res.statusCode, 400, `amount ${JSON.stringify(amount)} refused`)
    t.equal(res.json().errors[0].pointer, '/body/amount')
  }

  const asActor = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers, payload: { ...body, payment_id: 'self-service' } })
  t.equal(asActor.statusCode, 403, 'an actor cannot top itself up')
  t.equal(await balanceOf(app, headers), 55)
})

t.test('refund: a spend once (409 after), never a grant (422), unknown 404', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const { actorId, headers } = await signUp(app)
  await balanceOf(app, headers)
  const charge = await app.billing.charge({
    actorId, purchase: { kind: 'entitlement', tier: 'full_distribution', fingerprint: 'f'.repeat(64) }, eventId: null, requestId: 'req-spend', idempotency: null
  })
  const transactionId = charge.transaction_id ?? ''
  t.equal(await balanceOf(app, headers), 3)

  const refund = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: transactionId, reason: 'customer support' } })
  t.equal(refund.statusCode, 200)
  t.match(refund.json(), { kind: 'refund', amount: 2, refund_of: transactionId, reason: 'customer support', balance_after: 5 })
  t.equal(await balanceOf(app, headers), 5)

  const twice = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: transactionId, reason: 'again' } })
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().error, 'already_refunded')

  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers })).json()
  const grant = ledger.transactions.find((e: { kind: string }) => e.kind === 'grant_daily')
  const ofGrant = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: grant.transaction_id, reason: 'no' } })
  t.equal(ofGrant.statusCode, 422)
  t.equal(ofGrant.json().error, 'not_refundable')

  const unknown = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', reason: 'x' } })
  t.equal(unknown.statusCode, 404)

  const asActor = await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers, payload: { transaction_id: transactionId, reason: 'x' } })
  t.equal(asActor.statusCode, 403, 'actors cannot refund themselves')
  t.equal(ledger.transactions.find((e: { transaction_id: string }) => e.transaction_id === transactionId).status, 'refunded')
})

t.test('ledger: newest first, cursor pagination, only the caller\'s entries', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const alice = await signUp(app, 'alice')
  const bob = await signUp(app, 'bob')
  await balanceOf(app, alice.headers)
  await balanceOf(app, bob.headers)
  for (let i = 0; i < 5; i++) await topUp(app, alice.actorId, i + 1, `alice-${i}`)
  await topUp(app, bob.actorId, 100, 'bob-0')

  const seen: string[] = []
  let cursor: string | null = null
  do {
    const url: string = `/api/v2/tokens/ledger?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`
    const page = (await app.inject({ url, headers: alice.headers })).json()
    t.equal(page.user_id, alice.actorId)
    t.ok(page.transactions.length <= 2)
    seen.push(...page.transactions.map((e: { transaction_id: string }) => e.transaction_id))
    cursor = page.next_cursor
  } while (cursor !== null)
  t.equal(seen.length, 6, 'five top-ups and one grant, no entry of bob')
  t.same(seen, [...seen].sort().reverse(), 'newest first (ULIDs sort by time)')
  const amounts = (await app.inject({ url: '/api/v2/tokens/ledger', headers: alice.headers })).json().transactions.map((e: { amount: number }) => e.amount)
  t.same(amounts, [5, 4, 3, 2, 1, 5])
  t.notOk(JSON.stringify(amounts).includes('100'))

  const badLimit = await app.inject({ url: '/api/v2/tokens/ledger?limit=0', headers: alice.headers })
  t.equal(badLimit.statusCode, 400)
  const badCursor = await app.inject({ url: '/api/v2/tokens/ledger?cursor=garbage', headers: alice.headers })
  t.equal(badCursor.statusCode, 400)
  t.equal(badCursor.json().error, 'invalid_cursor')
})

t.test('GET /api/v2/tiers lists every depth with its cost, and the season outlook', async (t) => {
  const { app } = await buildApp(t)
  const body = (await app.inject('/api/v2/tiers')).json()
  t.same(body.tiers.map((tier: { depth: string, cost_tokens: number }) => [tier.depth, tier.cost_tokens]), [
    ['headline_pick', 0], ['full_distribution', 2], ['scenario_extremes', 3], ['comparative_analysis', 3], ['deep_dive_educational', 5], ['season_outlook', 3]
  ])
  t.equal(body.v1_simulation_cost, 1)
  t.equal(body.daily_grant, 5)
})

t.test('/metrics counts granted tokens', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const { actorId, headers } = await signUp(app)
  await balanceOf(app, headers)
  await topUp(app, actorId, 7, 'm-1')
  const text = (await app.inject('/metrics')).body
  t.match(text, /trickster_tokens_granted_total\{reason="grant_daily"\} 5/)
  t.match(text, /trickster_tokens_granted_total\{reason="topup"\} 7/)
})

t.test('API keys and the admin token never reach the logs', async (t) => {
  const { app, logs } = await buildApp(t, withAdmin)
  const { actorId, apiKey, headers } = await signUp(app)
  await balanceOf(app, headers)
  await topUp(app, actorId, 1, 'log-1')
  await app.inject({ url: '/api/v2/tokens/balance', headers: bearer(`${apiKey}x`) })
  const text = JSON.stringify(logs)
  t.notOk(text.includes(apiKey), 'no API key')
  t.notOk(text.includes(ADMIN_TOKEN), 'no admin token')
})
