/**
 * The simulation engine's public surface: pure, seeded maths, no Fastify and no I/O (docs/ENGINE.md).
 * Code outside src/engine/ imports from here only; the engine's own tests (test/engine/) test its
 * modules one by one.
 */
export {
  normaliseSimulation,
  type ConfigInput,
  type ContextInput,
  type EventInput,
  type NormalisedEvent,
  type NormalisedSimulation
} from './input.js'
export { MODEL_VERSION, SCENARIOS, type OutcomeProbabilities } from './model.js'
export { baseFrequencies, relabelResult, simulate, simulateHeadline, type HeadlineResult, type ScenarioResult, type SimulationResult } from './simulate.js'
export { type UncertaintyMetrics } from './uncertainty.js'
export { describeOutcome, explainResult, rankOutcomes } from './explain.js'
export { capitalise, percent, percentagePoints } from './format.js'
export { RandomStream } from './rng.js'
export { selfTest } from './self-test.js'
export { closedFormProbabilities, drawBandRatio, ELO_SCALE } from './model.js'
export { monteCarloStandardError, quantiles } from './stats.js'
