import t from 'tap'
import { CircuitBreaker, type CircuitState } from '../../src/redis/circuit-breaker.js'

const wait = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms))

function breaker (probe: () => Promise<unknown>): { breaker: CircuitBreaker, changes: CircuitState[], probes: () => number } {
  const changes: CircuitState[] = []
  let probes = 0
  const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 50, probe: async () => { probes++; return await probe() }, onChange: (state) => changes.push(state) })
  t.teardown(() => b.stop())
  return { breaker: b, changes, probes: () => probes }
}

t.test('opens after the threshold of consecutive failures; a success in between restarts the count', async (t) => {
  const { breaker: b, changes } = breaker(async () => {})
  b.failed(); b.failed(); b.succeeded(); b.failed(); b.failed()
  t.equal(b.state, 'closed', 'two, a success, two: still closed')
  b.failed()
  t.equal(b.state, 'open')
  t.notOk(b.closed)
  t.same(changes, ['open'])
})

t.test('after the cool-down its own probe goes out (half-open), and an answered probe closes it', async (t) => {
  const { breaker: b, changes, probes } = breaker(async () => await wait(20))
  for (let i = 0; i < 3; i++) b.failed()
  await wait(60)
  t.equal(b.state, 'half_open', 'probe out')
  t.notOk(b.closed, 'callers still skip Redis while the probe is out')
  await wait(40)
  t.equal(b.state, 'closed')
  t.equal(probes(), 1, 'one probe')
  t.same(changes, ['open', 'half_open', 'closed'])
})

t.test('a failed probe opens it again for another cool-down, and probes again after it', async (t) => {
  let answer = false
  const { breaker: b, changes, probes } = breaker(async () => { if (!answer) throw new Error('timeout') })
  for (let i = 0; i < 3; i++) b.failed()
  await wait(70)
  t.equal(b.state, 'open', 'probe failed: open again')
  t.equal(probes(), 1)
  answer = true
  await wait(80)
  t.equal(b.state, 'closed', 'the next probe answered')
  t.ok(probes() >= 2)
  t.same(changes.slice(0, 4), ['open', 'half_open', 'open', 'half_open'])
  t.equal(changes.at(-1), 'closed')
})

t.test('failures while open are not counted, and a command answered while open closes it at once', async (t) => {
  const { breaker: b, changes } = breaker(async () => await new Promise(() => {}))
  for (let i = 0; i < 3; i++) b.failed()
  b.failed()
  t.same(changes, ['open'])
  b.succeeded()
  t.equal(b.state, 'closed')
})

t.test('stopped: no probe is sent any more', async (t) => {
  const { breaker: b, probes } = breaker(async () => {})
  for (let i = 0; i < 3; i++) b.failed()
  b.stop()
  await wait(80)
  t.equal(probes(), 0)
  t.equal(b.state, 'open')
})
