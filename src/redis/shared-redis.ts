import { Redis } from 'ioredis'
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js'

/** A command that gets no answer in this time fails, and the caller falls back to its own memory. */
const COMMAND_TIMEOUT_MS = 250
const CONNECT_TIMEOUT_MS = 2_000
/** Consecutive failed commands that open the circuit: under two requests' worth on a frozen Redis. */
const CIRCUIT_FAILURE_THRESHOLD = 5
/** How long the circuit stays open before its probe (a PING) is sent. */
const CIRCUIT_COOL_DOWN_MS = 2_000

export type RedisState = 'ok' | 'degraded'

export interface SharedRedisEvents {
  /** Redis went from reachable to unreachable (or back): called once per change, for the log. */
  onStateChange: (state: RedisState, reason: string) => void
  /** A caller used its per-instance fallback because Redis could not answer (counted in /metrics). */
  onFallback: (use: 'rate_limit' | 'cache') => void
  /** The circuit breaker changed state (for the log and `trickster_redis_circuit_state`). */
  onCircuitChange: (state: CircuitState) => void
}

/**
 * The Redis that several instances share for rate limits and the simulation cache (docs/ARCHITECTURE.md,
 * "Several instances"). Nothing that moves money depends on it: when it is unreachable, commands fail
 * at once (no offline queue) and every user falls back to per-instance memory until it is back;
 * ioredis keeps reconnecting in the background. A Redis that stops answering without closing its
 * connections (frozen, hung) would still cost each request its command timeouts: after
 * CIRCUIT_FAILURE_THRESHOLD consecutive failures the circuit breaker (./circuit-breaker.ts) opens
 * and requests skip Redis until a probe is answered.
 */
export class SharedRedis {
  readonly client: Redis
  private state: RedisState = 'degraded'
  private readonly breaker: CircuitBreaker

  constructor (url: string, readonly prefix: string, private readonly events: SharedRedisEvents) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000)
    })
    this.breaker = new CircuitBreaker({
      failureThreshold: CIRCUIT_FAILURE_THRESHOLD,
      coolDownMs: CIRCUIT_COOL_DOWN_MS,
      probe: async () => await this.client.ping(),
      onChange: (state) => {
        if (state === 'closed') this.set('ok', 'circuit closed')
        events.onCircuitChange(state)
      }
    })
    // A fresh connection passed ioredis's ready check (INFO answered): Redis answers again.
    this.client.on('ready', () => { this.set('ok', 'connected'); this.breaker.succeeded() })
    this.client.on('error', (err: NodeJS.ErrnoException) => this.set('degraded', err.code ?? err.message))
    this.client.on('end', () => this.set('degraded', 'connection closed'))
  }

  /** Whether commands can be sent now: connected, and the circuit closed. */
  get ready (): boolean {
    return this.client.status === 'ready' && this.breaker.closed
  }

  get circuit (): CircuitState {
    return this.breaker.state
  }

  /**
   * Before a command: false when it must not be sent (not connected, or the circuit open), and
   * then the caller's use of its own memory is counted.
   */
  usable (use: 'rate_limit' | 'cache'): boolean {
    if (this.ready) return true
    this.set('degraded', this.client.status === 'ready' ? 'circuit open' : 'not connected')
    this.events.onFallback(use)
    return false
  }

  /** For GET /ready: a PING answered in time (none is sent while the circuit is open). */
  async check (): Promise<RedisState> {
    if (!this.ready) return 'degraded'
    try {
      await this.client.ping()
      this.answered()
      return 'ok'
    } catch {
      this.breaker.failed()
      return 'degraded'
    }
  }

  /** A command was answered. */
  answered (): void {
    this.breaker.succeeded()
    if (this.state === 'degraded' && this.client.status === 'ready') this.set('ok', 'answering')
  }

  /** A command failed or timed out: the caller used its memory instead. */
  fellBack (use: 'rate_limit' | 'cache', reason: string): void {
    this.breaker.failed()
    this.set('degraded', reason)
    this.events.onFallback(use)
  }

  /** Resolves once connected, or rejects when the first attempt fails (start-up logs it and goes on degraded). */
  async connected (): Promise<void> {
    if (this.ready) return
    await new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        this.client.off('ready', onReady)
        this.client.off('error', onError)
      }
      const onReady = (): void => { cleanup(); resolve() }
      const onError = (err: Error): void => { cleanup(); reject(err) }
      this.client.once('ready', onReady)
      this.client.once('error', onError)
    })
  }

  async close (): Promise<void> {
    this.breaker.stop()
    this.client.disconnect()
  }

  private set (state: RedisState, reason: string): void {
    if (state === this.state) return
    this.state = state
    this.events.onStateChange(state, reason)
  }
}
