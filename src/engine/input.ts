import { fingerprintOf } from '../fingerprint.js'
import {
  DEFAULT_CI_LEVEL,
  DEFAULT_EVENT_HORIZON_DAYS,
  DEFAULT_N_SIMULATIONS,
  DEFAULT_RATING_UNCERTAINTY,
  DEFAULT_SPORT,
  SPORT_ALIASES,
  SPORT_DEFAULTS,
  SPORTS,
  type Sport
} from '../simulation-constants.js'
import { MODEL_VERSION, type ModelParameters } from './model.js'

/** An event as the HTTP layer has validated it (docs/ENGINE.md, "Inputs"); the sport may still be an alias. */
export interface EventInput {
  sport?: string
  home_team: string
  away_team: string
  home_rating: number
  away_rating: number
  home_advantage?: number
  draw_rate?: number
  rating_uncertainty?: number
  event_id?: string
}

export interface ConfigInput {
  n_simulations?: number
  seed?: number
  ci_level?: number
}

export interface ContextInput {
  data_age_days?: number
  event_horizon_days?: number
  sample_size?: number
  features_present?: Record<string, boolean>
}

export interface NormalisedEvent extends ModelParameters {
  sport: Sport
  home_team: string
  away_team: string
  /** Catalog id, or null for an inline event. A label: never part of the fingerprint. */
  event_id: string | null
}

export interface NormalisedConfig {
  n_simulations: number
  seed: number
  ci_level: number
}

/** Context with defaults filled in; null means "unknown" and selects the neutral value in §3.4. */
export interface NormalisedContext {
  data_age_days: number | null
  event_horizon_days: number
  sample_size: number | null
  features_present: Record<string, boolean> | null
}

export interface NormalisedSimulation {
  event: NormalisedEvent
  config: NormalisedConfig
  context: NormalisedContext
  /** SHA-256 hex of the canonical maths inputs, seed included (docs/ENGINE.md, "Fingerprint and seed"). */
  fingerprint: string
  /** True when the request gave no seed and it was derived from the other inputs. */
  seedWasDerived: boolean
}

export class UnknownSportError extends Error {
  constructor (readonly sport: string) {
    super(`unknown sport "${sport}"; expected one of ${SPORTS.join(', ')} (or soccer)`)
    this.name = 'UnknownSportError'
  }
}

/** Canonical sport name for an input name or alias; the default sport when omitted. */
export function resolveSport (sport: string | undefined): Sport {
  if (sport === undefined) return DEFAULT_SPORT
  const alias = SPORT_ALIASES.get(sport)
  if (alias !== undefined) return alias
  if ((SPORTS as readonly string[]).includes(sport)) return sport as Sport
  throw new UnknownSportError(sport)
}

/** A uint32 seed from the first 32 bits of a hex digest. */
function seedFromDigest (digest: string): number {
  return Number.parseInt(digest.slice(0, 8), 16)
}

function normaliseEvent (event: EventInput): NormalisedEvent {
  const sport = resolveSport(event.sport)
  const defaults = SPORT_DEFAULTS[sport]
  return {
    sport,
    home_team: event.home_team,
    away_team: event.away_team,
    home_rating: event.home_rating,
    away_rating: event.away_rating,
    home_advantage: event.home_advantage ?? defaults.home_advantage,
    draw_rate: event.draw_rate ?? defaults.draw_rate,
    rating_uncertainty: event.rating_uncertainty ?? DEFAULT_RATING_UNCERTAINTY,
    event_id: event.event_id ?? null
  }
}

function normaliseContext (context: ContextInput): NormalisedContext {
  const features = context.features_present
  return {
    data_age_days: context.data_age_days ?? null,
    event_horizon_days: context.event_horizon_days ?? DEFAULT_EVENT_HORIZON_DAYS,
    sample_size: context.sample_size ?? null,
    // An empty map carries no coverage information, exactly like an absent one (§3.4: "25 when no features are given").
    features_present: features !== undefined && Object.keys(features).length > 0 ? { ...features } : null
  }
}

/** The inputs that change the numbers: no labels, every default filled in. */
function mathsInputs (event: NormalisedEvent, config: Omit<NormalisedConfig, 'seed'> & { seed?: number }, context: NormalisedContext): unknown {
  return {
    model_version: MODEL_VERSION,
    event: {
      sport: event.sport,
      home_rating: event.home_rating,
      away_rating: event.away_rating,
      home_advantage: event.home_advantage,
      draw_rate: event.draw_rate,
      rating_uncertainty: event.rating_uncertainty
    },
    config,
    context
  }
}

/**
 * Fills defaults, resolves the sport alias, derives an omitted seed and fingerprints the result.
 * The derived seed comes from the fingerprint of everything but the seed; the final fingerprint then
 * includes it, so a request that sends that seed explicitly gets the same fingerprint (docs/ENGINE.md).
 */
export function normaliseSimulation (eventInput: EventInput, configInput: ConfigInput = {}, contextInput: ContextInput = {}): NormalisedSimulation {
  const event = normaliseEvent(eventInput)
  const context = normaliseContext(contextInput)
  const unseeded = {
    n_simulations: configInput.n_simulations ?? DEFAULT_N_SIMULATIONS,
    ci_level: configInput.ci_level ?? DEFAULT_CI_LEVEL
  }
  const seedWasDerived = configInput.seed === undefined
  const seed = configInput.seed ?? seedFromDigest(fingerprintOf(mathsInputs(event, unseeded, context)))
  const config: NormalisedConfig = { n_simulations: unseeded.n_simulations, seed, ci_level: unseeded.ci_level }
  return {
    event,
    config,
    context,
    fingerprint: fingerprintOf(mathsInputs(event, config, context)),
    seedWasDerived
  }
}
