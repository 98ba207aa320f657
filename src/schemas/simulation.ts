import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox'
import { StringEnum } from './common.js'
import {
  CI_LEVEL_RANGE, COMPARED_EVENTS, DEFAULT_CI_LEVEL, DEPTHS, DEFAULT_EVENT_HORIZON_DAYS, DEFAULT_N_SIMULATIONS, DEFAULT_RATING_UNCERTAINTY, DEFAULT_SPORT,
  DRAW_RATE_RANGE, HOME_ADVANTAGE_RANGE, LEAGUE_ID_PATTERN, MIN_SIMULATIONS, RATING_RANGE, RATING_UNCERTAINTY_RANGE, SEED_RANGE, SPORT_ALIASES, SPORT_DEFAULTS, SPORTS,
  type Depth
} from '../simulation-constants.js'
import {
  ComparativeAnalysisView, DeepDiveView, FullDistributionView, HeadlinePickView, ScenarioExtremesView, V1SimulationView, simulationViewSchemas
} from './simulation-views.js'

const teamName = (description: string) => Type.String({ minLength: 2, maxLength: 80, description })
const rating = (description: string) => Type.Number({ ...RATING_RANGE, description })
const homeAdvantageDefaults = SPORTS.map((sport) => `${sport} ${SPORT_DEFAULTS[sport].home_advantage}`).join(', ')

/** Inline event fields shared by v1 `event`, the v2 top level and comparative `events[]`. */
const eventProperties = {
  sport: Type.Optional(StringEnum([...SPORTS, ...SPORT_ALIASES.keys()], { description: `Sport (soccer is an alias of football). Default ${DEFAULT_SPORT}.` })),
  home_team: Type.Optional(teamName('Home side (first-named competitor in individual sports).')),
  away_team: Type.Optional(teamName('Away side (second-named competitor in individual sports).')),
  home_rating: Type.Optional(rating('Elo rating of the home side (0–4000).')),
  away_rating: Type.Optional(rating('Elo rating of the away side (0–4000).')),
  home_advantage: Type.Optional(Type.Number({ ...HOME_ADVANTAGE_RANGE, description: `Elo points added to the home side. Default per sport: ${homeAdvantageDefaults}.` })),
  draw_rate: Type.Optional(Type.Number({ ...DRAW_RATE_RANGE, description: 'Probability that two equal sides draw. Default 0.25 for football, 0 otherwise.' })),
  rating_uncertainty: Type.Optional(Type.Number({ ...RATING_UNCERTAINTY_RANGE, description: `Elo points of uncertainty in each rating (default ${DEFAULT_RATING_UNCERTAINTY}).` }))
}

export const EVENT_FIELDS = Object.keys(eventProperties) as Array<keyof typeof eventProperties>

/** v2 only: the teams of a league, whose fit fills the ratings and the rest (SPEC §13.2). */
const leagueReference = {
  league_id: Type.Optional(Type.String({ pattern: LEAGUE_ID_PATTERN, description: 'A league (GET /api/v2/leagues): home_team and away_team are its teams, and the fit fills the ratings, rating_uncertainty, home_advantage, draw_rate and the context\'s sample_size and data_age_days.' })),
  as_of: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'With league_id: fit on the league\'s matches strictly before this date (YYYY-MM-DD).' }))
}

const eventId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: 'A catalog event (GET /api/v2/events) instead of inline ratings.' })
const seed = Type.Integer({ ...SEED_RANGE, description: 'PRNG seed (0 … 2³²−1). When omitted it is derived from the inputs, so equal requests give equal numbers; the answer reports it.' })
const nSimulations = Type.Integer({
  minimum: MIN_SIMULATIONS,
  description: `Monte Carlo iterations (${MIN_SIMULATIONS} … MAX_SIMULATIONS; the free headline_pick is capped at MAX_SIMULATIONS_FREE). Default ${DEFAULT_N_SIMULATIONS}.`
})

export const SimulationConfigInput = Type.Object({
  n_simulations: Type.Optional(nSimulations),
  seed: Type.Optional(seed),
  ci_level: Type.Optional(Type.Number({ ...CI_LEVEL_RANGE, description: `Level of the reported percentile interval (default ${DEFAULT_CI_LEVEL}).` }))
}, { $id: 'SimulationConfigInput', additionalProperties: false, description: 'How to run the simulation.' })

export const SimulationContextInput = Type.Object({
  data_age_days: Type.Optional(Type.Number({ minimum: 0, maximum: 36500, description: 'Age of the ratings in days (unknown when omitted).' })),
  event_horizon_days: Type.Optional(Type.Number({ minimum: 0, maximum: 36500, description: `Days until the event (default ${DEFAULT_EVENT_HORIZON_DAYS}).` })),
  sample_size: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Historical matches behind the ratings (unknown when omitted).' })),
  features_present: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Boolean(), { maxProperties: 100, description: 'Which model features the data covers (name → present).' }))
}, { $id: 'SimulationContextInput', additionalProperties: false, description: 'What is known about the data quality (v2).' })

export const EventInputSchema = Type.Object({
  event_id: Type.Optional(eventId),
  ...leagueReference,
  ...eventProperties
}, { $id: 'EventInput', additionalProperties: false, description: 'An event: a catalog event_id, a league_id with two of its teams, or inline teams and ratings.' })

export const V1SimulateBody = Type.Object({
  event: Type.Optional(Type.Object(eventProperties, { additionalProperties: false, description: 'The event, inline (home_team, away_team, home_rating, away_rating required).' })),
  config: Type.Optional(Type.Ref(SimulationConfigInput)),
  event_id: Type.Optional(eventId),
  iterations: Type.Optional(nSimulations),
  seed: Type.Optional(seed)
}, {
  $id: 'V1SimulateRequest',
  additionalProperties: false,
  description: 'Either {event, config} or the shorthand {event_id, iterations, seed} for a catalog event.'
})
export type V1SimulateBody = Static<typeof V1SimulateBody>

export const V2SimulateBody = Type.Object({
  event_id: Type.Optional(eventId),
  market: Type.Optional(Type.String({ maxLength: 32, description: 'match_result (aliases 1X2, moneyline_home). Default match_result.' })),
  ...leagueReference,
  ...eventProperties,
  depth: Type.Optional(StringEnum(DEPTHS, { description: 'Depth of analysis; see GET /api/v2/tiers for costs. Default headline_pick.' })),
  config: Type.Optional(Type.Ref(SimulationConfigInput)),
  context: Type.Optional(Type.Ref(SimulationContextInput)),
  events: Type.Optional(Type.Array(Type.Ref(EventInputSchema), { ...COMPARED_EVENTS, description: `comparative_analysis only: ${COMPARED_EVENTS.minItems}–${COMPARED_EVENTS.maxItems} events instead of a single one.` }))
}, {
  $id: 'V2SimulateRequest',
  additionalProperties: false,
  description: 'One event (event_id, league_id with two teams, or inline fields) with a depth, or `events` for comparative_analysis.'
})
export type V2SimulateBody = Static<typeof V2SimulateBody>

export const SimulationMeta = Type.Object({
  request_id: Type.String({ description: 'The request id (X-Request-ID).' }),
  fingerprint: Type.String({ description: 'SHA-256 of the normalised simulation inputs (seed included): equal fingerprints, equal numbers.' }),
  model_version: Type.String({ description: 'Simulation model version.' }),
  cache_hit: Type.Boolean({ description: 'The numbers came from the response cache (identical to a fresh run).' }),
  idempotency_replay: Type.Boolean({ description: 'This is a stored answer replayed for a repeated Idempotency-Key.' }),
  tokens_charged: Type.Integer({ minimum: 0, description: 'Tokens this request spent.' }),
  balance_after: Type.Optional(Type.Integer({ minimum: 0, description: 'The actor\'s balance after this request (when an actor is known).' })),
  entitlement_reused: Type.Boolean({ description: 'Not charged because the actor paid for the same inputs and depth in the last 24 h.' })
}, { $id: 'SimulationMeta', additionalProperties: false, description: 'How this answer was produced and paid for.' })
export type SimulationMeta = Static<typeof SimulationMeta>

/** Where the inputs of a simulation named by `league_id` came from (POST /api/v2/simulate; SPEC §13.2). */
export const LeagueInputsOrigin = Type.Object({
  event_index: Type.Integer({ minimum: 0, description: 'The event: 0 for a single event, else its index in `events`.' }),
  source: Type.Literal('league_fit', { description: 'The inputs were fitted on the league\'s results.' }),
  league_id: Type.String({ description: 'League id.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The league\'s data version the fit used.' }),
  as_of: Type.Union([Type.String(), Type.Null()], { description: 'The fit used matches strictly before this date (null: all matches).' }),
  home_team_id: Type.String({ description: 'The home team in the league.' }),
  away_team_id: Type.String({ description: 'The away team in the league.' }),
  home_rating_uncertainty: Type.Number({ description: 'The home team\'s fitted rating standard deviation.' }),
  away_rating_uncertainty: Type.Number({ description: 'The away team\'s; rating_uncertainty is √((home² + away²) / 2), so the §3.2 perturbation has both teams\' variance.' }),
  filled: Type.Array(Type.String(), { description: 'The inputs the fit filled: home_rating, away_rating, rating_uncertainty, home_advantage, draw_rate, context.sample_size, context.data_age_days.' }),
  inputs: Type.Object({
    home_rating: Type.Number({ description: 'The home team\'s fitted rating.' }),
    away_rating: Type.Number({ description: 'The away team\'s fitted rating.' }),
    rating_uncertainty: Type.Number({ description: 'The combined rating uncertainty simulated (see away_rating_uncertainty).' }),
    home_advantage: Type.Number({ description: 'The league\'s fitted home advantage.' }),
    draw_rate: Type.Number({ description: 'The league\'s fitted draw rate.' }),
    sample_size: Type.Integer({ minimum: 0, description: 'Played matches behind the fit.' }),
    data_age_days: Type.Integer({ minimum: 0, description: 'Days from the fit\'s last match to as_of (or today).' })
  }, { additionalProperties: false, description: 'The values the fit filled, as simulated.' })
}, { $id: 'LeagueInputsOrigin', additionalProperties: false, description: 'The league fit behind an event\'s inputs.' })

const notes = Type.Array(Type.String(), { description: 'How to read this answer.' })

/** Fields every v2 answer has, whatever its depth (docs/API.md, "Simulation answers"). */
function v2Common<D extends Depth> (depth: D) {
  return {
    sport: Type.Union([StringEnum(SPORTS), Type.Null()], { description: 'Sport of the event (null for a comparative analysis of several sports).' }),
    event_id: Type.Union([Type.String(), Type.Null()], { description: 'Catalog id, or null for an inline event.' }),
    market: Type.Literal('match_result', { description: 'The market analysed.' }),
    model_version: Type.String({ description: 'Simulation model version.' }),
    depth: Type.Literal(depth, { description: 'The depth of this answer.' }),
    cost_tokens: Type.Integer({ minimum: 0, description: 'Price of this depth in tokens.' }),
    execution_time_ms: Type.Number({ minimum: 0, description: 'Server time spent on the simulation, in milliseconds.' }),
    notes,
    meta: Type.Ref(SimulationMeta),
    transaction_id: Type.Optional(Type.String({ description: 'The ledger entry of the charge, on a charged answer.' })),
    inputs_origin: Type.Optional(Type.Array(Type.Ref(LeagueInputsOrigin), { description: 'For each event named by league_id: the fit its inputs came from.' }))
  }
}

/** A depth's view with the common fields: typed, so a handler's answer is checked against it. */
function v2Response<D extends Depth, V extends TProperties> (depth: D, view: TObject<V>, id: string) {
  return Type.Object({ ...view.properties, ...v2Common(depth) }, { $id: id, additionalProperties: false, description: `POST /api/v2/simulate answer at depth ${depth}.` })
}

export const HeadlinePickResponse = v2Response('headline_pick', HeadlinePickView, 'HeadlinePickResponse')
export const FullDistributionResponse = v2Response('full_distribution', FullDistributionView, 'FullDistributionResponse')
export const ScenarioExtremesResponse = v2Response('scenario_extremes', ScenarioExtremesView, 'ScenarioExtremesResponse')
export const ComparativeAnalysisResponse = v2Response('comparative_analysis', ComparativeAnalysisView, 'ComparativeAnalysisResponse')
export const DeepDiveResponse = v2Response('deep_dive_educational', DeepDiveView, 'DeepDiveResponse')

export const V2SimulateResponse = Type.Union([
  Type.Ref(HeadlinePickResponse),
  Type.Ref(FullDistributionResponse),
  Type.Ref(ScenarioExtremesResponse),
  Type.Ref(ComparativeAnalysisResponse),
  Type.Ref(DeepDiveResponse)
], { description: 'The answer for the requested depth (see `depth`).' })

export const V1SimulateResponse = Type.Object({
  ...V1SimulationView.properties,
  execution_time_ms: Type.Number({ minimum: 0, description: 'Server time spent on the simulation, in milliseconds.' }),
  cache_hit: Type.Boolean({ description: 'The numbers came from the response cache (identical to a fresh run).' }),
  meta: Type.Ref(SimulationMeta)
}, { $id: 'V1SimulateResponse', additionalProperties: false, description: 'The v1 simulation answer.' })

export const CacheStats = Type.Object({
  entries: Type.Integer({ minimum: 0, description: 'Cached simulations.' }),
  max_entries: Type.Integer({ minimum: 1, description: 'Bound on entries (CACHE_MAX_ENTRIES).' }),
  hits: Type.Integer({ minimum: 0, description: 'Lookups answered from the cache since start (or the last clear).' }),
  misses: Type.Integer({ minimum: 0, description: 'Lookups that had to simulate.' }),
  hit_ratio: Type.Number({ minimum: 0, maximum: 1, description: 'hits / (hits + misses); 0 before any lookup.' }),
  ttl_seconds: Type.Integer({ minimum: 0, description: 'Lifetime of an entry (CACHE_TTL_SECONDS).' })
}, { $id: 'CacheStats', additionalProperties: false, description: 'Simulation cache statistics.' })

export const CacheCleared = Type.Object({
  cleared: Type.Integer({ minimum: 0, description: 'Entries removed.' })
}, { $id: 'CacheCleared', additionalProperties: false })

/** Registered with addSchema, after the view building blocks they reference. */
export const simulationSchemas: TSchema[] = [
  ...simulationViewSchemas,
  SimulationConfigInput,
  SimulationContextInput,
  EventInputSchema,
  V1SimulateBody,
  V2SimulateBody,
  SimulationMeta,
  LeagueInputsOrigin,
  HeadlinePickResponse,
  FullDistributionResponse,
  ScenarioExtremesResponse,
  ComparativeAnalysisResponse,
  DeepDiveResponse,
  V1SimulateResponse,
  CacheStats,
  CacheCleared
]
