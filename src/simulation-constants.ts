/**
 * What the API contract (src/schemas, the catalog) and the engine must agree on: sports and their
 * aliases, defaults, accepted ranges, markets and the shape of a comparison. A leaf: it imports
 * nothing, so the schemas and the engine both depend on it and never on each other.
 * docs/ENGINE.md explains the model behind the defaults; docs/API.md the rules of the contract.
 */

export const SPORTS = ['football', 'basketball', 'american_football', 'tennis', 'mma'] as const
export type Sport = typeof SPORTS[number]

/** Names accepted on input that mean a canonical sport (a Map: `constructor` must find nothing). */
export const SPORT_ALIASES: ReadonlyMap<string, Sport> = new Map([['soccer', 'football']])

export const DEFAULT_SPORT: Sport = 'football'

export interface SportDefaults {
  home_advantage: number
  draw_rate: number
}

export const SPORT_DEFAULTS: Readonly<Record<Sport, SportDefaults>> = {
  football: { home_advantage: 100, draw_rate: 0.25 },
  basketball: { home_advantage: 100, draw_rate: 0 },
  american_football: { home_advantage: 65, draw_rate: 0 },
  tennis: { home_advantage: 0, draw_rate: 0 },
  mma: { home_advantage: 0, draw_rate: 0 }
}

/** Elo points of rating uncertainty per team when the request gives none. */
export const DEFAULT_RATING_UNCERTAINTY = 60
export const DEFAULT_N_SIMULATIONS = 1000
export const DEFAULT_CI_LEVEL = 0.95
export const DEFAULT_EVENT_HORIZON_DAYS = 7

/** Accepted ranges of the inputs, as JSON Schema keywords. */
export const RATING_RANGE = { minimum: 0, maximum: 4000 } as const
export const HOME_ADVANTAGE_RANGE = { minimum: -500, maximum: 500 } as const
export const DRAW_RATE_RANGE = { minimum: 0, maximum: 0.5 } as const
export const RATING_UNCERTAINTY_RANGE = { minimum: 0, maximum: 400 } as const
export const CI_LEVEL_RANGE = { minimum: 0.5, maximum: 0.999 } as const
/** Seeds are uint32: 0 … 2³² − 1. */
export const SEED_RANGE = { minimum: 0, maximum: 4294967295 } as const
/** The fewest iterations a request may ask for; the most is configuration (MAX_SIMULATIONS). */
export const MIN_SIMULATIONS = 100

/**
 * `market` values accepted; all mean the three-way match result. A Map, not an object literal:
 * a user string such as `constructor` or `__proto__` must not find an inherited member.
 */
export const MARKET_ALIASES: ReadonlyMap<string, 'match_result'> = new Map([['match_result', 'match_result'], ['1X2', 'match_result'], ['moneyline_home', 'match_result']])

/** How many events a comparative analysis takes. */
export const COMPARED_EVENTS = { minItems: 2, maxItems: 10 } as const

/** Equal-width bins of the histogram of the home-side probability over [0, 1]. */
export const HISTOGRAM_BIN_COUNT = 20

/** A league id (SPEC §13.1): 2–40 characters of a-z, 0-9 and -. */
export const LEAGUE_ID_PATTERN = '^[a-z0-9-]{2,40}$'

/** The v2 depths of analysis, cheapest first (their prices are billing's: src/billing/prices.ts). */
export const DEPTHS = ['headline_pick', 'full_distribution', 'scenario_extremes', 'comparative_analysis', 'deep_dive_educational'] as const
export type Depth = typeof DEPTHS[number]
