import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { problemResponses } from '../schemas/common.js'
import { API_NAME, DISCLAIMER, HealthResponse, ReadyResponse, SERVICE_NAME, V2HealthResponse, VersionResponse, type ReadyResponse as Ready } from '../schemas/system.js'
import { bearerToken, secretsEqual } from '../auth/bearer.js'
import { unauthorized } from '../errors.js'
import { PACKAGE_VERSION } from '../paths.js'
import { MODEL_VERSION, selfTest } from '../engine/index.js'
import type { StorageCheck } from '../storage/port.js'

/** How long one write probe answers for every /ready caller. */
const WRITE_PROBE_INTERVAL_MS = 1000

/** Probes for load balancers and operators. None of them is rate limited. */
const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const noRateLimit = { rateLimit: false } as const

  // /ready is public and never limited, and its write probe commits a real write: callers within
  // the same second share one probe, so a flood of /ready cannot become a flood of fsyncs.
  let writeProbe: { startedAt: number, result: Promise<StorageCheck> } | null = null
  function databaseWritable (): Promise<StorageCheck> {
    const now = Date.now()
    if (writeProbe === null || now - writeProbe.startedAt >= WRITE_PROBE_INTERVAL_MS) writeProbe = { startedAt: now, result: app.storage.check() }
    return writeProbe.result
  }

  app.get('/health', {
    config: noRateLimit,
    schema: {
      operationId: 'getHealth',
      summary: 'Liveness probe',
      description: 'Answers while the process is alive. Does no I/O, so it stays fast while simulations run.',
      tags: ['system'],
      security: [],
      response: { 200: HealthResponse }
    }
  }, async () => ({ status: 'healthy' as const, service: SERVICE_NAME, version: PACKAGE_VERSION, timestamp: app.now().toISOString() }))

  app.get('/ready', {
    config: noRateLimit,
    schema: {
      operationId: 'getReady',
      summary: 'Readiness probe',
      description: 'Checks the database (the SQLite file, or PostgreSQL when DATABASE_URL is set) and that it takes a write (at most one probe a second), pending migrations and event-loop delay; 503 with the failing check when the instance should not take traffic. With REDIS_URL, `checks.redis` is `degraded` while Redis is unreachable, and the answer stays 200: limits and cache fall back to per-instance memory; `redis_circuit` is the state of the circuit breaker in front of it.',
      tags: ['system'],
      security: [],
      response: { 200: ReadyResponse, 503: ReadyResponse }
    }
  }, async (_request, reply) => {
    const failing: Array<{ check: string, detail: string }> = []
    const [database, redis] = await Promise.all([app.database.check(), app.redis?.check()])
    const writable = database.ok ? await databaseWritable() : database
    if (!writable.ok) failing.push({ check: 'database', detail: writable.detail })
    let pending: string[] = []
    if (database.ok) {
      try {
        pending = await app.database.pending()
      } catch (err) {
        pending = [(err as Error).message]
      }
    }
    if (pending.length > 0) failing.push({ check: 'migrations', detail: `pending: ${pending.join(', ')}` })
    if (app.underPressure.overloaded()) {
      const delay = app.underPressure.delayMs()
      failing.push({ check: 'event_loop', detail: Number.isFinite(delay) ? `event-loop delay ${delay.toFixed(0)} ms` : 'event loop blocked for a whole sampling interval' })
    }
    const status = (check: string): 'ok' | 'fail' => failing.some((f) => f.check === check) ? 'fail' : 'ok'
    const body: Ready = {
      ready: failing.length === 0,
      checks: {
        database: status('database'),
        migrations: status('migrations'),
        event_loop: status('event_loop'),
        // Redis down is not a reason to take the instance out: limits and cache fall back to memory.
        ...(redis !== undefined ? { redis } : {})
      },
      ...(app.redis !== null ? { redis_circuit: app.redis.circuit } : {}),
      ...(failing.length > 0 ? { failing } : {}),
      timestamp: app.now().toISOString()
    }
    return reply.code(failing.length === 0 ? 200 : 503).send(body)
  })

  app.get('/version', {
    config: noRateLimit,
    schema: {
      operationId: 'getVersion',
      summary: 'Build and model version',
      tags: ['system'],
      security: [],
      response: { 200: VersionResponse }
    }
  }, async () => ({
    version: PACKAGE_VERSION,
    api_name: API_NAME,
    build_commit: app.config.buildCommit,
    build_time: app.config.buildTime,
    model_version: MODEL_VERSION,
    env: app.config.env,
    node: process.version,
    node_version: process.version,
    storage: app.storage.kind,
    disclaimer: DISCLAIMER
  }))

  app.get('/api/v2/health', {
    schema: {
      operationId: 'getV2Health',
      summary: 'Health of the v2 components',
      description: 'Runs a tiny closed-form computation through the engine and the uncertainty metrics, and a read on the token ledger.',
      tags: ['system'],
      security: [],
      response: { 200: V2HealthResponse, ...problemResponses(429) }
    }
  }, async () => {
    const engine = selfTest()
    const ledger = (await app.database.check()).ok
    const components = {
      sim_engine: engine.engine ? 'ok' as const : 'degraded' as const,
      uncertainty_metrics: engine.uncertainty ? 'ok' as const : 'degraded' as const,
      token_ledger: ledger ? 'ok' as const : 'degraded' as const
    }
    const healthy = Object.values(components).every((c) => c === 'ok')
    return { status: healthy ? 'healthy' as const : 'degraded' as const, version: PACKAGE_VERSION, timestamp: app.now().toISOString(), components }
  })

  app.get('/metrics', {
    config: noRateLimit,
    schema: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description: 'Prometheus text exposition. Protected by METRICS_TOKEN (bearer) when it is configured.',
      tags: ['system'],
      security: [{}, { metricsAuth: [] }],
      produces: ['text/plain'],
      response: {
        200: Type.Unsafe({ description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } }),
        ...problemResponses(401, 429)
      }
    }
  }, async (request, reply) => {
    const expected = app.config.metricsToken
    if (expected !== null) {
      const given = bearerToken(request.headers.authorization)
      if (given === null || !secretsEqual(given, expected)) {
        // A wrong token counts as a failed authentication of the client's address (429 past the limit).
        if (request.headers.authorization !== undefined) await app.recordFailedAuthentication(request)
        throw unauthorized('GET /metrics needs the METRICS_TOKEN as a bearer token.')
      }
    }
    const text = await app.metrics.registry.metrics()
    return reply.type(app.metrics.registry.contentType).send(text)
  })
}

export default systemRoutes
