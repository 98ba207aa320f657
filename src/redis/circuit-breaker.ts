/** closed: commands go to Redis; open: none do (callers use their memory at once); half_open: one probe is out. */
export type CircuitState = 'closed' | 'open' | 'half_open'

export interface CircuitBreakerOptions {
  /** Consecutive failed commands (errors or timeouts) that open the circuit. */
  failureThreshold: number
  /** How long the circuit stays open before the probe is sent. */
  coolDownMs: number
  /** The half-open probe (a PING): resolves when Redis answered in time, rejects otherwise. */
  probe: () => Promise<unknown>
  /** Called once per change of state (for the log and the gauge). */
  onChange: (state: CircuitState) => void
}

/**
 * A circuit breaker in front of the shared Redis (docs/ARCHITECTURE.md, "Several instances"):
 * after `failureThreshold` consecutive failures it opens, and requests skip Redis altogether
 * instead of each waiting for its command timeouts; after `coolDownMs` it sends ONE probe of its
 * own, and closes when the probe is answered (or when any command is), else opens again.
 *
 * Written here rather than taken from a library on purpose: opossum and cockatiel, the two
 * well-kept ones, both make the first caller after the cool-down the half-open trial, so while
 * Redis stays frozen one user request per cool-down would still wait for a full command timeout.
 * Here the trial is the breaker's own PING, sent in the background, so once the circuit is open no
 * request waits for a frozen Redis. The state machine is these forty lines; no dependency needed.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed'
  private failures = 0
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor (private readonly options: CircuitBreakerOptions) {}

  get state (): CircuitState {
    return this.current
  }

  /** Whether a command may be sent to Redis now. */
  get closed (): boolean {
    return this.current === 'closed'
  }

  /** A command was answered: the failure count restarts, and an open circuit closes. */
  succeeded (): void {
    this.failures = 0
    if (this.current !== 'closed') {
      clearTimeout(this.timer)
      this.timer = undefined
      this.set('closed')
    }
  }

  /** A command failed or timed out. */
  failed (): void {
    if (this.current !== 'closed') return
    this.failures++
    if (this.failures >= this.options.failureThreshold) this.open()
  }

  /** No more probes (the app is closing). */
  stop (): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private open (): void {
    this.failures = 0
    this.set('open')
    if (this.stopped) return
    this.timer = setTimeout(() => this.halfOpen(), this.options.coolDownMs)
    this.timer.unref()
  }

  private halfOpen (): void {
    this.timer = undefined
    if (this.stopped || this.current !== 'open') return
    this.set('half_open')
    this.options.probe().then(
      () => { if (this.current === 'half_open') this.succeeded() },
      () => { if (this.current === 'half_open') this.open() }
    )
  }

  private set (state: CircuitState): void {
    if (state === this.current) return
    this.current = state
    this.options.onChange(state)
  }
}
