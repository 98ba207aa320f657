import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import { performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fingerprintOf } from '../../src/fingerprint.js'
import {
  normaliseSimulation, relabelResult, type ConfigInput, type ContextInput, type EventInput, type NormalisedSimulation
} from '../../src/engine/index.js'
import type { Charge, Tier } from '../../src/billing/index.js'
import { ProblemError } from '../../src/errors.js'
import { OverloadedError, type ResultOf, type SimulationAdmission, type SimulationScope } from '../../src/simulation-runner/runner.js'
import type { SerialisedAnswers } from '../../src/services/serialised-answer.js'
import { inSpan } from '../../src/telemetry/spans.js'
import type { CachedResult } from './simulation-cache.js'

export interface SimulationPlan<S extends SimulationScope = SimulationScope> {
  /** The tier bought (a v2 depth or v1_simulation), priced by billing. Also the metrics label. */
  feature: Tier
  simulations: NormalisedSimulation[]
  /** The catalog event, recorded on the ledger entry. */
  eventId: string | null
  /** What the answer needs: everything, or the headline's base scenario only. */
  scope: S
}

export interface SimulationOutcome<R> {
  results: R[]
  /** Every result came from the cache. */
  cacheHit: boolean
  charge: Charge
  /** The fingerprint the request was priced and cached under (several events: of their fingerprints). */
  fingerprint: string
  executionMs: number
  /** One simulation: the serialised answers kept with its cached result (absent when caching is off). */
  answers: SerialisedAnswers | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    simulations: {
      /** normaliseSimulation, remembered for recently seen inputs. */
      normalise: (event: EventInput, config: ConfigInput, context: ContextInput) => NormalisedSimulation
      /**
       * Look up the cache and admit the missing simulations (503 overloaded when the worker pool's
       * queue is full), charge (or reuse an entitlement), then answer from the cache or the engine.
       * The charge is kept on the request: the billing plugin refunds it unless the answer is a 2xx.
       */
      execute: <S extends SimulationScope>(request: FastifyRequest, plan: SimulationPlan<S>) => Promise<SimulationOutcome<ResultOf<S>>>
    }
  }
}

/** The cache key of a computation: a headline-only result never stands for a full one. */
function cacheKeyOf (simulation: NormalisedSimulation, scope: SimulationScope): string {
  return scope === 'full' ? simulation.fingerprint : `${simulation.fingerprint}:headline`
}

interface Lookup {
  cached: Array<CachedResult | undefined>
  missing: NormalisedSimulation[]
  admission: SimulationAdmission<CachedResult> | null
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

  /**
   * The cached results, and an admission for the missing ones: refused (503 overloaded) when the
   * worker pool's queue is over its bound — before the charge, so a refused request costs nothing.
   */
  async function lookUp (plan: SimulationPlan): Promise<Lookup> {
    const cached = await Promise.all(plan.simulations.map(async (s) => await app.simulationCache.get(cacheKeyOf(s, plan.scope))))
    const missing = plan.simulations.filter((_, i) => cached[i] === undefined)
    if (missing.length === 0) return { cached, missing, admission: null }
    try {
      return { cached, missing, admission: app.simulationRunner.admit(missing, plan.scope) }
    } catch (err) {
      if (!(err instanceof OverloadedError)) throw err
      throw new ProblemError(503, 'overloaded',
        `The service has ${err.queuedWorkSeconds.toFixed(1)} s of simulations queued, more than it accepts (${err.maxQueuedWorkSeconds} s). ` +
          'Nothing was charged; retry after Retry-After seconds, or ask for fewer n_simulations.',
        { retry_after_seconds: err.retryAfterSeconds }, { 'retry-after': String(err.retryAfterSeconds) })
    }
  }

  async function compute (plan: SimulationPlan, found: Lookup): Promise<{ results: CachedResult[], cacheHit: boolean }> {
    const { cached, missing, admission } = found
    let fresh: CachedResult[] = []
    if (admission !== null) {
      const started = performance.now()
      fresh = await inSpan('simulation.compute', { 'trickster.depth': plan.feature, 'trickster.simulations': missing.length }, async () => await admission.run())
      app.metrics.simulationDuration.observe({ depth: plan.feature }, (performance.now() - started) / 1000)
      app.metrics.simulations.inc({ depth: plan.feature }, missing.length)
      await Promise.all(fresh.map(async (result, i) => await app.simulationCache.set(cacheKeyOf(missing[i], plan.scope), result)))
    }
    let next = 0
    const results = plan.simulations.map((s, i) => relabelResult(cached[i] ?? fresh[next++], s.event))
    return { results, cacheHit: missing.length === 0 }
  }

  async function execute<S extends SimulationScope> (request: FastifyRequest, plan: SimulationPlan<S>): Promise<SimulationOutcome<ResultOf<S>>> {
    const fingerprint = plan.simulations.length === 1 ? plan.simulations[0].fingerprint : fingerprintOf(plan.simulations.map((s) => s.fingerprint))
    const started = performance.now()
    const found = await lookUp(plan)
    let charge: Charge
    try {
      charge = await app.billing.charge({
        actorId: request.actor?.actor_id ?? null,
        purchase: { kind: 'entitlement', tier: plan.feature, fingerprint },
        eventId: plan.eventId,
        requestId: request.id,
        idempotency: request.idempotency
      })
    } catch (err) {
      found.admission?.cancel()
      throw err
    }
    request.charge = charge
    const { results, cacheHit } = await inSpan('simulation', { 'trickster.depth': plan.feature, 'trickster.simulations': plan.simulations.length }, async (span) => {
      const computed = await compute(plan, found)
      span.setAttribute('trickster.cache_hit', computed.cacheHit)
      return computed
    })
    const answers = plan.simulations.length === 1 ? app.simulationCache.answers(cacheKeyOf(plan.simulations[0], plan.scope)) : undefined
    // The scope of the plan chose the cache key and the computation, so every result is of that scope.
    return { results: results as Array<ResultOf<S>>, cacheHit, charge, fingerprint, executionMs: Number((performance.now() - started).toFixed(3)), answers }
  }

  app.decorate('simulations', { normalise, execute })
}

export default fp(simulationPlugin, { name: 'simulation', dependencies: ['simulation-runner', 'simulation-cache', 'billing', 'metrics'] })
