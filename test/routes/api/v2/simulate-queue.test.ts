import t from 'tap'
import { verifyLedger } from '../../../../src/ledger/verify.js'
import { createSimulationRunner } from '../../../../src/simulation/runner.js'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'

// Heavy work through the real worker pool (docs/ARCHITECTURE.md, "Heavy work: one fair, bounded queue").
const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const url = '/api/v2/simulate'
const roomy = {
  adminToken: ADMIN_TOKEN,
  maxSimulationsFree: 100_000,
  rateLimitBurst: 10_000,
  rateLimitPerMinute: 10_000,
  rateLimitHourlyAnonymous: 100_000,
  rateLimitHourlyActor: 100_000,
  rateLimitApiPerMinute: 100_000
}

t.test('heavy requests are served in arrival order, and a many-event request shares the thread with later ones', async (t) => {
  // One worker thread, whatever the machine: the order of completion is then the order of service.
  const runner = createSimulationRunner({ maxThreads: 1, maxQueuedWorkSeconds: 1000 })
  const { app } = await buildApp(t, roomy, { runner })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  const finished: string[] = []
  const send = async (label: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url, headers: extra, payload })
    finished.push(label)
    return res
  }
  // Six events of 60 000 iterations: six pool tasks from one request.
  const events = Array.from({ length: 6 }, (_, i) => ({ ...EVENT, home_rating: 2000 + 25 * i }))
  const comparative = send('comparative', { depth: 'comparative_analysis', events, config: { n_simulations: 60_000, seed: 1 } }, headers)
  // Wait until it is admitted: the four headlines below then arrive after it, one after the other.
  while (runner.queuedWorkSeconds() === 0) await new Promise((resolve) => setImmediate(resolve))
  const headlines = await Promise.all([1, 2, 3, 4].map(async (i) => await send(`headline ${i}`, { ...EVENT, config: { n_simulations: 60_000, seed: 100 + i } })))
  const analysis = await comparative
  t.same(headlines.map((res) => res.statusCode), [200, 200, 200, 200])
  t.equal(analysis.statusCode, 200)
  t.equal(analysis.json().events.length, 6)
  t.same(finished, ['headline 1', 'headline 2', 'headline 3', 'headline 4', 'comparative'],
    'the headlines, in their arrival order, did not wait for all six tasks of the earlier request')
  t.equal(runner.queuedWorkSeconds(), 0, 'all admitted work given back')
})

t.test('over MAX_QUEUED_WORK_SECONDS heavy requests get 503 overloaded with Retry-After, before any charge', async (t) => {
  const { app } = await buildApp(t, { ...roomy, maxQueuedWorkSeconds: 0.01 })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  const before = await balanceOf(app, headers)
  const entriesBefore = app.db.prepare('SELECT count(*) FROM ledger_entries WHERE actor_id = ?').pluck().get(actorId) as number
  const requests = [
    ...[1, 2, 3, 4, 5].map((seed) => ({ url, payload: { ...EVENT, depth: 'full_distribution', config: { n_simulations: 100_000, seed } }, cost: 2 })),
    { url: '/api/v1/simulate', payload: { event: EVENT, iterations: 100_000, seed: 9 }, cost: 1 },
    { url, payload: { ...EVENT, config: { n_simulations: 100_000, seed: 10 } }, cost: 0 }
  ]
  const answers = await Promise.all(requests.map(async (r) => await app.inject({ method: 'POST', url: r.url, headers, payload: r.payload })))
  const served = answers.filter((res) => res.statusCode === 200)
  const refused = answers.filter((res) => res.statusCode === 503)
  t.equal(served.length + refused.length, requests.length, 'each answer is 200 or 503')
  t.ok(served.length >= 1, 'the first admitted request is served (an empty queue admits any job)')
  t.ok(refused.length >= 1, 'the queue over its bound refuses the others')
  for (const res of refused) {
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { status: 503, error: 'overloaded', retry_after_seconds: Number(res.headers['retry-after']) })
    t.match(res.headers['retry-after'], /^[1-9]\d*$/)
    t.match(res.json().detail, /Nothing was charged/)
  }
  const spent = answers.reduce((sum, res, i) => sum + (res.statusCode === 200 ? requests[i].cost : 0), 0)
  t.equal(await balanceOf(app, headers), before - spent, 'only the served requests were charged')
  const entries = app.db.prepare('SELECT kind FROM ledger_entries WHERE actor_id = ? AND seq > 0 ORDER BY seq').pluck().all(actorId) as string[]
  const paidServed = served.filter((res) => res.json().meta.tokens_charged > 0).length
  t.equal(entries.length - entriesBefore, paidServed, 'one spend per served paid request, nothing for the refused ones')
  t.notOk(entries.includes('refund'), 'no refund: the refused requests were never charged')
  t.ok(verifyLedger(app.db).ok, 'ledger:verify clean')

  const metrics = await app.inject({ url: '/metrics' })
  t.match(metrics.body, new RegExp(`trickster_overload_refusals_total\\{job="simulation"\\} ${refused.length}\\b`))
  t.match(metrics.body, /trickster_worker_queue_wait_seconds_count\{job="simulation"\} [1-9]/)
  t.match(metrics.body, /trickster_worker_queued_work_seconds 0\b/, 'the queue has drained')

  const again = await app.inject({ method: 'POST', url, headers, payload: requests[0].payload })
  t.equal(again.statusCode, 200, 'once the queue drains, requests are served again')
})

t.test('a cache hit needs no admission: served while the queue is over its bound', async (t) => {
  const { app } = await buildApp(t, { ...roomy, maxQueuedWorkSeconds: 0.01 })
  const heavy = { ...EVENT, config: { n_simulations: 100_000, seed: 3 } }
  t.equal((await app.inject({ method: 'POST', url, payload: heavy })).statusCode, 200)
  const busy = app.inject({ method: 'POST', url, payload: { ...heavy, config: { n_simulations: 100_000, seed: 4 } } })
  while (app.simulationRunner.queuedWorkSeconds() === 0) await new Promise((resolve) => setImmediate(resolve))
  const [refused, hit] = await Promise.all([
    app.inject({ method: 'POST', url, payload: { ...heavy, config: { n_simulations: 100_000, seed: 5 } } }),
    app.inject({ method: 'POST', url, payload: heavy })
  ])
  t.equal(refused.statusCode, 503)
  t.equal(hit.statusCode, 200)
  t.equal(hit.json().meta.cache_hit, true)
  t.equal((await busy).statusCode, 200)
})
