import t from 'tap'
import { buildApp } from '../../helper.js'
import { ADMIN_TOKEN, admin, balanceOf, signUp } from './helpers.js'

/** Values that are not a JSON number, or not a finite one; none may be coerced into a number. */
const NOT_NUMBERS: unknown[] = ['Infinity', '-Infinity', '1e400', 'NaN', '10', true, [5]]

const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

/** A copy of `body` with `value` at the JSON pointer `pointer`. */
function withValue (body: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body)
  const keys = pointer.split('/').slice(1)
  let target: Record<string, unknown> = copy
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
  target[keys[keys.length - 1]] = value
  return copy
}

const V2 = { ...EVENT, home_advantage: 100, draw_rate: 0.2, rating_uncertainty: 60, config: { n_simulations: 500, seed: 1, ci_level: 0.9 }, context: { data_age_days: 1, event_horizon_days: 2, sample_size: 30 } }
const V2_FIELDS = ['/home_rating', '/away_rating', '/home_advantage', '/draw_rate', '/rating_uncertainty', '/config/n_simulations', '/config/seed', '/config/ci_level', '/context/data_age_days', '/context/event_horizon_days', '/context/sample_size']
const COMPARATIVE = { depth: 'comparative_analysis', events: [{ ...EVENT }, { event_id: 'el-clasico' }] }
const V1 = { event: { ...EVENT, home_advantage: 100, draw_rate: 0.2, rating_uncertainty: 60 }, config: { n_simulations: 500, seed: 1, ci_level: 0.9 } }
const V1_FIELDS = ['/event/home_rating', '/event/away_rating', '/event/home_advantage', '/event/draw_rate', '/event/rating_uncertainty', '/config/n_simulations', '/config/seed', '/config/ci_level']
const V1_SHORTHAND = { event_id: 'el-clasico', iterations: 500, seed: 3 }

t.test('numbers in request bodies are not coerced: strings, booleans, arrays and non-finite values are 400 validation_error', async (t) => {
  const { app } = await buildApp(t, { rateLimitBurst: 10_000, rateLimitHourlyAnonymous: 10_000, rateLimitHourlyActor: 10_000 })
  const actor = await signUp(app)
  const cases: Array<{ url: string, body: Record<string, unknown>, pointer: string }> = [
    ...V2_FIELDS.map((pointer) => ({ url: '/api/v2/simulate', body: V2, pointer })),
    ...['/events/0/home_rating', '/events/0/away_rating'].map((pointer) => ({ url: '/api/v2/simulate', body: COMPARATIVE, pointer })),
    ...V1_FIELDS.map((pointer) => ({ url: '/api/v1/simulate', body: V1, pointer })),
    ...['/iterations', '/seed'].map((pointer) => ({ url: '/api/v1/simulate', body: V1_SHORTHAND, pointer }))
  ]
  for (const { url, body, pointer } of cases) {
    t.equal((await app.inject({ method: 'POST', url, headers: actor.headers, payload: body })).statusCode, 200, `${url}: the valid body is accepted`)
    for (const value of NOT_NUMBERS) {
      const res = await app.inject({ method: 'POST', url, headers: actor.headers, payload: withValue(body, pointer, value) })
      t.equal(res.statusCode, 400, `${url} ${pointer} = ${JSON.stringify(value)}`)
      t.equal(res.json().error, 'validation_error')
      t.ok(res.json().errors.some((e: { pointer: string }) => e.pointer.startsWith(`/body${pointer}`)), `the error names /body${pointer}`)
    }
  }
})

t.test('a JSON number literal too large for a double (1e400 → Infinity) is 400, not 500', async (t) => {
  const { app } = await buildApp(t)
  for (const field of ['home_rating', 'home_advantage', 'draw_rate']) {
    const payload = JSON.stringify({ ...EVENT, [field]: 0 }).replace(`"${field}":0`, `"${field}":1e400`)
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'application/json' }, payload })
    t.equal(res.statusCode, 400, field)
    t.equal(res.json().error, 'validation_error')
  }
  const config = JSON.stringify({ ...EVENT, config: { n_simulations: 0 } }).replace('"n_simulations":0', '"n_simulations":1e400')
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'application/json' }, payload: config })).statusCode, 400, 'n_simulations')
})

t.test('top-up amount is a positive integer and nothing else; a refused top-up credits nothing', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const actor = await signUp(app)
  const before = await balanceOf(app, actor.headers)
  let n = 0
  for (const amount of [true, [5], '2.0', '2', 2.5, 0, -1, 'Infinity', null]) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actor.actorId, amount, payment_id: `pay-${++n}` } })
    t.equal(res.statusCode, 400, `amount ${JSON.stringify(amount)}`)
    t.equal(res.json().error, 'validation_error')
    t.ok(res.json().errors.some((e: { pointer: string }) => e.pointer === '/body/amount'))
  }
  t.equal(await balanceOf(app, actor.headers), before, 'nothing was credited')
  const ok = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actor.actorId, amount: 2, payment_id: 'pay-ok' } })
  t.equal(ok.statusCode, 200)
  t.equal(await balanceOf(app, actor.headers), before + 2)
})

t.test('query strings keep their coercion: ?limit=2 is the integer 2', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const res = await app.inject({ url: '/api/v2/tokens/ledger?limit=2', headers: actor.headers })
  t.equal(res.statusCode, 200)
  t.ok(res.json().transactions.length <= 2)
  t.equal((await app.inject({ url: '/api/v2/tokens/ledger?limit=two', headers: actor.headers })).statusCode, 400)
})
