import fp from 'fastify-plugin'
import rateLimit, { type FastifyRateLimitStoreCtor, type RateLimitOptions } from '@fastify/rate-limit'
// @ts-expect-error -- the plugin's own fixed-window store; it ships no type declarations.
import LocalStore from '@fastify/rate-limit/store/LocalStore.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError } from '../../errors.js'
import { SimulationBucketStore } from '../../rate-limit/simulation-bucket.js'
// @ts-expect-error -- the plugin's own Redis fixed-window store; it ships no type declarations.
import RedisStore from '@fastify/rate-limit/store/RedisStore.js'
import { FallbackStore, type RateLimitStore } from '../../rate-limit/fallback-store.js'
import { RedisSimulationBucketStore } from '../../rate-limit/redis-simulation-bucket.js'
import { clientBucket } from '../../rate-limit/client-address.js'

/** Which limit a route is under; `api` is the default for every route whose path starts with /api/. */
export type RateLimitPolicy = 'api' | 'signup' | 'simulation'

/** Rejected credentials (unknown API key, wrong admin or metrics token) allowed per client address per minute. */
export const FAILED_AUTHENTICATIONS_PER_MINUTE = 20

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimitPolicy?: RateLimitPolicy
  }
  interface FastifyInstance {
    /**
     * Counts a rejected credential against the client's address; past the limit it throws a 429
     * problem instead of letting the caller answer 401. Valid credentials are never counted nor
     * refused, so clients sharing an address with a prober keep working.
     */
    recordFailedAuthentication: (request: FastifyRequest) => Promise<void>
  }
}

/** The client's address bucket: canonical IPv4, or the IPv6 /64 (src/rate-limit/client-address.ts). */
function ipKey (request: FastifyRequest): string {
  return `ip:${clientBucket(request.ip, request.socket.remoteAddress)}`
}

/** Principal = the authenticated actor (auth runs first, in a route-level onRequest hook), else the client address. */
function principalKey (request: FastifyRequest): string {
  return request.actor !== null ? `actor:${request.actor.actor_id}` : ipKey(request)
}

/**
 * The limits of docs/API.md ("Rate limits") with @fastify/rate-limit: one registration, one store class that hands each route
 * the store of its policy. Simulation routes get a token bucket with an hourly cap in a single
 * store (two stacked `rateLimit()` hooks would silently enforce only the first); sign-up and the
 * general /api limit use the plugin's own fixed-window store. Probes, docs and metrics are exempt.
 */
async function rateLimitPlugin (app: FastifyInstance): Promise<void> {
  const { config } = app
  const simulationLimits = {
    burst: config.rateLimitBurst,
    perMinute: config.rateLimitPerMinute,
    hourlyAnonymous: config.rateLimitHourlyAnonymous,
    hourlyActor: config.rateLimitHourlyActor
  }
  const clock = (): number => app.now().getTime()
  const simulationStore = new SimulationBucketStore(simulationLimits, clock)
  // With REDIS_URL every policy counts in Redis, shared by all instances, each backed by this
  // instance's memory store for when Redis cannot answer (src/rate-limit/fallback-store.ts).
  const { redis } = app
  const sharedSimulationStore = redis === null
    ? null
    : new FallbackStore(new RedisSimulationBucketStore(redis.client, simulationLimits, clock, redis.prefix), simulationStore, redis)
  const sharedWindowStore = redis === null
    ? null
    : new FallbackStore(new RedisStore(false, false, redis.client, `${redis.prefix}rl:`) as RateLimitStore, new LocalStore(false, false, 100_000) as RateLimitStore, redis)

  const windowStores = new Map<string, unknown>()
  class PolicyStore extends LocalStore {
    constructor () {
      super(false, false, 100_000)
    }

    child (routeParams: { policy?: RateLimitPolicy, routeInfo?: { method?: string | string[], url?: string } }): unknown {
      if (routeParams.policy === 'simulation') return sharedSimulationStore ?? simulationStore
      // HEAD is GET without the body (Fastify runs GET's handler for it): one bucket for both, so
      // that alternating them does not double a route's limit (docs/API.md, "Rate limits").
      const method = [routeParams.routeInfo?.method ?? 'GET'].flat()[0]
      const bucket = `${method === 'HEAD' ? 'GET' : method} ${routeParams.routeInfo?.url ?? ''}`
      let store = windowStores.get(bucket)
      if (store === undefined) {
        const params = { ...routeParams, routeInfo: { ...routeParams.routeInfo, method: method === 'HEAD' ? 'GET' : method } }
        store = sharedWindowStore?.child(params) ?? new LocalStore(false, false, 100_000)
        windowStores.set(bucket, store)
      }
      return store
    }
  }

  const describe: Record<RateLimitPolicy, string> = {
    api: `at most ${config.rateLimitApiPerMinute} requests per minute`,
    signup: `at most ${config.rateLimitSignupPerHour} sign-ups per hour per IP`,
    simulation: `bursts of ${config.rateLimitBurst} simulations refilling at ${config.rateLimitPerMinute} per minute, ` +
      `and at most ${config.rateLimitHourlyAnonymous} per hour anonymously or ${config.rateLimitHourlyActor} per hour per actor`
  }
  const policyOf = (request: FastifyRequest): RateLimitPolicy => request.routeOptions.config.rateLimitPolicy ?? 'api'

  // Every limit is attached to the matched route, never chosen from the raw URL: the router decodes
  // `/%61pi/…` and the absolute form `http://host/api/…` to the same route, so they meet the same
  // limit (docs/API.md, "Rate limits"). This hook runs before the plugin's own onRoute hook
  // (registered next), which reads `config.rateLimit`. Probes, /docs, /openapi and /metrics get none.
  const limitOf = (policy: RateLimitPolicy): RateLimitOptions & { policy: RateLimitPolicy } => {
    switch (policy) {
      case 'api': return { policy, max: config.rateLimitApiPerMinute, timeWindow: 60_000 }
      case 'signup': return { policy, max: config.rateLimitSignupPerHour, timeWindow: 3_600_000, keyGenerator: ipKey }
      case 'simulation': return { policy, max: config.rateLimitBurst, timeWindow: 60_000 }
    }
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit === false) return
    const policy = route.config?.rateLimitPolicy ?? (route.url.startsWith('/api/') ? 'api' : undefined)
    if (policy === undefined) return
    route.config = { ...route.config, rateLimitPolicy: policy, rateLimit: limitOf(policy) }
  })

  await app.register(rateLimit, {
    global: false,
    store: PolicyStore as unknown as FastifyRateLimitStoreCtor,
    enableDraftSpec: true,
    keyGenerator: principalKey,
    onExceeded: (request) => app.metrics.rateLimited.inc({ policy: policyOf(request) }),
    errorResponseBuilder: (request, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000))
      return new ProblemError(429, 'rate_limited',
        `Rate limit exceeded: this route allows ${describe[policyOf(request)]}. Retry in ${retryAfter} s.`,
        { retry_after_seconds: retryAfter, limit: context.max })
    }
  })

  // Failed authentications have their own fixed window per address, apart from every route's limit.
  const failedAuthentications = app.createRateLimit({ max: FAILED_AUTHENTICATIONS_PER_MINUTE, timeWindow: 60_000, keyGenerator: ipKey })
  app.decorate('recordFailedAuthentication', async (request: FastifyRequest) => {
    app.metrics.failedAuthentications.inc()
    const counted = await failedAuthentications(request)
    if (counted.isAllowed || !counted.isExceeded) return
    app.metrics.rateLimited.inc({ policy: 'failed_authentication' })
    const retryAfter = Math.max(1, counted.ttlInSeconds)
    throw new ProblemError(429, 'rate_limited',
      `Too many failed authentications from this address: at most ${FAILED_AUTHENTICATIONS_PER_MINUTE} a minute. Retry in ${retryAfter} s.`,
      { retry_after_seconds: retryAfter, limit: FAILED_AUTHENTICATIONS_PER_MINUTE }, { 'retry-after': String(retryAfter) })
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['metrics', 'config', 'redis'] })
