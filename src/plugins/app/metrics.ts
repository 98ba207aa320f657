import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { FastifyInstance } from 'fastify'

/** Every metric the service exports, created once per app on its own registry (tests build many apps). */
export function createMetrics () {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'trickster_' })
  const registers = [registry]
  // Read when /metrics is scraped (the simulation-runner plugin points it at its queue): nothing to keep in step on the hot path.
  const queuedWork = { read: (): number => 0 }
  return {
    queuedWork,
    registry,
    httpRequests: new Counter({ name: 'trickster_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'trickster_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers
    }),
    simulations: new Counter({ name: 'trickster_simulations_total', help: 'Simulations computed (cache misses) by depth', labelNames: ['depth'], registers }),
    simulationDuration: new Histogram({
      name: 'trickster_simulation_duration_seconds',
      help: 'Engine time per computed simulation by depth',
      labelNames: ['depth'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers
    }),
    workerQueueWait: new Histogram({
      name: 'trickster_worker_queue_wait_seconds',
      help: 'Seconds a worker-pool task waited in the heavy-work queue before a thread took it, by job (simulation, …)',
      labelNames: ['job'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers
    }),
    workerQueuedWork: new Gauge({
      name: 'trickster_worker_queued_work_seconds',
      help: 'Estimated seconds of heavy work admitted to the worker pool and not yet finished (bound: MAX_QUEUED_WORK_SECONDS)',
      registers,
      collect () { this.set(queuedWork.read()) }
    }),
    overloadRefusals: new Counter({
      name: 'trickster_overload_refusals_total',
      help: 'Heavy requests refused with 503 overloaded because the queued work was over MAX_QUEUED_WORK_SECONDS, by job',
      labelNames: ['job'],
      registers
    }),
    tokensGranted: new Counter({ name: 'trickster_tokens_granted_total', help: 'Tokens granted by reason (grant_daily, topup)', labelNames: ['reason'], registers }),
    tokensSpent: new Counter({ name: 'trickster_tokens_spent_total', help: 'Tokens spent by feature', labelNames: ['feature'], registers }),
    tokensRefunded: new Counter({ name: 'trickster_tokens_refunded_total', help: 'Tokens refunded by reason', labelNames: ['reason'], registers }),
    undeliveredRefunds: new Counter({ name: 'trickster_undelivered_refunds_total', help: 'Simulation charges refunded by the sweeper because their answer was never delivered (docs/LEDGER.md, "Delivery")', registers }),
    undeliveredPending: new Gauge({ name: 'trickster_undelivered_charges', help: 'Simulation charges past their lease, neither delivered nor refunded, at the last sweep', registers }),
    tokenDenials: new Counter({ name: 'trickster_token_denials_total', help: '402 answers (insufficient tokens) by feature', labelNames: ['feature'], registers }),
    cacheHits: new Counter({ name: 'trickster_cache_hits_total', help: 'Simulation cache hits', registers }),
    cacheMisses: new Counter({ name: 'trickster_cache_misses_total', help: 'Simulation cache misses', registers }),
    idempotencyReplays: new Counter({ name: 'trickster_idempotency_replays_total', help: 'Responses replayed for a repeated Idempotency-Key', registers }),
    idempotencyConflicts: new Counter({ name: 'trickster_idempotency_conflicts_total', help: 'Idempotency-Key conflicts (409 in progress, 422 reused)', labelNames: ['error'], registers }),
    labUnlocks: new Counter({ name: 'trickster_lab_unlocks_total', help: 'Lab modules unlocked with tokens, by module', labelNames: ['module_id'], registers }),
    labQuizAttempts: new Counter({ name: 'trickster_lab_quiz_attempts_total', help: 'Graded Lab quiz attempts by module and result (passed, failed)', labelNames: ['module_id', 'result'], registers }),
    failedAuthentications: new Counter({ name: 'trickster_failed_authentications_total', help: 'Rejected credentials (unknown API key, wrong admin or metrics token), 429s past the per-address limit included', registers }),
    rateLimited: new Counter({ name: 'trickster_rate_limited_total', help: '429 answers by policy', labelNames: ['policy'], registers }),
    redisUp: new Gauge({ name: 'trickster_redis_up', help: 'With REDIS_URL: 1 while the shared Redis is reachable, 0 while limits and cache fall back to memory', registers }),
    redisCircuit: new Gauge({ name: 'trickster_redis_circuit_state', help: 'With REDIS_URL: the shared Redis circuit breaker, 0 closed, 1 half-open (probe out), 2 open (requests skip Redis)', registers }),
    redisFallbacks: new Counter({
      name: 'trickster_redis_fallbacks_total',
      help: 'Requests that used this instance\'s memory because the shared Redis could not answer, by use (rate_limit, cache)',
      labelNames: ['use'],
      registers
    })
  }
}

export type Metrics = ReturnType<typeof createMetrics>

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

async function metricsPlugin (app: FastifyInstance): Promise<void> {
  const metrics = createMetrics()
  app.decorate('metrics', metrics)

  // prom-client hashes the label set on every inc/observe; the children of each (method, route,
  // status) are bound once and reused, which matters on a hook that runs for every request.
  const children = new Map<string, { requests: ReturnType<Metrics['httpRequests']['labels']>, duration: ReturnType<Metrics['httpDuration']['labels']> }>()
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const key = `${request.method} ${route} ${reply.statusCode}`
    let child = children.get(key)
    if (child === undefined) {
      const labels = { method: request.method, route, status: String(reply.statusCode) }
      child = { requests: metrics.httpRequests.labels(labels), duration: metrics.httpDuration.labels(labels) }
      children.set(key, child)
    }
    child.requests.inc()
    child.duration.observe(reply.elapsedTime / 1000)
    done()
  })
}

export default fp(metricsPlugin, { name: 'metrics' })
