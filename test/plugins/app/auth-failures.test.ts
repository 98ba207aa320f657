import t from 'tap'
import { buildApp } from '../../helper.js'
import { ADMIN_TOKEN, admin, bearer, signUp } from '../../routes/api/helpers.js'

const BAD_KEY = (i: number): Record<string, string> => bearer(`tko_not-a-key-${i}`)

t.test('unknown API keys: at most 20 a minute per address, then 429 with Retry-After; valid keys and other addresses are unaffected', async (t) => {
  const { app } = await buildApp(t)
  const alice = await signUp(app, 'alice')
  const statuses: number[] = []
  for (let i = 0; i < 25; i++) {
    const res = await app.inject({ url: '/api/v2/tokens/balance', headers: BAD_KEY(i), remoteAddress: '203.0.113.9' })
    statuses.push(res.statusCode)
    if (res.statusCode === 429) {
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.match(res.json(), { error: 'rate_limited', limit: 20 })
      t.ok(Number(res.headers['retry-after']) >= 1 && Number(res.headers['retry-after']) <= 60, 'Retry-After within the minute')
      t.equal(res.headers['retry-after'], String(res.json().retry_after_seconds))
    }
  }
  t.same(statuses, [...Array(20).fill(401), ...Array(5).fill(429)], '401 twenty times, then 429')
  const valid = await app.inject({ url: '/api/v2/tokens/balance', headers: alice.headers, remoteAddress: '203.0.113.9' })
  t.equal(valid.statusCode, 200, 'a valid key from the same address still works')
  t.equal(valid.headers['ratelimit-remaining'], '299', 'and its own limit was not spent by the failures')
  const elsewhere = await app.inject({ url: '/api/v2/tokens/balance', headers: BAD_KEY(99), remoteAddress: '198.51.100.1' })
  t.equal(elsewhere.statusCode, 401, 'another address has its own count')
  t.match((await app.inject('/metrics')).body, /trickster_rate_limited_total\{policy="failed_authentication"\} 5/)
})

t.test('malformed Authorization headers, wrong admin tokens and wrong metrics tokens share the count', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, metricsToken: 'metrics-token-0123456789abcdefghij' })
  const remoteAddress = '203.0.113.10'
  const attempts = [
    () => app.inject({ url: '/api/v2/tokens/balance', headers: { authorization: 'Basic Zm9vOmJhcg==' }, remoteAddress }),
    () => app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: { authorization: 'Bearer wrong-admin-token' }, payload: { user_id: 'x', amount: 1, payment_id: 'p' }, remoteAddress }),
    () => app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-metrics-token' }, remoteAddress })
  ]
  const statuses: number[] = []
  for (let i = 0; i < 21; i++) statuses.push((await attempts[i % 3]()).statusCode)
  t.same(statuses, [...Array(20).fill(401), 429])
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', remoteAddress })).statusCode, 401, 'no credential at all is a plain 401, never counted')
  const topup = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: 'nobody', amount: 1, payment_id: 'p1' }, remoteAddress })
  t.not(topup.statusCode, 429, 'the right admin token still works')
  t.not(topup.statusCode, 401)
})
