import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { problemResponses } from '../../../schemas/common.js'
import { V2SimulateBody, V2SimulateResponse } from '../../../schemas/simulation.js'
import { EVENT_FIELDS } from '../../../schemas/simulation.js'
import { MODEL_VERSION } from '../../../engine/index.js'
import { comparativeAnalysisView } from '../../../views/comparative-analysis.js'
import { deepDiveView } from '../../../views/deep-dive.js'
import { fullDistributionView } from '../../../views/full-distribution.js'
import { headlinePickView } from '../../../views/headline-pick.js'
import { scenarioExtremesView } from '../../../views/scenario-extremes.js'
import { DEPTH_COST, type Depth } from '../../../billing/prices.js'
import { badRequest } from '../../../errors.js'
import { checkSimulationLimit, resolveMarket, resolveV2Event } from '../../../services/simulation-request.js'
import { simulationMeta } from '../../../services/meta.js'

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
      headers: Type.Object({
        'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Makes the request safe to retry (see Idempotency in the API description).' }))
      }),
      response: { 200: V2SimulateResponse, ...problemResponses(400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500, 503) }
    }
  }, async (request) => {
    const body = request.body
    const depth: Depth = body.depth ?? 'headline_pick'
    const market = resolveMarket(body.market)
    const cost = DEPTH_COST[depth]
    const cap = cost === 0 ? app.config.maxSimulationsFree : app.config.maxSimulations
    const n = body.config?.n_simulations
    if (n !== undefined) checkSimulationLimit(n, cap, cost === 0 ? 'free-tier' : 'maximum')

    let requested
    if (depth === 'comparative_analysis') {
      if (body.events === undefined) throw badRequest('invalid_event_reference', 'comparative_analysis needs `events`: 2 to 10 events.')
      const topLevel = [...EVENT_FIELDS, 'event_id' as const, 'league_id' as const, 'as_of' as const].filter((field) => body[field] !== undefined)
      if (topLevel.length > 0) throw badRequest('invalid_event_reference', `comparative_analysis takes its events from \`events\`; remove ${topLevel.join(', ')} from the top level.`)
      requested = await Promise.all(body.events.map(async (event, i) => await resolveV2Event(event, body.context ?? {}, `/body/events/${i}`, i, app.leagues)))
    } else {
      if (body.events !== undefined) throw badRequest('invalid_event_reference', '`events` is only for depth comparative_analysis; give one event at the top level.')
      requested = [await resolveV2Event(body, body.context ?? {}, '/body', 0, app.leagues)]
    }
    const simulations = requested.map(({ event, context }) => app.simulations.normalise(event, body.config ?? {}, context))
    const eventId = requested.length === 1 ? requested[0].event.event_id ?? null : null
    const origins = requested.flatMap(({ origin }) => origin === null ? [] : [origin])
    const outcome = await app.simulations.execute(request, { feature: depth, cost, simulations, eventId })

    const sports = new Set(simulations.map((s) => s.event.sport))
    const common = {
      sport: sports.size === 1 ? simulations[0].event.sport : null,
      event_id: eventId,
      market,
      model_version: MODEL_VERSION,
      cost_tokens: cost,
      execution_time_ms: outcome.executionMs,
      meta: simulationMeta(request.id, outcome),
      ...(outcome.charge.transaction_id !== null ? { transaction_id: outcome.charge.transaction_id } : {}),
      ...(origins.length > 0 ? { inputs_origin: origins } : {})
    }
    // One case per depth, so each answer is checked against its own response schema.
    const [result] = outcome.results
    switch (depth) {
      case 'headline_pick': return { ...headlinePickView(result), ...common, depth }
      case 'full_distribution': return { ...fullDistributionView(result), ...common, depth }
      case 'scenario_extremes': return { ...scenarioExtremesView(result), ...common, depth }
      case 'comparative_analysis': return { ...comparativeAnalysisView(outcome.results), ...common, depth }
      case 'deep_dive_educational': return { ...deepDiveView(result), ...common, depth }
    }
  })
}

export default v2SimulateRoutes
