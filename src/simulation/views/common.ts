/**
 * The views project a computed SimulationResult, one module per depth (and v1). Nothing is
 * re-simulated: every number comes from the result, and the text is written from its labels, so a
 * cached result relabelled with `relabelResult` reads as if run for the current request. Views hand
 * out copies, so a caller editing an answer cannot alter a cached result.
 *
 * This module holds the pieces several views share.
 */
import type { ScenarioFull, ScenarioSummary } from '../../schemas/simulation-views.js'
import type { ScenarioResult, SimulationResult, UncertaintyMetrics } from '../../engine/index.js'

export function copyUncertainty (u: UncertaintyMetrics): UncertaintyMetrics {
  return { ...u, factors: { ...u.factors }, notes: [...u.notes] }
}

export function scenarioSummary (s: ScenarioResult): ScenarioSummary {
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

export function scenarioFull (s: ScenarioResult): ScenarioFull {
  return {
    ...scenarioSummary(s),
    mean: s.mean,
    stdev: s.stdev,
    skew: s.skew,
    kurtosis: s.kurtosis,
    confidence_interval: { ...s.confidence_interval }
  }
}

export const SCENARIO_NOTE = 'Scenarios change the logistic scale and the rating-uncertainty variance but reuse the same random draws, ' +
  'so their differences come from the assumptions, not from sampling noise.'

/** The base-scenario histogram with relative frequencies (full distribution, deep dive and v1). */
export function relativeHistogram (r: SimulationResult): { bins: number[], frequencies: number[] } {
  const { bins, counts } = r.scenarios.base.histogram
  return { bins: [...bins], frequencies: counts.map((count) => count / r.n_simulations) }
}
