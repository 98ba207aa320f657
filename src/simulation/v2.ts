import type { Static, TObject } from '@sinclair/typebox'
import { MODEL_VERSION, type ConfigInput, type ContextInput, type EventInput, type NormalisedSimulation } from '../engine/index.js'
import { tierCost, type Depth } from '../billing/prices.js'
import { badRequest } from '../errors.js'
import {
  ComparativeAnalysisResponse, DeepDiveResponse, EVENT_FIELDS, FullDistributionResponse, HeadlinePickResponse, ScenarioExtremesResponse,
  type V2SimulateBody
} from '../schemas/simulation.js'
import { simulationMeta } from './meta.js'
import { checkSimulationLimit, resolveMarket, resolveV2Event, type LeagueInputs, type ResolvedEvent } from './request.js'
import type { ResultOf, SimulationScope } from './runner.js'
import { answerPrefix, completeAnswer, type AnswerTail } from './serialised-answer.js'
import type { SimulationOutcome, SimulationPlan } from './service.js'
import { comparativeAnalysisView } from './views/comparative-analysis.js'
import { deepDiveView } from './views/deep-dive.js'
import { fullDistributionView } from './views/full-distribution.js'
import { headlinePickView } from './views/headline-pick.js'
import { scenarioExtremesView } from './views/scenario-extremes.js'

/** What shapes a v2 request besides its body: the caps of the free and the paid depths, the leagues, the normaliser. */
export interface V2Context {
  maxSimulations: number
  maxSimulationsFree: number
  leagues: LeagueInputs
  normalise: (event: EventInput, config: ConfigInput, context: ContextInput) => NormalisedSimulation
}

/** A v2 request shaped for the simulation service: the plan (without its scope) and the fields its answer repeats. */
export interface V2Request {
  depth: Depth
  plan: Omit<SimulationPlan, 'scope'>
  origins: Array<NonNullable<ResolvedEvent['origin']>>
  fixed: {
    sport: NormalisedSimulation['event']['sport'] | null
    event_id: string | null
    market: 'match_result'
    model_version: typeof MODEL_VERSION
    cost_tokens: number
    inputs_origin?: Array<NonNullable<ResolvedEvent['origin']>>
  }
}

/** Market, limits, event resolution (catalog, inline or league) and normalisation of POST /api/v2/simulate. */
export async function shapeV2Request (body: V2SimulateBody, context: V2Context): Promise<V2Request> {
  const depth: Depth = body.depth ?? 'headline_pick'
  const market = resolveMarket(body.market)
  const cost = tierCost(depth)
  const cap = cost === 0 ? context.maxSimulationsFree : context.maxSimulations
  const n = body.config?.n_simulations
  if (n !== undefined) checkSimulationLimit(n, cap, cost === 0 ? 'free-tier' : 'maximum')

  let requested
  if (depth === 'comparative_analysis') {
    if (body.events === undefined) throw badRequest('invalid_event_reference', 'comparative_analysis needs `events`: 2 to 10 events.')
    const topLevel = [...EVENT_FIELDS, 'event_id' as const, 'league_id' as const, 'as_of' as const].filter((field) => body[field] !== undefined)
    if (topLevel.length > 0) throw badRequest('invalid_event_reference', `comparative_analysis takes its events from \`events\`; remove ${topLevel.join(', ')} from the top level.`)
    requested = await Promise.all(body.events.map(async (event, i) => await resolveV2Event(event, body.context ?? {}, `/body/events/${i}`, i, context.leagues)))
  } else {
    if (body.events !== undefined) throw badRequest('invalid_event_reference', '`events` is only for depth comparative_analysis; give one event at the top level.')
    requested = [await resolveV2Event(body, body.context ?? {}, '/body', 0, context.leagues)]
  }
  const simulations = requested.map(({ event, context: eventContext }) => context.normalise(event, body.config ?? {}, eventContext))
  const eventId = requested.length === 1 ? requested[0].event.event_id ?? null : null
  const origins = requested.flatMap(({ origin }) => origin === null ? [] : [origin])
  const sports = new Set(simulations.map((s) => s.event.sport))
  return {
    depth,
    plan: { feature: depth, simulations, eventId },
    origins,
    fixed: {
      sport: sports.size === 1 ? simulations[0].event.sport : null,
      event_id: eventId,
      market,
      model_version: MODEL_VERSION,
      cost_tokens: cost,
      ...(origins.length > 0 ? { inputs_origin: origins } : {})
    }
  }
}

/** This request's fields, last in every answer (src/simulation/serialised-answer.ts). */
interface RequestFields {
  execution_time_ms: number
  meta: AnswerTail['meta']
  transaction_id?: string
}

/** Runs a plan through the simulation service for the caller (app.simulation.execute, bound to the request). */
export type Execute = <S extends SimulationScope>(plan: SimulationPlan<S>) => Promise<SimulationOutcome<ResultOf<S>>>

/** Serialises a value with a response schema (the route's own fast-json-stringify). */
export type Serialise = (value: Record<string, unknown>, schema: TObject) => string

/**
 * Executes a shaped v2 request and answers it as text: on a cache hit with the same labels, the
 * stored prefix and this request's tail; otherwise the depth's view, serialised by its response
 * schema, its prefix kept for the next hit (src/simulation/serialised-answer.ts). One case per
 * depth, each answer checked against its own response schema (`satisfies`); headline_pick computes
 * only what it shows (docs/ENGINE.md, "Headline-only runs").
 */
export async function answerV2 (shaped: V2Request, requestId: string, execute: Execute, serialise: Serialise): Promise<string> {
  const { depth, plan, origins, fixed } = shaped
  const answer = (outcome: SimulationOutcome<unknown>, schema: TObject, build: (own: RequestFields) => Record<string, unknown>): string => {
    const tail: AnswerTail = {
      executionMs: outcome.executionMs,
      meta: simulationMeta(requestId, outcome),
      ...(outcome.charge.transaction_id !== null ? { transactionId: outcome.charge.transaction_id } : {})
    }
    const labels = plan.simulations[0].event
    const answerKey = JSON.stringify([depth, labels.home_team, labels.away_team, labels.event_id, origins])
    const kept = outcome.cacheHit ? outcome.answers?.get(answerKey) : undefined
    if (kept !== undefined) return completeAnswer(kept, tail)
    // The depth's own response schema, not the route's union of five: the same bytes (the union
    // serialises with its first matching branch, and the depth literal matches one) without trying
    // each branch first.
    const serialised = serialise(build({
      execution_time_ms: tail.executionMs,
      meta: tail.meta,
      ...(tail.transactionId !== undefined ? { transaction_id: tail.transactionId } : {})
    }), schema)
    const prefix = answerPrefix(serialised, tail)
    if (prefix !== undefined) outcome.answers?.set(answerKey, prefix)
    return serialised
  }

  if (depth === 'headline_pick') {
    const outcome = await execute({ ...plan, scope: 'headline' })
    return answer(outcome, HeadlinePickResponse, (own) => ({ ...headlinePickView(outcome.results[0]), ...fixed, depth, ...own }) satisfies Static<typeof HeadlinePickResponse>)
  }
  const outcome = await execute({ ...plan, scope: 'full' })
  const [result] = outcome.results
  switch (depth) {
    case 'full_distribution': return answer(outcome, FullDistributionResponse, (own) => ({ ...fullDistributionView(result), ...fixed, depth, ...own }) satisfies Static<typeof FullDistributionResponse>)
    case 'scenario_extremes': return answer(outcome, ScenarioExtremesResponse, (own) => ({ ...scenarioExtremesView(result), ...fixed, depth, ...own }) satisfies Static<typeof ScenarioExtremesResponse>)
    case 'comparative_analysis': return answer(outcome, ComparativeAnalysisResponse, (own) => ({ ...comparativeAnalysisView(outcome.results), ...fixed, depth, ...own }) satisfies Static<typeof ComparativeAnalysisResponse>)
    case 'deep_dive_educational': return answer(outcome, DeepDiveResponse, (own) => ({ ...deepDiveView(result), ...fixed, depth, ...own }) satisfies Static<typeof DeepDiveResponse>)
  }
}
