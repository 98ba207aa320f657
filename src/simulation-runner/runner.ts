/**
 * Where a simulation runs: the engine is pure, synchronous maths; this decides whether a job runs
 * on the calling thread or on a piscina worker pool (worker.ts next to this file).
 */

import { availableParallelism } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { simulate, type NormalisedSimulation, type SimulationResult } from '../engine/index.js'

/**
 * Above this many iterations (per request: the sum over its events) a simulation runs on the worker
 * pool. Measured on the 2-core reference machine with `npx tsx bench/engine.ts` (docs/ENGINE.md):
 * a warm pool's round trip costs 0.08–0.25 ms beyond the simulation itself, and 5 000 iterations
 * (0.8–1.3 ms in process) is where a simulation first costs about five round trips. From there the
 * pool adds at most ~20 % latency and keeps the event loop free; smaller jobs, including every free
 * headline (≤ 1 000 iterations), stay on the calling thread.
 */
export const DEFAULT_WORKER_THRESHOLD = 5_000

export interface SimulationRunnerOptions {
  /** Largest total iteration count still run on the calling thread. */
  workerThreshold?: number
  /** Worker threads of the pool; default: one per core but one, at least one. */
  maxThreads?: number
}

export interface SimulationRunner {
  readonly workerThreshold: number
  /** One simulation: in-process up to the threshold, on the pool above it. */
  run: (normalised: NormalisedSimulation) => Promise<SimulationResult>
  /** Several simulations (e.g. a comparative analysis), in order; on the pool, in parallel, when their total exceeds the threshold. */
  runMany: (list: readonly NormalisedSimulation[]) => Promise<SimulationResult[]>
  /** Stops the pool's threads, if any were started. */
  close: () => Promise<void>
}

/**
 * The worker next to this file: `worker.ts` when running from source under tsx, `worker.js` once
 * compiled to dist/. A TypeScript worker needs tsx's loader in its own thread.
 */
function workerLocation (): { filename: string, execArgv: string[] } {
  const here = fileURLToPath(import.meta.url)
  const extension = extname(here)
  return {
    filename: join(dirname(here), `worker${extension}`),
    execArgv: extension === '.ts' ? ['--import', 'tsx'] : []
  }
}

export function createSimulationRunner (options: SimulationRunnerOptions = {}): SimulationRunner {
  const workerThreshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD
  const maxThreads = options.maxThreads ?? Math.max(1, availableParallelism() - 1)
  // The pool starts on the first large job, so services that never see one never start threads.
  let pool: Piscina | undefined

  function workerPool (): Piscina {
    pool ??= new Piscina({ ...workerLocation(), minThreads: 1, maxThreads })
    return pool
  }

  async function onPool (normalised: NormalisedSimulation): Promise<SimulationResult> {
    return await (workerPool().run(normalised) as Promise<SimulationResult>)
  }

  async function inProcess (normalised: NormalisedSimulation): Promise<SimulationResult> {
    return simulate(normalised)
  }

  return {
    workerThreshold,
    async run (normalised) {
      return normalised.config.n_simulations > workerThreshold ? await onPool(normalised) : await inProcess(normalised)
    },
    async runMany (list) {
      const total = list.reduce((sum, normalised) => sum + normalised.config.n_simulations, 0)
      if (total > workerThreshold) return await Promise.all(list.map(onPool))
      const results: SimulationResult[] = []
      for (const normalised of list) results.push(await inProcess(normalised))
      return results
    },
    async close () {
      await pool?.destroy()
      pool = undefined
    }
  }
}
