import t from 'tap'
import { buildApp } from '../../helper.js'
import { signUp } from '../../routes/api/helpers.js'

t.test('sign-up: 5 per hour per IP, then 429 problem with Retry-After and rate-limit headers', async (t) => {
  const { app } = await buildApp(t)
  for (let i = 0; i < 5; i++) {
    const ok = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {} })
    t.equal(ok.statusCode, 201)
    t.equal(ok.headers['ratelimit-limit'], '5')
    t.equal(ok.headers['ratelimit-remaining'], String(4 - i))
    t.ok(Number(ok.headers['ratelimit-reset']) > 0)
  }
  const refused = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {} })
  t.equal(refused.statusCode, 429)
  t.match(refused.headers['content-type'], /problem\+json/)
  t.equal(refused.json().error, 'rate_limited')
  t.ok(refused.json().retry_after_seconds > 3000, 'about an hour')
  t.equal(refused.headers['retry-after'], String(refused.json().retry_after_seconds))
  t.equal(refused.headers['ratelimit-remaining'], '0')
  const other = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, remoteAddress: '10.9.8.7' })
  t.equal(other.statusCode, 201, 'another IP is not affected')
  t.match((await app.inject('/metrics')).body, /trickster_rate_limited_total\{policy="signup"\} 1/)
})

t.test('general /api limit per principal; one actor never touches another', async (t) => {
  const { app } = await buildApp(t, { rateLimitApiPerMinute: 3 })
  const alice = await signUp(app, 'alice')
  const bob = await signUp(app, 'bob')
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: alice.headers })).statusCode, 200)
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: alice.headers })).statusCode, 429)
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: bob.headers })).statusCode, 200, 'bob has his own budget')
})

t.test('probes, docs and metrics are never rate limited', async (t) => {
  const { app } = await buildApp(t, { rateLimitApiPerMinute: 1 })
  for (const url of ['/health', '/ready', '/version', '/metrics', '/openapi/v2.json']) {
    for (let i = 0; i < 3; i++) {
      const res = await app.inject(url)
      // /ready may answer 503 on a loaded machine (its event-loop check); never 429.
      t.ok(res.statusCode === 200 || (url === '/ready' && res.statusCode === 503), `${url} #${i}: ${res.statusCode}`)
      t.equal(res.headers['ratelimit-limit'], undefined)
    }
  }
})

t.test('X-Forwarded-For is ignored unless TRUST_PROXY lists the proxy', async (t) => {
  const untrusted = await buildApp(t, { rateLimitSignupPerHour: 1 })
  const first = await untrusted.app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': '1.1.1.1' } })
  t.equal(first.statusCode, 201)
  const spoofed = await untrusted.app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': '2.2.2.2' } })
  t.equal(spoofed.statusCode, 429, 'a forged X-Forwarded-For does not buy a new budget')

  const trusted = await buildApp(t, { rateLimitSignupPerHour: 1, trustProxy: ['127.0.0.1'] })
  t.equal((await trusted.app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': '1.1.1.1' } })).statusCode, 201)
  t.equal((await trusted.app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': '2.2.2.2' } })).statusCode, 201, 'behind a trusted proxy each client IP has its own budget')
  t.equal((await trusted.app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': '1.1.1.1' } })).statusCode, 429)
})

t.test('X-Forwarded-For from a trusted proxy is canonicalised before bucketing; a non-address falls back to the socket', async (t) => {
  const { app } = await buildApp(t, { rateLimitSignupPerHour: 1, trustProxy: ['127.0.0.1'] })
  const signUpAs = async (forwarded: string): Promise<number> =>
    (await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, headers: { 'x-forwarded-for': forwarded } })).statusCode
  t.equal(await signUpAs('2001:db8:1:2::7'), 201)
  for (const spelling of ['[2001:db8:1:2::7]', '2001:DB8:0001:0002::7', '[2001:db8:1:2::8]:443', '2001:db8:1:2:ffff::1']) {
    t.equal(await signUpAs(spelling), 429, `${spelling} shares the bucket of 2001:db8:1:2::/64`)
  }
  t.equal(await signUpAs('198.51.100.7'), 201)
  for (const spelling of ['::ffff:198.51.100.7', '198.051.100.007', '[198.51.100.7]:80']) {
    t.equal(await signUpAs(spelling), 429, `${spelling} is 198.51.100.7`)
  }
  t.equal(await signUpAs('not-an-address'), 201, 'falls back to the socket address, 127.0.0.1')
  t.equal(await signUpAs('unknown'), 429, 'every non-address shares the socket\'s bucket')
  t.equal(await signUpAs('127.0.0.1'), 429, 'which is the bucket of the socket address itself')
})

t.test('IPv6 clients are keyed by /64', async (t) => {
  const { app } = await buildApp(t, { rateLimitSignupPerHour: 1 })
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, remoteAddress: '2001:db8:1:2::1' })).statusCode, 201)
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, remoteAddress: '2001:db8:1:2::ffff' })).statusCode, 429, 'same /64')
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {}, remoteAddress: '2001:db8:1:3::1' })).statusCode, 201, 'another /64')
})

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

t.test('simulation: a burst of RATE_LIMIT_BURST back-to-back, then 429 until a token refills', async (t) => {
  let now = new Date('2026-01-01T00:00:00.000Z')
  const { app } = await buildApp(t, { rateLimitBurst: 15, rateLimitPerMinute: 10 }, { now: () => now })
  for (let i = 0; i < 15; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...SIM, config: { seed: i } } })
    t.equal(res.statusCode, 200, `burst request ${i + 1}`)
    t.equal(res.headers['ratelimit-limit'], '15')
    t.equal(res.headers['ratelimit-remaining'], String(14 - i))
  }
  const refused = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })
  t.equal(refused.statusCode, 429)
  t.match(refused.json(), { error: 'rate_limited', retry_after_seconds: 6 })
  t.equal(refused.headers['retry-after'], '6')
  t.match(refused.json().detail, /bursts of 15 simulations refilling at 10 per minute/)
  t.equal((await app.inject({ method: 'POST', url: '/api/v1/simulate', payload: { event_id: 'el-clasico' }, headers: { 'x-forwarded-for': '9.9.9.9' } })).statusCode, 401, 'v1 without actor still answers 401 first')
  now = new Date(now.getTime() + 6000)
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })).statusCode, 200, 'one token refilled after 6 s')
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })).statusCode, 429)
  t.match((await app.inject('/metrics')).body, /trickster_rate_limited_total\{policy="simulation"\} 2/)
})

t.test('simulation: the hourly cap bites on its own (anonymous per IP, actors separately)', async (t) => {
  const { app } = await buildApp(t, { rateLimitBurst: 1000, rateLimitPerMinute: 100_000, rateLimitHourlyAnonymous: 20, rateLimitHourlyActor: 30 })
  for (let i = 0; i < 20; i++) t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })).statusCode, 200)
  const capped = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })
  t.equal(capped.statusCode, 429, '21st anonymous request in the hour')
  t.ok(capped.json().retry_after_seconds > 3500)
  const a = await signUp(app)
  for (let i = 0; i < 30; i++) t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: a.headers, payload: SIM })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: a.headers, payload: SIM })).statusCode, 429, '31st actor request in the hour')
})

t.test('simulation: one actor\'s bucket never touches another\'s, nor the general limit', async (t) => {
  const { app } = await buildApp(t, { rateLimitBurst: 3, rateLimitPerMinute: 1 })
  const alice = await signUp(app, 'alice')
  const bob = await signUp(app, 'bob')
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: alice.headers, payload: SIM })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: alice.headers, payload: SIM })).statusCode, 429)
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: bob.headers, payload: SIM })).statusCode, 200, 'bob unaffected')
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: alice.headers })).statusCode, 200, 'alice can still read her balance')
  const balanceHeaders = (await app.inject({ url: '/api/v2/tokens/balance', headers: alice.headers })).headers
  t.equal(balanceHeaders['ratelimit-limit'], '300', 'other /api routes have the general limit')
})
