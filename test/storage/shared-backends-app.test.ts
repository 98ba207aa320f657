import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadMigrations } from '../../src/db/database.js'
import { PG_MIGRATIONS_DIR } from '../../src/storage/postgres/migrate.js'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../routes/api/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { startTcpProxy } from '../fixtures/postgres/proxy.js'
import { startPrivateRedis, testRedisPrefix, TEST_REDIS_URL } from '../fixtures/redis.js'

// Real databases (and, here, processes) on a shared 2-core machine: more than the default 120 s per file.
t.setTimeout(300_000)

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

t.test('on PostgreSQL: /version names it, money works, a new migration file is pending, and /ready answers 503 naming PostgreSQL when it is gone', async (t) => {
  const { name } = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, { host: '127.0.0.1', port: 5432 })
  const dir = t.testdir()
  const migrationsDir = join(dir, 'migrations-pg')
  cpSync(PG_MIGRATIONS_DIR, migrationsDir, { recursive: true })
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`, adminToken: ADMIN_TOKEN },
    { pgMigrationsDir: migrationsDir, dataDir: join(dir, 'data') })

  t.equal((await app.inject('/version')).json().storage, 'postgres')
  // The event-loop check depends on the machine's load, not on the storage: these tests leave it aside.
  t.match((await app.inject('/ready')).json(), { checks: { database: 'ok', migrations: 'ok' } })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 10)
  const paid = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...SIM, depth: 'full_distribution' } })
  t.equal(paid.statusCode, 200)
  t.match(paid.json().meta, { tokens_charged: 2, balance_after: 13 })
  t.equal(await balanceOf(app, headers), 13, '5 granted today + 10 topped up − 2')

  const next = String(loadMigrations(migrationsDir).length + 1).padStart(3, '0')
  writeFileSync(join(migrationsDir, `${next}_later.sql`), 'CREATE TABLE later (x INTEGER);\n')
  const pending = await app.inject('/ready')
  t.equal(pending.statusCode, 503)
  t.match(pending.json(), { ready: false, checks: { database: 'ok', migrations: 'fail' }, failing: [{ check: 'migrations', detail: `pending: ${next}_later.sql` }] })

  await proxy.cut()
  const down = await app.inject('/ready')
  t.equal(down.statusCode, 503)
  t.match(down.json(), { ready: false, checks: { database: 'fail' }, failing: [{ check: 'database', detail: /^PostgreSQL unreachable/ }] })
  const refused = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...SIM, depth: 'deep_dive_educational' } })
  t.ok(refused.statusCode >= 500, 'no charge can be taken without the database')
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.notMatch(refused.body, /SELECT|INSERT|ECONNREFUSED|node_modules/, 'no SQL or internals in the answer')
})

t.test('Redis stopped mid-traffic: every request answered, limits fall back to memory, /ready stays 200 with redis degraded, counted in /metrics', async (t) => {
  const redis = await startPrivateRedis(t)
  const { app } = await buildApp(t, { redisUrl: redis.url, redisKeyPrefix: 'mid-traffic:', rateLimitBurst: 15, rateLimitPerMinute: 10 })
  t.match((await app.inject('/ready')).json(), { checks: { database: 'ok', redis: 'ok' } })

  const statuses: number[] = []
  for (let i = 0; i < 40; i++) {
    if (i === 10) await redis.stop()
    statuses.push((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...SIM, config: { seed: i } } })).statusCode)
  }
  t.same(statuses.slice(0, 10), Array(10).fill(200), 'before: counted in Redis')
  t.ok(statuses.every((s) => s === 200 || s === 429), 'never a 5xx because Redis is gone')
  t.equal(statuses.slice(10).filter((s) => s === 200).length, 15, 'after: this instance\'s own bucket, a fresh burst of 15, still limits')

  const ready = await app.inject('/ready')
  t.match(ready.json(), { checks: { database: 'ok', migrations: 'ok', redis: 'degraded' } })
  t.notOk((ready.json().failing ?? []).some((f: { check: string }) => f.check === 'redis'), 'Redis is never a failing check')
  if (ready.json().checks.event_loop === 'ok') t.equal(ready.statusCode, 200, 'ready: 200 with Redis down')
  const metrics = (await app.inject('/metrics')).body
  t.match(metrics, /trickster_redis_fallbacks_total\{use="rate_limit"\} 30/)
  t.match(metrics, /trickster_redis_fallbacks_total\{use="cache"\} \d+/)
  t.match(metrics, /trickster_redis_up 0/)

  await redis.start()
  const deadline = Date.now() + 10_000
  let back = ''
  while (Date.now() < deadline && back !== 'ok') {
    await new Promise((resolve) => setTimeout(resolve, 100))
    back = (await app.inject('/ready')).json().checks.redis
  }
  t.equal(back, 'ok', 'shared again once Redis is back')
})

t.test('two instances on one Redis: one burst, one sign-up allowance and one cache for both', async (t) => {
  const prefix = testRedisPrefix(t)
  const shared = { redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, rateLimitBurst: 15, rateLimitPerMinute: 10, rateLimitSignupPerHour: 5 }
  const a = (await buildApp(t, shared)).app
  const b = (await buildApp(t, shared)).app
  const apps = [a, b]

  const cacheProbe = { ...SIM, home_rating: 1999, config: { seed: 7 } }
  const computed = await a.inject({ method: 'POST', url: '/api/v2/simulate', payload: cacheProbe })
  const reused = await b.inject({ method: 'POST', url: '/api/v2/simulate', payload: cacheProbe })
  t.equal(computed.json().meta.cache_hit, false)
  t.equal(reused.json().meta.cache_hit, true, 'computed on A, a hit on B')
  t.same(reused.json().pick, computed.json().pick, 'the same numbers')

  const burst = await Promise.all(Array.from({ length: 28 }, async (_, i) =>
    (await apps[i % 2].inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...SIM, config: { seed: 1000 + i } } })).statusCode))
  t.equal(burst.filter((s) => s === 200).length, 13, 'the burst of 15 (two spent on the cache probe) holds for both instances together')
  t.equal(burst.filter((s) => s === 429).length, 15)

  const signups = await Promise.all(Array.from({ length: 8 }, async (_, i) =>
    (await apps[i % 2].inject({ method: 'POST', url: '/api/v2/actors', payload: { label: `s${i}` } })).statusCode))
  t.equal(signups.filter((s) => s === 201).length, 5, '5 sign-ups per hour per IP across both')
})
