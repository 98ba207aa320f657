import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SharedSimulationCache } from '../../redis/shared-simulation-cache.js'
import { createSimulationCache, type SimulationCache } from '../../simulation/cache.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Computed results by fingerprint, with their serialised answers (src/simulation/cache.ts). */
    simulationCache: SimulationCache
  }
}

/** Decorates the app with the simulation cache: the instance's LRU, and the shared Redis cache behind it with REDIS_URL. */
async function simulationCachePlugin (app: FastifyInstance): Promise<void> {
  const { cacheMaxEntries, cacheTtlSeconds } = app.config
  const { metrics } = app
  app.decorate('simulationCache', createSimulationCache({
    maxEntries: cacheMaxEntries,
    ttlSeconds: cacheTtlSeconds,
    shared: app.redis === null ? null : new SharedSimulationCache(app.redis, cacheTtlSeconds * 1000),
    onHit: () => metrics.cacheHits.inc(),
    onMiss: () => metrics.cacheMisses.inc()
  }))
}

export default fp(simulationCachePlugin, { name: 'simulation-cache', dependencies: ['config', 'metrics', 'redis'] })
