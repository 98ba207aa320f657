import t from 'tap'
import type { Test } from 'tap'
import { Redis } from 'ioredis'
import type { RateLimitStore } from '../../src/rate-limit/fallback-store.js'
import { RedisSimulationBucketStore } from '../../src/rate-limit/redis-simulation-bucket.js'
import { SimulationBucketStore, type SimulationLimits, type StoreAnswer } from '../../src/rate-limit/simulation-bucket.js'
import { TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.js'

const limits = { burst: 15, perMinute: 10, hourlyAnonymous: 100, hourlyActor: 1000 }

type MakeStore = (t: Test, limits: SimulationLimits, now: () => number) => Pick<RateLimitStore, 'incr'>

/** The same rules against the in-memory store and the shared Redis store (one Lua script). */
const backends: Record<string, MakeStore> = {
  memory: (_t, limits, now) => new SimulationBucketStore(limits, now),
  redis: (t, limits, now) => {
    const redis = new Redis(TEST_REDIS_URL)
    t.teardown(() => redis.disconnect())
    return new RedisSimulationBucketStore(redis, limits, now, testRedisPrefix(t))
  }
}

async function take (store: Pick<RateLimitStore, 'incr'>, key: string, max: number): Promise<StoreAnswer> {
  return await new Promise((resolve, reject) => {
    store.incr(key, (err, answer) => err !== null ? reject(err) : resolve(answer as StoreAnswer), 60_000, max)
  })
}

for (const [backend, makeStore] of Object.entries(backends)) {
  t.test(`${backend}: a burst of 15 back-to-back, then refills at 10 per minute`, async (t) => {
    let now = 1_000_000
    const store = makeStore(t, limits, () => now)
    for (let i = 0; i < 15; i++) t.ok((await take(store, 'ip:1', 15)).current <= 15, `request ${i + 1} allowed`)
    const refused = await take(store, 'ip:1', 15)
    t.ok(refused.current > 15, '16th refused')
    t.equal(refused.ttl, 6000, 'next token in 6 s')
    now += 5999
    t.ok((await take(store, 'ip:1', 15)).current > 15, 'still empty just before')
    now += 1
    t.ok((await take(store, 'ip:1', 15)).current <= 15, 'one token after 6 s')
    t.ok((await take(store, 'ip:1', 15)).current > 15, 'and only one')
    now += 60_000
    for (let i = 0; i < 10; i++) t.ok((await take(store, 'ip:1', 15)).current <= 15, `refilled ${i + 1}`)
    t.ok((await take(store, 'ip:1', 15)).current > 15)
  })

  t.test(`${backend}: remaining and reset follow the bucket`, async (t) => {
    const store = makeStore(t, limits, () => 1_000_000)
    const first = await take(store, 'ip:2', 15)
    t.equal(15 - first.current, 14, 'remaining 14 after one request')
    t.equal(first.ttl, 6000, 'full again in 6 s')
  })

  t.test(`${backend}: hourly cap bites even when the bucket would allow (anonymous 100, actor 1000)`, async (t) => {
    let now = 1_000_000
    const store = makeStore(t, { burst: 10_000, perMinute: 10_000, hourlyAnonymous: 100, hourlyActor: 1000 }, () => now)
    for (let i = 0; i < 100; i++) await take(store, 'ip:3', 10_000)
    const capped = await take(store, 'ip:3', 10_000)
    t.ok(capped.current > 10_000, '101st anonymous request in the hour refused')
    t.equal(capped.ttl, 3_600_000, 'until the hour is over')
    let allowed = 0
    for (let i = 0; i < 1000; i++) if ((await take(store, 'actor:a', 10_000)).current <= 10_000) allowed++
    t.equal(allowed, 1000, 'an actor gets 1000 in the hour')
    t.ok((await take(store, 'actor:a', 10_000)).current > 10_000, '1001st actor request refused')
    now += 3_600_000
    t.ok((await take(store, 'ip:3', 10_000)).current <= 10_000, 'a new hour')
  })

  t.test(`${backend}: principals are independent`, async (t) => {
    const store = makeStore(t, limits, () => 1_000_000)
    for (let i = 0; i < 15; i++) await take(store, 'actor:a', 15)
    t.ok((await take(store, 'actor:a', 15)).current > 15)
    t.ok((await take(store, 'actor:b', 15)).current <= 15)
  })
}

t.test('redis: two instances on one Redis share one bucket, even when their requests are simultaneous', async (t) => {
  const prefix = testRedisPrefix(t)
  const instances = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)]
  t.teardown(() => { for (const redis of instances) redis.disconnect() })
  const stores = instances.map((redis) => new RedisSimulationBucketStore(redis, limits, () => Date.now(), prefix))
  const answers = await Promise.all(Array.from({ length: 40 }, async (_, i) => await take(stores[i % 2], 'actor:shared', 15)))
  t.equal(answers.filter((a) => a.current <= 15).length, 15, 'exactly the burst of 15 is allowed across both')
})
