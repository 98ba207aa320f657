import type { Interval } from './stats.js'

export type RiskBand = 'LOW' | 'MEDIUM' | 'HIGH'

export interface RiskAssessment {
  score: number
  band: RiskBand
  rationale: string
}

interface BaseScenarioSummary {
  prob_home: number
  prob_draw: number
  prob_away: number
  stdev: number
  intervals: { 95: Interval }
}

/** Standard deviation of a uniform distribution on [0, 1] (1/√12): the spread of "knowing nothing". */
const UNIFORM_STDEV = 0.2887

/** Shannon entropy (nats) of the outcome frequencies; 0·ln 0 counts as 0. */
function outcomeEntropy (probabilities: readonly number[]): number {
  return probabilities.reduce((sum, p) => (p > 0 ? sum - p * Math.log(p) : sum), 0)
}

function riskBand (score: number): RiskBand {
  if (score < 33) return 'LOW'
  if (score < 67) return 'MEDIUM'
  return 'HIGH'
}

/**
 * Risk score (docs/ENGINE.md): 0.4 · entropy/ln 3 · 100 + 0.3 · min(100, stdev/0.2887 · 100) + 0.3 · (95 % interval width · 100).
 * Each term is on 0–100, so the score is too.
 */
export function riskAssessment (base: BaseScenarioSummary): RiskAssessment {
  const entropyShare = outcomeEntropy([base.prob_home, base.prob_draw, base.prob_away]) / Math.log(3) * 100
  const spreadShare = Math.min(100, base.stdev / UNIFORM_STDEV * 100)
  const intervalWidth = (base.intervals['95'].upper - base.intervals['95'].lower) * 100
  const score = 0.4 * entropyShare + 0.3 * spreadShare + 0.3 * intervalWidth
  const band = riskBand(score)
  const rationale = `Risk ${band} (score ${score.toFixed(1)} of 100): outcome uncertainty is ${entropyShare.toFixed(1)}% of the ` +
    `maximum for three outcomes, the home-side probability spreads ${spreadShare.toFixed(1)}% as much as a uniform distribution, ` +
    `and its 95% interval is ${intervalWidth.toFixed(1)} percentage points wide.`
  return { score, band, rationale }
}
