import { findCatalogEvent } from '../catalog/events.js'
import type { EventInput } from '../engine/index.js'
import { ProblemError, badRequest } from '../errors.js'
import { EVENT_FIELDS } from '../schemas/simulation.js'
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
