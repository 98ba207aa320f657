import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance } from 'fastify'
import type { HeadlineResult, SimulationResult } from '../../engine/index.js'
import { SharedSimulationCache } from '../../redis/shared-simulation-cache.js'
import type { SerialisedAnswers } from '../../services/serialised-answer.js'
import { inSpan } from '../../telemetry/spans.js'

/** A cached computation: a full result, or a headline-only one (under a key of its own, see `cacheKeyOf`). */
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
   * serialising again (src/services/serialised-answer.ts). A few per result, gone with the result.
   */
  answers: (key: string) => SerialisedAnswers | undefined
  stats: () => { entries: number, max_entries: number, hits: number, misses: number, hit_ratio: number, ttl_seconds: number }
  clear: () => Promise<number>
}

/** Serialised answers kept per cached result: enough for the label sets one result is asked with in a TTL. */
const ANSWERS_PER_RESULT = 8

interface Entry {
  result: CachedResult
  answers: Map<string, string>
}

declare module 'fastify' {
  interface FastifyInstance {
    simulationCache: SimulationCache
  }
}

async function simulationCachePlugin (app: FastifyInstance): Promise<void> {
  const { cacheMaxEntries, cacheTtlSeconds } = app.config
  const lru = new LRUCache<string, Entry>({ max: cacheMaxEntries, ttl: Math.max(1, cacheTtlSeconds) * 1000, ttlAutopurge: false })
  let hits = 0
  let misses = 0
  const enabled = cacheTtlSeconds > 0
  const shared = app.sharedRedis === null || !enabled ? null : new SharedSimulationCache(app.sharedRedis, cacheTtlSeconds * 1000)

  const cache: SimulationCache = {
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
          app.metrics.cacheMisses.inc()
        } else {
          hits++
          app.metrics.cacheHits.inc()
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
      return { entries: lru.size, max_entries: cacheMaxEntries, hits, misses, hit_ratio: lookups === 0 ? 0 : hits / lookups, ttl_seconds: cacheTtlSeconds }
    },
    async clear () {
      const cleared = Math.max(lru.size, await shared?.clear() ?? 0)
      lru.clear()
      hits = 0
      misses = 0
      return cleared
    }
  }
  app.decorate('simulationCache', cache)
}

export default fp(simulationCachePlugin, { name: 'simulation-cache', dependencies: ['config', 'metrics', 'redis'] })
