/** depth full_distribution: the base-scenario distribution with its histogram, the three scenarios and the uncertainty metrics. */
import type { FullDistributionView } from '../../schemas/simulation-views.js'
import { SCENARIOS, type SimulationResult } from '../../engine/index.js'
import { copyUncertainty, relativeHistogram, SCENARIO_NOTE, scenarioSummary } from './common.js'

/** Everything but the notes; the deep dive builds on it. */
export function fullDistributionBody (r: SimulationResult): Omit<FullDistributionView, 'notes'> {
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

export function fullDistributionNotes (r: SimulationResult): string[] {
  return [
    `The distribution is that of the home-side probability across ${r.n_simulations} simulations of the base scenario; ` +
      'prob_home, prob_draw and prob_away are the shares of simulated outcomes.',
    SCENARIO_NOTE
  ]
}

export function fullDistributionView (r: SimulationResult): FullDistributionView {
  return { ...fullDistributionBody(r), notes: fullDistributionNotes(r) }
}
