import { findCatalogEvent } from '../catalog/events.js'
import type { ContextInput, EventInput } from '../engine/index.js'
import { ProblemError, badRequest } from '../errors.js'
import type { Static } from '@sinclair/typebox'
import { EVENT_FIELDS, type LeagueInputsOrigin } from '../schemas/simulation.js'
import { MARKET_ALIASES } from '../simulation-constants.js'

/** Event fields as they arrive (v1 `event`, the v2 top level, or one of `events[]`). */
export interface RequestedEvent {
  event_id?: string
  sport?: string
  home_team?: string
  away_team?: string
  home_rating?: number
  away_rating?: number
  home_advantage?: number
  draw_rate?: number
  rating_uncertainty?: number
}

/** A v2 event, which may name a league instead (SPEC §13.2). */
export interface RequestedV2Event extends RequestedEvent {
  league_id?: string
  as_of?: string
}

/** The fit an event's inputs came from, as the answer reports it (its index in the request aside). */
type FitOrigin = Omit<Static<typeof LeagueInputsOrigin>, 'event_index'>

/**
 * Where an event named by league_id gets its inputs: the league service (src/leagues/service.ts),
 * named by what it does here so that src/simulation/ does not import the leagues (which run their
 * heavy jobs on this folder's runner).
 */
export interface LeagueInputs {
  simulationInputs (ref: { league_id: string, home_team: string, away_team: string, as_of?: string }, where: string): Promise<{
    event: EventInput
    context: { sample_size: number, data_age_days: number }
    origin: FitOrigin
  }>
}

/** An event ready to normalise: its inputs, the context the league filled (if any) and the fit it came from. */
export interface ResolvedEvent {
  event: EventInput
  context: ContextInput
  origin: (FitOrigin & { event_index: number }) | null
}

const FITTED_FIELDS = ['sport', 'home_rating', 'away_rating', 'home_advantage', 'draw_rate', 'rating_uncertainty'] as const
const FITTED_CONTEXT = ['sample_size', 'data_age_days'] as const

/**
 * resolveEvent, or — with `league_id` — the inputs fitted on that league for its two teams, which
 * replace every rating field and the context's sample_size and data_age_days (giving any of them
 * too is 400 invalid_event_reference: one source per input). Unknown league or team: 404.
 */
export async function resolveV2Event (requested: RequestedV2Event, context: ContextInput, where: string, index: number, leagues: LeagueInputs): Promise<ResolvedEvent> {
  if (requested.league_id === undefined) {
    if (requested.as_of !== undefined) throw badRequest('invalid_event_reference', `${where}: as_of is only for an event named by league_id.`)
    return { event: resolveEvent(requested, where), context, origin: null }
  }
  const clashing = [
    ...(requested.event_id !== undefined ? ['event_id'] : []),
    ...FITTED_FIELDS.filter((field) => requested[field] !== undefined),
    ...FITTED_CONTEXT.filter((field) => context[field] !== undefined).map((field) => `context.${field}`)
  ]
  if (clashing.length > 0) {
    throw badRequest('invalid_event_reference', `${where}: league_id takes these from the league's fit; remove ${clashing.join(', ')}.`)
  }
  const missing = (['home_team', 'away_team'] as const).filter((field) => requested[field] === undefined)
  if (missing.length > 0) {
    throw badRequest('validation_error', `${where}: an event named by league_id needs ${missing.join(' and ')}.`, {
      errors: missing.map((field) => ({ pointer: `${where}/${field}`, message: 'is required with league_id' }))
    })
  }
  const fitted = await leagues.simulationInputs({
    league_id: requested.league_id, home_team: requested.home_team as string, away_team: requested.away_team as string, as_of: requested.as_of
  }, where)
  return { event: fitted.event, context: { ...context, ...fitted.context }, origin: { event_index: index, ...fitted.origin } }
}

const REQUIRED_INLINE = ['home_team', 'away_team', 'home_rating', 'away_rating'] as const

/**
 * The engine input for a requested event: the catalog entry named by `event_id`, or the inline
 * fields. Exactly one of the two must be given (`where` names the place in the body for errors).
 */
export function resolveEvent (requested: RequestedEvent, where: string): EventInput {
  const inline = EVENT_FIELDS.filter((field) => requested[field] !== undefined)
  if (requested.event_id !== undefined) {
    if (inline.length > 0) {
      throw badRequest('invalid_event_reference', `${where}: give either event_id or inline event fields, not both (found event_id and ${inline.join(', ')}).`)
    }
    const found = findCatalogEvent(requested.event_id)
    if (found === undefined) {
      throw new ProblemError(404, 'event_not_found', `${where}: no catalog event "${requested.event_id}". GET /api/v2/events lists them.`)
    }
    const { description: _description, starts_at: _startsAt, ...event } = found
    return event
  }
  const missing = REQUIRED_INLINE.filter((field) => requested[field] === undefined)
  if (inline.length === 0) {
    throw badRequest('invalid_event_reference', `${where}: give an event_id from the catalog or the inline fields ${REQUIRED_INLINE.join(', ')}.`)
  }
  if (missing.length > 0) {
    throw badRequest('validation_error', `${where}: an inline event needs ${missing.join(', ')}.`, {
      errors: missing.map((field) => ({ pointer: `${where}/${field}`, message: 'is required for an inline event' }))
    })
  }
  return requested as EventInput
}

/** `match_result` and its aliases; anything else is 400 unsupported_market. */
export function resolveMarket (market: string | undefined): 'match_result' {
  if (market === undefined) return 'match_result'
  const resolved = MARKET_ALIASES.get(market)
  if (resolved === undefined) {
    throw badRequest('unsupported_market', `Market "${market}" is not supported; use match_result (aliases: 1X2, moneyline_home).`)
  }
  return resolved
}

/** n_simulations above the cap of the tier answers 400 simulation_limit_exceeded with the cap. */
export function checkSimulationLimit (n: number, cap: number, tier: string): void {
  if (n > cap) {
    throw badRequest('simulation_limit_exceeded', `n_simulations ${n} exceeds the ${tier} limit of ${cap}.`, { limit: cap })
  }
}
