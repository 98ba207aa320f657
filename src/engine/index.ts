/**
 * The simulation engine's public surface: pure, seeded maths, no Fastify and no I/O. Code outside
 * src/engine/ imports from here only (tests of the engine's own modules aside).
 */
export {
  DEFAULT_CI_LEVEL,
  DEFAULT_EVENT_HORIZON_DAYS,
  DEFAULT_N_SIMULATIONS,
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
  DEFAULT_RATING_UNCERTAINTY,
  DEFAULT_SPORT,
  ELO_SCALE,
  MODEL_VERSION,
  SCENARIOS,
  SPORT_ALIASES,
  SPORT_DEFAULTS,
  SPORTS,
  type Outcome,
  type OutcomeProbabilities,
  type ScenarioDefinition,
  type ScenarioName,
  type Sport
} from './model.js'
export {
  frequenciesFromCounts,
  HISTOGRAM_BIN_COUNT,
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
export { describeOutcome, explainResult, explainSensitivity, rankOutcomes, type Explanation, type SensitivityEntry } from './explain.js'
export { capitalise, percent, percentagePoints } from './format.js'
