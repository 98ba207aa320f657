import { closedFormProbabilities } from './model.js'
import { confidenceDecay, dataQualityIndex } from './uncertainty.js'

export interface SelfTestResult {
  /** The closed form answers a known case: equal teams with a 0.25 draw rate. */
  engine: boolean
  /** The uncertainty metrics answer a known case: nothing known about the data, a week ahead. */
  uncertainty: boolean
}

/** A fixed, tiny computation whose answer is known: cheap enough for a health probe (GET /api/v2/health). */
export function selfTest (): SelfTestResult {
  let engine = false
  let uncertainty = false
  try {
    const p = closedFormProbabilities(0, 0.25)
    engine = Math.abs(p.draw - 0.25) < 1e-9 && Math.abs(p.home - p.away) < 1e-12 && Math.abs(p.home + p.draw + p.away - 1) < 1e-12
  } catch {}
  try {
    const quality = dataQualityIndex({ data_age_days: null, event_horizon_days: 7, sample_size: null, features_present: null })
    uncertainty = quality === 50 && confidenceDecay(0, { data_age_days: null, event_horizon_days: 7, sample_size: null, features_present: null }) === 0.03
  } catch {}
  return { engine, uncertainty }
}
