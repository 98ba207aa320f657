import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { SimulationService, type SimulationOutcome, type SimulationPlan } from '../../simulation/service.js'
import type { ResultOf, SimulationScope } from '../../simulation/runner.js'

declare module 'fastify' {
  interface FastifyInstance {
    simulation: {
      /** normaliseSimulation, remembered for recently seen inputs. */
      normalise: SimulationService['normalise']
      /** SimulationService.execute for this request's caller; its charge is kept on the request for the billing plugin's refund. */
      execute: <S extends SimulationScope>(request: FastifyRequest, plan: SimulationPlan<S>) => Promise<SimulationOutcome<ResultOf<S>>>
    }
  }
}

/** Decorates the app with the simulation service (src/simulation/service.ts) on the app's cache, runner and billing. */
async function simulationPlugin (app: FastifyInstance): Promise<void> {
  const { metrics } = app
  const service = new SimulationService({
    cache: app.simulationCache,
    runner: app.simulationRunner,
    billing: app.billing,
    onComputed: (depth, count, seconds) => {
      metrics.simulationDuration.observe({ depth }, seconds)
      metrics.simulations.inc({ depth }, count)
    }
  })
  app.decorate('simulation', {
    normalise: (event, config, context) => service.normalise(event, config, context),
    execute: async (request, plan) => await service.execute(
      { actorId: request.actor?.actor_id ?? null, requestId: request.id, idempotency: request.idempotency },
      plan,
      (charge) => { request.charge = charge })
  })
}

export default fp(simulationPlugin, { name: 'simulation', dependencies: ['simulation-runner', 'simulation-cache', 'billing', 'metrics'] })
