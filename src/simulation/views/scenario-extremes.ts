/** depth scenario_extremes: the conservative and aggressive scenarios in full, and the envelope of all three. */
import type { ScenarioBounds, ScenarioExtremesView } from '../../schemas/simulation-views.js'
import { percent, SCENARIOS, type SimulationResult } from '../../engine/index.js'
import { SCENARIO_NOTE, scenarioFull } from './common.js'

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

/** Everything but the notes; the deep dive builds on it. */
export function scenarioExtremesBody (r: SimulationResult): Omit<ScenarioExtremesView, 'notes'> {
  return {
    n_sims: r.n_simulations,
    ci_level: r.ci_level,
    seed: r.seed,
    conservative: scenarioFull(r.scenarios.conservative),
    aggressive: scenarioFull(r.scenarios.aggressive),
    bounds: scenarioBounds(r)
  }
}

export function scenarioExtremesNotes (bounds: ScenarioBounds): string[] {
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
