import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import { CacheCleared, CacheStats } from '../../../schemas/simulation.js'

/** The simulation cache: statistics for everyone, clearing for admins. */
const cacheRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/cache/stats', {
    config: { auth: 'none' },
    schema: {
      operationId: 'getCacheStats',
      summary: 'Simulation cache statistics',
      tags: ['cache'],
      security: [],
      response: { 200: CacheStats, ...problemResponses(429) }
    }
  }, async () => app.simulationCache.stats())

  app.delete('/api/v1/cache/clear', {
    config: { auth: 'admin' },
    schema: {
      operationId: 'clearCache',
      summary: 'Clear the simulation cache (admin)',
      description: 'Drops every cached simulation and resets the hit/miss counters. Answers stay identical: the next request recomputes the same numbers.',
      tags: ['cache'],
      security: [{ adminAuth: [] }],
      response: { 200: CacheCleared, ...problemResponses(401, 403, 429, 503) }
    }
  }, async () => ({ cleared: await app.simulationCache.clear() }))
}

export default cacheRoutes
