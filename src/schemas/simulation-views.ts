/**
 * TypeBox schemas of the simulation views (src/simulation/views/), without the fields the HTTP layer
 * adds (sport, event_id, market, depth, cost_tokens, execution_time_ms, meta, transaction_id).
 *
 * Building blocks carry an `$id` and are composed by `$ref`, because Ajv rejects a schema in which
 * the same `$id` is embedded twice. Register every schema of `simulationViewSchemas` once
 * (`fastify.addSchema`) before using a view schema in a route, and pass the same list as the
 * references of `Value.Check`.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import {
  CI_LEVEL_RANGE, COMPARED_EVENTS, DEFAULT_EVENT_HORIZON_DAYS, DRAW_RATE_RANGE, DEFAULT_RATING_UNCERTAINTY, HISTOGRAM_BIN_COUNT, SEED_RANGE, SPORTS
} from '../simulation-constants.js'

/** A `$ref` to a building block, typed as the block. */
function ref<T extends TSchema> (schema: T, description: string) {
  if (schema.$id === undefined) throw new Error('only schemas with an $id can be referenced')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id, { description }))
}

const probability = (description: string) => Type.Number({ minimum: 0, maximum: 1, description })
const closed = { additionalProperties: false } as const

export const Sport = Type.Union(SPORTS.map((sport) => Type.Literal(sport)), {
  $id: 'Sport',
  description: 'Canonical sport name (the alias "soccer" is reported as "football").'
})
export type Sport = Static<typeof Sport>

export const Outcome = Type.Union([Type.Literal('home'), Type.Literal('draw'), Type.Literal('away')], {
  $id: 'Outcome',
  description: 'A match result from the home side\'s point of view.'
})
export type Outcome = Static<typeof Outcome>

export const OutcomeProbabilities = Type.Object({
  home: probability('Value for a home win.'),
  draw: probability('Value for a draw.'),
  away: probability('Value for an away win.')
}, { ...closed, $id: 'OutcomeProbabilities', description: 'One number per outcome.' })
export type OutcomeProbabilities = Static<typeof OutcomeProbabilities>

export const Percentiles = Type.Object({
  p5: probability('5th percentile (numpy "linear" / type 7 interpolation).'),
  p25: probability('25th percentile.'),
  p50: probability('Median.'),
  p75: probability('75th percentile.'),
  p95: probability('95th percentile.')
}, { ...closed, $id: 'Percentiles', description: 'Percentiles of the simulated home-side probability; always non-decreasing.' })
export type Percentiles = Static<typeof Percentiles>

export const ProbabilityInterval = Type.Object({
  lower: probability('Lower bound: the (1 − level)/2 quantile.'),
  upper: probability('Upper bound: the (1 + level)/2 quantile.')
}, { ...closed, $id: 'ProbabilityInterval', description: 'Central percentile interval of the simulated home-side probability.' })
export type ProbabilityInterval = Static<typeof ProbabilityInterval>

export const ConfidenceInterval = Type.Object({
  level: Type.Number({ ...CI_LEVEL_RANGE, description: 'Share of the simulated values inside the interval (the request\'s ci_level).' }),
  lower: probability('Lower bound: the (1 − level)/2 quantile.'),
  upper: probability('Upper bound: the (1 + level)/2 quantile.')
}, { ...closed, $id: 'ConfidenceInterval', description: 'Percentile interval of the simulated home-side probability at the requested level.' })
export type ConfidenceInterval = Static<typeof ConfidenceInterval>

const nullableNumber = (description: string, options: { minimum?: number, maximum?: number } = {}) =>
  Type.Union([Type.Number(options), Type.Null()], { description })

export const UncertaintyFactors = Type.Object({
  distribution_cv: Type.Number({ minimum: 0, description: 'Coefficient of variation (stdev / |mean|) of the base-scenario home-side probability.' }),
  data_age_days: nullableNumber('Age of the rating data in days; null when not given.', { minimum: 0 }),
  feature_coverage: nullableNumber('Share of the listed features that are present (0–1); null when no features were listed.', { minimum: 0, maximum: 1 }),
  sample_size: nullableNumber('Historical matches behind the ratings; null when not given.', { minimum: 0 }),
  event_horizon_days: Type.Number({ minimum: 0, description: `Days until the event (default ${DEFAULT_EVENT_HORIZON_DAYS}).` })
}, { ...closed, $id: 'UncertaintyFactors', description: 'Every input of the uncertainty metrics, as used.' })
export type UncertaintyFactors = Static<typeof UncertaintyFactors>

export const UncertaintyMetrics = Type.Object({
  volatility_score: Type.Number({ minimum: 0, maximum: 100, description: 'Spread and tail shape of the base-scenario distribution, 0 (none) to 100.' }),
  data_quality_index: Type.Number({ minimum: 0, maximum: 100, description: 'Feature coverage, data recency and sample size, 0 to 100.' }),
  confidence_decay: Type.Number({ minimum: 0, maximum: 1, description: 'Share of confidence lost per day, from volatility, data staleness and event proximity.' }),
  factors: ref(UncertaintyFactors, 'The inputs behind the metrics.'),
  notes: Type.Array(Type.String({ description: 'One explanatory sentence.' }), { description: 'What drives these metrics.' })
}, { ...closed, $id: 'UncertaintyMetrics', description: 'Uncertainty metrics of the base scenario: volatility, data quality and confidence decay.' })
export type UncertaintyMetrics = Static<typeof UncertaintyMetrics>

const ScenarioName = Type.Union([Type.Literal('conservative'), Type.Literal('base'), Type.Literal('aggressive')], {
  description: 'Scenario: conservative (scale ×0.8, variance ×0.7), base (×1, ×1) or aggressive (×1.2, ×1.3).'
})

const scenarioCore = {
  name: ScenarioName,
  scale_multiplier: Type.Number({ exclusiveMinimum: 0, description: 'Multiplier of the logistic scale s = 400/ln 10 (and of the draw band).' }),
  variance_multiplier: Type.Number({ minimum: 0, description: 'Multiplier of the rating-perturbation variance σ².' }),
  prob_home: probability('Share of simulated outcomes that were home wins.'),
  prob_draw: probability('Share of simulated outcomes that were draws.'),
  prob_away: probability('Share of simulated outcomes that were away wins.'),
  percentiles: ref(Percentiles, 'Percentiles of the simulated home-side probability.')
}

const moments = {
  mean: probability('Mean of the simulated home-side probability.'),
  stdev: Type.Number({ minimum: 0, description: 'Sample standard deviation (n − 1) of the simulated home-side probability.' }),
  skew: Type.Number({ description: 'Biased Fisher–Pearson skewness g1 (scipy default); 0 when the values do not vary.' }),
  kurtosis: Type.Number({ description: 'Biased excess kurtosis g2 (scipy default); 0 when the values do not vary.' })
}

const note = Type.String({ description: 'Plain-language reading of this scenario.' })

export const ScenarioSummary = Type.Object({ ...scenarioCore, note }, {
  ...closed,
  $id: 'ScenarioSummary',
  description: 'One scenario\'s outcome frequencies and percentiles.'
})
export type ScenarioSummary = Static<typeof ScenarioSummary>

export const ScenarioFull = Type.Object({
  ...scenarioCore,
  ...moments,
  confidence_interval: ref(ConfidenceInterval, 'Percentile interval at the requested ci_level.'),
  note
}, { ...closed, $id: 'ScenarioFull', description: 'One scenario in full: frequencies, percentiles, moments and interval.' })
export type ScenarioFull = Static<typeof ScenarioFull>

const probabilityRange = (description: string) => Type.Array(probability('Bound of the range.'), { minItems: 2, maxItems: 2, description })

export const ScenarioBounds = Type.Object({
  lower: probability('Lowest 5th percentile of the home-side probability over the three scenarios.'),
  upper: probability('Highest 95th percentile of the home-side probability over the three scenarios.'),
  prob_home_range: probabilityRange('[min, max] of the home-win frequency over the scenarios.'),
  prob_draw_range: probabilityRange('[min, max] of the draw frequency over the scenarios.'),
  prob_away_range: probabilityRange('[min, max] of the away-win frequency over the scenarios.')
}, { ...closed, $id: 'ScenarioBounds', description: 'The envelope of all three scenarios.' })
export type ScenarioBounds = Static<typeof ScenarioBounds>

export const PickConfidence = Type.Union([Type.Literal('low'), Type.Literal('moderate'), Type.Literal('high')], {
  $id: 'PickConfidence',
  description: 'low: the two most frequent outcomes are within max(10 points, 3 standard errors) of each other, or volatility ≥ 60; ' +
    'high: a margin of at least 40 points and volatility below 35; moderate otherwise.'
})
export type PickConfidence = Static<typeof PickConfidence>

export const HeadlinePick = Type.Object({
  predicted_outcome: ref(Outcome, 'The most frequent simulated outcome (ties: home, then draw, then away).'),
  confidence: ref(PickConfidence, 'How clearly the most frequent outcome stands out.'),
  median_probability: probability('Median over the simulations of the probability of the predicted outcome (base scenario).')
}, { ...closed, $id: 'HeadlinePick', description: 'The most frequent outcome and how clearly it stands out.' })
export type HeadlinePick = Static<typeof HeadlinePick>

const Impact = Type.Union([Type.Literal('LOW'), Type.Literal('MEDIUM'), Type.Literal('HIGH')], {
  description: 'LOW below 0.03 of absolute change, MEDIUM below 0.08, HIGH otherwise.'
})

export const RiskAssessment = Type.Object({
  score: Type.Number({ minimum: 0, maximum: 100, description: '0.4·entropy share + 0.3·spread share + 0.3·95% interval width, each on 0–100.' }),
  band: Type.Union([Type.Literal('LOW'), Type.Literal('MEDIUM'), Type.Literal('HIGH')], { description: 'LOW below 33, MEDIUM below 67, HIGH otherwise.' }),
  rationale: Type.String({ description: 'The three components of the score in words.' })
}, { ...closed, $id: 'RiskAssessment', description: 'How uncertain the outcome is under the model.' })
export type RiskAssessment = Static<typeof RiskAssessment>

export const SensitivityEntry = Type.Object({
  parameter: Type.Union([Type.Literal('home_advantage'), Type.Literal('home_rating'), Type.Literal('away_rating')], { description: 'The input that was moved.' }),
  change: Type.Number({ description: 'Points added to the input (+50 or −50).' }),
  prob_home: probability('Closed-form home-win probability after the change.'),
  delta_prob_home: Type.Number({ minimum: -1, maximum: 1, description: 'Change of the closed-form home-win probability.' }),
  impact: Impact
}, { ...closed, $id: 'SensitivityEntry', description: 'Closed-form sensitivity of the home-win probability to one input.' })
export type SensitivityEntry = Static<typeof SensitivityEntry>

export const ExplanationScenario = Type.Object({
  outcome: ref(Outcome, 'The outcome described.'),
  probability: probability('Its simulated frequency (base scenario).'),
  description: Type.String({ description: 'The outcome and its frequency in words.' })
}, { ...closed, $id: 'ExplanationScenario', description: 'A narrated outcome.' })
export type ExplanationScenario = Static<typeof ExplanationScenario>

export const Explanation = Type.Object({
  summary: Type.String({ description: 'Most frequent outcome with its frequency, the risk band and a caveat.' }),
  scenarios: Type.Object({
    most_likely: ref(ExplanationScenario, 'The most frequent outcome.'),
    surprise: ref(ExplanationScenario, 'The less frequent side winning.')
  }, { ...closed, description: 'The most likely outcome and the surprise.' }),
  caveats: Type.Array(Type.String({ description: 'One assumption or limit.' }), { description: 'Model assumptions and limits.' }),
  sensitivity: Type.Array(ref(SensitivityEntry, 'One input moved by ±50.'), { description: 'Sensitivity of the home-win probability to ±50 points of each input.' })
}, { ...closed, $id: 'Explanation', description: 'A plain-language reading of the simulation.' })
export type Explanation = Static<typeof Explanation>

export const Histogram = Type.Object({
  bins: Type.Array(probability('Bin edge.'), {
    minItems: HISTOGRAM_BIN_COUNT + 1,
    maxItems: HISTOGRAM_BIN_COUNT + 1,
    description: `${HISTOGRAM_BIN_COUNT + 1} edges 0, ${1 / HISTOGRAM_BIN_COUNT}, …, 1 of ${HISTOGRAM_BIN_COUNT} equal bins; each bin includes its left edge, the last one also 1.`
  }),
  frequencies: Type.Array(probability('Share of simulations in the bin.'), { minItems: HISTOGRAM_BIN_COUNT, maxItems: HISTOGRAM_BIN_COUNT, description: 'Relative frequency of the home-side probability per bin.' })
}, { ...closed, $id: 'Histogram', description: 'Histogram of the simulated home-side probability (base scenario).' })
export type Histogram = Static<typeof Histogram>

export const Convergence = Type.Object({
  n_sims: Type.Integer({ minimum: 1, description: 'Number of simulations.' }),
  standard_errors: ref(OutcomeProbabilities, 'Monte Carlo standard error √(p(1−p)/n) of each outcome frequency.'),
  closed_form: Type.Object({
    prob_home: probability('Closed-form home-win probability at the nominal ratings.'),
    prob_draw: probability('Closed-form draw probability at the nominal ratings.'),
    prob_away: probability('Closed-form away-win probability at the nominal ratings.')
  }, { ...closed, description: 'The model without rating uncertainty: what the frequencies approach as uncertainty shrinks to zero.' })
}, { ...closed, $id: 'Convergence', description: 'How precise the frequencies are and what the model gives without rating uncertainty.' })
export type Convergence = Static<typeof Convergence>

const viewNotes = Type.Array(Type.String({ description: 'One explanatory sentence.' }), { description: 'How to read this answer.' })

const simulationHeader = {
  n_sims: Type.Integer({ minimum: 1, description: 'Number of simulations run.' }),
  ci_level: Type.Number({ ...CI_LEVEL_RANGE, description: 'Level of confidence_interval.' }),
  seed: Type.Integer({ ...SEED_RANGE, description: 'Seed used; derived from the inputs when the request gave none. Same inputs and seed give identical numbers.' })
}

const baseDistribution = {
  prob_home: probability('Share of simulated outcomes that were home wins (base scenario).'),
  prob_draw: probability('Share of simulated outcomes that were draws (base scenario).'),
  prob_away: probability('Share of simulated outcomes that were away wins (base scenario). The three shares sum to exactly 1.'),
  percentiles: ref(Percentiles, 'Percentiles of the simulated home-side probability (base scenario).'),
  ...moments,
  confidence_interval: ref(ConfidenceInterval, 'Percentile interval of the home-side probability at ci_level (base scenario).')
}

export const HeadlinePickView = Type.Object({
  pick: ref(HeadlinePick, 'The most frequent outcome.'),
  notes: viewNotes
}, { ...closed, $id: 'HeadlinePickView', description: 'depth headline_pick.' })
export type HeadlinePickView = Static<typeof HeadlinePickView>

const fullDistributionProperties = {
  ...simulationHeader,
  ...baseDistribution,
  histogram: ref(Histogram, 'Histogram of the base-scenario home-side probability (20 equal bins on [0, 1]).'),
  scenarios: Type.Array(ref(ScenarioSummary, 'One scenario.'), { minItems: 3, maxItems: 3, description: 'conservative, base and aggressive, in that order.' }),
  uncertainty: ref(UncertaintyMetrics, 'Uncertainty metrics of the base scenario.'),
  notes: viewNotes
}

export const FullDistributionView = Type.Object(fullDistributionProperties, {
  ...closed,
  $id: 'FullDistributionView',
  description: 'depth full_distribution.'
})
export type FullDistributionView = Static<typeof FullDistributionView>

const scenarioExtremesProperties = {
  ...simulationHeader,
  conservative: ref(ScenarioFull, 'Conservative scenario in full.'),
  aggressive: ref(ScenarioFull, 'Aggressive scenario in full.'),
  bounds: ref(ScenarioBounds, 'Envelope of the three scenarios.'),
  notes: viewNotes
}

export const ScenarioExtremesView = Type.Object(scenarioExtremesProperties, {
  ...closed,
  $id: 'ScenarioExtremesView',
  description: 'depth scenario_extremes.'
})
export type ScenarioExtremesView = Static<typeof ScenarioExtremesView>

const eventLabels = {
  event_id: Type.Union([Type.String(), Type.Null()], { description: 'Catalog id; null for an inline event.' }),
  label: Type.String({ description: 'The event_id, or "Home v Away" for an inline event.' }),
  home_team: Type.String({ description: 'Home side.' }),
  away_team: Type.String({ description: 'Away side.' })
}

export const ComparedEvent = Type.Object({
  ...eventLabels,
  sport: ref(Sport, 'Sport.'),
  pick: ref(HeadlinePick, 'The headline pick of this event.'),
  percentiles: ref(Percentiles, 'Percentiles of the simulated home-side probability (base scenario).'),
  uncertainty: ref(UncertaintyMetrics, 'Uncertainty metrics of this event.')
}, { ...closed, $id: 'ComparedEvent', description: 'One event of a comparative analysis, in request order.' })
export type ComparedEvent = Static<typeof ComparedEvent>

export const ComparisonRow = Type.Object({
  ...eventLabels,
  prob_home: probability('Home-win frequency.'),
  prob_draw: probability('Draw frequency.'),
  prob_away: probability('Away-win frequency.'),
  volatility_score: Type.Number({ minimum: 0, maximum: 100, description: 'Volatility score (the ordering key).' }),
  data_quality_index: Type.Number({ minimum: 0, maximum: 100, description: 'Data quality index.' }),
  confidence_decay: Type.Number({ minimum: 0, maximum: 1, description: 'Confidence decay per day.' })
}, { ...closed, $id: 'ComparisonRow', description: 'One row of the comparison table.' })
export type ComparisonRow = Static<typeof ComparisonRow>

export const ComparativeAnalysisView = Type.Object({
  events: Type.Array(ref(ComparedEvent, 'One event.'), { ...COMPARED_EVENTS, description: 'The events in request order.' }),
  comparison: Type.Array(ref(ComparisonRow, 'One event.'), { ...COMPARED_EVENTS, description: 'The events ordered by volatility score, highest first (ties keep request order).' }),
  most_uncertain: Type.String({ description: 'Label of the event with the highest volatility score.' }),
  least_uncertain: Type.String({ description: 'Label of the event with the lowest volatility score.' }),
  notes: viewNotes
}, { ...closed, $id: 'ComparativeAnalysisView', description: 'depth comparative_analysis.' })
export type ComparativeAnalysisView = Static<typeof ComparativeAnalysisView>

export const DeepDiveView = Type.Object({
  ...fullDistributionProperties,
  ...scenarioExtremesProperties,
  risk: ref(RiskAssessment, 'Risk score, band and rationale.'),
  explanation: ref(Explanation, 'Summary, narrated outcomes, caveats and sensitivity.'),
  convergence: ref(Convergence, 'Monte Carlo precision and the closed form.')
}, { ...closed, $id: 'DeepDiveView', description: 'depth deep_dive_educational.' })
export type DeepDiveView = Static<typeof DeepDiveView>

export const SimulatedEvent = Type.Object({
  sport: ref(Sport, 'Sport.'),
  event_id: Type.Union([Type.String(), Type.Null()], { description: 'Catalog id; null for an inline event.' }),
  home_team: Type.String({ description: 'Home side.' }),
  away_team: Type.String({ description: 'Away side.' }),
  home_rating: Type.Number({ description: 'Home Elo rating.' }),
  away_rating: Type.Number({ description: 'Away Elo rating.' }),
  home_advantage: Type.Number({ description: 'Elo points added to the home side (sport default when not given).' }),
  draw_rate: Type.Number({ ...DRAW_RATE_RANGE, description: 'Draw probability of two equal sides (sport default when not given).' }),
  rating_uncertainty: Type.Number({ minimum: 0, description: `Elo points of rating uncertainty per team (default ${DEFAULT_RATING_UNCERTAINTY}).` })
}, { ...closed, $id: 'SimulatedEvent', description: 'The event as simulated, defaults filled in.' })
export type SimulatedEvent = Static<typeof SimulatedEvent>

export const SimulationConfig = Type.Object({
  n_simulations: Type.Integer({ minimum: 1, description: 'Number of simulations run.' }),
  seed: simulationHeader.seed,
  ci_level: Type.Number({ ...CI_LEVEL_RANGE, description: 'Level of the v2 confidence interval.' })
}, { ...closed, $id: 'SimulationConfig', description: 'The configuration as run, defaults filled in.' })
export type SimulationConfig = Static<typeof SimulationConfig>

export const V1SimulationView = Type.Object({
  event: ref(SimulatedEvent, 'The event as simulated.'),
  config: ref(SimulationConfig, 'The configuration as run.'),
  prob_home: baseDistribution.prob_home,
  prob_draw: baseDistribution.prob_draw,
  prob_away: baseDistribution.prob_away,
  distribution: ref(Histogram, 'Histogram of the simulated home-side probability.'),
  confidence_intervals: Type.Object({
    95: ref(ProbabilityInterval, '95% percentile interval of the home-side probability.'),
    99: ref(ProbabilityInterval, '99% percentile interval of the home-side probability.')
  }, { ...closed, description: 'Fixed-level percentile intervals.' }),
  risk: ref(RiskAssessment, 'Risk score, band and rationale.'),
  explanation: ref(Explanation, 'Summary, narrated outcomes, caveats and sensitivity.'),
  model_version: Type.String({ description: 'Version of the simulation model.' })
}, { ...closed, $id: 'V1SimulationView', description: 'The v1 simulation answer without execution_time_ms, cache_hit and meta.' })
export type V1SimulationView = Static<typeof V1SimulationView>

/** Every schema with an `$id`, referenced ones first: register them all, in this order. */
export const simulationViewSchemas: TSchema[] = [
  Sport,
  Outcome,
  OutcomeProbabilities,
  Percentiles,
  ProbabilityInterval,
  ConfidenceInterval,
  UncertaintyFactors,
  UncertaintyMetrics,
  ScenarioSummary,
  ScenarioFull,
  ScenarioBounds,
  PickConfidence,
  HeadlinePick,
  RiskAssessment,
  SensitivityEntry,
  ExplanationScenario,
  Explanation,
  Histogram,
  Convergence,
  HeadlinePickView,
  FullDistributionView,
  ScenarioExtremesView,
  ComparedEvent,
  ComparisonRow,
  ComparativeAnalysisView,
  DeepDiveView,
  SimulatedEvent,
  SimulationConfig,
  V1SimulationView
]
