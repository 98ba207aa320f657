import t from 'tap'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'
import { createSimulationRunner, type SimulationRunner } from '../../../../src/simulation/runner.js'

const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const url = '/api/v2/simulate'
const withAdmin = { adminToken: ADMIN_TOKEN }

/** The numbers of an answer, without what legitimately differs between two requests. */
function numbersOf (body: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, execution_time_ms: _time, transaction_id: _tx, ...rest } = body
  return rest
}

t.test('headline_pick is free and anonymous, with the common fields and meta', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url, payload: EVENT })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { sport: 'football', event_id: null, market: 'match_result', depth: 'headline_pick', cost_tokens: 0 })
  t.match(body.pick, { predicted_outcome: 'home', confidence: /^(low|moderate|high)$/ })
  t.ok(body.pick.median_probability > 0 && body.pick.median_probability < 1)
  t.ok(Array.isArray(body.notes) && body.notes.length > 0)
  t.type(body.execution_time_ms, 'number')
  t.same(Object.keys(body.meta).sort(), ['cache_hit', 'entitlement_reused', 'fingerprint', 'idempotency_replay', 'model_version', 'request_id', 'tokens_charged'])
  t.match(body.meta, { request_id: res.headers['x-request-id'], cache_hit: false, idempotency_replay: false, tokens_charged: 0, entitlement_reused: false })
  t.match(body.meta.fingerprint, /^[0-9a-f]{64}$/)
  t.notOk('transaction_id' in body, 'nothing charged, no transaction')
  t.match(res.headers['ratelimit-limit'], /^\d+$/, 'rate-limit headers on success')
})

t.test('market: match_result and its aliases; anything else is 400 unsupported_market', async (t) => {
  const { app } = await buildApp(t)
  for (const market of ['match_result', '1X2', 'moneyline_home']) {
    const res = await app.inject({ method: 'POST', url, payload: { ...EVENT, market } })
    t.equal(res.statusCode, 200, market)
    t.equal(res.json().market, 'match_result')
  }
  const res = await app.inject({ method: 'POST', url, payload: { ...EVENT, market: 'total_goals' } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().error, 'unsupported_market')
})

t.test('validation: every failing field listed (ratings, sport, depth, unknown fields)', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url, payload: { ...EVENT, home_rating: 4001, away_rating: -1, sport: 'curling', depth: 'everything', colour: 'red' } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().error, 'validation_error')
  const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer).sort()
  t.same(pointers, ['/body/away_rating', '/body/colour', '/body/depth', '/body/home_rating', '/body/sport'])
  t.match(res.json().errors.find((e: { pointer: string }) => e.pointer === '/body/sport').message, /football, basketball, american_football, tennis, mma, soccer/)
})

t.test('soccer is an alias of football', async (t) => {
  const { app } = await buildApp(t)
  const soccer = (await app.inject({ method: 'POST', url, payload: { ...EVENT, sport: 'soccer' } })).json()
  const football = (await app.inject({ method: 'POST', url, payload: { ...EVENT, sport: 'football' } })).json()
  t.equal(soccer.sport, 'football')
  t.equal(soccer.meta.fingerprint, football.meta.fingerprint)
})

t.test('free tier: n_simulations above MAX_SIMULATIONS_FREE is 400 simulation_limit_exceeded with the cap', async (t) => {
  const { app } = await buildApp(t, { maxSimulationsFree: 1000 })
  const res = await app.inject({ method: 'POST', url, payload: { ...EVENT, config: { n_simulations: 1001 } } })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { error: 'simulation_limit_exceeded', limit: 1000 })
  t.equal((await app.inject({ method: 'POST', url, payload: { ...EVENT, config: { n_simulations: 1000 } } })).statusCode, 200)
  const tooFew = await app.inject({ method: 'POST', url, payload: { ...EVENT, config: { n_simulations: 99 } } })
  t.equal(tooFew.statusCode, 400)
})

t.test('paid depths are capped at MAX_SIMULATIONS', async (t) => {
  const { app } = await buildApp(t, { ...withAdmin, maxSimulations: 5000 })
  const a = await signUp(app)
  const res = await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution', config: { n_simulations: 5001 } } })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { error: 'simulation_limit_exceeded', limit: 5000 })
})

t.test('event source: event_id or inline, not both, not neither; unknown event_id is 404', async (t) => {
  const { app } = await buildApp(t)
  const both = await app.inject({ method: 'POST', url, payload: { ...EVENT, event_id: 'el-clasico' } })
  t.equal(both.statusCode, 400)
  t.equal(both.json().error, 'invalid_event_reference')
  const neither = await app.inject({ method: 'POST', url, payload: {} })
  t.equal(neither.statusCode, 400)
  t.equal(neither.json().error, 'invalid_event_reference')
  const partial = await app.inject({ method: 'POST', url, payload: { home_team: 'Only Home' } })
  t.equal(partial.statusCode, 400)
  t.same(partial.json().errors.map((e: { pointer: string }) => e.pointer), ['/body/away_team', '/body/home_rating', '/body/away_rating'])
  const unknown = await app.inject({ method: 'POST', url, payload: { event_id: 'no-such-event' } })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().error, 'event_not_found')
  const catalog = await app.inject({ method: 'POST', url, payload: { event_id: 'el-clasico' } })
  t.equal(catalog.statusCode, 200)
  t.equal(catalog.json().event_id, 'el-clasico')
})

t.test('gated depths need an actor: 401 with WWW-Authenticate', async (t) => {
  const { app } = await buildApp(t)
  for (const depth of ['full_distribution', 'scenario_extremes', 'deep_dive_educational']) {
    const res = await app.inject({ method: 'POST', url, payload: { ...EVENT, depth } })
    t.equal(res.statusCode, 401, depth)
    t.match(res.headers['www-authenticate'], /^Bearer/)
    t.match(res.json().detail, /headline_pick is free/)
  }
})

t.test('a charge: tokens deducted atomically, transaction_id, ledger entry with the request id', async (t) => {
  const { app } = await buildApp(t)
  const a = await signUp(app)
  t.equal(await balanceOf(app, a.headers), 5)
  const res = await app.inject({ method: 'POST', url, headers: { ...a.headers, 'x-request-id': 'charge-1' }, payload: { ...EVENT, depth: 'full_distribution' } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { depth: 'full_distribution', cost_tokens: 2 })
  t.match(body.meta, { tokens_charged: 2, balance_after: 3, entitlement_reused: false })
  t.match(body.transaction_id, /^[0-9A-HJKMNP-TV-Z]{26}$/)
  t.equal(await balanceOf(app, a.headers), 3)
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers: a.headers })).json()
  t.match(ledger.transactions[0], { transaction_id: body.transaction_id, kind: 'spend', feature: 'full_distribution', amount: -2, cost: 2, request_id: 'charge-1', status: 'committed' })
  t.match((await app.inject('/metrics')).body, /trickster_tokens_spent_total\{feature="full_distribution"\} 2/)
})

t.test('insufficient tokens: 402 with required/available/feature, a denied audit entry, nothing charged', async (t) => {
  const { app } = await buildApp(t)
  const a = await signUp(app)
  t.equal(await balanceOf(app, a.headers), 5)
  const res = await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'deep_dive_educational', config: { seed: 1 } } })
  t.equal(res.statusCode, 200, 'exactly 5 tokens pay for a deep dive')
  const refused = await app.inject({ method: 'POST', url, headers: { ...a.headers, 'x-request-id': 'poor-1' }, payload: { ...EVENT, depth: 'full_distribution', config: { seed: 2 } } })
  t.equal(refused.statusCode, 402)
  t.match(refused.headers['content-type'], /problem\+json/)
  t.match(refused.json(), { error: 'insufficient_tokens', required_tokens: 2, available_tokens: 0, feature: 'full_distribution', request_id: 'poor-1' })
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers: a.headers })).json()
  t.match(ledger.transactions[0], { kind: 'denied', amount: 0, status: 'denied', feature: 'full_distribution', request_id: 'poor-1', balance_before: 0, balance_after: 0 })
  t.equal(await balanceOf(app, a.headers), 0)
  t.match((await app.inject('/metrics')).body, /trickster_token_denials_total\{feature="full_distribution"\} 1/)
})

t.test('entitlement: the same inputs and depth within 24 h are not charged again', async (t) => {
  let now = new Date('2026-05-01T10:00:00.000Z')
  const { app } = await buildApp(t, withAdmin, { now: () => now })
  const a = await signUp(app)
  await topUp(app, a.actorId, 20)
  const before = await balanceOf(app, a.headers)
  const first = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'scenario_extremes' } })).json()
  t.match(first.meta, { tokens_charged: 3, entitlement_reused: false })
  const again = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'scenario_extremes' } })).json()
  t.match(again.meta, { tokens_charged: 0, entitlement_reused: true, cache_hit: true })
  t.notOk('transaction_id' in again)
  t.same(numbersOf(again), numbersOf(first), 'the same numbers')
  t.equal(await balanceOf(app, a.headers), before - 3)
  const otherDepth = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution' } })).json()
  t.match(otherDepth.meta, { tokens_charged: 2, entitlement_reused: false }, 'another depth is another purchase')
  const otherActor = await signUp(app, 'b')
  const byOther = (await app.inject({ method: 'POST', url, headers: otherActor.headers, payload: { ...EVENT, depth: 'full_distribution' } })).json()
  t.match(byOther.meta, { tokens_charged: 2, entitlement_reused: false }, 'entitlements are per actor')
  now = new Date(now.getTime() + 24 * 3_600_000 + 1000)
  const nextDay = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'scenario_extremes' } })).json()
  t.match(nextDay.meta, { tokens_charged: 3, entitlement_reused: false }, 'charged again after 24 h')
})

t.test('cache: equal inputs hit, same numbers, labels of the current request', async (t) => {
  const { app } = await buildApp(t)
  const first = (await app.inject({ method: 'POST', url, payload: EVENT })).json()
  const reordered = (await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: '{"away_rating": 2050.0, "home_rating": 2100.000, "away_team": "Visitors", "home_team": "Hosts"}'
  })).json()
  t.equal(reordered.meta.cache_hit, true, 'key order, number format and team names do not change the fingerprint')
  t.equal(reordered.meta.fingerprint, first.meta.fingerprint)
  t.same(reordered.pick, first.pick)
  t.match(reordered.notes[0], /Hosts/, 'the text names the teams of this request')
  t.notMatch(reordered.notes.join(' '), /Rovers/)
  const seed = (await app.inject({ method: 'POST', url, payload: { ...EVENT, depth: 'headline_pick' } })).json()
  t.equal(seed.meta.cache_hit, true)
  const stats = (await app.inject('/api/v1/cache/stats')).json()
  t.match(stats, { entries: 1, hits: 2, misses: 1, ttl_seconds: 300 })
  t.equal(stats.hit_ratio, 2 / 3)
})

t.test('an omitted seed is derived: sending that seed explicitly shares the cache entry', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const a = await signUp(app)
  await topUp(app, a.actorId, 10)
  const derived = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution' } })).json()
  const explicit = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution', config: { seed: derived.seed } } })).json()
  t.equal(explicit.meta.fingerprint, derived.meta.fingerprint)
  t.equal(explicit.meta.cache_hit, true)
  t.equal(explicit.meta.entitlement_reused, true)
  const other = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution', config: { seed: (derived.seed + 1) % 2 ** 32 } } })).json()
  t.not(other.meta.fingerprint, derived.meta.fingerprint)
  t.not(other.prob_home === derived.prob_home && other.mean === derived.mean, true)
})

t.test('determinism: the same request gives bit-identical numbers on a fresh app', async (t) => {
  const payload = { ...EVENT, depth: 'deep_dive_educational', config: { seed: 42, n_simulations: 5000 } }
  const answers = []
  for (let i = 0; i < 2; i++) {
    const { app } = await buildApp(t, withAdmin)
    const a = await signUp(app)
    await topUp(app, a.actorId, 10)
    answers.push((await app.inject({ method: 'POST', url, headers: a.headers, payload })).json())
  }
  t.same(numbersOf(answers[0]), numbersOf(answers[1]))
  t.equal(answers[0].meta.cache_hit, false)
  t.equal(answers[1].meta.cache_hit, false)
})

t.test('all five depths are served for real', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const a = await signUp(app)
  await topUp(app, a.actorId, 100)
  const expectKeys: Record<string, string[]> = {
    full_distribution: ['n_sims', 'ci_level', 'seed', 'percentiles', 'mean', 'stdev', 'skew', 'kurtosis', 'histogram', 'scenarios', 'uncertainty'],
    scenario_extremes: ['conservative', 'aggressive', 'bounds'],
    deep_dive_educational: ['percentiles', 'scenarios', 'uncertainty', 'conservative', 'aggressive', 'bounds', 'histogram', 'risk', 'explanation', 'convergence']
  }
  for (const [depth, keys] of Object.entries(expectKeys)) {
    const body = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { event_id: 'north-west-derby', depth } })).json()
    t.equal(body.depth, depth)
    for (const key of keys) t.ok(key in body, `${depth} has ${key}`)
  }
  const full = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { event_id: 'north-west-derby', depth: 'full_distribution' } })).json()
  t.same(full.scenarios.map((s: { name: string }) => s.name), ['conservative', 'base', 'aggressive'])
  t.ok(full.percentiles.p5 <= full.percentiles.p25 && full.percentiles.p25 <= full.percentiles.p50 && full.percentiles.p50 <= full.percentiles.p75 && full.percentiles.p75 <= full.percentiles.p95)
  t.equal(full.prob_home + full.prob_draw + full.prob_away, 1)
  t.equal(full.histogram.frequencies.length, 20, 'full_distribution carries the histogram the web app draws')
  const deep = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { event_id: 'north-west-derby', depth: 'deep_dive_educational' } })).json()
  t.equal(deep.histogram.frequencies.length, 20)
  t.equal(deep.explanation.sensitivity.length, 6)
  t.match(deep.risk.band, /^(LOW|MEDIUM|HIGH)$/)
  t.ok(deep.bounds.lower <= deep.bounds.upper)
})

t.test('comparative_analysis: 2–10 events, ordered by volatility, most and least uncertain', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const a = await signUp(app)
  await topUp(app, a.actorId, 20)
  const events = [{ event_id: 'el-clasico' }, { ...EVENT, rating_uncertainty: 300 }, { event_id: 'north-west-derby' }]
  const res = await app.inject({ method: 'POST', url, headers: a.headers, payload: { depth: 'comparative_analysis', events } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { depth: 'comparative_analysis', cost_tokens: 3, event_id: null })
  t.equal(body.events.length, 3)
  const volatility = body.comparison.map((row: { volatility_score: number }) => row.volatility_score)
  t.same(volatility, [...volatility].sort((x: number, y: number) => y - x), 'ordered by volatility, highest first')
  t.equal(body.most_uncertain, body.comparison[0].label)
  t.equal(body.least_uncertain, body.comparison[2].label)
  t.equal(body.most_uncertain, 'Rovers v United', 'the widest rating uncertainty is the most volatile')
  t.equal(body.meta.tokens_charged, 3)

  const one = await app.inject({ method: 'POST', url, headers: a.headers, payload: { depth: 'comparative_analysis', events: [{ event_id: 'el-clasico' }] } })
  t.equal(one.statusCode, 400)
  const eleven = await app.inject({ method: 'POST', url, headers: a.headers, payload: { depth: 'comparative_analysis', events: Array.from({ length: 11 }, () => ({ event_id: 'el-clasico' })) } })
  t.equal(eleven.statusCode, 400)
  const missing = await app.inject({ method: 'POST', url, headers: a.headers, payload: { depth: 'comparative_analysis', event_id: 'el-clasico' } })
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().error, 'invalid_event_reference')
  const misplaced = await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, events } })
  t.equal(misplaced.statusCode, 400)
  const unknown = await app.inject({ method: 'POST', url, headers: a.headers, payload: { depth: 'comparative_analysis', events: [{ event_id: 'el-clasico' }, { event_id: 'nope' }] } })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json().detail, /\/body\/events\/1/)
})

t.test('a failing engine refunds the charge automatically (reason simulation_failed)', async (t) => {
  const real = createSimulationRunner()
  const failing: SimulationRunner = {
    ...real,
    admit: () => ({ onPool: false, estimatedSeconds: 0, run: async () => { throw new Error('engine exploded') }, cancel: () => {} })
  }
  t.teardown(() => real.close())
  const { app, logs } = await buildApp(t, {}, { runner: failing })
  const a = await signUp(app)
  t.equal(await balanceOf(app, a.headers), 5)
  const res = await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution' } })
  t.equal(res.statusCode, 500)
  t.equal(res.json().error, 'internal_error')
  t.notMatch(res.body, /exploded/, 'no internals in the answer')
  t.equal(await balanceOf(app, a.headers), 5, 'balance restored')
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers: a.headers })).json()
  const [refund, spend] = ledger.transactions
  t.match(spend, { kind: 'spend', amount: -2, status: 'refunded' })
  t.match(refund, { kind: 'refund', amount: 2, reason: 'simulation_failed', refund_of: spend.transaction_id })
  t.ok(logs.some((l) => l.msg === 'answer not delivered; refunding its charge'))
  t.match((await app.inject('/metrics')).body, /trickster_tokens_refunded_total\{reason="simulation_failed"\} 2/)
})

t.test('/metrics counts simulations by depth, their duration, cache hits and misses', async (t) => {
  const { app } = await buildApp(t)
  await app.inject({ method: 'POST', url, payload: EVENT })
  await app.inject({ method: 'POST', url, payload: EVENT })
  const text = (await app.inject('/metrics')).body
  t.match(text, /trickster_simulations_total\{depth="headline_pick"\} 1/)
  t.match(text, /trickster_simulation_duration_seconds_count\{depth="headline_pick"\} 1/)
  t.match(text, /trickster_cache_hits_total 1/)
  t.match(text, /trickster_cache_misses_total 1/)
})

t.test('cache clear is admin-only and empties the cache', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await app.inject({ method: 'POST', url, payload: EVENT })
  t.equal((await app.inject({ method: 'DELETE', url: '/api/v1/cache/clear' })).statusCode, 401)
  const cleared = await app.inject({ method: 'DELETE', url: '/api/v1/cache/clear', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  t.equal(cleared.statusCode, 200)
  t.same(cleared.json(), { cleared: 1 })
  t.match((await app.inject('/api/v1/cache/stats')).json(), { entries: 0, hits: 0, misses: 0 })
  const again = (await app.inject({ method: 'POST', url, payload: EVENT })).json()
  t.equal(again.meta.cache_hit, false)
})

t.test('cache: a headline-only result never answers a deeper depth', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const a = await signUp(app)
  await topUp(app, a.actorId, 10)
  const headline = (await app.inject({ method: 'POST', url, payload: { ...EVENT, config: { seed: 11 } } })).json()
  t.equal(headline.meta.cache_hit, false)
  const full = (await app.inject({ method: 'POST', url, headers: a.headers, payload: { ...EVENT, depth: 'full_distribution', config: { seed: 11 } } })).json()
  t.equal(full.meta.cache_hit, false, 'the cached headline-only result is not used for full_distribution')
  t.equal(full.scenarios.length, 3)
  const { app: fresh } = await buildApp(t, withAdmin)
  const b = await signUp(fresh)
  await topUp(fresh, b.actorId, 10)
  const reference = (await fresh.inject({ method: 'POST', url, headers: b.headers, payload: { ...EVENT, depth: 'full_distribution', config: { seed: 11 } } })).json()
  t.same(numbersOf(full), numbersOf(reference), 'the same numbers as on an app that never ran the headline')
  const again = (await app.inject({ method: 'POST', url, payload: { ...EVENT, config: { seed: 11 } } })).json()
  t.equal(again.meta.cache_hit, true, 'the headline still hits')
  t.same(again.pick, headline.pick)
})

/** An answer's text without its tail: what must not differ between a hit and a fresh computation. */
function withoutTail (body: string): string {
  return body.slice(0, body.lastIndexOf(',"execution_time_ms":'))
}

t.test('a cache hit sends the stored answer, byte for byte a fresh one but for this request\'s fields', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const { app: uncached } = await buildApp(t, { ...withAdmin, cacheTtlSeconds: 0 })
  const actors = [await signUp(app), await signUp(uncached)]
  await topUp(app, actors[0].actorId, 20)
  await topUp(uncached, actors[1].actorId, 20)
  for (const [depth, auth] of [['headline_pick', false], ['headline_pick', true], ['full_distribution', true], ['deep_dive_educational', true]] as const) {
    const payload = { ...EVENT, depth, config: { seed: 21 } }
    const headersOf = (i: number) => auth ? actors[i].headers : {}
    const miss = await app.inject({ method: 'POST', url, headers: headersOf(0), payload })
    const hit = await app.inject({ method: 'POST', url, headers: { ...headersOf(0), 'x-request-id': `hit-${depth}` }, payload })
    const computed = await uncached.inject({ method: 'POST', url, headers: headersOf(1), payload })
    const label = `${depth}${auth ? ' (actor)' : ''}`
    t.equal(hit.headers['content-type'], computed.headers['content-type'], `${label}: same media type`)
    t.equal(hit.json().meta.cache_hit, true)
    t.equal(computed.json().meta.cache_hit, false)
    t.equal(withoutTail(hit.body), withoutTail(computed.body), `${label}: the same bytes up to execution_time_ms`)
    t.equal(withoutTail(miss.body), withoutTail(computed.body), `${label}: the miss too`)
    const { execution_time_ms: _a, meta: hitMeta, ...hitRest } = hit.json()
    t.match(hitMeta, { request_id: `hit-${depth}`, fingerprint: computed.json().meta.fingerprint, idempotency_replay: false })
    // The hit reuses the entitlement of the miss: no charge, so no transaction_id.
    t.same(Object.keys(hit.json()), Object.keys(computed.json()).filter((key) => key !== 'transaction_id'), `${label}: same fields in the same order`)
    t.ok(hitRest.depth === depth)
    if (auth) t.equal(hitMeta.balance_after, (await balanceOf(app, actors[0].headers)), `${label}: this request's balance`)
  }
})
