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
import { tierCost, type Depth } from '../../../billing/prices.js'
import { badRequest } from '../../../errors.js'
import { checkSimulationLimit, resolveMarket, resolveV2Event } from '../../../services/simulation-request.js'
import { simulationMeta } from '../../../services/meta.js'
import { answerPrefix, completeAnswer, type AnswerTail, type SerialisedAnswers } from '../../../services/serialised-answer.js'
import type { AnswerProvenance } from '../../../services/meta.js'
import type { Charge } from '../../../billing/index.js'
import type { Static } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { ComparativeAnalysisResponse, DeepDiveResponse, FullDistributionResponse, HeadlinePickResponse, ScenarioExtremesResponse } from '../../../schemas/simulation.js'
import type { TObject } from '@sinclair/typebox'

/**
 * Sends JSON already serialised by the route's own schema (or rebuilt from such a text): the reply
 * as a plain FastifyReply, whose payload is not typed by the response schema, because a string is
 * sent as it is.
 */
function sendJsonText (reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text)
}

/** What `answer` needs of an outcome of app.simulations.execute. */
interface ExecutedSimulation extends AnswerProvenance {
  charge: Charge
  executionMs: number
  answers: SerialisedAnswers | undefined
}

/** This request's fields, last in every answer (src/services/serialised-answer.ts). */
interface RequestFields {
  execution_time_ms: number
  meta: AnswerTail['meta']
  transaction_id?: string
}

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
  }, async (request, reply) => {
    const body = request.body
    const depth: Depth = body.depth ?? 'headline_pick'
    const market = resolveMarket(body.market)
    const cost = tierCost(depth)
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
    const plan = { feature: depth, simulations, eventId }
    const sports = new Set(simulations.map((s) => s.event.sport))
    const fixed = {
      sport: sports.size === 1 ? simulations[0].event.sport : null,
      event_id: eventId,
      market,
      model_version: MODEL_VERSION,
      cost_tokens: cost,
      ...(origins.length > 0 ? { inputs_origin: origins } : {})
    }

    /**
     * The answer as text: on a cache hit with the same labels, the stored prefix and this request's
     * tail; otherwise the depth's view, serialised by the route's schema, its prefix kept for the
     * next hit (src/services/serialised-answer.ts).
     */
    const answer = (outcome: ExecutedSimulation, schema: TObject, build: (own: RequestFields) => Record<string, unknown>) => {
      const tail: AnswerTail = {
        executionMs: outcome.executionMs,
        meta: simulationMeta(request.id, outcome),
        ...(outcome.charge.transaction_id !== null ? { transactionId: outcome.charge.transaction_id } : {})
      }
      const labels = simulations[0].event
      const answerKey = JSON.stringify([depth, labels.home_team, labels.away_team, labels.event_id, origins])
      const kept = outcome.cacheHit ? outcome.answers?.get(answerKey) : undefined
      if (kept !== undefined) return sendJsonText(reply, completeAnswer(kept, tail))
      // The depth's own response schema, not the route's union of five: the same bytes (the union
      // serialises with its first matching branch, and the depth literal matches one) without trying
      // each branch first.
      const serialised = reply.serializeInput(build({
        execution_time_ms: tail.executionMs,
        meta: tail.meta,
        ...(tail.transactionId !== undefined ? { transaction_id: tail.transactionId } : {})
      }), schema)
      const prefix = answerPrefix(serialised, tail)
      if (prefix !== undefined) outcome.answers?.set(answerKey, prefix)
      return sendJsonText(reply, serialised)
    }

    // One case per depth, each answer checked against its own response schema (`satisfies`);
    // headline_pick computes only what it shows (docs/ENGINE.md, "Headline-only runs").
    if (depth === 'headline_pick') {
      const outcome = await app.simulations.execute(request, { ...plan, scope: 'headline' })
      return answer(outcome, HeadlinePickResponse, (own) => ({ ...headlinePickView(outcome.results[0]), ...fixed, depth, ...own }) satisfies Static<typeof HeadlinePickResponse>)
    }
    const outcome = await app.simulations.execute(request, { ...plan, scope: 'full' })
    const [result] = outcome.results
    switch (depth) {
      case 'full_distribution': return answer(outcome, FullDistributionResponse, (own) => ({ ...fullDistributionView(result), ...fixed, depth, ...own }) satisfies Static<typeof FullDistributionResponse>)
      case 'scenario_extremes': return answer(outcome, ScenarioExtremesResponse, (own) => ({ ...scenarioExtremesView(result), ...fixed, depth, ...own }) satisfies Static<typeof ScenarioExtremesResponse>)
      case 'comparative_analysis': return answer(outcome, ComparativeAnalysisResponse, (own) => ({ ...comparativeAnalysisView(outcome.results), ...fixed, depth, ...own }) satisfies Static<typeof ComparativeAnalysisResponse>)
      case 'deep_dive_educational': return answer(outcome, DeepDiveResponse, (own) => ({ ...deepDiveView(result), ...fixed, depth, ...own }) satisfies Static<typeof DeepDiveResponse>)
    }
  })
}

export default v2SimulateRoutes
