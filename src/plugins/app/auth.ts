import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor } from '../../ledger/index.js'
import { bearerToken, secretsEqual } from '../../auth/bearer.js'
import { ProblemError, forbidden, unauthorized } from '../../errors.js'
import { appendRouteHook } from '../../route-hooks.js'
import { inSpan } from '../../telemetry/spans.js'

/**
 * Who may call a route, set as `config.auth`:
 * - `none`: no identity (probes, sign-up);
 * - `optional`: an actor when credentials are sent (free tier, catalog); bad credentials still fail;
 * - `actor`: an actor is required (401 without);
 * - `admin`: the ADMIN_TOKEN bearer is required.
 */
export type AuthPolicy = 'none' | 'optional' | 'actor' | 'admin'

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthPolicy
  }
  interface FastifyRequest {
    /** The authenticated actor, or null. */
    actor: Actor | null
  }
}

const ACTOR_ID = /^[A-Za-z0-9._:-]{1,64}$/

function utcDay (date: Date): string {
  return date.toISOString().slice(0, 10)
}

async function authPlugin (app: FastifyInstance): Promise<void> {
  const { authMode, adminToken, dailyTokens } = app.config
  // Which actors already had today's grant checked, so the grant costs a write once a day, not per request.
  // The database's UNIQUE(actor, day) is what makes the grant exactly-once; this only saves work.
  const grantChecked = new LRUCache<string, string>({ max: 100_000 })

  app.decorateRequest('actor', null)

  async function grantDailyOnce (request: FastifyRequest, actor: Actor): Promise<void> {
    const today = utcDay(app.now())
    if (grantChecked.get(actor.actor_id) === today) return
    if (dailyTokens > 0) {
      await app.billing.grantDaily({ actorId: actor.actor_id, amount: dailyTokens, requestId: request.id })
    }
    grantChecked.set(actor.actor_id, today)
  }

  /** The identity headers X-Actor-ID / X-User-ID; when both are sent they must agree. */
  function claimedActorId (request: FastifyRequest): string | null {
    const claims = [request.headers['x-actor-id'], request.headers['x-user-id']]
      .filter((v): v is string => typeof v === 'string')
    if (claims.length === 0) return null
    if (claims.some((c) => !ACTOR_ID.test(c))) {
      throw new ProblemError(400, 'invalid_actor_id', 'X-Actor-ID / X-User-ID must be 1–64 characters of [A-Za-z0-9._:-].')
    }
    if (claims.length === 2 && claims[0] !== claims[1]) throw forbidden('actor_mismatch', 'X-Actor-ID and X-User-ID name different actors.')
    return claims[0]
  }

  /**
   * A credential was sent and is not valid: counted against the client's address (the rate-limit
   * plugin's decorator, registered after this plugin and used only at request time), then 401 —
   * or 429 once the address is over its failed-authentication limit.
   */
  async function rejectCredential (request: FastifyRequest, detail: string): Promise<never> {
    await app.recordFailedAuthentication(request)
    throw unauthorized(detail)
  }

  async function resolveActor (request: FastifyRequest): Promise<Actor | null> {
    const claimed = claimedActorId(request)
    const key = bearerToken(request.headers.authorization)
    if (request.headers.authorization !== undefined && key === null) await rejectCredential(request, 'The Authorization header must be "Bearer <api_key>".')
    let actor: Actor | null = null
    if (key !== null) {
      actor = await app.storage.ledger.authenticate(key)
      if (actor === null) return await rejectCredential(request, 'The API key is not valid.')
      if (claimed !== null && claimed !== actor.actor_id) {
        throw forbidden('actor_mismatch', 'X-Actor-ID / X-User-ID does not match the actor of the API key.')
      }
    } else if (claimed !== null && authMode === 'header') {
      actor = await app.storage.ledger.ensureActor(claimed)
    } else if (claimed !== null) {
      throw unauthorized('Identity headers alone are not accepted; send Authorization: Bearer <api_key>.')
    }
    if (actor?.disabled === true) throw forbidden('actor_disabled', 'This actor is disabled.')
    return actor
  }

  function checkAdmin (request: FastifyRequest): Promise<void> | undefined {
    if (adminToken === null) {
      throw new ProblemError(503, 'admin_disabled', 'Admin routes are disabled: no ADMIN_TOKEN is configured.')
    }
    const given = bearerToken(request.headers.authorization)
    if (given === null) {
      const detail = 'This admin route needs Authorization: Bearer <ADMIN_TOKEN>.'
      if (request.headers.authorization === undefined) throw unauthorized(detail)
      return rejectCredential(request, detail)
    }
    if (secretsEqual(given, adminToken)) return undefined
    // A valid actor key is a credential without the right (403); anything else is not a credential (401).
    return app.storage.ledger.authenticate(given).then(async (actor) => {
      if (actor !== null) throw forbidden('admin_required', 'This route is for administrators only.')
      return await rejectCredential(request, 'The admin token is not valid.')
    })
  }

  async function authenticateRequest (request: FastifyRequest, policy: AuthPolicy): Promise<void> {
    if (policy === 'admin') {
      await checkAdmin(request)
      return
    }
    const actor = await resolveActor(request)
    if (actor === null) {
      if (policy === 'actor') throw unauthorized('This route needs an actor: send Authorization: Bearer <api_key> (create one with POST /api/v2/actors).')
      return
    }
    request.actor = actor
    await grantDailyOnce(request, actor)
  }

  // Attached to the routes that declare a policy, ahead of their rate-limit hook (the limit is keyed
  // by the actor). Callback-style, with a synchronous way out for anonymous free-tier requests.
  app.addHook('onRoute', (route) => {
    const policy = route.config?.auth ?? 'none'
    if (policy === 'none') return
    appendRouteHook(route, 'onRequest', (request: FastifyRequest, _reply: unknown, done: (err?: Error) => void) => {
      const { headers } = request
      if (policy === 'optional' && headers.authorization === undefined && headers['x-actor-id'] === undefined && headers['x-user-id'] === undefined) return done()
      inSpan('auth', { 'trickster.auth.policy': policy }, async (span) => {
        await authenticateRequest(request, policy)
        if (request.actor !== null) span.setAttribute('enduser.id', request.actor.actor_id)
      }).then(() => done(), done)
    })
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['storage', 'billing', 'config'] })
