import { LRUCache } from 'lru-cache'

/**
 * The simulation limit (docs/API.md, "Rate limits") as one rate-limit store: a token bucket (a burst of
 * `burst` back-to-back requests, refilling at `perMinute`) and an hourly cap per principal,
 * both checked on every request, so neither can hide the other. Hand-written because
 * @fastify/rate-limit ships only fixed windows; it plugs in as a store for that plugin.
 */
export interface SimulationLimits {
  burst: number
  perMinute: number
  hourlyAnonymous: number
  hourlyActor: number
}

interface Bucket {
  tokens: number
  refilledAt: number
  hourStartedAt: number
  hourCount: number
}

/** What @fastify/rate-limit reads back: over the limit when `current > max`; `ttl` drives Reset/Retry-After. */
export interface StoreAnswer {
  current: number
  ttl: number
}

const HOUR_MS = 3_600_000

export class SimulationBucketStore {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 100_000 })
  private readonly msPerToken: number

  constructor (private readonly limits: SimulationLimits, private readonly now: () => number) {
    this.msPerToken = 60_000 / limits.perMinute
  }

  /** The callback contract of @fastify/rate-limit stores; `max` is the burst size. */
  incr (key: string, cb: (err: Error | null, answer: StoreAnswer) => void, _timeWindow: number, max: number): void {
    cb(null, this.take(key, max))
  }

  take (key: string, max: number): StoreAnswer {
    const t = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.burst, refilledAt: t, hourStartedAt: t, hourCount: 0 }
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + (t - bucket.refilledAt) / this.msPerToken)
    bucket.refilledAt = t
    if (t - bucket.hourStartedAt >= HOUR_MS) {
      bucket.hourStartedAt = t
      bucket.hourCount = 0
    }
    this.buckets.set(key, bucket)
    const hourlyCap = key.startsWith('actor:') ? this.limits.hourlyActor : this.limits.hourlyAnonymous
    if (bucket.hourCount >= hourlyCap) {
      return { current: max + 1, ttl: bucket.hourStartedAt + HOUR_MS - t }
    }
    if (bucket.tokens < 1) {
      return { current: max + 1, ttl: Math.ceil((1 - bucket.tokens) * this.msPerToken) }
    }
    bucket.tokens -= 1
    bucket.hourCount += 1
    // Remaining = whole tokens left; reset = until the bucket is full again.
    return { current: max - Math.floor(bucket.tokens), ttl: Math.ceil((this.limits.burst - bucket.tokens) * this.msPerToken) }
  }

  child (): SimulationBucketStore {
    return this
  }
}
