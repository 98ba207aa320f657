import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'

/** Event-loop delay above which /ready reports the instance as overloaded. */
export const MAX_EVENT_LOOP_DELAY_MS = 1000

declare module 'fastify' {
  interface FastifyInstance {
    underPressure: {
      /** Mean event-loop delay over the last sampling interval (Infinity when blocked throughout). */
      delayMs: () => number
      overloaded: () => boolean
    }
  }
}

/**
 * Samples event-loop delay (and memory) with @fastify/under-pressure. It never rejects requests:
 * /ready turns 503 instead, so the load balancer stops routing here. With no thresholds set, the
 * plugin only samples and adds no per-request hook; the threshold is applied here.
 */
async function underPressurePlugin (app: FastifyInstance): Promise<void> {
  await app.register(underPressure, { sampleInterval: 500, exposeStatusRoute: false })
  const delayMs = (): number => app.memoryUsage().eventLoopDelay
  app.decorate('underPressure', { delayMs, overloaded: () => delayMs() > MAX_EVENT_LOOP_DELAY_MS })
}

export default fp(underPressurePlugin, { name: 'under-pressure' })
