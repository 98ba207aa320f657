import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance } from 'fastify'
import type { SimulationResult } from '../../src/engine/index.js'
import { SharedSimulationCache } from '../../src/redis/shared-simulation-cache.js'
import { inSpan } from '../../src/telemetry/spans.js'

/**
 * The simulation response cache (docs/API.md, "Cache"): computed results keyed by their fingerprint, in
 * memory, bounded and expiring. With REDIS_URL a shared cache sits behind each instance's LRU, so a
 * result computed by one instance is a hit on the others (src/redis/shared-simulation-cache.ts).
 */
export interface SimulationCache {
  get: (fingerprint: string) => Promise<SimulationResult | undefined>
  set: (fingerprint: string, result: SimulationResult) => Promise<void>
  stats: () => { entries: number, max_entries: number, hits: number, misses: number, hit_ratio: number, ttl_seconds: number }
  clear: () => Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    simulationCache: SimulationCache
  }
}

async function simulationCachePlugin (app: FastifyInstance): Promise<void> {
  const { cacheMaxEntries, cacheTtlSeconds } = app.config
  const lru = new LRUCache<string, SimulationResult>({ max: cacheMaxEntries, ttl: Math.max(1, cacheTtlSeconds) * 1000, ttlAutopurge: false })
  let hits = 0
  let misses = 0
  const enabled = cacheTtlSeconds > 0
  const shared = app.sharedRedis === null || !enabled ? null : new SharedSimulationCache(app.sharedRedis, cacheTtlSeconds * 1000)

  const cache: SimulationCache = {
    async get (fingerprint) {
      return await inSpan('cache.get', {}, async (span) => {
        let found = enabled ? lru.get(fingerprint) : undefined
        let layer = 'memory'
        if (found === undefined && shared !== null) {
          layer = 'shared'
          found = await shared.get(fingerprint)
          if (found !== undefined) lru.set(fingerprint, found)
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
    async set (fingerprint, result) {
      await inSpan('cache.set', {}, async () => {
        if (enabled) lru.set(fingerprint, result)
        await shared?.set(fingerprint, result)
      })
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
