import { connect } from 'node:net'
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { verifyLedger } from '../../src/ledger/verify.js'
import { createSimulationRunner, type SimulationRunner } from '../../src/simulation/runner.js'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, admin, balanceOf, signUp, topUp } from '../routes/api/helpers.js'

// Limits high enough that every request of a burst reaches the billing service.
const roomy = { adminToken: ADMIN_TOKEN, rateLimitBurst: 10_000, rateLimitHourlyActor: 100_000, rateLimitApiPerMinute: 100_000, rateLimitSignupPerHour: 100 }
const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const BURST = 32

const PAID = [
  { name: 'v2 full_distribution', url: '/api/v2/simulate', payload: { ...EVENT, depth: 'full_distribution' }, cost: 2 },
  { name: 'v2 scenario_extremes', url: '/api/v2/simulate', payload: { ...EVENT, depth: 'scenario_extremes' }, cost: 3 },
  { name: 'v2 comparative_analysis', url: '/api/v2/simulate', payload: { depth: 'comparative_analysis', events: [{ event_id: 'el-clasico' }, { event_id: 'north-west-derby' }] }, cost: 3 },
  { name: 'v2 deep_dive_educational', url: '/api/v2/simulate', payload: { ...EVENT, depth: 'deep_dive_educational' }, cost: 5 },
  { name: 'v1 simulate', url: '/api/v1/simulate', payload: { event_id: 'el-clasico', iterations: 2000, seed: 7 }, cost: 1 },
  { name: 'v1 alias /api/simulate', url: '/api/simulate', payload: { event: EVENT }, cost: 1 }
]

function spendsOf (app: FastifyInstance, actorId: string): Array<{ id: string, feature: string, refunded: number }> {
  return app.db.prepare(`SELECT id, feature, EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id) AS refunded
    FROM ledger_entries e WHERE actor_id = ? AND kind = 'spend' ORDER BY seq`).all(actorId) as Array<{ id: string, feature: string, refunded: number }>
}

function assertVerifies (t: Test, app: FastifyInstance): void {
  const report = verifyLedger(app.db)
  t.ok(report.ok, `ledger:verify clean${report.ok ? '' : `: ${report.violations.join('; ')}`}`)
}

t.test(`${BURST} identical paid requests in one turn (app.inject) are charged once, on every paid path`, async (t) => {
  const { app } = await buildApp(t, roomy)
  for (const path of PAID) {
    const { actorId, headers } = await signUp(app, path.name)
    await topUp(app, actorId, 100)
    const before = await balanceOf(app, headers)
    const answers = await Promise.all(Array.from({ length: BURST }, async () => await app.inject({ method: 'POST', url: path.url, headers, payload: path.payload })))
    t.same(answers.map((a) => a.statusCode), Array(BURST).fill(200), `${path.name}: every caller is answered`)
    const charged = answers.filter((a) => a.json().meta.tokens_charged > 0)
    t.equal(charged.length, 1, `${path.name}: exactly one answer reports a charge`)
    t.equal(answers.filter((a) => a.json().meta.entitlement_reused === true).length, BURST - 1, `${path.name}: the others reuse the entitlement`)
    t.equal(await balanceOf(app, headers), before - path.cost, `${path.name}: balance down by one price`)
    t.equal(spendsOf(app, actorId).length, 1, `${path.name}: one spend in the ledger`)
  }
  assertVerifies(t, app)
})

t.test('identical paid requests interleaved with top-ups and refunds: one unrefunded charge at a time, exact balance', async (t) => {
  const { app } = await buildApp(t, roomy)
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 50)
  const payload = { ...EVENT, depth: 'full_distribution' }
  const first = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload })
  const firstSpend = first.json().transaction_id as string
  const start = await balanceOf(app, headers)

  // In one turn: 16 identical charges, 8 top-ups, and the refund of the spend the charges would reuse.
  const answers = await Promise.all([
    ...Array.from({ length: 16 }, async () => await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload })),
    ...Array.from({ length: 8 }, async (_, i) => await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actorId, amount: 3, payment_id: `interleaved-${i}` } })),
    app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: firstSpend, reason: 'support' } })
  ])
  t.ok(answers.every((a) => a.statusCode === 200), 'every request answered 200')
  const spends = spendsOf(app, actorId)
  const unrefunded = spends.filter((s) => s.refunded === 0)
  t.equal(unrefunded.length, 1, 'exactly one unrefunded spend of the entitlement')
  t.ok(spends.length <= 2, 'at most one new charge: the refund can only open the way for one')
  const charged = answers.slice(0, 16).reduce((sum, a) => sum + (a.json().meta.tokens_charged as number), 0)
  t.equal(await balanceOf(app, headers), start + 8 * 3 + 2 - charged, 'balance = start + top-ups + refund − charges')
  assertVerifies(t, app)
})

t.test(`${BURST} identical paid requests over real sockets, written in one turn, are charged once`, async (t) => {
  const { app } = await buildApp(t, roomy)
  const { actorId, apiKey, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  const before = await balanceOf(app, headers)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const body = JSON.stringify({ ...EVENT, depth: 'deep_dive_educational' })
  const request = `POST /api/v2/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${apiKey}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  const sockets = await Promise.all(Array.from({ length: BURST }, async () => await new Promise<ReturnType<typeof connect>>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })))
  const responses = sockets.map(async (socket) => await new Promise<string>((resolve) => {
    let data = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => { data += chunk }).on('end', () => resolve(data))
  }))
  for (const socket of sockets) socket.write(request) // all in this one turn
  const raw = await Promise.all(responses)
  t.ok(raw.every((r) => r.startsWith('HTTP/1.1 200')), 'every socket answered 200')
  t.equal(raw.filter((r) => /"tokens_charged":5/.test(r)).length, 1, 'one answer reports the charge')
  t.equal(await balanceOf(app, headers), before - 5)
  t.equal(spendsOf(app, actorId).length, 1)
  assertVerifies(t, app)
})

t.test('a failure after the charge (in the view) refunds it: the charge stands only for a delivered 2xx', async (t) => {
  // A runner whose result lacks the distribution: the depth's view fails after the charge.
  const real = createSimulationRunner()
  t.teardown(() => real.close())
  const broken: SimulationRunner = {
    ...real,
    // Empty objects stand for results of either scope (the view must fail on them).
    admit: (list) => ({ onPool: false, estimatedSeconds: 0, run: async () => list.map(() => ({}) as never), cancel: () => {} })
  }
  const { app } = await buildApp(t, roomy, { runner: broken })
  const { actorId, headers } = await signUp(app)
  const before = await balanceOf(app, headers)
  const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...EVENT, depth: 'full_distribution' } })
  t.equal(res.statusCode, 500)
  t.match(res.headers['content-type'], /problem\+json/)
  t.equal(await balanceOf(app, headers), before, 'tokens given back')
  const spends = spendsOf(app, actorId)
  t.equal(spends.length, 1)
  t.equal(spends[0].refunded, 1, 'the spend is refunded (reason simulation_failed)')
  t.equal(app.db.prepare("SELECT reason FROM ledger_entries WHERE kind = 'refund'").pluck().get(), 'simulation_failed')
  assertVerifies(t, app)
})
