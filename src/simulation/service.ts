import { LRUCache } from 'lru-cache'
import { performance } from 'node:perf_hooks'
import { fingerprintOf } from '../fingerprint.js'
import {
  normaliseSimulation, relabelResult, type ConfigInput, type ContextInput, type EventInput, type NormalisedSimulation
} from '../engine/index.js'
import { tierCost, type BillingService, type Charge, type Tier } from '../billing/index.js'
import type { IdempotencyRef } from '../storage/port.js'
import { ProblemError } from '../errors.js'
import { inSpan } from '../telemetry/spans.js'
import type { CachedResult, SimulationCache } from './cache.js'
import { OverloadedError, type ResultOf, type SimulationAdmission, type SimulationRunner, type SimulationScope } from './runner.js'
import type { SerialisedAnswers } from './serialised-answer.js'

export interface SimulationPlan<S extends SimulationScope = SimulationScope> {
  /** The tier bought (a v2 depth or v1_simulation), priced by billing. Also the metrics label. */
  feature: Tier
  simulations: NormalisedSimulation[]
  /** The catalog event, recorded on the ledger entry. */
  eventId: string | null
  /** What the answer needs: everything, or the headline's base scenario only. */
  scope: S
}

/** Who asks: the actor (null when anonymous), the request id, and the request's idempotency record. */
export interface SimulationCaller {
  actorId: string | null
  requestId: string
  idempotency: IdempotencyRef | null
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

export interface SimulationServiceOptions {
  cache: SimulationCache
  runner: Pick<SimulationRunner, 'admit'>
  billing: Pick<BillingService, 'charge'>
  /** Simulations were computed (cache misses): their feature, how many, and the seconds it took. */
  onComputed?: (feature: string, count: number, seconds: number) => void
}

/**
 * What billing answers for a free tier bought by an anonymous caller (src/billing/service.ts):
 * nothing to read or write, so the free anonymous path does not call it (the price is billing's,
 * `tierCost`).
 */
const FREE_ANONYMOUS: Charge = Object.freeze({ actor_id: null, tokens_charged: 0, transaction_id: null, already_owned: false, balance_after: null })

/** The cache key of a computation: a headline-only result never stands for a full one. */
function cacheKeyOf (simulation: NormalisedSimulation, scope: SimulationScope): string {
  return scope === 'full' ? simulation.fingerprint : `${simulation.fingerprint}:headline`
}

interface Lookup {
  cached: Array<CachedResult | undefined>
  missing: NormalisedSimulation[]
  admission: SimulationAdmission<CachedResult> | null
}

/**
 * The one path every simulate route goes through (v1 and v2 differ only in schemas and views):
 * cache lookup and admission, the charge, then the engine. Fastify-free: the simulation plugin
 * decorates the app with it; the caller is plain data and the charge is handed to `onCharged`.
 */
export class SimulationService {
  private readonly cache: SimulationCache
  private readonly runner: Pick<SimulationRunner, 'admit'>
  private readonly billing: Pick<BillingService, 'charge'>
  private readonly onComputed: (feature: string, count: number, seconds: number) => void
  // normaliseSimulation is pure but hashes canonical JSON twice (seed derivation, then the
  // fingerprint): ~8 % of a cached headline request. Repeated inputs reuse its (never mutated) answer.
  private readonly normalised = new LRUCache<string, NormalisedSimulation>({ max: 1000 })

  constructor (options: SimulationServiceOptions) {
    this.cache = options.cache
    this.runner = options.runner
    this.billing = options.billing
    this.onComputed = options.onComputed ?? (() => {})
  }

  /** normaliseSimulation, remembered for recently seen inputs. */
  normalise (event: EventInput, config: ConfigInput, context: ContextInput): NormalisedSimulation {
    const key = JSON.stringify([event, config, context])
    let found = this.normalised.get(key)
    if (found === undefined) {
      found = normaliseSimulation(event, config, context)
      this.normalised.set(key, found)
    }
    return found
  }

  /**
   * Looks up the cache and admits the missing simulations (503 overloaded when the worker pool's
   * queue is full), charges (or reuses an entitlement), then answers from the cache or the engine.
   * A charge made by billing goes to `onCharged` before anything can fail after it, so the caller
   * can refund it unless the answer is delivered. A free request of an anonymous caller is not
   * billed at all.
   */
  async execute<S extends SimulationScope> (caller: SimulationCaller, plan: SimulationPlan<S>, onCharged: (charge: Charge) => void = () => {}): Promise<SimulationOutcome<ResultOf<S>>> {
    const fingerprint = plan.simulations.length === 1 ? plan.simulations[0].fingerprint : fingerprintOf(plan.simulations.map((s) => s.fingerprint))
    const started = performance.now()
    const found = await this.lookUp(plan)
    let charge: Charge
    if (caller.actorId === null && tierCost(plan.feature) === 0) {
      charge = FREE_ANONYMOUS
    } else {
      try {
        charge = await this.billing.charge({
          actorId: caller.actorId,
          purchase: { kind: 'entitlement', tier: plan.feature, fingerprint },
          eventId: plan.eventId,
          requestId: caller.requestId,
          idempotency: caller.idempotency
        })
      } catch (err) {
        found.admission?.cancel()
        throw err
      }
      onCharged(charge)
    }
    const { results, cacheHit } = await inSpan('simulation', { 'trickster.depth': plan.feature, 'trickster.simulations': plan.simulations.length }, async (span) => {
      const computed = await this.compute(plan, found)
      span.setAttribute('trickster.cache_hit', computed.cacheHit)
      return computed
    })
    const answers = plan.simulations.length === 1 ? this.cache.answers(cacheKeyOf(plan.simulations[0], plan.scope)) : undefined
    // The scope of the plan chose the cache key and the computation, so every result is of that scope.
    return { results: results as Array<ResultOf<S>>, cacheHit, charge, fingerprint, executionMs: Number((performance.now() - started).toFixed(3)), answers }
  }

  /**
   * The cached results, and an admission for the missing ones: refused (503 overloaded) when the
   * worker pool's queue is over its bound — before the charge, so a refused request costs nothing.
   */
  private async lookUp (plan: SimulationPlan): Promise<Lookup> {
    const cached = await Promise.all(plan.simulations.map(async (s) => await this.cache.get(cacheKeyOf(s, plan.scope))))
    const missing = plan.simulations.filter((_, i) => cached[i] === undefined)
    if (missing.length === 0) return { cached, missing, admission: null }
    try {
      return { cached, missing, admission: this.runner.admit(missing, plan.scope) }
    } catch (err) {
      if (!(err instanceof OverloadedError)) throw err
      throw new ProblemError(503, 'overloaded',
        `The service has ${err.queuedWorkSeconds.toFixed(1)} s of simulations queued, more than it accepts (${err.maxQueuedWorkSeconds} s). ` +
          'Nothing was charged; retry after Retry-After seconds, or ask for fewer n_simulations.',
        { retry_after_seconds: err.retryAfterSeconds }, { 'retry-after': String(err.retryAfterSeconds) })
    }
  }

  private async compute (plan: SimulationPlan, found: Lookup): Promise<{ results: CachedResult[], cacheHit: boolean }> {
    const { cached, missing, admission } = found
    let fresh: CachedResult[] = []
    if (admission !== null) {
      const started = performance.now()
      fresh = await inSpan('simulation.compute', { 'trickster.depth': plan.feature, 'trickster.simulations': missing.length }, async () => await admission.run())
      this.onComputed(plan.feature, missing.length, (performance.now() - started) / 1000)
      await Promise.all(fresh.map(async (result, i) => await this.cache.set(cacheKeyOf(missing[i], plan.scope), result)))
    }
    let next = 0
    const results = plan.simulations.map((s, i) => relabelResult(cached[i] ?? fresh[next++], s.event))
    return { results, cacheHit: missing.length === 0 }
  }
}
