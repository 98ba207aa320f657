import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { verifyLedger } from '../../../../src/ledger/verify.js'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'

// The leagues' heavy work through the real worker pool and its bounded queue (docs/ARCHITECTURE.md,
// "Heavy work: one fair, bounded queue"; SPEC §13.4): over MAX_QUEUED_WORK_SECONDS an outlook is
// refused before the charge, like a simulation (simulate-queue.test.ts).
const roomy = {
  adminToken: ADMIN_TOKEN,
  maxQueuedWorkSeconds: 0.01,
  rateLimitBurst: 10_000,
  rateLimitPerMinute: 10_000,
  rateLimitHourlyAnonymous: 100_000,
  rateLimitHourlyActor: 100_000,
  rateLimitApiPerMinute: 100_000
}
// The embedded synthetic league: 190 fixtures left; at 100 000 iterations an outlook is estimated
// at ≈ 0.8 s of work, far over the 0.01 s bound once anything is queued.
const heavy = (seed: number) => ({ n_simulations: 100_000, seed })

async function season (app: FastifyInstance, headers: Record<string, string>, body: Record<string, unknown>) {
  return await app.inject({ method: 'POST', url: '/api/v2/leagues/synthetic/season', headers, payload: body })
}

function entriesOf (app: FastifyInstance, actorId: string): string[] {
  return app.db.prepare('SELECT kind FROM ledger_entries WHERE actor_id = ? ORDER BY seq').pluck().all(actorId) as string[]
}

t.test('over MAX_QUEUED_WORK_SECONDS heavy outlooks get 503 overloaded with Retry-After, before any charge; once drained, one is served and charged once', async (t) => {
  const { app } = await buildApp(t, roomy)
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  const before = await balanceOf(app, headers)
  const entriesBefore = entriesOf(app, actorId).length

  const seeds = [1, 2, 3, 4, 5, 6]
  const answers = await Promise.all(seeds.map(async (seed) => await season(app, headers, heavy(seed))))
  const served = answers.filter((res) => res.statusCode === 200)
  const refused = answers.filter((res) => res.statusCode === 503)
  t.same(answers.map((res) => res.statusCode).filter((code) => code !== 200 && code !== 503), [], 'each answer is 200 or 503')
  t.ok(served.length >= 1, 'the first admitted outlook is served (an empty queue admits any job)')
  t.ok(refused.length >= 1, `the queue over its bound refuses the others (${refused.length} of ${seeds.length})`)
  for (const res of refused) {
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { status: 503, error: 'overloaded', retry_after_seconds: Number(res.headers['retry-after']) })
    t.match(res.headers['retry-after'], /^[1-9]\d*$/)
    t.match(res.json().detail, /Nothing was charged/)
  }
  for (const res of served) t.match(res.json().meta, { tokens_charged: 3, entitlement_reused: false, cache_hit: false })
  t.equal(await balanceOf(app, headers), before - 3 * served.length, 'only the served outlooks were charged')
  const entries = entriesOf(app, actorId).slice(entriesBefore)
  t.same(entries, Array(served.length).fill('spend'), 'one spend per served outlook; no entry (no spend, no refund) for a refused one')
  t.ok(verifyLedger(app.db).ok, 'ledger:verify clean')

  const metrics = await app.inject({ url: '/metrics' })
  t.match(metrics.body, new RegExp(`trickster_overload_refusals_total\\{job="season_outlook"\\} ${refused.length}\\b`))
  t.match(metrics.body, /trickster_worker_queued_work_seconds 0\b/, 'the queue has drained')

  // A refused outlook asked again once the queue has drained: served, and charged exactly once.
  const retried = seeds[answers.findIndex((res) => res.statusCode === 503)]
  const balance = await balanceOf(app, headers)
  const again = await season(app, headers, heavy(retried))
  t.equal(again.statusCode, 200, 'once the queue drains, the outlook is served')
  t.match(again.json(), { seed: retried, n_simulations: 100_000, cost_tokens: 3, meta: { tokens_charged: 3, entitlement_reused: false, cache_hit: false } })
  t.equal(await balanceOf(app, headers), balance - 3, 'charged once')
  t.same(entriesOf(app, actorId).slice(entriesBefore + served.length), ['spend'], 'one spend for it')
  t.ok(verifyLedger(app.db).ok)
})

t.test('while the queue is over its bound, a cached outlook is served (no admission) and the free backtest gets 503 overloaded', async (t) => {
  const { app } = await buildApp(t, roomy)
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  t.equal((await season(app, headers, heavy(7))).statusCode, 200)
  const balance = await balanceOf(app, headers)
  const busy = season(app, headers, heavy(8))
  while (app.simulationRunner.queuedWorkSeconds() === 0) await new Promise((resolve) => setImmediate(resolve))
  const [refused, hit, backtest] = await Promise.all([
    season(app, headers, heavy(9)),
    season(app, headers, heavy(7)),
    app.inject({ url: '/api/v2/leagues/synthetic/backtest' })
  ])
  t.equal(refused.statusCode, 503)
  t.equal(hit.statusCode, 200)
  t.match(hit.json().meta, { cache_hit: true, entitlement_reused: true, tokens_charged: 0 })
  t.equal(backtest.statusCode, 503, 'the backtest goes through the same bound')
  t.match(backtest.json(), { error: 'overloaded', retry_after_seconds: Number(backtest.headers['retry-after']) })
  t.match(backtest.headers['retry-after'], /^[1-9]\d*$/)
  const done = await busy
  t.equal(done.statusCode, 200)
  t.equal(await balanceOf(app, headers), balance - 3, 'only the outlook that ran while the others were refused was charged')
  t.equal((await app.inject({ url: '/api/v2/leagues/synthetic/backtest' })).statusCode, 200, 'the backtest runs once the queue drains')
})
