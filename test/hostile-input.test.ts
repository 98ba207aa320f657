import t from 'tap'
import fc from 'fast-check'
import { buildApp } from './helper.js'
import { ADMIN_TOKEN, admin, balanceOf, signUp, topUp } from './routes/api/helpers.js'

/**
 * A fuzz of hostile requests against the whole app (docs/API.md, "Errors"): fast-check builds
 * bodies and headers an attacker or a broken client would send, with a fixed seed so a failure
 * replays (FUZZ_SEED and FUZZ_RUNS explore further: `FUZZ_SEED=7 FUZZ_RUNS=2000 npx tap test/hostile-input.test.ts`). Every answer must be below 500; every 4xx must be problem+json and leave the actor's
 * balance as it was.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128)
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)

/** Values that have broken services before: non-finite numbers in disguise, prototype names, odd text. */
const HOSTILE_STRINGS = ['Infinity', '-Infinity', 'NaN', '1e400', '-1e400', '10', '2.0', 'true', 'null', '__proto__', 'constructor',
  'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', ' ', '\u0000', '\u202e', '😀', '../../etc/passwd', '<script>', "'; DROP TABLE actors; --",
  'a'.repeat(5000), 'match_result', '1X2', 'headline_pick', 'full_distribution', 'deep_dive_educational', 'el-clasico', 'soccer']

/** Number literals JSON.stringify cannot produce, spliced into the payload text. */
const RAW_NUMBERS = ['1e400', '-1e400', '-0', '1.0', '1e-400', '123456789012345678901234567890', '0.30000000000000004']

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...RAW_NUMBERS).map((n) => `@@raw:${n}@@`),
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, 1, 100, 999, 1000, 1001, 2100, 4000, 4001, 4294967295, 4294967296, -1, 0.5, 0.999, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.integer(), { maxLength: 3 })
)

/** Simulate-shaped bodies: known fields (valid or hostile values), plus unknown and prototype keys. */
const eventFields = {
  event_id: hostileValue,
  sport: hostileValue,
  home_team: hostileValue,
  away_team: hostileValue,
  home_rating: hostileValue,
  away_rating: hostileValue,
  home_advantage: hostileValue,
  draw_rate: hostileValue,
  rating_uncertainty: hostileValue
}
const simulateBody = fc.record({
  ...eventFields,
  market: hostileValue,
  depth: hostileValue,
  config: fc.oneof(hostileValue, fc.record({ n_simulations: hostileValue, seed: hostileValue, ci_level: hostileValue }, { requiredKeys: [] })),
  context: fc.oneof(hostileValue, fc.record({ data_age_days: hostileValue, event_horizon_days: hostileValue, sample_size: hostileValue, features_present: hostileValue }, { requiredKeys: [] })),
  events: fc.oneof(hostileValue, fc.array(fc.record(eventFields, { requiredKeys: [] }), { maxLength: 12 })),
  event: fc.oneof(hostileValue, fc.record(eventFields, { requiredKeys: [] })),
  iterations: hostileValue,
  seed: hostileValue,
  amount: hostileValue,
  user_id: hostileValue,
  payment_id: hostileValue,
  transaction_id: hostileValue,
  reason: hostileValue,
  label: hostileValue,
  answers: fc.oneof(hostileValue, fc.array(fc.record({ question_id: hostileValue, choice_id: hostileValue }, { requiredKeys: [] }), { maxLength: 4 }))
}, { requiredKeys: [] })

/** The payload text: a body above (with raw number literals and prototype keys spliced in), or broken JSON. */
const payloadText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: simulateBody.map((body) => JSON.stringify(body).replace(/"@@raw:([^@]+)@@"/g, '$1')) },
  { weight: 1, arbitrary: simulateBody.map((body) => JSON.stringify(body).replace(/^\{/, '{"__proto__":{"isAdmin":true},')) },
  { weight: 1, arbitrary: simulateBody.map((body) => JSON.stringify(body).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},')) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '"text"', '{"a":1}{"b":2}', '['.repeat(3000), '{"a":'.repeat(500), '\ufeff{}', '{"home_rating":1e400}') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }
)

const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

/** The routes fuzzed, each with a valid body to start from and the credential it expects. */
const ROUTES: Array<{ method: 'GET' | 'POST' | 'DELETE', url: string, valid: Record<string, unknown>, auth: 'actor' | 'admin' | 'none' }> = [
  { method: 'POST', url: '/api/v2/simulate', valid: { event_id: 'el-clasico', depth: 'full_distribution' }, auth: 'actor' },
  { method: 'POST', url: '/api/v2/simulate', valid: { ...EVENT, depth: 'deep_dive_educational', config: { n_simulations: 500, seed: 3 } }, auth: 'actor' },
  { method: 'POST', url: '/api/v2/simulate', valid: { depth: 'comparative_analysis', events: [{ event_id: 'el-clasico' }, { ...EVENT }] }, auth: 'actor' },
  { method: 'POST', url: '/api/v2/simulate', valid: { ...EVENT }, auth: 'none' },
  { method: 'POST', url: '/api/v1/simulate', valid: { event: { ...EVENT }, config: { n_simulations: 500 } }, auth: 'actor' },
  { method: 'POST', url: '/api/simulate', valid: { event_id: 'el-clasico', iterations: 500, seed: 1 }, auth: 'actor' },
  { method: 'POST', url: '/api/v2/actors', valid: { label: 'fuzz' }, auth: 'none' },
  { method: 'POST', url: '/api/v2/admin/actors', valid: { label: 'fuzz' }, auth: 'admin' },
  { method: 'POST', url: '/api/v2/tokens/topup', valid: { user_id: 'nobody', amount: 1, payment_id: 'fuzz' }, auth: 'admin' },
  { method: 'POST', url: '/api/v2/tokens/refund', valid: { transaction_id: '01J00000000000000000000000', reason: 'fuzz' }, auth: 'admin' },
  { method: 'POST', url: '/api/v2/lab/modules/monte-carlo-basics/quiz', valid: { answers: [{ question_id: 'q1', choice_id: 'a' }] }, auth: 'actor' },
  { method: 'POST', url: '/api/v2/lab/modules/constructor/unlock', valid: {}, auth: 'actor' },
  { method: 'GET', url: '/api/v2/tokens/ledger?limit=1e400&cursor=__proto__', valid: {}, auth: 'actor' },
  { method: 'GET', url: '/api/v2/events/__proto__', valid: {}, auth: 'none' },
  { method: 'DELETE', url: '/api/v1/cache/clear', valid: {}, auth: 'admin' }
]

/** A valid body with one field (existing or new, at the top or one level down) set to a hostile value — or left valid. */
function nearlyValid (valid: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = [...Object.keys(valid), ...Object.keys(eventFields), 'market', 'depth', 'config', 'context', 'events']
  return fc.tuple(fc.constantFrom(...keys), hostileValue, fc.boolean(), fc.nat()).map(([key, value, mutate, n]) => {
    const body = structuredClone(valid)
    const nested = Object.values(body).filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v))
    if (mutate) (nested.length > 0 && n % 2 === 0 ? nested[n % nested.length] : body)[key] = value
    return JSON.stringify(body).replace(/"@@raw:([^@]+)@@"/g, '$1')
  })
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; q=1', '', '*/*']
const ENCODINGS = [undefined, undefined, 'identity', 'gzip', 'br', 'deflate, gzip', 'x-garbage']

t.test('fuzz: hostile bodies and headers never get a 5xx, and a 4xx never moves a token', async (t) => {
  const { app } = await buildApp(t, {
    adminToken: ADMIN_TOKEN,
    logLevel: 'silent',
    rateLimitBurst: 100_000,
    rateLimitPerMinute: 100_000,
    rateLimitHourlyActor: 100_000,
    rateLimitHourlyAnonymous: 100_000,
    rateLimitApiPerMinute: 100_000,
    rateLimitSignupPerHour: 100_000
  })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 100_000)
  const expected = { actor: actor.headers.authorization, admin: admin.authorization, none: undefined }
  const anyCredential = fc.constantFrom(actor.headers.authorization, admin.authorization, 'Bearer tko_not-a-key', 'Basic YTpi', 'Bearer ', undefined)
  const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) })
  const encoding = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(...ENCODINGS) })
  const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 5 })
  const statuses = new Map<number, number>()

  const request = fc.constantFrom(...ROUTES).chain((route) => fc.record({
    route: fc.constant(route),
    payload: fc.oneof({ weight: 1, arbitrary: payloadText }, { weight: 1, arbitrary: nearlyValid(route.valid) }),
    contentType,
    encoding,
    authorization: fc.oneof({ weight: 3, arbitrary: fc.constant(expected[route.auth]) }, { weight: 1, arbitrary: anyCredential }),
    idempotencyKey: rarely(fc.oneof(fc.string({ minLength: 0, maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constantFrom('__proto__', 'constructor'))),
    actorHeader: rarely(fc.constantFrom('constructor', '__proto__', actor.actorId, 'someone-else', '../x')),
    forwardedFor: rarely(fc.constantFrom('[2001:db8::1]', '::ffff:1.2.3.4', '001.002.003.004', 'garbage', '1.2.3.4, 5.6.7.8')),
    requestId: rarely(fc.constantFrom('x'.repeat(200), 'ok-id-1', '../../', '__proto__')),
    remoteOctet: fc.integer({ min: 1, max: 254 })
  }))

  await fc.assert(fc.asyncProperty(request, async (r) => {
    const headers: Record<string, string> = {}
    if (r.contentType !== '') headers['content-type'] = r.contentType
    if (r.encoding !== undefined) headers['content-encoding'] = r.encoding
    if (r.authorization !== undefined) headers.authorization = r.authorization
    if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey
    if (r.actorHeader !== undefined) headers['x-actor-id'] = r.actorHeader
    if (r.forwardedFor !== undefined) headers['x-forwarded-for'] = r.forwardedFor
    if (r.requestId !== undefined) headers['x-request-id'] = r.requestId
    const before = await balanceOf(app, actor.headers)
    const res = await app.inject({
      method: r.route.method,
      url: r.route.url,
      headers,
      remoteAddress: `198.51.100.${r.remoteOctet}`,
      ...(r.route.method === 'GET' ? {} : { payload: r.payload })
    })
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    if (res.statusCode >= 500) throw new Error(`${r.route.method} ${r.route.url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`)
    if (res.statusCode >= 400) {
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`${res.statusCode} is not problem+json: ${res.body.slice(0, 200)}`)
      const after = await balanceOf(app, actor.headers)
      if (after !== before) throw new Error(`${res.statusCode} ${res.json().error} moved the balance from ${before} to ${after}`)
    }
  }), { seed: SEED, numRuns: RUNS })

  const counts = [...statuses.entries()].sort(([a], [b]) => a - b)
  t.comment(`${RUNS} requests, seed ${SEED}: ${counts.map(([status, n]) => `${status}×${n}`).join(', ')}`)
  t.equal(counts.filter(([status]) => status >= 500).length, 0, 'no 5xx')
  t.ok(counts.some(([status]) => status < 300), 'some requests were valid enough to succeed')
})
