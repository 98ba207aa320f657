import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import { performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fingerprintOf } from '../../src/fingerprint.js'
import {
  normaliseSimulation, relabelResult, type ConfigInput, type ContextInput, type EventInput, type NormalisedSimulation, type SimulationResult
} from '../../src/engine/index.js'
import type { Charge } from '../../src/billing/index.js'
import { inSpan } from '../../src/telemetry/spans.js'

export interface SimulationPlan {
  /** Priced feature: a v2 depth or v1_simulation. Also the metrics label. */
  feature: string
  cost: number
  simulations: NormalisedSimulation[]
  /** The catalog event, recorded on the ledger entry. */
  eventId: string | null
}

export interface SimulationOutcome {
  results: SimulationResult[]
  /** Every result came from the cache. */
  cacheHit: boolean
  charge: Charge
  /** The fingerprint the request was priced and cached under (several events: of their fingerprints). */
  fingerprint: string
  executionMs: number
}

declare module 'fastify' {
  interface FastifyInstance {
    simulations: {
      /** normaliseSimulation, remembered for recently seen inputs. */
      normalise: (event: EventInput, config: ConfigInput, context: ContextInput) => NormalisedSimulation
      /**
       * Charge (or reuse an entitlement), then answer from the cache or the engine. The charge is
       * kept on the request: the billing plugin refunds it unless the answer is a 2xx.
       */
      execute: (request: FastifyRequest, plan: SimulationPlan) => Promise<SimulationOutcome>
    }
  }
}

/** The one path every simulate route goes through: v1 and v2 differ only in schemas and views. */
async function simulationPlugin (app: FastifyInstance): Promise<void> {
  // normaliseSimulation is pure but hashes canonical JSON twice (seed derivation, then the
  // fingerprint): ~8 % of a cached headline request. Repeated inputs reuse its (never mutated) answer.
  const normalised = new LRUCache<string, NormalisedSimulation>({ max: 1000 })
  function normalise (event: EventInput, config: ConfigInput, context: ContextInput): NormalisedSimulation {
    const key = JSON.stringify([event, config, context])
    let found = normalised.get(key)
    if (found === undefined) {
      found = normaliseSimulation(event, config, context)
      normalised.set(key, found)
    }
    return found
  }

  async function compute (plan: SimulationPlan): Promise<{ results: SimulationResult[], cacheHit: boolean }> {
    const cached = await Promise.all(plan.simulations.map(async (s) => await app.simulationCache.get(s.fingerprint)))
    const missing = plan.simulations.filter((_, i) => cached[i] === undefined)
    let fresh: SimulationResult[] = []
    if (missing.length > 0) {
      const started = performance.now()
      fresh = await inSpan('simulation.compute', { 'trickster.depth': plan.feature, 'trickster.simulations': missing.length }, async () => await app.simulationRunner.runMany(missing))
      app.metrics.simulationDuration.observe({ depth: plan.feature }, (performance.now() - started) / 1000)
      app.metrics.simulations.inc({ depth: plan.feature }, missing.length)
      await Promise.all(fresh.map(async (result) => await app.simulationCache.set(result.fingerprint, result)))
    }
    let next = 0
    const results = plan.simulations.map((s, i) => relabelResult(cached[i] ?? fresh[next++], s.event))
    return { results, cacheHit: missing.length === 0 }
  }

  async function execute (request: FastifyRequest, plan: SimulationPlan): Promise<SimulationOutcome> {
    const fingerprint = plan.simulations.length === 1 ? plan.simulations[0].fingerprint : fingerprintOf(plan.simulations.map((s) => s.fingerprint))
    const charge = await app.billing.charge({
      actorId: request.actor?.actor_id ?? null,
      feature: plan.feature,
      cost: plan.cost,
      purchase: { kind: 'entitlement', fingerprint },
      eventId: plan.eventId,
      requestId: request.id,
      idempotency: request.idempotency
    })
    request.charge = charge
    const started = performance.now()
    const { results, cacheHit } = await inSpan('simulation', { 'trickster.depth': plan.feature, 'trickster.simulations': plan.simulations.length }, async (span) => {
      const computed = await compute(plan)
      span.setAttribute('trickster.cache_hit', computed.cacheHit)
      return computed
    })
    return { results, cacheHit, charge, fingerprint, executionMs: Number((performance.now() - started).toFixed(3)) }
  }

  app.decorate('simulations', { normalise, execute })
}

export default fp(simulationPlugin, { name: 'simulation', dependencies: ['simulation-runner', 'simulation-cache', 'billing', 'metrics'] })
