/**
 * The simulation engine's public surface: pure, seeded maths, no Fastify and no I/O. Code outside
 * src/engine/ imports from here only (tests of the engine's own modules aside).
 */
export {
  normaliseSimulation,
  resolveSport,
  UnknownSportError,
  type ConfigInput,
  type ContextInput,
  type EventInput,
  type NormalisedConfig,
  type NormalisedContext,
  type NormalisedEvent,
  type NormalisedSimulation
} from './input.js'
export {
  closedFormProbabilities,
  ELO_SCALE,
  MODEL_VERSION,
  SCENARIOS,
  type Outcome,
  type OutcomeProbabilities,
  type ScenarioDefinition,
  type ScenarioName
} from './model.js'
export {
  frequenciesFromCounts,
  relabelResult,
  simulate,
  type ScenarioResult,
  type SimulationResult
} from './simulate.js'
export { RandomStream } from './rng.js'
export {
  confidenceDecay,
  dataQualityIndex,
  uncertaintyMetrics,
  volatilityScore,
  type UncertaintyFactors,
  type UncertaintyMetrics
} from './uncertainty.js'
export { riskAssessment, riskBand, type RiskAssessment, type RiskBand } from './risk.js'
export { describeOutcome, explainResult, rankOutcomes, type Explanation } from './explain.js'
export { explainSensitivity, type SensitivityEntry } from './sensitivity.js'
export { capitalise, percent, percentagePoints } from './format.js'
