/**
 * Piscina worker entry: runs one simulation off the main thread. The result is plain data, so the
 * structured clone back to the main thread is exact and the numbers are those of an in-process run.
 */
import type { NormalisedSimulation } from './input.js'
import { simulate, type SimulationResult } from './simulate.js'

export default function runSimulationTask (normalised: NormalisedSimulation): SimulationResult {
  return simulate(normalised)
}
