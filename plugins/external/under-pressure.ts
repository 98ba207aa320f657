import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'

/** Event-loop delay above which /ready reports the instance as overloaded. */
export const MAX_EVENT_LOOP_DELAY_MS = 1000

/**
 * Samples event-loop delay and memory. It never rejects requests itself: the pressure handler
 * lets them through, and /ready turns 503 so the load balancer stops routing here instead.
 */
async function underPressurePlugin (app: FastifyInstance): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
    sampleInterval: 500,
    exposeStatusRoute: false,
    pressureHandler: () => undefined
  })
}

export default fp(underPressurePlugin, { name: 'under-pressure' })
