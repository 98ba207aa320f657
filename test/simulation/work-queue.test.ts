import t from 'tap'
import { OverloadedError, WorkQueue, type PoolTask } from '../../src/simulation/work-queue.js'

/** A task that ends when the test says so, recording when it started. */
function controlled (log: string[], label: string): { task: PoolTask<string>, finish: () => void } {
  let finish = (): void => {}
  const task: PoolTask<string> = async () => {
    log.push(`start ${label}`)
    await new Promise<void>((resolve) => { finish = resolve })
    return label
  }
  return { task, finish: () => { finish() } }
}

const tick = async (): Promise<void> => { await new Promise((resolve) => setImmediate(resolve)) }

t.test('tasks start in arrival order, at most `concurrency` at a time', async (t) => {
  const queue = new WorkQueue({ concurrency: 2, maxQueuedWorkSeconds: 100, now: () => 0 })
  const log: string[] = []
  const jobs = ['a', 'b', 'c', 'd'].map((label) => controlled(log, label))
  const results = jobs.map(async (job, i) => await queue.admit({ name: 'test', estimatedSeconds: 1 }).run([job.task]).then(([r]) => { log.push(`end ${r}`); return i }))
  await tick()
  t.same(log, ['start a', 'start b'], 'two threads: the first two arrivals')
  jobs[1].finish()
  await tick()
  t.same(log.slice(2).sort(), ['end b', 'start c'], 'a free thread takes the next arrival')
  jobs[0].finish()
  await tick()
  t.same(log.slice(4).sort(), ['end a', 'start d'])
  jobs[2].finish()
  jobs[3].finish()
  t.same(await Promise.all(results), [0, 1, 2, 3])
  t.equal(queue.queuedWorkSeconds(), 0, 'every admitted second given back')
})

t.test('a job of many tasks shares the threads turn by turn with later arrivals', async (t) => {
  const queue = new WorkQueue({ concurrency: 1, maxQueuedWorkSeconds: 100, now: () => 0 })
  const order: string[] = []
  const task = (label: string): PoolTask<string> => async () => { order.push(label); return label }
  const many = queue.admit({ name: 'test', estimatedSeconds: 4 }).run(['m1', 'm2', 'm3', 'm4'].map(task))
  const single = queue.admit({ name: 'test', estimatedSeconds: 1 }).run([task('s1')])
  const other = queue.admit({ name: 'test', estimatedSeconds: 1 }).run([task('s2')])
  t.same(await many, ['m1', 'm2', 'm3', 'm4'], 'results in the order given')
  await Promise.all([single, other])
  // m1 starts at once and its job goes back in line before s1 arrives: then one turn each.
  t.same(order, ['m1', 'm2', 's1', 's2', 'm3', 'm4'])
})

t.test('over the bound, admit() refuses with OverloadedError and a Retry-After; cancel() gives the reservation back', async (t) => {
  const refused: string[] = []
  const queue = new WorkQueue({ concurrency: 2, maxQueuedWorkSeconds: 3, now: () => 0, onOverload: (name) => refused.push(name) })
  // Before any measurement an estimate counts double (a cold worker, a shared machine).
  const first = queue.admit({ name: 'sim', estimatedSeconds: 1 })
  t.equal(queue.queuedWorkSeconds(), 2)
  const err = t.throws(() => queue.admit({ name: 'sim', estimatedSeconds: 1 })) as OverloadedError
  t.type(err, OverloadedError)
  t.equal(err.retryAfterSeconds, 1, 'ceil(2 s queued / 2 threads)')
  t.same(refused, ['sim'])
  first.cancel()
  first.cancel()
  t.equal(queue.queuedWorkSeconds(), 0, 'a cancelled admission holds nothing, once')
  await t.rejects(first.run([async () => 1]), /run once/, 'a cancelled admission cannot run')
  const large = queue.admit({ name: 'sim', estimatedSeconds: 50 })
  t.pass('an empty queue admits a job larger than the bound, so it can still be served')
  large.cancel()
})

t.test('the estimate is calibrated by measured run times, per job name', async (t) => {
  let now = 0
  const waits: number[] = []
  const queue = new WorkQueue({ concurrency: 1, maxQueuedWorkSeconds: 1000, now: () => now, onQueueWait: (_name, s) => waits.push(s) })
  for (let i = 0; i < 40; i++) {
    // Each run takes 3 s of the test clock for an estimate of 1 s.
    await queue.admit({ name: 'slow', estimatedSeconds: 1 }).run([async () => { now += 3000 }])
  }
  t.ok(Math.abs(queue.calibratedSeconds({ name: 'slow', estimatedSeconds: 1 }) - 3) < 0.01, 'converges on 3× the estimate')
  t.equal(queue.calibratedSeconds({ name: 'other', estimatedSeconds: 1 }), 2, 'another kind keeps its own ratio')
  t.same(waits.slice(0, 2), [0, 0], 'queue waits are reported')
})

t.test('a failing task rejects its job and frees its thread', async (t) => {
  const queue = new WorkQueue({ concurrency: 1, maxQueuedWorkSeconds: 100, now: () => 0 })
  const failing = queue.admit({ name: 'test', estimatedSeconds: 1 }).run([async () => { throw new RangeError('boom') }])
  const next = queue.admit({ name: 'test', estimatedSeconds: 1 }).run([async () => 'next'])
  await t.rejects(failing, RangeError)
  t.same(await next, ['next'])
  t.equal(queue.queuedWorkSeconds(), 0)
})
