import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { SharedRedis } from '../../redis/shared-redis.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The Redis every instance shares for rate limits and the simulation cache; null without REDIS_URL. */
    redis: SharedRedis | null
  }
}

/** How long start-up waits for Redis before it goes on degraded (the service never needs Redis to serve). */
const STARTUP_WAIT_MS = 2_000

/** `trickster_redis_circuit_state`: 0 closed, 1 half-open, 2 open. */
const CIRCUIT_GAUGE = { closed: 0, half_open: 1, open: 2 } as const

/**
 * Connects to REDIS_URL when it is set (docs/ARCHITECTURE.md, "Several instances"). Every change
 * between reachable and unreachable is logged once; each request that had to use this instance's
 * memory instead is counted in `trickster_redis_fallbacks_total`.
 */
async function redisPlugin (app: FastifyInstance): Promise<void> {
  const { redisUrl, redisKeyPrefix } = app.config
  if (redisUrl === null) {
    app.decorate('redis', null)
    return
  }
  // Loaded only when configured: without REDIS_URL the service starts without ioredis.
  const { SharedRedis } = await import('../../redis/shared-redis.js')
  const redis = new SharedRedis(redisUrl, redisKeyPrefix, {
    onStateChange: (state, reason) => {
      if (state === 'ok') app.log.info('Redis connected: rate limits and the simulation cache are shared')
      else app.log.warn({ reason }, 'Redis unreachable: rate limits and the simulation cache fall back to this instance\'s memory')
      app.metrics.redisUp.set(state === 'ok' ? 1 : 0)
    },
    onFallback: (use) => app.metrics.redisFallbacks.inc({ use }),
    onCircuitChange: (state) => {
      if (state === 'open') app.log.warn('Redis circuit open: requests skip Redis until a probe is answered')
      else if (state === 'closed') app.log.info('Redis circuit closed')
      app.metrics.redisCircuit.set(CIRCUIT_GAUGE[state])
    }
  })
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    redis.connected().catch(() => {}),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, STARTUP_WAIT_MS) })
  ])
  clearTimeout(timer)
  app.decorate('redis', redis)
  app.addHook('onClose', async () => {
    await redis.close()
  })
}

export default fp(redisPlugin, { name: 'redis', dependencies: ['config', 'metrics'] })
