/**
 * The admission and order of heavy work (docs/ARCHITECTURE.md, "Heavy work: one fair, bounded
 * queue"). Fastify-free: the runner (runner.ts) gives it a way to start a task on the worker pool,
 * the clock, and observers for metrics; spans go through @opentelemetry/api (a no-op without an SDK).
 *
 * - **Bounded.** Every job declares its estimated seconds of work. `admit()` refuses with
 *   OverloadedError when the work already queued or running plus this job's would exceed the bound,
 *   so a caller can refuse the request before charging for it; an admitted job holds its share of
 *   the bound until it ends (or its admission is cancelled), so concurrent admissions cannot all pass.
 * - **Calibrated.** A job's estimate comes from a constant measured on the reference machine; a
 *   shared or slower machine runs slower. The queue keeps, per job name, the moving average of
 *   measured ÷ estimated run time and counts admitted work in calibrated seconds, so the bound holds
 *   in seconds of this machine (measured: 100 000 iterations took 52 ms instead of the 15 ms
 *   estimated with five other jobs on the two cores, and 50 queued of them waited 4 s uncalibrated).
 * - **In arrival order, fairly.** Jobs wait in one FIFO of groups: one group per submission, which
 *   may hold several tasks (a comparative analysis of ten events). At most `concurrency` tasks are
 *   on the pool at once, so piscina's own queue stays empty and this one alone decides the order.
 *   The dispatcher takes one task from the group at the head; a group with tasks left goes to the
 *   back, so a request of ten tasks shares the threads turn by turn with the requests that arrived
 *   after it instead of holding them all until its tenth task ends.
 */
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api'

/**
 * Taken at each use, not when this module loads: a tracer taken before src/telemetry/tracing.ts has
 * started the SDK may stay a no-op (docs/OPERATIONS.md, "Traces"; src/telemetry/spans.ts).
 */
const tracer = (): ReturnType<typeof trace.getTracer> => trace.getTracer('trickster-oracle.worker-pool')

/** Raised by `admit()`: the queued work is over the bound. */
export class OverloadedError extends Error {
  override name = 'OverloadedError'
  constructor (
    /** Whole seconds after which the queue, as it stands, will have drained. */
    readonly retryAfterSeconds: number,
    readonly queuedWorkSeconds: number,
    readonly maxQueuedWorkSeconds: number
  ) {
    super(`the queued work (${queuedWorkSeconds.toFixed(2)} s estimated) would exceed ${maxQueuedWorkSeconds} s`)
  }
}

/** One task of a job: what the pool runs. */
export type PoolTask<T> = () => Promise<T>

export interface WorkQueueOptions {
  /** Tasks on the pool at once: its thread count. */
  concurrency: number
  /** Estimated seconds of queued and running work above which `admit()` refuses. */
  maxQueuedWorkSeconds: number
  /** Monotonic clock in milliseconds (performance.now in production). */
  now: () => number
  /** Seconds a task waited between its submission and its start, by job name. */
  onQueueWait?: (name: string, seconds: number) => void
  /** An admission refused, by job name. */
  onOverload?: (name: string) => void
}

/** What a job says about itself: its name (`simulation`, …), estimated cost and span attributes. */
export interface JobDescription {
  name: string
  estimatedSeconds: number
  attributes?: Attributes
}

/** An admitted job: run its tasks once (or cancel the admission, e.g. when the charge fails). */
export interface Admission {
  /** Runs the tasks, in the queue's order; resolves with their results in the order given. */
  run: <T>(tasks: ReadonlyArray<PoolTask<T>>) => Promise<T[]>
  /** Gives the reserved work back without running anything. Idempotent; a no-op once run. */
  cancel: () => void
}

type Outcome = { ok: true, value: unknown } | { ok: false, error: unknown }

interface Waiting {
  group: Group
  index: number
  task: PoolTask<unknown>
  enqueuedAt: number
  /** The open `worker_pool.queue_wait` span. */
  span: Span
  settle: (outcome: Outcome) => void
}

interface Group {
  job: JobDescription
  tasks: Waiting[]
  /** Calibrated seconds of each task: the job's calibrated estimate shared out. */
  perTask: number
  /** The job's own estimate of each task, before calibration. */
  perTaskEstimate: number
  /** Tasks not yet ended. */
  unfinished: number
}

/** Weight of the newest measurement in the moving average of measured ÷ estimated run time. */
const CALIBRATION_WEIGHT = 0.2
/**
 * The ratio a job kind starts with, before its first measurement: the constants are measured on a
 * quiet machine with warm workers, and a cold worker or a shared machine ran 2–4× slower (the 50
 * requests admitted before the first measurement would otherwise overfill the queue).
 */
const INITIAL_SLOWDOWN = 2
/** The measured ÷ estimated ratio is kept within these bounds, so one outlier cannot stall or open the queue. */
const CALIBRATION_BOUNDS = { min: 0.2, max: 20 }

export class WorkQueue {
  private readonly groups: Group[] = []
  private running = 0
  private reservedSeconds = 0
  /** Admissions not yet ended: at zero the sum of reserved seconds is reset to exactly 0 (no float residue). */
  private outstanding = 0
  /** Per job name: moving average of measured ÷ estimated run time. */
  private readonly slowdown = new Map<string, number>()

  constructor (private readonly options: WorkQueueOptions) {}

  /** Estimated seconds of work admitted and not yet finished (waiting, running, or reserved before a charge). */
  queuedWorkSeconds (): number {
    return this.reservedSeconds
  }

  /** Tasks waiting for a thread. */
  waitingTasks (): number {
    return this.groups.reduce((sum, group) => sum + group.tasks.length, 0)
  }

  /** A job's estimate in seconds of this machine: its own estimate times the measured slowdown of its kind. */
  calibratedSeconds (job: JobDescription): number {
    return job.estimatedSeconds * (this.slowdown.get(job.name) ?? INITIAL_SLOWDOWN)
  }

  /** Reserves the job's share of the bound, or throws OverloadedError. */
  admit (job: JobDescription): Admission {
    const { maxQueuedWorkSeconds, concurrency } = this.options
    const queued = this.reservedSeconds
    const seconds = this.calibratedSeconds(job)
    // A queue with nothing in it always admits, so a single job larger than the bound still runs.
    if (queued > 0 && queued + seconds > maxQueuedWorkSeconds) {
      this.options.onOverload?.(job.name)
      throw new OverloadedError(Math.max(1, Math.ceil(queued / concurrency)), queued, maxQueuedWorkSeconds)
    }
    this.reservedSeconds += seconds
    this.outstanding++
    let state: 'reserved' | 'running' | 'cancelled' = 'reserved'
    return {
      run: async <T>(tasks: ReadonlyArray<PoolTask<T>>): Promise<T[]> => {
        if (state !== 'reserved') throw new Error(`an admission is run once (this one is ${state})`)
        state = 'running'
        return await this.enqueue(job, seconds, tasks)
      },
      cancel: () => {
        if (state !== 'reserved') return
        state = 'cancelled'
        this.release(seconds, true)
      }
    }
  }

  private async enqueue<T> (job: JobDescription, seconds: number, tasks: ReadonlyArray<PoolTask<T>>): Promise<T[]> {
    if (tasks.length === 0) {
      this.release(seconds, true)
      return []
    }
    const group: Group = { job, tasks: [], perTask: seconds / tasks.length, perTaskEstimate: job.estimatedSeconds / tasks.length, unfinished: tasks.length }
    const enqueuedAt = this.options.now()
    const results = tasks.map(async (task, index) => await new Promise<T>((resolve, reject) => {
      const span = tracer().startSpan('worker_pool.queue_wait', {
        attributes: {
          ...job.attributes,
          'job.name': job.name,
          'job.task_index': index,
          'job.tasks': tasks.length,
          'job.estimated_seconds': group.perTask,
          'worker_pool.queued_work_seconds': this.reservedSeconds,
          'worker_pool.waiting_tasks': this.waitingTasks()
        }
      })
      group.tasks.push({
        group,
        index,
        task,
        enqueuedAt,
        span,
        settle: (outcome) => { outcome.ok ? resolve(outcome.value as T) : reject(outcome.error) }
      })
    }))
    this.groups.push(group)
    this.dispatch()
    return await Promise.all(results)
  }

  /** Starts tasks while a thread is free: one from the head group, which then goes to the back. */
  private dispatch (): void {
    while (this.running < this.options.concurrency && this.groups.length > 0) {
      const group = this.groups.shift() as Group
      const next = group.tasks.shift() as Waiting
      if (group.tasks.length > 0) this.groups.push(group)
      this.start(next)
    }
  }

  /** Gives reserved seconds back; `ended`: the last of an admission's tasks. */
  private release (seconds: number, ended: boolean): void {
    if (ended) this.outstanding--
    this.reservedSeconds = this.outstanding === 0 ? 0 : Math.max(0, this.reservedSeconds - seconds)
  }

  private calibrate (name: string, ratio: number): void {
    const previous = this.slowdown.get(name) ?? INITIAL_SLOWDOWN
    const next = previous + CALIBRATION_WEIGHT * (ratio - previous)
    this.slowdown.set(name, Math.min(CALIBRATION_BOUNDS.max, Math.max(CALIBRATION_BOUNDS.min, next)))
  }

  private start (waiting: Waiting): void {
    const { group } = waiting
    const startedAt = this.options.now()
    const waitSeconds = (startedAt - waiting.enqueuedAt) / 1000
    waiting.span.setAttribute('worker_pool.wait_seconds', waitSeconds)
    waiting.span.end()
    this.options.onQueueWait?.(group.job.name, waitSeconds)
    this.running++
    const span = tracer().startSpan('worker_pool.run', {
      attributes: { ...group.job.attributes, 'job.name': group.job.name, 'job.task_index': waiting.index, 'job.estimated_seconds': group.perTask, 'job.uncalibrated_estimated_seconds': group.perTaskEstimate }
    })
    const finish = (outcome: Outcome): void => {
      const runSeconds = (this.options.now() - startedAt) / 1000
      span.setAttribute('worker_pool.run_seconds', runSeconds)
      if (outcome.ok && group.perTaskEstimate > 0) this.calibrate(group.job.name, runSeconds / group.perTaskEstimate)
      if (!outcome.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: String((outcome.error as Error)?.message ?? outcome.error) })
      span.end()
      this.running--
      group.unfinished--
      this.release(group.perTask, group.unfinished === 0)
      waiting.settle(outcome)
      this.dispatch()
    }
    waiting.task().then((value) => { finish({ ok: true, value }) }, (error: unknown) => { finish({ ok: false, error }) })
  }
}
