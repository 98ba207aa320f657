/**
 * Engine benchmark: one full_distribution computation (normalise, three scenarios, statistics,
 * uncertainty, projection) at 1 000, 10 000 and 100 000 iterations, next to a floor that only draws
 * the same number of standard normals; then the worker-pool round trip that sets the default worker
 * threshold. Run with `npx tsx bench/engine.ts` (npm run bench:engine).
 */
import { normaliseSimulation, RandomStream, simulate } from '../src/engine/index.js'
import { fullDistributionView } from '../src/simulation/views/full-distribution.js'

const SIZES = [1_000, 10_000, 100_000]
const TARGET_MS: Record<number, number> = { 1_000: 0.2, 10_000: 1.5, 100_000: 15 }
/** Enough samples for a stable p95 while keeping the whole run under half a minute. */
const SAMPLES: Record<number, number> = { 1_000: 2_000, 10_000: 400, 100_000: 60 }

function fullDistribution (n: number, seed: number): number {
  const normalised = normaliseSimulation(
    { sport: 'football', home_team: 'Home', away_team: 'Away', home_rating: 2100, away_rating: 2050 },
    { n_simulations: n, seed }
  )
  return fullDistributionView(simulate(normalised)).prob_home
}

function drawNormals (n: number, seed: number): number {
  const normals = new Float64Array(n)
  new RandomStream(seed).fillStandardNormals(normals)
  return normals[0]
}

function sampleMilliseconds (samples: number, run: (seed: number) => number): number[] {
  const timings: number[] = []
  let sink = 0
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint()
    sink += run(i)
    timings.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the results observable')
  return timings.sort((a, b) => a - b)
}

const at = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

const rows = SIZES.map((n) => {
  const samples = SAMPLES[n]
  // Each measurement follows its own warm-up, so neither pays for the other's garbage.
  sampleMilliseconds(samples, (seed) => fullDistribution(n, seed))
  const full = sampleMilliseconds(samples, (seed) => fullDistribution(n, seed))
  sampleMilliseconds(samples, (seed) => drawNormals(n, seed))
  const floor = sampleMilliseconds(samples, (seed) => drawNormals(n, seed))
  return {
    n,
    median_ms: at(full, 0.5),
    p95_ms: at(full, 0.95),
    floor_median_ms: at(floor, 0.5),
    ratio_to_floor: at(full, 0.5) / at(floor, 0.5),
    target_ms: TARGET_MS[n],
    within_target: at(full, 0.5) <= TARGET_MS[n]
  }
})

console.table(rows.map((row) => ({
  n: row.n,
  'median ms': row.median_ms.toFixed(3),
  'p95 ms': row.p95_ms.toFixed(3),
  'normals-only median ms': row.floor_median_ms.toFixed(3),
  'ratio to floor': row.ratio_to_floor.toFixed(1),
  'target ms': row.target_ms,
  'median within target': row.within_target
})))

/**
 * Worker threshold probe: the round trip of a tiny job through a warm pool (message, structured
 * clone of the result, scheduling) beyond its own simulation time, against the in-process time of
 * whole simulations. The default threshold is the first size whose in-process time is at least
 * OFFLOAD_FACTOR round trips: from there the pool adds at most 20 % latency and frees the event loop.
 */
const OFFLOAD_FACTOR = 5

async function probeWorkerThreshold (): Promise<void> {
  // Loaded only now: with piscina in the process, the table above measured 10–25 % slower on some
  // runs and not others (code placement, not piscina's work), so it is measured without it.
  const { createSimulationRunner, DEFAULT_WORKER_THRESHOLD } = await import('../src/simulation/runner.js')
  const runner = createSimulationRunner({ workerThreshold: -1, maxThreads: 1 })
  const tiny = normaliseSimulation({ home_team: 'Home', away_team: 'Away', home_rating: 2100, away_rating: 2050 }, { n_simulations: 100, seed: 1 })
  for (let i = 0; i < 200; i++) await runner.run(tiny)
  const roundTrips: number[] = []
  for (let i = 0; i < 400; i++) {
    const start = process.hrtime.bigint()
    await runner.run(tiny)
    roundTrips.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  await runner.close()
  const inProcessTiny = at(sampleMilliseconds(400, (seed) => fullDistribution(100, seed)), 0.5)
  const overhead = at(roundTrips.sort((a, b) => a - b), 0.5) - inProcessTiny
  const curve = [1_000, 2_500, 5_000, 7_500, 10_000, 20_000].map((n) => ({ n, ms: at(sampleMilliseconds(200, (seed) => fullDistribution(n, seed)), 0.5) }))
  const crossing = curve.find((point) => point.ms >= OFFLOAD_FACTOR * overhead)
  console.log(`worker round trip beyond the simulation itself (median): ${overhead.toFixed(3)} ms`)
  console.table(curve.map((point) => ({ n: point.n, 'in-process median ms': point.ms.toFixed(3), 'round trips': (point.ms / overhead).toFixed(1) })))
  console.log(`first size costing ≥ ${OFFLOAD_FACTOR} round trips in process: ${crossing?.n ?? '> 20000'}; DEFAULT_WORKER_THRESHOLD = ${DEFAULT_WORKER_THRESHOLD}`)
}

await probeWorkerThreshold()
