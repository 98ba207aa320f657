import { Redis } from 'ioredis'

/** A command that gets no answer in this time fails, and the caller falls back to its own memory. */
const COMMAND_TIMEOUT_MS = 250
const CONNECT_TIMEOUT_MS = 2_000

export type RedisState = 'ok' | 'degraded'

export interface SharedRedisEvents {
  /** Redis went from reachable to unreachable (or back): called once per change, for the log. */
  onStateChange: (state: RedisState, reason: string) => void
  /** A caller used its per-instance fallback because Redis could not answer (counted in /metrics). */
  onFallback: (use: 'rate_limit' | 'cache') => void
}

/**
 * The Redis that several instances share for rate limits and the simulation cache (docs/ARCHITECTURE.md,
 * "Several instances"). Nothing that moves money depends on it: when it is unreachable, commands fail
 * at once (no offline queue) and every user falls back to per-instance memory until it is back;
 * ioredis keeps reconnecting in the background.
 */
export class SharedRedis {
  readonly client: Redis
  private state: RedisState = 'degraded'

  constructor (url: string, readonly prefix: string, private readonly events: SharedRedisEvents) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000)
    })
    this.client.on('ready', () => this.set('ok', 'connected'))
    this.client.on('error', (err: NodeJS.ErrnoException) => this.set('degraded', err.code ?? err.message))
    this.client.on('end', () => this.set('degraded', 'connection closed'))
  }

  /** Whether commands can be sent now. */
  get ready (): boolean {
    return this.client.status === 'ready'
  }

  /** For GET /ready: a PING answered in time. */
  async check (): Promise<RedisState> {
    if (!this.ready) return 'degraded'
    try {
      await this.client.ping()
      return 'ok'
    } catch {
      return 'degraded'
    }
  }

  fellBack (use: 'rate_limit' | 'cache', reason: string): void {
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
    this.client.disconnect()
  }

  private set (state: RedisState, reason: string): void {
    if (state === this.state) return
    this.state = state
    this.events.onStateChange(state, reason)
  }
}
