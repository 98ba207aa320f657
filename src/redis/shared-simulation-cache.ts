import type { HeadlineResult, SimulationResult } from '../engine/index.js'
import type { SharedRedis } from './shared-redis.js'

/**
 * The simulation cache every instance shares (docs/ARCHITECTURE.md, "Several instances"), behind
 * each instance's own LRU: results as JSON under `<prefix>cache:<fingerprint>` with the cache TTL.
 * Redis unreachable (or its circuit open): a read is a miss and a write is skipped (the instance still has its LRU), and
 * each bypass is counted. A result is a pure function of its fingerprint, so sharing it is safe.
 */
export class SharedSimulationCache {
  constructor (private readonly redis: SharedRedis, private readonly ttlMs: number) {}

  private key (fingerprint: string): string {
    return `${this.redis.prefix}cache:${fingerprint}`
  }

  async get (fingerprint: string): Promise<SimulationResult | HeadlineResult | undefined> {
    if (!this.redis.usable('cache')) return undefined
    try {
      const stored = await this.redis.client.get(this.key(fingerprint))
      this.redis.answered()
      return stored === null ? undefined : JSON.parse(stored) as SimulationResult | HeadlineResult
    } catch (err) {
      this.redis.fellBack('cache', (err as Error).message)
      return undefined
    }
  }

  async set (fingerprint: string, result: SimulationResult | HeadlineResult): Promise<void> {
    if (!this.redis.usable('cache')) return
    try {
      await this.redis.client.set(this.key(fingerprint), JSON.stringify(result), 'PX', this.ttlMs)
      this.redis.answered()
    } catch (err) {
      this.redis.fellBack('cache', (err as Error).message)
    }
  }

  /** Deletes every shared entry of this deployment; returns how many there were. */
  async clear (): Promise<number> {
    if (!this.redis.ready) return 0
    let cleared = 0
    const stream = this.redis.client.scanStream({ match: `${this.redis.prefix}cache:*`, count: 500 })
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) cleared += await this.redis.client.unlink(...keys)
    }
    return cleared
  }
}
