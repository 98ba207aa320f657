import t from 'tap'
import { Redis } from 'ioredis'
import { buildApp } from '../helper.js'
import { startTcpProxy } from '../fixtures/postgres/proxy.js'
import { TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.js'

// Real Redis behind a proxy the test freezes; a shared 2-core machine.
t.setTimeout(120_000)

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

t.test('Redis frozen (connections open, no byte answered): the circuit opens, requests skip Redis and stay fast, and it closes after the thaw (issue 17, item 3, Redis part)', async (t) => {
  const redisUrl = new URL(TEST_REDIS_URL)
  const proxy = await startTcpProxy(t, { host: redisUrl.hostname, port: Number(redisUrl.port === '' ? 6379 : redisUrl.port) })
  const prefix = testRedisPrefix(t)
  const { app } = await buildApp(t, { redisUrl: `redis://127.0.0.1:${proxy.port}`, redisKeyPrefix: prefix, rateLimitBurst: 1000, rateLimitPerMinute: 1000, rateLimitHourlyAnonymous: 10_000 })
  let seed = 0
  // Anonymous free headline with a new seed each time: the simulation bucket, a cache read and a
  // cache write — three Redis commands a request.
  const timed = async (): Promise<{ status: number, ms: number }> => {
    const started = performance.now()
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...SIM, config: { seed: ++seed } } })
    return { status: res.statusCode, ms: performance.now() - started }
  }
  const circuit = async (): Promise<string> => (await app.inject('/ready')).json().redis_circuit
  const gauge = async (): Promise<string | undefined> => /^trickster_redis_circuit_state (\d)$/m.exec((await app.inject('/metrics')).body)?.[1]

  t.equal((await timed()).status, 200)
  t.equal(await circuit(), 'closed', 'closed while Redis answers')
  t.equal(await gauge(), '0')
  const direct = new Redis(TEST_REDIS_URL)
  t.teardown(() => direct.disconnect())
  t.ok((await direct.keys(`${prefix}*`)).length > 0, 'counted and cached in Redis before the freeze')

  proxy.freeze()
  const beforeOpen: number[] = []
  while (beforeOpen.length < 10 && await circuit() === 'closed') beforeOpen.push((await timed()).ms)
  t.equal(await circuit(), 'open', `open after ${beforeOpen.length} slow request(s)`)
  t.equal(await gauge(), '2', 'trickster_redis_circuit_state 2 (open)')
  const ready = await app.inject('/ready')
  t.match(ready.json(), { checks: { redis: 'degraded' }, redis_circuit: 'open' })

  const after: Array<{ status: number, ms: number }> = []
  for (let i = 0; i < 20; i++) after.push(await timed())
  const worst = Math.max(...after.map((a) => a.ms))
  const fmt = (ms: number[]): string => ms.map((m) => m.toFixed(0)).join(', ')
  t.comment(`frozen Redis: before the circuit opened ${fmt(beforeOpen)} ms per request; the next 20 with the circuit open: max ${worst.toFixed(0)} ms, median ${[...after.map((a) => a.ms)].sort((a, b) => a - b)[10].toFixed(0)} ms`)
  t.ok(after.every((a) => a.status === 200), 'every request answered from this instance\'s memory')
  t.ok(worst < 300, `bounded once open: the slowest of 20 took ${worst.toFixed(0)} ms (< 300 ms; each would pay ~750 ms of command timeouts)`)
  t.match((await app.inject('/metrics')).body, /trickster_redis_fallbacks_total\{use="rate_limit"\} \d+/)

  proxy.thaw()
  const thawed = Date.now()
  let state = await circuit()
  while (state !== 'closed' && Date.now() - thawed < 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    state = await circuit()
  }
  t.equal(state, 'closed', `closed again ${Date.now() - thawed} ms after the thaw (its probe answered)`)
  t.comment(`frozen Redis: circuit closed ${Date.now() - thawed} ms after the thaw`)
  t.equal(await gauge(), '0')
  t.match((await app.inject('/ready')).json(), { checks: { redis: 'ok' }, redis_circuit: 'closed' })
  const sharedBefore = (await direct.keys(`${prefix}cache:*`)).length
  t.equal((await timed()).status, 200)
  t.equal((await direct.keys(`${prefix}cache:*`)).length, sharedBefore + 1, 'the next result is cached in Redis again')
})
