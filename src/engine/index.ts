/** The simulation engine's public surface: pure, seeded, no Fastify and no I/O. */
export {
  canonicalJson,
  DEFAULT_CI_LEVEL,
  DEFAULT_EVENT_HORIZON_DAYS,
  DEFAULT_N_SIMULATIONS,
  fingerprintOf,
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
  MODEL_VERSION,
  simulate,
  type ScenarioResult,
  type SimulationResult
} from './simulate.js'
export {
  confidenceDecay,
  dataQualityIndex,
  uncertaintyMetrics,
  volatilityScore,
  type UncertaintyFactors,
  type UncertaintyMetrics
} from './uncertainty.js'
export { riskAssessment, riskBand, type RiskAssessment, type RiskBand } from './risk.js'
export { explainResult, explainSensitivity, type Explanation, type SensitivityEntry } from './explain.js'
export {
  comparativeAnalysisView,
  deepDiveView,
  eventLabel,
  fullDistributionView,
  headlinePickView,
  MAX_COMPARED_EVENTS,
  MIN_COMPARED_EVENTS,
  pickConfidence,
  relabelResult,
  scenarioExtremesView,
  v1View
} from './views.js'
export {
  createSimulationRunner,
  DEFAULT_WORKER_THRESHOLD,
  type SimulationRunner,
  type SimulationRunnerOptions
} from './run.js'
