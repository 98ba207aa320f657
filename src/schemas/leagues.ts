import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { StringEnum } from './common.js'
import { LEAGUE_ID_PATTERN, SPORTS } from '../simulation-constants.js'
import { SimulationMeta } from './simulation.js'

/** TypeBox schemas of the leagues routes (SPEC §13.7 field names; docs/API.md "Leagues"). */

const LEAGUE_ID = LEAGUE_ID_PATTERN
const DATE = '^\\d{4}-\\d{2}-\\d{2}$'

export const LeagueParams = Type.Object({
  league_id: Type.String({ pattern: LEAGUE_ID, description: 'League id: 2–40 characters of a-z, 0-9 and -.' })
}, { additionalProperties: false })

// An array of two rather than a tuple: OpenAPI 3.0 has no tuples.
const zoneRange = Type.Unsafe<[number, number]>(Type.Array(Type.Integer({ minimum: 1, maximum: 100 }), { minItems: 2, maxItems: 2, description: 'First and last table position of the zone (1-based, inclusive).' }))
const zones = Type.Record(Type.String({ pattern: '^[a-z0-9_]{1,32}$' }), zoneRange, { maxProperties: 20, description: 'Named table zones, e.g. {"champion": [1, 1], "top4": [1, 4], "relegation": [18, 20]}.' })

export const LeaguePutBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description: 'Display name of the league.' }),
  sport: Type.Optional(StringEnum(SPORTS, { description: 'Sport (default football).' })),
  zones: Type.Optional(zones)
}, { $id: 'LeaguePutBody', additionalProperties: false, description: 'A league to create or update.' })
export type LeaguePutBody = Static<typeof LeaguePutBody>

const counts = {
  seasons: Type.Array(Type.String(), { description: 'Seasons with matches, oldest first (2024-25, or 2025 for a calendar-year league).' }),
  teams: Type.Integer({ minimum: 0, description: 'Teams of the league (after reconciliation and aliases).' }),
  matches: Type.Integer({ minimum: 0, description: 'Matches stored, played and to be played.' })
}

export const LeagueSummary = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  name: Type.String({ description: 'Display name.' }),
  sport: Type.String({ description: 'Sport.' }),
  synthetic: Type.Boolean({ description: 'True only for the embedded synthetic league, generated from known true ratings (SPEC §13.6).' }),
  ...counts,
  zones,
  data_version: Type.Integer({ minimum: 1, description: 'Moves on every change of the league\'s data (import, alias, definition); caches and cursors are bound to it.' })
}, { $id: 'LeagueSummary', additionalProperties: false, description: 'A league.' })

export const LeagueList = Type.Object({
  leagues: Type.Array(Type.Ref(LeagueSummary), { description: 'Every league, by id.' })
}, { $id: 'LeagueList', additionalProperties: false })

export const LeaguePutAnswer = Type.Object({
  created: Type.Boolean({ description: 'The league did not exist before.' }),
  league: Type.Ref(LeagueSummary)
}, { $id: 'LeaguePutAnswer', additionalProperties: false })

export const LeagueQuery = Type.Object({
  as_of: Type.Optional(Type.String({ pattern: DATE, description: 'Fit on matches strictly before this date (YYYY-MM-DD) only: no look-ahead.' }))
}, { additionalProperties: false })

export const TeamRatingView = Type.Object({
  team_id: Type.String({ description: 'Team id within the league.' }),
  name: Type.String({ description: 'Team name.' }),
  rating: Type.Number({ description: 'Fitted rating, Elo points (the §3.2 scale).' }),
  rating_uncertainty: Type.Number({ minimum: 0, description: 'One standard deviation of the rating, Elo points (a 90 % interval is ±1.645 of them).' }),
  matches: Type.Integer({ minimum: 0, description: 'Played matches of the team behind the fit.' }),
  last_match_date: Type.Union([Type.String(), Type.Null()], { description: 'Date of the team\'s latest match in the fit.' }),
  true_rating: Type.Optional(Type.Number({ description: 'Synthetic league only: the rating its matches were generated from.' }))
}, { $id: 'TeamRatingView', additionalProperties: false, description: 'A team\'s fitted rating.' })

export const LeagueRatings = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  name: Type.String({ description: 'Display name.' }),
  sport: Type.String({ description: 'Sport.' }),
  synthetic: Type.Boolean({ description: 'The embedded synthetic league (teams carry true_rating).' }),
  zones,
  data_version: Type.Integer({ minimum: 1, description: 'The data version the fit was computed on.' }),
  as_of: Type.Union([Type.String(), Type.Null()], { description: 'The fit uses matches strictly before this date (the requested as_of, else the day after the last match).' }),
  matches_used: Type.Integer({ minimum: 0, description: 'Played matches behind the fit.' }),
  last_match_date: Type.Union([Type.String(), Type.Null()], { description: 'Latest match in the fit.' }),
  home_advantage: Type.Number({ description: 'Fitted home advantage, Elo points.' }),
  draw_rate: Type.Number({ minimum: 0, maximum: 1, description: 'Fitted draw rate of two equal teams (§3.2).' }),
  teams: Type.Array(Type.Ref(TeamRatingView), { description: 'Teams by rating, highest first.' })
}, { $id: 'LeagueRatings', additionalProperties: false, description: 'A league\'s fitted ratings (docs/ENGINE.md, "Leagues").' })

export const ImportQuery = Type.Object({
  season: Type.Optional(Type.String({ maxLength: 16, description: 'The season of the file (2024-25, or 2025): required for CSV and for an openfootball file whose name does not end in a year pair.' }))
}, { additionalProperties: false })

const merge = Type.Object({
  from: Type.String({ description: 'The spelling in the file.' }),
  into: Type.String({ description: 'The team it was reconciled with.' })
}, { additionalProperties: false })
const duplicate = Type.Object({
  a: Type.String({ description: 'A team name.' }),
  b: Type.String({ description: 'Another team name, never seen in the same season.' }),
  reason: Type.String({ description: 'Why they may be one club.' })
}, { additionalProperties: false })
const correction = Type.Object({
  date: Type.String({ description: 'Match date.' }),
  home_team: Type.String({ description: 'Home team.' }),
  away_team: Type.String({ description: 'Away team.' }),
  from: Type.Array(Type.Integer(), { description: 'The stored score [home, away].' }),
  to: Type.Array(Type.Integer(), { description: 'The score of the file, now stored.' })
}, { additionalProperties: false })

export const ImportAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  season: Type.String({ description: 'Season of the imported file.' }),
  added: Type.Integer({ minimum: 0, description: 'New matches (played or to be played).' }),
  filled: Type.Integer({ minimum: 0, description: 'Former fixtures that now have a result.' }),
  corrected: Type.Integer({ minimum: 0, description: 'Stored results changed by the file (listed in corrections).' }),
  unchanged: Type.Integer({ minimum: 0, description: 'Matches already stored as in the file.' }),
  fixtures: Type.Integer({ minimum: 0, description: 'Matches of the file still to be played.' }),
  teams_added: Type.Integer({ minimum: 0, description: 'New teams.' }),
  merged: Type.Array(merge, { description: 'Spellings of the file reconciled with an existing team (case, punctuation, accents, club affixes, founding years, abbreviations).' }),
  possible_duplicates: Type.Array(duplicate, { description: 'Teams that may be one club under two names: confirm with PUT …/aliases.' }),
  corrections: Type.Array(correction, { description: 'Every corrected result.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The league\'s data version after the import (unchanged when nothing changed).' })
}, { $id: 'ImportAnswer', additionalProperties: false, description: 'What an import did (SPEC §13.7).' })

export const AliasesBody = Type.Object({
  aliases: Type.Record(
    Type.String({ minLength: 1, maxLength: 80, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    Type.String({ minLength: 1, maxLength: 80, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    { minProperties: 1, maxProperties: 500, description: '{"<name as in the data>": "<canonical team name>"}: the first names the second\'s team from now on, in stored matches and in every later import.' }
  )
}, { $id: 'AliasesBody', additionalProperties: false })
export type AliasesBody = Static<typeof AliasesBody>

export const AliasesAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The league\'s data version after the change.' }),
  teams: Type.Array(Type.Object({
    team_id: Type.String({ description: 'Team id.' }),
    name: Type.String({ description: 'Canonical name.' }),
    spellings: Type.Array(Type.String(), { description: 'Every spelling that names this team.' })
  }, { additionalProperties: false }), { description: 'The league\'s teams after merging.' }),
  possible_duplicates: Type.Array(duplicate, { description: 'Pairs still to confirm.' })
}, { $id: 'AliasesAnswer', additionalProperties: false })

export const BacktestQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: DATE, description: 'Predict every played match on or after this date from the matches before it (default: the first date of the data\'s second season).' }))
}, { additionalProperties: false })

const scores = Type.Object({
  rps: Type.Number({ description: 'Mean ranked probability score (order home, draw, away).' }),
  brier: Type.Number({ description: 'Mean Brier score over the three outcomes (0…2).' }),
  log_loss: Type.Number({ description: 'Mean −ln p(outcome).' })
}, { additionalProperties: false })
const bin = Type.Object({
  bin_lower: Type.Number({ description: 'Lower edge of the predicted-probability bin.' }),
  bin_upper: Type.Number({ description: 'Upper edge.' }),
  count: Type.Integer({ minimum: 0, description: 'Predictions in the bin.' }),
  mean_predicted: Type.Union([Type.Number(), Type.Null()], { description: 'Mean predicted probability (null for an empty bin).' }),
  observed: Type.Union([Type.Number(), Type.Null()], { description: 'Observed frequency of the outcome.' }),
  ci_lower: Type.Union([Type.Number(), Type.Null()], { description: '95 % Wilson interval of the observed frequency, lower end.' }),
  ci_upper: Type.Union([Type.Number(), Type.Null()], { description: 'Upper end.' })
}, { additionalProperties: false })
const perOutcome = <T extends TSchema>(schema: T, description: string) => Type.Object({ home: schema, draw: schema, away: schema }, { additionalProperties: false, description })

export const BacktestAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The data version it was computed on (cached per version).' }),
  from: Type.String({ description: 'First date predicted.' }),
  n: Type.Integer({ minimum: 0, description: 'Matches predicted.' }),
  model: scores,
  baselines: Type.Object({
    uniform: scores,
    base_rates: scores
  }, { additionalProperties: false, description: 'Uniform thirds, and the home/draw/away frequencies of the matches before each one.' }),
  reliability: perOutcome(Type.Array(bin), 'Reliability table per outcome: 10 bins of predicted probability.'),
  ece: perOutcome(Type.Number({ minimum: 0 }), 'Expected calibration error per outcome.')
}, { $id: 'BacktestAnswer', additionalProperties: false, description: 'Walk-forward backtest (SPEC §13.3).' })

export const PredictionsQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: DATE, description: 'As for the backtest.' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Predictions per page (default 100; CSV: all from the cursor unless given).' }))
}, { additionalProperties: false })

export const PredictionsAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The data version of the backtest.' }),
  from: Type.String({ description: 'First date predicted.' }),
  n: Type.Integer({ minimum: 0, description: 'Predictions in all pages.' }),
  items: Type.Array(Type.Object({
    date: Type.String({ description: 'Match date.' }),
    home_team: Type.String({ description: 'Home team.' }),
    away_team: Type.String({ description: 'Away team.' }),
    prob_home: Type.Number({ description: 'Predicted probability of a home win, from earlier matches only.' }),
    prob_draw: Type.Number({ description: 'Of a draw.' }),
    prob_away: Type.Number({ description: 'Of an away win.' }),
    outcome: StringEnum(['home', 'draw', 'away'] as const, { description: 'What happened.' }),
    base_rate_home: Type.Number({ description: 'Baseline: home-win frequency of the matches before it.' }),
    base_rate_draw: Type.Number({ description: 'Baseline: draw frequency.' }),
    base_rate_away: Type.Number({ description: 'Baseline: away-win frequency.' })
  }, { additionalProperties: false }), { description: 'Predictions in date order.' }),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page; null on the last.' })
}, { $id: 'PredictionsAnswer', additionalProperties: false, description: 'The backtest\'s per-match predictions.' })

export const SeasonBody = Type.Object({
  n_simulations: Type.Optional(Type.Integer({ minimum: 100, maximum: 100_000, description: 'Simulated seasons (100 … 100 000, default 10 000).' })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'PRNG seed; when omitted it is derived from the other inputs (the answer reports it).' })),
  as_of: Type.Optional(Type.String({ pattern: DATE, description: 'Simulate the season holding this date from it on: its results before as_of count, its matches from as_of on are simulated, the ratings use matches before it only.' }))
}, { $id: 'SeasonBody', additionalProperties: false, description: 'A season outlook request.' })
export type SeasonBody = Static<typeof SeasonBody>

export const SeasonTeam = Type.Object({
  team_id: Type.String({ description: 'Team id.' }),
  name: Type.String({ description: 'Team name.' }),
  points: Type.Integer({ description: 'Current points (3 a win, 1 a draw).' }),
  played: Type.Integer({ minimum: 0, description: 'Matches played so far.' }),
  goal_difference: Type.Integer({ description: 'Current goal difference.' }),
  final_points: Type.Object({
    mean: Type.Number({ description: 'Mean final points.' }),
    p5: Type.Number({ description: '5th percentile.' }),
    p50: Type.Number({ description: 'Median.' }),
    p95: Type.Number({ description: '95th percentile.' })
  }, { additionalProperties: false, description: 'Final points over the simulated seasons.' }),
  positions: Type.Array(Type.Number(), { description: 'P(1st), …, P(last): sums to 1; each column over the teams sums to 1 too.' }),
  position_standard_errors: Type.Array(Type.Number(), { description: 'Monte Carlo standard error of each position probability.' }),
  zones: Type.Record(Type.String(), Type.Number(), { description: 'Probability of finishing in each zone of the league.' }),
  zone_standard_errors: Type.Record(Type.String(), Type.Number(), { description: 'Their standard errors.' })
}, { $id: 'SeasonTeam', additionalProperties: false, description: 'One team\'s outlook.' })

export const SeasonAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  season: Type.String({ description: 'The season simulated.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The league\'s data version (part of the fingerprint).' }),
  n_simulations: Type.Integer({ description: 'Simulated seasons.' }),
  seed: Type.Integer({ description: 'The seed used.' }),
  as_of: Type.Union([Type.String(), Type.Null()], { description: 'The date simulated from (null: the season\'s unplayed fixtures).' }),
  remaining_fixtures: Type.Integer({ minimum: 0, description: 'Fixtures simulated.' }),
  teams: Type.Array(Type.Ref(SeasonTeam), { description: 'Teams in the order of the current table.' }),
  notes: Type.Array(Type.String(), { description: 'What the model cannot know.' }),
  cost_tokens: Type.Integer({ minimum: 0, description: 'Price of the outlook in tokens.' }),
  execution_time_ms: Type.Number({ minimum: 0, description: 'Server time spent on the outlook, in milliseconds.' }),
  meta: Type.Ref(SimulationMeta),
  transaction_id: Type.Optional(Type.String({ description: 'The ledger entry of the charge, on a charged answer.' }))
}, { $id: 'SeasonAnswer', additionalProperties: false, description: 'The season outlook (SPEC §13.4, §13.7).' })

/** Registered with addSchema (src/schemas/index.ts). */
export const leagueSchemas: TSchema[] = [SeasonBody, SeasonTeam, SeasonAnswer, LeagueSummary, LeagueList, LeaguePutBody, LeaguePutAnswer, TeamRatingView, LeagueRatings, ImportAnswer, AliasesBody, AliasesAnswer, BacktestAnswer, PredictionsAnswer]
