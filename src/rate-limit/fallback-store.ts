import type { SharedRedis } from '../redis/shared-redis.js'
import type { StoreAnswer } from './simulation-bucket.js'

/** The part of a @fastify/rate-limit store that the plugin calls on every request. */
export interface RateLimitStore {
  incr: (key: string, cb: (err: Error | null, answer?: StoreAnswer) => void, timeWindow: number, max: number) => void
  child: (routeOptions: unknown) => RateLimitStore
}

/**
 * A shared (Redis) store with this instance's memory store behind it: while Redis answers, every
 * instance counts in Redis; when it cannot (down, slow, not yet connected), the request is counted
 * in memory instead — limits stay per instance until Redis is back, and the fallback is logged and
 * counted (docs/ARCHITECTURE.md, "Several instances"). A request is never refused or let through
 * unlimited because Redis failed.
 */
export class FallbackStore implements RateLimitStore {
  constructor (private readonly shared: RateLimitStore, private readonly local: RateLimitStore, private readonly redis: SharedRedis) {}

  incr (key: string, cb: (err: Error | null, answer?: StoreAnswer) => void, timeWindow: number, max: number): void {
    if (!this.redis.usable('rate_limit')) {
      this.local.incr(key, cb, timeWindow, max)
      return
    }
    this.shared.incr(key, (err, answer) => {
      if (err === null && answer !== undefined) {
        this.redis.answered()
        return cb(null, answer)
      }
      this.redis.fellBack('rate_limit', err?.message ?? 'no answer')
      this.local.incr(key, cb, timeWindow, max)
    }, timeWindow, max)
  }

  child (routeOptions: unknown): FallbackStore {
    return new FallbackStore(this.shared.child(routeOptions), this.local.child(routeOptions), this.redis)
  }
}
