import t from 'tap'
import { SimulationBucketStore } from '../../src/rate-limit/simulation-bucket.js'

const limits = { burst: 15, perMinute: 10, hourlyAnonymous: 100, hourlyActor: 1000 }

t.test('a burst of 15 back-to-back, then refills at 10 per minute', async (t) => {
  let now = 0
  const store = new SimulationBucketStore(limits, () => now)
  for (let i = 0; i < 15; i++) t.ok(store.take('ip:1', 15).current <= 15, `request ${i + 1} allowed`)
  const refused = store.take('ip:1', 15)
  t.ok(refused.current > 15, '16th refused')
  t.equal(refused.ttl, 6000, 'next token in 6 s')
  now += 5999
  t.ok(store.take('ip:1', 15).current > 15, 'still empty just before')
  now += 1
  t.ok(store.take('ip:1', 15).current <= 15, 'one token after 6 s')
  t.ok(store.take('ip:1', 15).current > 15, 'and only one')
  now += 60_000
  for (let i = 0; i < 10; i++) t.ok(store.take('ip:1', 15).current <= 15, `refilled ${i + 1}`)
  t.ok(store.take('ip:1', 15).current > 15)
})

t.test('remaining and reset follow the bucket', async (t) => {
  const store = new SimulationBucketStore(limits, () => 0)
  const first = store.take('ip:2', 15)
  t.equal(15 - first.current, 14, 'remaining 14 after one request')
  t.equal(first.ttl, 6000, 'full again in 6 s')
})

t.test('hourly cap bites even when the bucket would allow (anonymous 100, actor 1000)', async (t) => {
  let now = 0
  const store = new SimulationBucketStore({ burst: 10_000, perMinute: 10_000, hourlyAnonymous: 100, hourlyActor: 1000 }, () => now)
  for (let i = 0; i < 100; i++) store.take('ip:3', 10_000)
  const capped = store.take('ip:3', 10_000)
  t.ok(capped.current > 10_000, '101st anonymous request in the hour refused')
  t.equal(capped.ttl, 3_600_000, 'until the hour is over')
  for (let i = 0; i < 1000; i++) t.ok(store.take('actor:a', 10_000).current <= 10_000 || t.fail(`actor request ${i + 1}`))
  t.ok(store.take('actor:a', 10_000).current > 10_000, '1001st actor request refused')
  now += 3_600_000
  t.ok(store.take('ip:3', 10_000).current <= 10_000, 'a new hour')
})

t.test('principals are independent', async (t) => {
  const store = new SimulationBucketStore(limits, () => 0)
  for (let i = 0; i < 15; i++) store.take('actor:a', 15)
  t.ok(store.take('actor:a', 15).current > 15)
  t.ok(store.take('actor:b', 15).current <= 15)
})
