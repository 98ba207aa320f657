/**
 * Where heavy work runs: the engine is pure, synchronous maths; this decides whether a simulation
 * runs on the calling thread or on a piscina worker pool (worker.ts next to this file), and sends
 * everything bound for the pool through one bounded, fair queue (work-queue.ts; docs/ARCHITECTURE.md,
 * "Heavy work: one fair, bounded queue"). Other heavy jobs (a league backtest, …) use the same queue
 * through `admitJob` and `poolTask`.
 */

import { availableParallelism } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { simulate, simulateHeadline, type HeadlineResult, type NormalisedSimulation, type SimulationResult } from '../engine/index.js'
import { WorkQueue, type Admission, type JobDescription, type PoolTask } from './work-queue.js'

export { OverloadedError, type Admission, type JobDescription, type PoolTask } from './work-queue.js'

/**
 * Above this many iterations (per request: the sum over its events) a simulation runs on the worker
 * pool. Measured on the 2-core reference machine with `npx tsx bench/engine.ts` (docs/ENGINE.md):
 * a warm pool's round trip costs 0.08–0.25 ms beyond the simulation itself, and 5 000 iterations
 * (0.8–1.3 ms in process) is where a simulation first costs about five round trips. From there the
 * pool adds at most ~20 % latency and keeps the event loop free; smaller jobs, including every free
 * headline (≤ 1 000 iterations), stay on the calling thread.
 */
export const DEFAULT_WORKER_THRESHOLD = 5_000

/**
 * Estimated seconds of one simulation iteration (three scenarios and their statistics): 12.7 ms per
 * 100 000 in `npm run bench:engine` on the reference machine (docs/BENCHMARKS.md), rounded up. The
 * queue's bound (MAX_QUEUED_WORK_SECONDS) is in these estimated seconds.
 */
export const SECONDS_PER_ITERATION = 1.5e-7

/** Default bound on the estimated seconds of work queued or running on the pool. */
export const DEFAULT_MAX_QUEUED_WORK_SECONDS = 1

export interface SimulationRunnerOptions {
  /** Largest total iteration count still run on the calling thread. */
  workerThreshold?: number
  /** Worker threads of the pool; default: one per core but one, at least one. */
  maxThreads?: number
  /** Estimated seconds of queued and running pool work above which new jobs are refused. */
  maxQueuedWorkSeconds?: number
  /** Seconds a pool task waited for a thread, by job name (the queue-wait histogram). */
  onQueueWait?: (name: string, seconds: number) => void
  /** A job refused because the queue was over its bound, by job name. */
  onOverload?: (name: string) => void
}

/** What a run computes: everything, or the headline's base scenario only (docs/ENGINE.md, "Headline-only runs"). */
export type SimulationScope = 'full' | 'headline'
export type ResultOf<S extends SimulationScope> = S extends 'headline' ? HeadlineResult : SimulationResult

/**
 * Share of a full run's time a headline-only run takes: one scenario of three, without risk and
 * sensitivity (docs/ENGINE.md, "Headline-only runs"), rounded up.
 */
const HEADLINE_WORK_SHARE = 0.4

/** Admitted simulations: `run()` computes them (in the order given); `cancel()` gives the admission back. */
export interface SimulationAdmission<R = SimulationResult> {
  /** Where they will run. */
  readonly onPool: boolean
  readonly estimatedSeconds: number
  run: () => Promise<R[]>
  cancel: () => void
}

export interface SimulationRunner {
  readonly workerThreshold: number
  readonly maxQueuedWorkSeconds: number
  /**
   * Admits simulations before anything is charged for them: on the pool when their total exceeds
   * the threshold, else in process (always admitted). Throws OverloadedError when the pool's queue
   * is over its bound.
   */
  admit: <S extends SimulationScope = 'full'>(list: readonly NormalisedSimulation[], scope?: S) => SimulationAdmission<ResultOf<S>>
  /** One simulation, admitted and run. */
  run: (normalised: NormalisedSimulation) => Promise<SimulationResult>
  /** Several simulations (e.g. a comparative analysis), admitted and run; results in their order. */
  runMany: (list: readonly NormalisedSimulation[]) => Promise<SimulationResult[]>
  /** Admits any heavy job with its estimated cost into the same queue (e.g. a league backtest). */
  admitJob: (job: JobDescription) => Admission
  /**
   * A task calling the function exported as `name` by a worker module (default: worker.ts next to
   * this file) with `input`, on the pool. Run it through an admission.
   */
  poolTask: <T>(name: string, input: unknown, filename?: string) => PoolTask<T>
  /** Estimated seconds of work admitted to the pool and not yet finished. */
  queuedWorkSeconds: () => number
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
  const maxQueuedWorkSeconds = options.maxQueuedWorkSeconds ?? DEFAULT_MAX_QUEUED_WORK_SECONDS
  const queue = new WorkQueue({
    concurrency: maxThreads,
    maxQueuedWorkSeconds,
    now: () => performance.now(),
    onQueueWait: options.onQueueWait,
    onOverload: options.onOverload
  })
  // The pool starts on the first large job, so services that never see one never start threads.
  let pool: Piscina | undefined

  function workerPool (): Piscina {
    // `name`: the handler a starting worker preloads (worker.ts has named exports only).
    pool ??= new Piscina({ ...workerLocation(), name: 'runSimulationTask', minThreads: 1, maxThreads })
    return pool
  }

  function poolTask<T> (name: string, input: unknown, filename?: string): PoolTask<T> {
    return async () => await (workerPool().run(input, { name, ...(filename !== undefined ? { filename } : {}) }) as Promise<T>)
  }

  function admit<S extends SimulationScope = 'full'> (list: readonly NormalisedSimulation[], scope?: S): SimulationAdmission<ResultOf<S>> {
    type R = ResultOf<S>
    const headline = scope === 'headline'
    const iterations = list.reduce((sum, normalised) => sum + normalised.config.n_simulations, 0)
    const estimatedSeconds = iterations * SECONDS_PER_ITERATION * (headline ? HEADLINE_WORK_SHARE : 1)
    const compute = (headline ? simulateHeadline : simulate) as (normalised: NormalisedSimulation) => R
    if (iterations <= workerThreshold) {
      return {
        onPool: false,
        estimatedSeconds,
        run: async () => list.map(compute),
        cancel: () => {}
      }
    }
    const admission = queue.admit({
      name: 'simulation',
      estimatedSeconds,
      attributes: { 'simulation.iterations': iterations, 'simulation.count': list.length, 'simulation.scope': scope ?? 'full' }
    })
    const task = headline ? 'runHeadlineTask' : 'runSimulationTask'
    return {
      onPool: true,
      estimatedSeconds,
      run: async () => await admission.run(list.map((normalised) => poolTask<R>(task, normalised))),
      cancel: admission.cancel
    }
  }

  return {
    workerThreshold,
    maxQueuedWorkSeconds,
    admit,
    async run (normalised) {
      const [result] = await admit([normalised]).run()
      return result
    },
    async runMany (list) {
      return await admit(list).run()
    },
    admitJob: (job) => queue.admit(job),
    poolTask,
    queuedWorkSeconds: () => queue.queuedWorkSeconds(),
    async close () {
      await pool?.destroy()
      pool = undefined
    }
  }
}
