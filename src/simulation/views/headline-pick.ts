/** depth headline_pick: the most frequent outcome and how clearly it stands out. */
import type { HeadlinePick, HeadlinePickView, PickConfidence } from '../../schemas/simulation-views.js'
import { baseFrequencies, capitalise, describeOutcome, percent, percentagePoints, rankOutcomes, type HeadlineResult, type SimulationResult } from '../../engine/index.js'

/** A headline reads the base scenario only: a headline-only run (HeadlineResult) or a full one. */
type HeadlineSource = HeadlineResult | SimulationResult

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
export function pickConfidence (r: HeadlineSource): PickConfidence {
  const observed = baseFrequencies(r)
  const [first, second] = rankOutcomes(observed)
  const margin = observed[first] - observed[second]
  const marginError = Math.sqrt((observed[first] + observed[second] - margin * margin) / r.n_simulations)
  const volatility = r.uncertainty.volatility_score
  if (margin < Math.max(0.1, 3 * marginError) || volatility >= 60) return 'low'
  if (margin >= 0.4 && volatility < 35) return 'high'
  return 'moderate'
}

/** The pick alone; a comparative analysis shows one per event. */
export function headlinePick (r: HeadlineSource): HeadlinePick {
  const [predicted] = rankOutcomes(baseFrequencies(r))
  return {
    predicted_outcome: predicted,
    confidence: pickConfidence(r),
    median_probability: r.median_probabilities[predicted]
  }
}

export function headlinePickView (r: HeadlineSource): HeadlinePickView {
  const observed = baseFrequencies(r)
  const [first, second] = rankOutcomes(observed)
  const pick = headlinePick(r)
  const { event } = r.inputs
  return {
    pick,
    notes: [
      `${capitalise(describeOutcome(first, event))} is the most frequent outcome in ${r.n_simulations} simulations (${percent(observed[first])}); ` +
        `next comes ${describeOutcome(second, event)} (${percent(observed[second])}).`,
      `Confidence is ${pick.confidence}: the two most frequent outcomes are ${percentagePoints(observed[first] - observed[second])} percentage points apart ` +
        `and the volatility score is ${r.uncertainty.volatility_score.toFixed(1)} of 100.`,
      `Across simulations the median probability of this outcome is ${percent(pick.median_probability)}. ` +
        'A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.'
    ]
  }
}
