import { closedFormProbabilities, ratingDifference, type ModelParameters } from './model.js'

export type SensitivityImpact = 'LOW' | 'MEDIUM' | 'HIGH'
export type SensitivityParameter = 'home_advantage' | 'home_rating' | 'away_rating'

/** The change in closed-form P(home) when one input moves, everything else fixed. */
export interface SensitivityEntry {
  parameter: SensitivityParameter
  change: number
  prob_home: number
  delta_prob_home: number
  impact: SensitivityImpact
}

const SENSITIVITY_STEP = 50
const SENSITIVITY_PARAMETERS: readonly SensitivityParameter[] = ['home_advantage', 'home_rating', 'away_rating']

/** Impact labels on |ΔP(home)|: LOW below 0.03, MEDIUM below 0.08, HIGH otherwise. */
function sensitivityImpact (delta: number): SensitivityImpact {
  const size = Math.abs(delta)
  if (size < 0.03) return 'LOW'
  if (size < 0.08) return 'MEDIUM'
  return 'HIGH'
}

/** Closed-form sensitivity of P(home) to ±50 points of home advantage, home rating and away rating. */
export function explainSensitivity (event: ModelParameters): SensitivityEntry[] {
  const reference = closedFormProbabilities(ratingDifference(event), event.draw_rate).home
  return SENSITIVITY_PARAMETERS.flatMap((parameter) => [SENSITIVITY_STEP, -SENSITIVITY_STEP].map((change) => {
    const moved = { ...event, [parameter]: event[parameter] + change }
    const probHome = closedFormProbabilities(ratingDifference(moved), event.draw_rate).home
    const delta = probHome - reference
    return { parameter, change, prob_home: probHome, delta_prob_home: delta, impact: sensitivityImpact(delta) }
  }))
}
