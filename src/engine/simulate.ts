import { HISTOGRAM_BIN_COUNT } from '../simulation-constants.js'
import { percent } from './format.js'
import type { NormalisedConfig, NormalisedContext, NormalisedEvent, NormalisedSimulation } from './input.js'
import {
  closedFormProbabilities,
  drawBandRatio,
  ELO_SCALE,
  MODEL_VERSION,
  perturbationSigma,
  ratingDifference,
  SCENARIOS,
  type OutcomeProbabilities,
  type ScenarioDefinition,
  type ScenarioName
} from './model.js'
import { RandomStream } from './rng.js'
import { riskAssessment, type RiskAssessment } from './risk.js'
import { explainSensitivity, type SensitivityEntry } from './sensitivity.js'
import {
  intervalProbabilities,
  monteCarloStandardError,
  PERCENTILE_PROBABILITIES,
  quantiles,
  summariseProbabilities,
  type Histogram,
  type Interval,
  type Percentiles
} from './stats.js'
import { uncertaintyMetrics, type UncertaintyMetrics } from './uncertainty.js'

const PROBABILITY_BOUNDS = { min: 0, max: 1 }

export interface OutcomeCounts {
  home: number
  draw: number
  away: number
}

export interface ConfidenceInterval extends Interval {
  level: number
}

/** Everything computed for one scenario; the distribution is that of the per-iteration P(home). */
export interface ScenarioResult extends ScenarioDefinition {
  /** Outcome frequencies; prob_home + prob_draw + prob_away === 1 exactly, summed in that order. */
  prob_home: number
  prob_draw: number
  prob_away: number
  outcome_counts: OutcomeCounts
  mean: number
  stdev: number
  skew: number
  kurtosis: number
  percentiles: Percentiles
  /** Percentile interval at the requested ci_level. */
  confidence_interval: ConfidenceInterval
  /** The fixed v1 intervals. */
  intervals: { 95: Interval, 99: Interval }
  histogram: Histogram
  /** Monte Carlo standard error of each frequency, √(p(1−p)/n). */
  standard_errors: OutcomeProbabilities
  note: string
}

/** One simulation, as plain JSON-serialisable data. Views project it; nothing is recomputed. */
export interface SimulationResult {
  model_version: string
  fingerprint: string
  seed: number
  seed_was_derived: boolean
  n_simulations: number
  ci_level: number
  inputs: {
    event: NormalisedEvent
    config: NormalisedConfig
    context: NormalisedContext
  }
  /** Closed-form probabilities at the nominal rating difference (zero rating uncertainty). */
  closed_form: OutcomeProbabilities
  /** Base scenario: median over iterations of each outcome's probability. */
  median_probabilities: OutcomeProbabilities
  scenarios: Record<ScenarioName, ScenarioResult>
  /** Uncertainty metrics of the base scenario (docs/ENGINE.md). */
  uncertainty: UncertaintyMetrics
  /** Risk of the base scenario (docs/ENGINE.md). */
  risk: RiskAssessment
  sensitivity: SensitivityEntry[]
}

/**
 * What a headline needs, and all a headline-only run computes (`simulateHeadline`): the base
 * scenario, the median probabilities and the uncertainty metrics. Every number is the one `simulate`
 * gives for the same inputs (test/engine/simulate-headline.test.ts). Typed apart from
 * SimulationResult, so a deeper view cannot be handed one.
 */
export interface HeadlineResult {
  /** Marks a headline-only result (in the cache, in Redis): a full SimulationResult has no scope. */
  scope: 'headline'
  model_version: string
  fingerprint: string
  seed: number
  seed_was_derived: boolean
  n_simulations: number
  ci_level: number
  inputs: SimulationResult['inputs']
  median_probabilities: OutcomeProbabilities
  scenarios: { base: ScenarioResult }
  uncertainty: UncertaintyMetrics
}

/** Outcome frequencies of the base scenario. */
export function baseFrequencies (r: Pick<SimulationResult, 'scenarios'> | HeadlineResult): OutcomeProbabilities {
  const { prob_home: home, prob_draw: draw, prob_away: away } = r.scenarios.base
  return { home, draw, away }
}

/** The labels of a result replaced by those of the current request; the numbers are untouched. */
export function relabelResult<R extends SimulationResult | HeadlineResult> (r: R, labels: Pick<NormalisedEvent, 'home_team' | 'away_team' | 'event_id'>): R {
  const inputs = {
    ...r.inputs,
    event: { ...r.inputs.event, home_team: labels.home_team, away_team: labels.away_team, event_id: labels.event_id }
  }
  return { ...r, inputs }
}

/**
 * Outcome frequencies whose left-to-right sum prob_home + prob_draw + prob_away is exactly 1.
 * They are count/n when those quotients already sum to 1 (about 96 % of count splits). Otherwise
 * the last non-zero outcome takes 1 − (sum of the earlier ones): `x + (1 − x)` rounds to exactly 1
 * for every double x in [0, 1]. The adjusted value is within an ulp of 1 of its quotient, and an
 * outcome that never occurred stays exactly 0.
 */
export function frequenciesFromCounts (counts: OutcomeCounts, n: number): OutcomeProbabilities {
  const home = counts.home / n
  const draw = counts.draw / n
  const away = counts.away / n
  if (home + draw + away === 1) return { home, draw, away }
  if (counts.away > 0) return { home, draw, away: 1 - (home + draw) }
  // No away outcomes (and not all home wins, whose quotients sum to 1 exactly).
  return { home, draw: 1 - home, away }
}

function scenarioNote (scenario: ScenarioDefinition, percentiles: Percentiles, interval: ConfidenceInterval): string {
  const lead = scenario.name === 'base'
    ? 'Base scenario: the model as specified'
    : `${scenario.name === 'conservative' ? 'Conservative' : 'Aggressive'} scenario: logistic scale ×${scenario.scale_multiplier} and rating-uncertainty variance ×${scenario.variance_multiplier}`
  return `${lead}. The simulated home-side probability has median ${percent(percentiles.p50)}, ` +
    `and ${percent(interval.level)} of iterations fall between ${percent(interval.lower)} and ${percent(interval.upper)}.`
}

/** Statistics of one scenario. */
function summariseScenario (
  scenario: ScenarioDefinition,
  homeProbabilities: Float64Array,
  counts: OutcomeCounts,
  ciLevel: number
): ScenarioResult {
  const n = homeProbabilities.length
  const frequencies = frequenciesFromCounts(counts, n)
  const { mean, stdev, skew, kurtosis, quantiles: q, histogram } = summariseProbabilities(homeProbabilities, [
    ...Object.values(PERCENTILE_PROBABILITIES),
    ...intervalProbabilities(ciLevel),
    ...intervalProbabilities(0.95),
    ...intervalProbabilities(0.99)
  ], HISTOGRAM_BIN_COUNT)
  const [p5, p25, p50, p75, p95, ciLower, ciUpper, lower95, upper95, lower99, upper99] = q
  const percentiles = { p5, p25, p50, p75, p95 }
  const confidenceInterval = { level: ciLevel, lower: ciLower, upper: ciUpper }
  return {
    name: scenario.name,
    scale_multiplier: scenario.scale_multiplier,
    variance_multiplier: scenario.variance_multiplier,
    prob_home: frequencies.home,
    prob_draw: frequencies.draw,
    prob_away: frequencies.away,
    outcome_counts: { ...counts },
    mean,
    stdev,
    skew,
    kurtosis,
    percentiles,
    confidence_interval: confidenceInterval,
    intervals: { 95: { lower: lower95, upper: upper95 }, 99: { lower: lower99, upper: upper99 } },
    histogram,
    standard_errors: {
      home: monteCarloStandardError(frequencies.home, n),
      draw: monteCarloStandardError(frequencies.draw, n),
      away: monteCarloStandardError(frequencies.away, n)
    },
    note: scenarioNote(scenario, percentiles, confidenceInterval)
  }
}

const ITERATION_ARRAY_COUNT = 7

/** Above this many iterations the arrays are allocated per call rather than kept. */
const REUSED_STORAGE_MAX_ITERATIONS = 100_000

/**
 * Storage for the per-iteration arrays (normals, uniforms, P(home) of each scenario, base P(draw)
 * and P(away)), reused from call to call. Fresh typed arrays of this size live outside the JS heap:
 * at 100 000 iterations allocating the 5.6 MB costs about 0.3 ms per call (measured) plus the
 * collections it provokes. simulate() is synchronous, so two runs never share the buffer, and each
 * worker thread has its own. At most 7 × 8 bytes × 100 000 = 5.6 MB per thread stay allocated.
 */
let iterationStorage = new Float64Array(0)

/** Seven arrays of length n, every element of which the caller overwrites before reading. */
function iterationArrays (n: number): Float64Array[] {
  const length = ITERATION_ARRAY_COUNT * n
  let storage = iterationStorage
  if (storage.length < length) {
    storage = new Float64Array(length)
    if (n <= REUSED_STORAGE_MAX_ITERATIONS) iterationStorage = storage
  }
  return Array.from({ length: ITERATION_ARRAY_COUNT }, (_, k) => storage.subarray(k * n, (k + 1) * n))
}

/** Per-iteration closed-form probabilities; draw and away are kept for the base scenario only. */
interface IterationProbabilities {
  home: Float64Array
  draw: Float64Array | undefined
  away: Float64Array | undefined
}

/**
 * First half of a scenario's loop: `e = exp(−(diff + zᵢ·σ)/s)` per iteration, written into `out`.
 * `Math.exp` is a call into C, around which every live double is spilled; alone in its loop it has
 * little to spill (measured: the two-loop form is about 11 % faster than one loop).
 */
function fillExponentials (standardNormals: Float64Array, diff: number, sigma: number, inverseScale: number, out: Float64Array): void {
  for (let i = 0; i < standardNormals.length; i++) out[i] = Math.exp(-(diff + standardNormals[i] * sigma) * inverseScale)
}

/**
 * Second half: the closed form of model.ts from each `e` (same operations, so with zero rating
 * uncertainty every iteration reproduces it bit for bit), P(home) written over `e` in place, and
 * the outcome of iteration i drawn with uᵢ: home when u < P(home), draw when u < P(home) + P(draw),
 * away otherwise. No allocation.
 */
function drawOutcomes (uniforms: Float64Array, drawRatio: number, out: IterationProbabilities): OutcomeCounts {
  const n = uniforms.length
  const hasDraws = drawRatio !== 1
  const { home: homeOut, draw: drawOut, away: awayOut } = out
  let homeWins = 0
  let homeWinsOrDraws = 0
  for (let i = 0; i < n; i++) {
    const e = homeOut[i]
    const home = 1 / (1 + drawRatio * e)
    const away = 1 / (1 + drawRatio / e)
    const draw = hasDraws ? Math.max(0, 1 - home - away) : 0
    homeOut[i] = home
    if (drawOut !== undefined && awayOut !== undefined) {
      drawOut[i] = draw
      awayOut[i] = away
    }
    // For a threshold t in [0, 1] and u in [0, 1), ceil(t − u) is 1 exactly when u < t and 0
    // otherwise: a branch-free count. A data-dependent branch here mispredicts about half the time
    // and costs more than the exp (measured: 3.1 ms vs 1.8 ms per 100 000 iterations).
    const u = uniforms[i]
    homeWins += Math.ceil(home - u)
    homeWinsOrDraws += Math.ceil(Math.min(1, home + draw) - u)
  }
  return { home: homeWins, draw: homeWinsOrDraws - homeWins, away: n - homeWinsOrDraws }
}

/**
 * Runs the Monte Carlo model (docs/ENGINE.md, "Model") for all three scenarios.
 *
 * Common random numbers: iteration i draws one standard normal zᵢ and one uniform uᵢ, and every
 * scenario uses that same pair (δᵢ = zᵢ·σ·√variance_multiplier, outcome from uᵢ). Differences
 * between scenarios then come from their assumptions alone, not from sampling noise, and the cost
 * is one draw per iteration instead of three.
 */
export function simulate (normalised: NormalisedSimulation): SimulationResult {
  const { scenarioResults, medianDraw, medianAway, diff } = runScenarios(normalised, SCENARIOS)
  const { event, config, context } = normalised
  const base = scenarioResults.base
  return {
    model_version: MODEL_VERSION,
    fingerprint: normalised.fingerprint,
    seed: config.seed,
    seed_was_derived: normalised.seedWasDerived,
    n_simulations: config.n_simulations,
    ci_level: config.ci_level,
    inputs: copyInputs(normalised),
    closed_form: closedFormProbabilities(diff, event.draw_rate),
    median_probabilities: { home: base.percentiles.p50, draw: medianDraw, away: medianAway },
    scenarios: scenarioResults as Record<ScenarioName, ScenarioResult>,
    uncertainty: uncertaintyMetrics(base, context),
    risk: riskAssessment(base),
    sensitivity: explainSensitivity(event)
  }
}

const BASE_ONLY = SCENARIOS.filter((scenario) => scenario.name === 'base')

/**
 * The base scenario only (docs/ENGINE.md, "Headline-only runs"): what the free headline shows. The
 * scenarios share the random draws but not their arithmetic, so the base scenario computed alone is
 * bit for bit the one `simulate` computes, for a third of the work and none of the risk, sensitivity
 * and closed-form extras.
 */
export function simulateHeadline (normalised: NormalisedSimulation): HeadlineResult {
  const { scenarioResults, medianDraw, medianAway } = runScenarios(normalised, BASE_ONLY)
  const { config, context } = normalised
  const base = scenarioResults.base
  return {
    scope: 'headline',
    model_version: MODEL_VERSION,
    fingerprint: normalised.fingerprint,
    seed: config.seed,
    seed_was_derived: normalised.seedWasDerived,
    n_simulations: config.n_simulations,
    ci_level: config.ci_level,
    inputs: copyInputs(normalised),
    median_probabilities: { home: base.percentiles.p50, draw: medianDraw, away: medianAway },
    scenarios: { base },
    uncertainty: uncertaintyMetrics(base, context)
  }
}

function copyInputs ({ event, config, context }: NormalisedSimulation): SimulationResult['inputs'] {
  return {
    event: { ...event },
    config: { ...config },
    context: { ...context, features_present: context.features_present === null ? null : { ...context.features_present } }
  }
}

/** The draws, then each given scenario (the base one always among them) with its statistics. */
function runScenarios (normalised: NormalisedSimulation, scenarios: readonly ScenarioDefinition[]): {
  scenarioResults: Partial<Record<ScenarioName, ScenarioResult>> & { base: ScenarioResult }
  medianDraw: number
  medianAway: number
  diff: number
} {
  const { event, config } = normalised
  const n = config.n_simulations
  const diff = ratingDifference(event)
  const drawRatio = drawBandRatio(event.draw_rate)

  const [standardNormals, uniforms, baseDraw, baseAway, ...homeByScenario] = iterationArrays(n)
  const random = new RandomStream(config.seed)
  random.fillStandardNormals(standardNormals)
  random.fillUniforms(uniforms)

  const scenarioResults: Partial<Record<ScenarioName, ScenarioResult>> = {}
  scenarios.forEach((scenario, index) => {
    const homeProbabilities = homeByScenario[index]
    // Always the same three keys: one object shape keeps the loop's property reads monomorphic.
    const out: IterationProbabilities = scenario.name === 'base'
      ? { home: homeProbabilities, draw: baseDraw, away: baseAway }
      : { home: homeProbabilities, draw: undefined, away: undefined }
    fillExponentials(
      standardNormals,
      diff,
      perturbationSigma(event.rating_uncertainty, scenario.variance_multiplier),
      1 / (ELO_SCALE * scenario.scale_multiplier),
      homeProbabilities
    )
    const counts = drawOutcomes(uniforms, drawRatio, out)
    scenarioResults[scenario.name] = summariseScenario(scenario, homeProbabilities, counts, config.ci_level)
  })

  const [medianDraw] = quantiles(baseDraw, [0.5], PROBABILITY_BOUNDS)
  const [medianAway] = quantiles(baseAway, [0.5], PROBABILITY_BOUNDS)
  const base = scenarioResults.base
  if (base === undefined) throw new Error('unreachable: every run includes the base scenario')
  return { scenarioResults: { ...scenarioResults, base }, medianDraw, medianAway, diff }
}
