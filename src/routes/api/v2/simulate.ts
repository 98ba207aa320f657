import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { problemResponses } from '../../../schemas/common.js'
import { IdempotencyHeaders } from '../../../schemas/headers.js'
import { V2SimulateBody, V2SimulateResponse } from '../../../schemas/simulation.js'
import { answerV2, shapeV2Request } from '../../../simulation/v2.js'

/** POST /api/v2/simulate: every depth through the same charge → cache/engine → view path. */
const v2SimulateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v2/simulate', {
    config: { auth: 'optional', idempotent: true, charged: true, rateLimitPolicy: 'simulation' },
    schema: {
      operationId: 'simulateV2',
      summary: 'Simulate an event at a depth of analysis',
      description: 'Runs (or reads from the cache) a seeded Monte Carlo simulation and answers at the requested depth. ' +
        'headline_pick is free and anonymous; deeper views cost tokens (GET /api/v2/tiers), need an actor, and are charged once per inputs and depth per 24 h. ' +
        'Send Idempotency-Key to make retries safe.',
      tags: ['simulation'],
      security: [{}, { bearerAuth: [] }],
      body: V2SimulateBody,
      headers: IdempotencyHeaders,
      response: { 200: V2SimulateResponse, ...problemResponses(400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500, 503) }
    }
  }, async (request, reply) => {
    const shaped = await shapeV2Request(request.body, {
      maxSimulations: app.config.maxSimulations, maxSimulationsFree: app.config.maxSimulationsFree, leagues: app.leagues, normalise: app.simulation.normalise
    })
    const text = await answerV2(shaped, request.id, async (plan) => await app.simulation.execute(request, plan), (value, schema) => reply.serializeInput(value, schema))
    // Serialised by the depth's own response schema (or rebuilt from such a text): sent as it is.
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(text)
  })
}

export default v2SimulateRoutes
