import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { problemResponses } from '../../../schemas/common.js'
import { V1SimulateBody, V1SimulateResponse } from '../../../schemas/simulation.js'
import { v1View } from '../../../simulation/views/v1.js'
import { V1_FEATURE } from '../../../billing/prices.js'
import { badRequest } from '../../../errors.js'
import { checkSimulationLimit, resolveEvent } from '../../../simulation/request.js'
import { simulationMeta } from '../../../simulation/meta.js'

/** The legacy contract (docs/API.md, "v1"): 1 token per fresh request, through the same path as v2. */
const v1SimulateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const handler = async (request: FastifyRequest<{ Body: V1SimulateBody }>) => {
    const body = request.body
    if (body.event !== undefined && body.event_id !== undefined) {
      throw badRequest('invalid_event_reference', 'Give either `event` (inline) or `event_id` (catalog), not both.')
    }
    if (body.event === undefined && body.event_id === undefined) {
      throw badRequest('invalid_event_reference', 'Give `event` (inline teams and ratings) or `event_id` (a catalog event).')
    }
    const n = body.config?.n_simulations ?? body.iterations
    const seed = body.config?.seed ?? body.seed
    if (body.config?.n_simulations !== undefined && body.iterations !== undefined && body.config.n_simulations !== body.iterations) {
      throw badRequest('validation_error', 'config.n_simulations and iterations disagree; send one of them.')
    }
    if (n !== undefined) checkSimulationLimit(n, app.config.maxSimulations, 'maximum')
    const event = body.event !== undefined ? resolveEvent(body.event, '/body/event') : resolveEvent({ event_id: body.event_id }, '/body')
    const simulation = app.simulation.normalise(event, { n_simulations: n, seed, ci_level: body.config?.ci_level }, {})
    const outcome = await app.simulation.execute(request, {
      feature: V1_FEATURE,
      simulations: [simulation],
      eventId: event.event_id ?? null,
      scope: 'full'
    })
    return {
      ...v1View(outcome.results[0]),
      execution_time_ms: outcome.executionMs,
      cache_hit: outcome.cacheHit,
      meta: simulationMeta(request.id, outcome)
    }
  }

  const schema = {
    summary: 'Simulate an event (v1, 1 token)',
    description: 'The v1 answer: outcome frequencies, a 20-bin histogram of the home-side probability, 95 % and 99 % intervals, risk and explanation. ' +
      'Needs an actor and spends 1 token per fresh request (not on an idempotent replay, nor within 24 h of paying for the same inputs).',
    tags: ['simulation'],
    security: [{ bearerAuth: [] }],
    body: V1SimulateBody,
    response: { 200: V1SimulateResponse, ...problemResponses(400, 401, 402, 403, 404, 409, 410, 413, 415, 422, 429, 500, 503) }
  }
  const config = { auth: 'actor' as const, idempotent: true, charged: true, rateLimitPolicy: 'simulation' as const, v1Successor: '/api/v2/simulate' }
  app.post('/api/v1/simulate', { config, schema: { ...schema, operationId: 'simulateV1' } }, handler)
  app.post('/api/simulate', { config, schema: { ...schema, operationId: 'simulateLegacy', description: `Legacy alias of POST /api/v1/simulate. ${schema.description}` } }, handler)
}

export default v1SimulateRoutes
