import t from 'tap'
import { normaliseSimulation, simulate, simulateHeadline } from '../../src/engine/index.js'
import { createSimulationRunner, DEFAULT_WORKER_THRESHOLD } from '../../src/simulation/runner.js'

const event = { sport: 'football', home_team: 'Home', away_team: 'Away', home_rating: 2150, away_rating: 2080, home_advantage: 100 }

t.test('worker-pool and in-process results are bit-identical', async (t) => {
  const runner = createSimulationRunner({ workerThreshold: 1_000, maxThreads: 1 })
  t.teardown(() => runner.close())
  const normalised = normaliseSimulation(event, { n_simulations: 5_000, seed: 99 })
  const onPool = await runner.run(normalised)
  const inProcess = simulate(normalised)
  t.strictSame(onPool, inProcess)
  t.equal(JSON.stringify(onPool), JSON.stringify(inProcess))
})

t.test('runMany keeps the order of its inputs on both paths', async (t) => {
  const list = [2_000, 3_000, 4_000].map((n, i) => normaliseSimulation({ ...event, home_rating: 2000 + 50 * i }, { n_simulations: n, seed: i }))
  const expected = list.map(simulate)
  const pooled = createSimulationRunner({ workerThreshold: 5_000, maxThreads: 2 })
  t.teardown(() => pooled.close())
  t.strictSame(await pooled.runMany(list), expected, 'on the pool (9 000 iterations in total)')
  const local = createSimulationRunner({ workerThreshold: 10_000 })
  t.strictSame(await local.runMany(list), expected, 'in process')
  await local.close()
})

t.test('small jobs never start the pool, and close() is safe without one', async (t) => {
  const runner = createSimulationRunner()
  t.equal(runner.workerThreshold, DEFAULT_WORKER_THRESHOLD)
  const result = await runner.run(normaliseSimulation(event, { n_simulations: 100, seed: 1 }))
  t.equal(result.n_simulations, 100)
  await runner.close()
  await runner.close()
})

t.test('a failing simulation rejects the promise, on the pool and in process', async (t) => {
  const valid = normaliseSimulation(event, { n_simulations: 200, seed: 1 })
  // Zero iterations leave no sample to summarise, so simulate() throws.
  const broken = { ...valid, config: { ...valid.config, n_simulations: 0 } }
  const pooled = createSimulationRunner({ workerThreshold: -1, maxThreads: 1 })
  t.teardown(() => pooled.close())
  await t.rejects(pooled.run(broken), RangeError)
  const local = createSimulationRunner({ workerThreshold: 10 })
  await t.rejects(local.run(broken), RangeError)
})

t.test('headline-only runs on the pool are bit-identical to in-process ones', async (t) => {
  const normalised = normaliseSimulation(event, { n_simulations: 30_000, seed: 5 })
  const runner = createSimulationRunner({ maxThreads: 1 })
  t.teardown(() => runner.close())
  const admission = runner.admit([normalised], 'headline')
  t.equal(admission.onPool, true)
  const [onPool] = await admission.run()
  t.equal(JSON.stringify(onPool), JSON.stringify(simulateHeadline(normalised)))
})
