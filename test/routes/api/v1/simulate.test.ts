import t from 'tap'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'

const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

for (const url of ['/api/v1/simulate', '/api/simulate']) {
  t.test(`${url}: the v1 answer, 1 token`, async (t) => {
    const { app } = await buildApp(t)
    const a = await signUp(app)
    t.equal(await balanceOf(app, a.headers), 5)
    const res = await app.inject({ method: 'POST', url, headers: a.headers, payload: { event: EVENT, config: { n_simulations: 2000, seed: 11 } } })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.same(Object.keys(body).sort(), ['cache_hit', 'confidence_intervals', 'config', 'distribution', 'event', 'execution_time_ms', 'explanation', 'meta', 'model_version', 'prob_away', 'prob_draw', 'prob_home', 'risk'])
    t.match(body.event, { ...EVENT, sport: 'football', home_advantage: 100, draw_rate: 0.25, rating_uncertainty: 60 })
    t.match(body.config, { n_simulations: 2000, seed: 11 })
    t.equal(body.prob_home + body.prob_draw + body.prob_away, 1)
    t.equal(body.distribution.bins.length, 21)
    t.equal(body.distribution.frequencies.length, 20)
    t.ok(Math.abs(body.distribution.frequencies.reduce((s: number, f: number) => s + f, 0) - 1) < 1e-9)
    t.ok(body.confidence_intervals['99'].lower <= body.confidence_intervals['95'].lower)
    t.ok(body.confidence_intervals['95'].upper <= body.confidence_intervals['99'].upper)
    t.match(body.risk, { band: /^(LOW|MEDIUM|HIGH)$/ })
    t.ok(body.explanation.summary.length > 0)
    t.equal(body.cache_hit, false)
    t.match(body.meta, { tokens_charged: 1, balance_after: 4, cache_hit: false })
    t.equal(await balanceOf(app, a.headers), 4)
  })
}

t.test('shorthand {event_id, iterations, seed} for a catalog event', async (t) => {
  const { app } = await buildApp(t)
  const a = await signUp(app)
  const res = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event_id: 'el-clasico', iterations: 3000, seed: 5 } })
  t.equal(res.statusCode, 200)
  t.match(res.json().event, { event_id: 'el-clasico', home_rating: 2100, away_rating: 2050, home_advantage: 100 })
  t.match(res.json().config, { n_simulations: 3000, seed: 5 })
})

t.test('v1 needs an actor and refuses bad bodies precisely', async (t) => {
  const { app } = await buildApp(t)
  const anonymous = await app.inject({ method: 'POST', url: '/api/v1/simulate', payload: { event: EVENT } })
  t.equal(anonymous.statusCode, 401)
  const a = await signUp(app)
  const both = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event: EVENT, event_id: 'el-clasico' } })
  t.equal(both.statusCode, 400)
  t.equal(both.json().error, 'invalid_event_reference')
  const neither = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { iterations: 1000 } })
  t.equal(neither.statusCode, 400)
  const unknown = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event_id: 'nope' } })
  t.equal(unknown.statusCode, 404)
  const disagree = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event_id: 'el-clasico', iterations: 1000, config: { n_simulations: 2000 } } })
  t.equal(disagree.statusCode, 400)
  const tooMany = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event_id: 'el-clasico', iterations: 100_001 } })
  t.equal(tooMany.statusCode, 400)
  t.match(tooMany.json(), { error: 'simulation_limit_exceeded', limit: 100_000 })
  t.equal(await balanceOf(app, a.headers), 5, 'refused requests cost nothing')
})

t.test('v1 insufficient balance: 402 insufficient_tokens with required/available/feature/request_id and a denied entry', async (t) => {
  const { app } = await buildApp(t, { dailyTokens: 1 })
  const a = await signUp(app)
  t.equal((await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event: EVENT, config: { seed: 1 } } })).statusCode, 200)
  const res = await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: { ...a.headers, 'x-request-id': 'v1-poor' }, payload: { event: EVENT, config: { seed: 2 } } })
  t.equal(res.statusCode, 402)
  t.match(res.json(), { error: 'insufficient_tokens', required_tokens: 1, available_tokens: 0, feature: 'v1_simulation', request_id: 'v1-poor' })
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers: a.headers })).json()
  t.match(ledger.transactions[0], { kind: 'denied', amount: 0, feature: 'v1_simulation' })
})

t.test('v1 and v2 share the cache and the engine', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const a = await signUp(app)
  await topUp(app, a.actorId, 10)
  const v2 = (await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: a.headers, payload: { ...EVENT, depth: 'full_distribution' } })).json()
  const v1 = (await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: a.headers, payload: { event: EVENT } })).json()
  t.equal(v1.cache_hit, true)
  t.equal(v1.meta.fingerprint, v2.meta.fingerprint)
  t.equal(v1.prob_home, v2.prob_home)
})
