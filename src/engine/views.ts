/**
 * One projection per depth of a computed SimulationResult. Nothing is re-simulated: every number
 * comes from the result, and the text is written from its labels, so a cached result relabelled
 * with `relabelResult` reads as if run for the current request.
 */
import type {
  ComparativeAnalysisView,
  ComparedEvent,
  ComparisonRow,
  DeepDiveView,
  FullDistributionView,
  HeadlinePick,
  HeadlinePickView,
  PickConfidence,
  ScenarioBounds,
  ScenarioFull,
  ScenarioExtremesView,
  ScenarioSummary,
  V1SimulationView
} from '../schemas/simulation-views.js'
import { describeOutcome, explainResult, rankOutcomes } from './explain.js'
import type { NormalisedEvent } from './input.js'
import { SCENARIOS, type OutcomeProbabilities } from './model.js'
import type { ScenarioResult, SimulationResult } from './simulate.js'
import type { UncertaintyMetrics } from './uncertainty.js'

export const MIN_COMPARED_EVENTS = 2
export const MAX_COMPARED_EVENTS = 10

const percent = (p: number): string => `${(p * 100).toFixed(1)}%`
const points = (p: number): string => (p * 100).toFixed(1)
const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

/** The labels of a result replaced by those of the current request; the numbers are untouched. */
export function relabelResult (r: SimulationResult, labels: Pick<NormalisedEvent, 'home_team' | 'away_team' | 'event_id'>): SimulationResult {
  return {
    ...r,
    inputs: {
      ...r.inputs,
      event: { ...r.inputs.event, home_team: labels.home_team, away_team: labels.away_team, event_id: labels.event_id }
    }
  }
}

/** How an event is named in comparisons: its catalog id, else "Home v Away". */
export function eventLabel (event: Pick<NormalisedEvent, 'home_team' | 'away_team' | 'event_id'>): string {
  return event.event_id ?? `${event.home_team} v ${event.away_team}`
}

function baseFrequencies (r: SimulationResult): OutcomeProbabilities {
  const { prob_home: home, prob_draw: draw, prob_away: away } = r.scenarios.base
  return { home, draw, away }
}

/**
 * Confidence of the headline pick, from the margin m between the two most frequent outcomes and
 * the volatility score v of the base scenario:
 * - low when m < max(0.10, 3·SE(m)) — a small lead, or one within Monte Carlo noise, with
 *   SE(m) = √((p₁ + p₂ − m²)/n) the standard error of a difference of two multinomial shares —
 *   or when v ≥ 60;
 * - high when m ≥ 0.40 and v < 35: in a two-outcome sport a 70/30 split, in a three-way football
 *   market a top outcome near 60 % with the other two near 20 %;
 * - moderate otherwise.
 */
export function pickConfidence (r: SimulationResult): PickConfidence {
  const observed = baseFrequencies(r)
  const [first, second] = rankOutcomes(observed)
  const margin = observed[first] - observed[second]
  const marginError = Math.sqrt((observed[first] + observed[second] - margin * margin) / r.n_simulations)
  const volatility = r.uncertainty.volatility_score
  if (margin < Math.max(0.1, 3 * marginError) || volatility >= 60) return 'low'
  if (margin >= 0.4 && volatility < 35) return 'high'
  return 'moderate'
}

function headlinePick (r: SimulationResult): HeadlinePick {
  const [predicted] = rankOutcomes(baseFrequencies(r))
  return {
    predicted_outcome: predicted,
    confidence: pickConfidence(r),
    median_probability: r.median_probabilities[predicted]
  }
}

export function headlinePickView (r: SimulationResult): HeadlinePickView {
  const observed = baseFrequencies(r)
  const [first, second] = rankOutcomes(observed)
  const pick = headlinePick(r)
  const { event } = r.inputs
  return {
    pick,
    notes: [
      `${capitalise(describeOutcome(first, event))} is the most frequent outcome in ${r.n_simulations} simulations (${percent(observed[first])}); ` +
        `next comes ${describeOutcome(second, event)} (${percent(observed[second])}).`,
      `Confidence is ${pick.confidence}: the two most frequent outcomes are ${points(observed[first] - observed[second])} percentage points apart ` +
        `and the volatility score is ${r.uncertainty.volatility_score.toFixed(1)} of 100.`,
      `Across simulations the median probability of this outcome is ${percent(pick.median_probability)}. ` +
        'A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.'
    ]
  }
}

/** Views hand out copies, so a caller editing an answer cannot alter a cached result. */
function copyUncertainty (u: UncertaintyMetrics): UncertaintyMetrics {
  return { ...u, factors: { ...u.factors }, notes: [...u.notes] }
}

function scenarioSummary (s: ScenarioResult): ScenarioSummary {
  return {
    name: s.name,
    scale_multiplier: s.scale_multiplier,
    variance_multiplier: s.variance_multiplier,
    prob_home: s.prob_home,
    prob_draw: s.prob_draw,
    prob_away: s.prob_away,
    percentiles: { ...s.percentiles },
    note: s.note
  }
}

function scenarioFull (s: ScenarioResult): ScenarioFull {
  return {
    ...scenarioSummary(s),
    mean: s.mean,
    stdev: s.stdev,
    skew: s.skew,
    kurtosis: s.kurtosis,
    confidence_interval: { ...s.confidence_interval }
  }
}

const SCENARIO_NOTE = 'Scenarios change the logistic scale and the rating-uncertainty variance but reuse the same random draws, ' +
  'so their differences come from the assumptions, not from sampling noise.'

function fullDistributionBody (r: SimulationResult): Omit<FullDistributionView, 'notes'> {
  const base = r.scenarios.base
  return {
    n_sims: r.n_simulations,
    ci_level: r.ci_level,
    seed: r.seed,
    prob_home: base.prob_home,
    prob_draw: base.prob_draw,
    prob_away: base.prob_away,
    percentiles: { ...base.percentiles },
    mean: base.mean,
    stdev: base.stdev,
    skew: base.skew,
    kurtosis: base.kurtosis,
    confidence_interval: { ...base.confidence_interval },
    histogram: relativeHistogram(r),
    scenarios: SCENARIOS.map((s) => scenarioSummary(r.scenarios[s.name])),
    uncertainty: copyUncertainty(r.uncertainty)
  }
}

function fullDistributionNotes (r: SimulationResult): string[] {
  return [
    `The distribution is that of the home-side probability across ${r.n_simulations} simulations of the base scenario; ` +
      'prob_home, prob_draw and prob_away are the shares of simulated outcomes.',
    SCENARIO_NOTE
  ]
}

export function fullDistributionView (r: SimulationResult): FullDistributionView {
  return { ...fullDistributionBody(r), notes: fullDistributionNotes(r) }
}

function range (values: number[]): number[] {
  return [Math.min(...values), Math.max(...values)]
}

function scenarioBounds (r: SimulationResult): ScenarioBounds {
  const all = SCENARIOS.map((s) => r.scenarios[s.name])
  return {
    lower: Math.min(...all.map((s) => s.percentiles.p5)),
    upper: Math.max(...all.map((s) => s.percentiles.p95)),
    prob_home_range: range(all.map((s) => s.prob_home)),
    prob_draw_range: range(all.map((s) => s.prob_draw)),
    prob_away_range: range(all.map((s) => s.prob_away))
  }
}

function scenarioExtremesBody (r: SimulationResult): Omit<ScenarioExtremesView, 'notes'> {
  return {
    n_sims: r.n_simulations,
    ci_level: r.ci_level,
    seed: r.seed,
    conservative: scenarioFull(r.scenarios.conservative),
    aggressive: scenarioFull(r.scenarios.aggressive),
    bounds: scenarioBounds(r)
  }
}

function scenarioExtremesNotes (bounds: ScenarioBounds): string[] {
  return [
    `Across the three scenarios the home-side probability ranges from ${percent(bounds.lower)} (lowest 5th percentile) ` +
      `to ${percent(bounds.upper)} (highest 95th percentile).`,
    SCENARIO_NOTE
  ]
}

export function scenarioExtremesView (r: SimulationResult): ScenarioExtremesView {
  const body = scenarioExtremesBody(r)
  return { ...body, notes: scenarioExtremesNotes(body.bounds) }
}

/** How a comparative analysis names an event, in its events and in its comparison table alike. */
function eventLabels (event: NormalisedEvent): Pick<ComparedEvent, 'event_id' | 'label' | 'home_team' | 'away_team'> {
  return { event_id: event.event_id, label: eventLabel(event), home_team: event.home_team, away_team: event.away_team }
}

function comparedEvent (r: SimulationResult): ComparedEvent {
  const { event } = r.inputs
  return {
    ...eventLabels(event),
    sport: event.sport,
    pick: headlinePick(r),
    percentiles: { ...r.scenarios.base.percentiles },
    uncertainty: copyUncertainty(r.uncertainty)
  }
}

function comparisonRow (r: SimulationResult): ComparisonRow {
  return {
    ...eventLabels(r.inputs.event),
    prob_home: r.scenarios.base.prob_home,
    prob_draw: r.scenarios.base.prob_draw,
    prob_away: r.scenarios.base.prob_away,
    volatility_score: r.uncertainty.volatility_score,
    data_quality_index: r.uncertainty.data_quality_index,
    confidence_decay: r.uncertainty.confidence_decay
  }
}

/** Several events side by side, the table ordered by volatility, highest first (stable for ties). */
export function comparativeAnalysisView (results: readonly SimulationResult[]): ComparativeAnalysisView {
  if (results.length < MIN_COMPARED_EVENTS || results.length > MAX_COMPARED_EVENTS) {
    throw new RangeError(`a comparative analysis takes ${MIN_COMPARED_EVENTS} to ${MAX_COMPARED_EVENTS} events, got ${results.length}`)
  }
  const comparison = results.map(comparisonRow).sort((a, b) => b.volatility_score - a.volatility_score)
  const mostUncertain = comparison[0]
  const leastUncertain = comparison[comparison.length - 1]
  return {
    events: results.map(comparedEvent),
    comparison,
    most_uncertain: mostUncertain.label,
    least_uncertain: leastUncertain.label,
    notes: [
      'The comparison table is ordered by volatility score, most uncertain first; each event was simulated with its own seed.',
      `"${mostUncertain.label}" shows the most uncertainty (volatility ${mostUncertain.volatility_score.toFixed(1)} of 100) and ` +
        `"${leastUncertain.label}" the least (${leastUncertain.volatility_score.toFixed(1)} of 100).`
    ]
  }
}

function relativeHistogram (r: SimulationResult): { bins: number[], frequencies: number[] } {
  const { bins, counts } = r.scenarios.base.histogram
  return { bins: [...bins], frequencies: counts.map((count) => count / r.n_simulations) }
}

export function deepDiveView (r: SimulationResult): DeepDiveView {
  const base = r.scenarios.base
  const extremes = scenarioExtremesBody(r)
  return {
    ...fullDistributionBody(r),
    ...extremes,
    risk: { ...r.risk },
    explanation: explainResult(r),
    convergence: {
      n_sims: r.n_simulations,
      standard_errors: { ...base.standard_errors },
      closed_form: { prob_home: r.closed_form.home, prob_draw: r.closed_form.draw, prob_away: r.closed_form.away }
    },
    notes: [
      ...fullDistributionNotes(r),
      ...scenarioExtremesNotes(extremes.bounds).slice(0, 1),
      'Monte Carlo standard errors shrink with the square root of the number of simulations: four times as many halve them. ' +
        'The closed form is what the model gives with no rating uncertainty at all.'
    ]
  }
}

/** The legacy v1 answer (SPEC §4) without execution_time_ms, cache_hit and meta. */
export function v1View (r: SimulationResult): V1SimulationView {
  const base = r.scenarios.base
  const { event, config } = r.inputs
  return {
    event: {
      sport: event.sport,
      event_id: event.event_id,
      home_team: event.home_team,
      away_team: event.away_team,
      home_rating: event.home_rating,
      away_rating: event.away_rating,
      home_advantage: event.home_advantage,
      draw_rate: event.draw_rate,
      rating_uncertainty: event.rating_uncertainty
    },
    config: { ...config },
    prob_home: base.prob_home,
    prob_draw: base.prob_draw,
    prob_away: base.prob_away,
    distribution: relativeHistogram(r),
    confidence_intervals: { 95: { ...base.intervals['95'] }, 99: { ...base.intervals['99'] } },
    risk: { ...r.risk },
    explanation: explainResult(r),
    model_version: r.model_version
  }
}
