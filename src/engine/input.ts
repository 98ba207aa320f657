import { createHash } from 'node:crypto'
import {
  DEFAULT_RATING_UNCERTAINTY,
  DEFAULT_SPORT,
  SPORT_ALIASES,
  SPORT_DEFAULTS,
  SPORTS,
  type ModelParameters,
  type Sport
} from './model.js'
import { MODEL_VERSION } from './simulate.js'

/** An event as the HTTP layer has validated it (SPEC §3.1); the sport may still be an alias. */
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
  /** SHA-256 hex of the canonical maths inputs, seed included (SPEC §1.6). */
  fingerprint: string
  /** True when the request gave no seed and it was derived from the other inputs. */
  seedWasDerived: boolean
}

export const DEFAULT_N_SIMULATIONS = 1000
export const DEFAULT_CI_LEVEL = 0.95
export const DEFAULT_EVENT_HORIZON_DAYS = 7

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

/**
 * Canonical JSON: object keys sorted (UTF-16 code-unit order) at every level, `undefined` members
 * dropped, numbers in ECMAScript's shortest round-trip form (so `1500` and `1500.0` are the same
 * token, and `-0` prints as `0`). Values JSON cannot represent faithfully are refused rather than
 * silently coerced, because two different inputs must never share a fingerprint.
 */
export function canonicalJson (value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise non-finite number ${value}`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
      const record = value as Record<string, unknown>
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      return `{${members.join(',')}}`
    }
    default:
      throw new TypeError(`cannot canonicalise a value of type ${typeof value}`)
  }
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function fingerprintOf (value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
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
 * includes it, so a request that sends that seed explicitly gets the same fingerprint (SPEC §1.6).
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
