import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { createSimulationRunner, type SimulationRunner } from '../../simulation/runner.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs simulations: in-process when small, through the bounded queue to the worker-thread pool when large. */
    simulationRunner: SimulationRunner
  }
}

export interface SimulationRunnerPluginOptions {
  /** A runner to use instead of the default (tests inject a failing one to prove refunds). */
  runner?: SimulationRunner
}

async function simulationRunnerPlugin (app: FastifyInstance, opts: SimulationRunnerPluginOptions): Promise<void> {
  const { metrics } = app
  const runner = opts.runner ?? createSimulationRunner({
    maxQueuedWorkSeconds: app.config.maxQueuedWorkSeconds,
    onQueueWait: (job, seconds) => { metrics.workerQueueWait.observe({ job }, seconds) },
    onOverload: (job) => { metrics.overloadRefusals.inc({ job }) }
  })
  metrics.queuedWork.read = () => runner.queuedWorkSeconds()
  app.decorate('simulationRunner', runner)
  app.addHook('onClose', async () => {
    await runner.close()
  })
}

export default fp(simulationRunnerPlugin, { name: 'simulation-runner', dependencies: ['config', 'metrics'] })
