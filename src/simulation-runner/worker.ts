/**
 * Piscina worker entry: runs one simulation off the main thread. The result is plain data, so the
 * structured clone back to the main thread is exact and the numbers are those of an in-process run.
 */
import { simulate, type NormalisedSimulation, type SimulationResult } from '../engine/index.js'

export default function runSimulationTask (normalised: NormalisedSimulation): SimulationResult {
  return simulate(normalised)
}
