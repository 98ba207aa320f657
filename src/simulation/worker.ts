/**
 * Piscina worker entry: runs heavy tasks off the main thread, each a named export called through
 * `runner.poolTask(name, input)`. Results are plain data, so the structured clone back to the main
 * thread is exact and the numbers are those of an in-process run.
 */
import { simulate, simulateHeadline, type HeadlineResult, type NormalisedSimulation, type SimulationResult } from '../engine/index.js'

export function runSimulationTask (normalised: NormalisedSimulation): SimulationResult {
  return simulate(normalised)
}

export function runHeadlineTask (normalised: NormalisedSimulation): HeadlineResult {
  return simulateHeadline(normalised)
}
