/** depth deep_dive_educational: full_distribution (histogram included) and scenario_extremes together, with risk, explanation and convergence. */
import type { DeepDiveView } from '../../schemas/simulation-views.js'
import { explainResult, type SimulationResult } from '../../engine/index.js'
import { fullDistributionBody, fullDistributionNotes } from './full-distribution.js'
import { scenarioExtremesBody, scenarioExtremesNotes } from './scenario-extremes.js'

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
