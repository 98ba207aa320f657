import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { closedFormProbabilities, confidenceDecay, dataQualityIndex, uncertaintyMetrics, volatilityScore } from '../../src/engine/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The uncertainty metrics of SPEC §3.4, and a self-test used by GET /api/v2/health. */
    uncertainty: {
      volatilityScore: typeof volatilityScore
      dataQualityIndex: typeof dataQualityIndex
      confidenceDecay: typeof confidenceDecay
      uncertaintyMetrics: typeof uncertaintyMetrics
      selfTest: () => { engine: boolean, uncertainty: boolean }
    }
  }
}

/** A fixed, tiny computation whose answer is known: cheap enough for a health probe. */
function selfTest (): { engine: boolean, uncertainty: boolean } {
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

async function uncertaintyPlugin (app: FastifyInstance): Promise<void> {
  app.decorate('uncertainty', { volatilityScore, dataQualityIndex, confidenceDecay, uncertaintyMetrics, selfTest })
}

export default fp(uncertaintyPlugin, { name: 'uncertainty' })
