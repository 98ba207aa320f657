import { capitalise, percent, percentagePoints } from './format.js'
import type { NormalisedEvent } from './input.js'
import { OUTCOMES, perturbationSigma, type Outcome, type OutcomeProbabilities } from './model.js'
import type { SensitivityEntry } from './sensitivity.js'
import { baseFrequencies, type SimulationResult } from './simulate.js'

export interface ExplanationScenario {
  outcome: Outcome
  probability: number
  description: string
}

export interface Explanation {
  summary: string
  scenarios: { most_likely: ExplanationScenario, surprise: ExplanationScenario }
  caveats: string[]
  sensitivity: SensitivityEntry[]
}

/** Outcomes from most to least frequent; ties keep the order home, draw, away. */
export function rankOutcomes (probabilities: OutcomeProbabilities): Outcome[] {
  return [...OUTCOMES].sort((a, b) => probabilities[b] - probabilities[a])
}

/** Sports between two individuals, where "home" only means first-named. */
const INDIVIDUAL_SPORTS: ReadonlySet<string> = new Set(['tennis', 'mma'])

export function describeOutcome (outcome: Outcome, event: Pick<NormalisedEvent, 'sport' | 'home_team' | 'away_team'>): string {
  if (outcome === 'draw') return 'a draw'
  const name = outcome === 'home' ? event.home_team : event.away_team
  if (INDIVIDUAL_SPORTS.has(event.sport)) return `a win for ${name}`
  return outcome === 'home' ? `a home win for ${name}` : `an away win for ${name}`
}

function caveats (r: SimulationResult): string[] {
  const { event } = r.inputs
  const base = r.scenarios.base
  const largestError = Math.max(base.standard_errors.home, base.standard_errors.draw, base.standard_errors.away)
  return [
    event.rating_uncertainty === 0
      ? 'Ratings are treated as exact (no rating uncertainty), so every iteration uses the same probabilities.'
      : `Ratings are treated as known up to a normal error of ${event.rating_uncertainty} Elo points per team ` +
        `(σ ≈ ${perturbationSigma(event.rating_uncertainty).toFixed(0)} points on the rating difference).`,
    'Form, injuries, tactics, motivation and scheduling are outside the model unless they are already in the ratings.',
    event.draw_rate > 0
      ? `Draws come from a symmetric band around an even contest, calibrated so that equally rated sides draw ${percent(event.draw_rate)} of the time.`
      : 'This event is modelled without draws.',
    `With ${r.n_simulations} simulations each frequency carries a Monte Carlo standard error of at most ${percentagePoints(largestError, 2)} percentage points.`,
    'Scenarios change the assumptions (logistic scale, rating variance) but reuse the same random draws, so their differences reflect the assumptions rather than sampling noise.',
    'These numbers describe a model under its assumptions. They are educational material about uncertainty, not a forecast and not advice.'
  ]
}

/**
 * The explanation (docs/ENGINE.md), written from the result and the labels it carries. The surprise is the
 * less frequent side (ties: away); ranking breaks ties towards home, so it is never the most likely.
 */
export function explainResult (r: SimulationResult): Explanation {
  const { event } = r.inputs
  const observed = baseFrequencies(r)
  const [mostLikely] = rankOutcomes(observed)
  const surprise: Outcome = observed.home < observed.away ? 'home' : 'away'
  const mostLikelyText = capitalise(describeOutcome(mostLikely, event))
  const surpriseText = capitalise(describeOutcome(surprise, event))
  return {
    summary: `${mostLikelyText} is the most frequent simulated outcome, at ${percent(observed[mostLikely])} of ` +
      `${r.n_simulations} simulations; risk band ${r.risk.band}. This is a frequency under the model's assumptions, not a forecast.`,
    scenarios: {
      most_likely: {
        outcome: mostLikely,
        probability: observed[mostLikely],
        description: `${mostLikelyText} occurred in ${percent(observed[mostLikely])} of simulations.`
      },
      surprise: {
        outcome: surprise,
        probability: observed[surprise],
        description: observed[surprise] < 0.05
          ? `${surpriseText} occurred in only ${percent(observed[surprise])} of simulations: rare under the model, yet not impossible.`
          : `${surpriseText} occurred in ${percent(observed[surprise])} of simulations: the less likely side still comes through regularly.`
      }
    },
    caveats: caveats(r),
    sensitivity: r.sensitivity.map((entry) => ({ ...entry }))
  }
}
