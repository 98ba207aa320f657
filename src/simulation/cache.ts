import { LRUCache } from 'lru-cache'
import type { HeadlineResult, SimulationResult } from '../engine/index.js'
import type { SerialisedAnswers } from './serialised-answer.js'
import { inSpan } from '../telemetry/spans.js'

/** A cached computation: a full result, or a headline-only one (under a key of its own, see `cacheKeyOf` in service.ts). */
export type CachedResult = SimulationResult | HeadlineResult

/**
 * The simulation response cache (docs/API.md, "Cache"): computed results keyed by their fingerprint
 * (headline-only results by `<fingerprint>:headline`, so a partial result never answers a deeper
 * depth), in memory, bounded and expiring. With REDIS_URL a shared cache sits behind each instance's
 * LRU, so a result computed by one instance is a hit on the others (src/redis/shared-simulation-cache.ts).
 */
export interface SimulationCache {
  get: (key: string) => Promise<CachedResult | undefined>
  set: (key: string, result: CachedResult) => Promise<void>
  /**
   * The serialised answers kept with the result cached under `key` (none when it is not cached in
   * this instance): a hit with the same labels sends the stored text instead of projecting and
   * serialising again (src/simulation/serialised-answer.ts). A few per result, gone with the result.
   */
  answers: (key: string) => SerialisedAnswers | undefined
  stats: () => { entries: number, max_entries: number, hits: number, misses: number, hit_ratio: number, ttl_seconds: number }
  clear: () => Promise<number>
}

/** The cache every instance shares, behind this instance's LRU (src/redis/shared-simulation-cache.ts implements it). */
export interface SharedCache {
  get: (key: string) => Promise<CachedResult | undefined>
  set: (key: string, result: CachedResult) => Promise<void>
  clear: () => Promise<number>
}

export interface SimulationCacheOptions {
  maxEntries: number
  /** 0: caching is off (every lookup is a miss, nothing is kept). */
  ttlSeconds: number
  shared: SharedCache | null
  /** Counters (the metrics plugin wires them to /metrics). */
  onHit: () => void
  onMiss: () => void
}

/** Serialised answers kept per cached result: enough for the label sets one result is asked with in a TTL. */
const ANSWERS_PER_RESULT = 8

interface Entry {
  result: CachedResult
  answers: Map<string, string>
}

export function createSimulationCache (options: SimulationCacheOptions): SimulationCache {
  const { maxEntries, ttlSeconds, onHit, onMiss } = options
  const lru = new LRUCache<string, Entry>({ max: maxEntries, ttl: Math.max(1, ttlSeconds) * 1000, ttlAutopurge: false })
  let hits = 0
  let misses = 0
  const enabled = ttlSeconds > 0
  const shared = enabled ? options.shared : null

  return {
    async get (key) {
      return await inSpan('cache.get', {}, async (span) => {
        let found = enabled ? lru.get(key)?.result : undefined
        let layer = 'memory'
        if (found === undefined && shared !== null) {
          layer = 'shared'
          found = await shared.get(key)
          if (found !== undefined) lru.set(key, { result: found, answers: new Map() })
        }
        if (found === undefined) {
          misses++
          onMiss()
        } else {
          hits++
          onHit()
        }
        span.setAttributes({ 'trickster.cache.hit': found !== undefined, 'trickster.cache.layer': layer })
        return found
      })
    },
    async set (key, result) {
      await inSpan('cache.set', {}, async () => {
        if (enabled) lru.set(key, { result, answers: new Map() })
        await shared?.set(key, result)
      })
    },
    answers (key) {
      // peek: reading the answers is part of the lookup that get() already counted and refreshed.
      const entry = enabled ? lru.peek(key) : undefined
      if (entry === undefined) return undefined
      return {
        get: (answerKey) => entry.answers.get(answerKey),
        set: (answerKey, serialised) => {
          if (entry.answers.size >= ANSWERS_PER_RESULT) entry.answers.delete(entry.answers.keys().next().value as string)
          entry.answers.set(answerKey, serialised)
        }
      }
    },
    stats () {
      const lookups = hits + misses
      return { entries: lru.size, max_entries: maxEntries, hits, misses, hit_ratio: lookups === 0 ? 0 : hits / lookups, ttl_seconds: ttlSeconds }
    },
    async clear () {
      const cleared = Math.max(lru.size, await shared?.clear() ?? 0)
      lru.clear()
      hits = 0
      misses = 0
      return cleared
    }
  }
}
