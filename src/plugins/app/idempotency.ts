import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { fingerprintOf } from '../../fingerprint.js'
import { ProblemError, badRequest } from '../../errors.js'
import type { IdempotencyRecord } from '../../storage/idempotency.js'
import type { IdempotencyRef } from '../../storage/port.js'
import { isAbandoned, processOwner } from '../../idempotency/owner.js'
import { appendRouteHook } from '../../route-hooks.js'
import { inSpan } from '../../telemetry/spans.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POST routes that create, charge or grant: Idempotency-Key is honoured (docs/API.md, "Idempotency"). */
    idempotent?: boolean
    /** Top-level response fields never stored for replay (secrets shown once, e.g. api_key): replayed as null. */
    idempotencyRedact?: string[]
  }
  interface FastifyRequest {
    /** The record of this attempt; the billing service ties the request's charge to it. */
    idempotency: IdempotencyRef | null
  }
}

const KEY = /^[\x20-\x7e]{1,255}$/
const PURGE_INTERVAL_MS = 10 * 60_000
/** Response headers kept with the stored body and sent again on a replay. */
const REPLAYED_HEADERS = ['content-type', 'location']

function idempotencyKeyOf (request: FastifyRequest): string | null {
  const current = request.headers['idempotency-key']
  const legacy = request.headers['x-idempotency-key']
  if (Array.isArray(current) || Array.isArray(legacy)) throw badRequest('invalid_idempotency_key', 'Send one Idempotency-Key header.')
  if (current !== undefined && legacy !== undefined && current !== legacy) {
    throw badRequest('invalid_idempotency_key', 'Idempotency-Key and X-Idempotency-Key differ; send one of them.')
  }
  const key = current ?? legacy
  if (key === undefined) return null
  if (!KEY.test(key)) throw badRequest('invalid_idempotency_key', 'The idempotency key must be 1–255 printable ASCII characters.')
  return key
}

/** What an idempotency key must repeat exactly: the body, and the path parameters when the route has any. */
function paramsAndBody (request: FastifyRequest): unknown {
  const params = request.params as Record<string, string> | undefined
  const body = request.body ?? null
  return params === undefined || Object.keys(params).length === 0 ? body : { params, body }
}

function principalOf (request: FastifyRequest): string {
  if (request.actor !== null) return `actor:${request.actor.actor_id}`
  if (request.routeOptions.config.auth === 'admin') return 'admin'
  return `ip:${request.ip}`
}

/** The stored body, flagged as a replay in its `meta` where it has one; every other byte is unchanged. */
function redact (payload: string, fields: string[] | undefined): string {
  if (fields === undefined) return payload
  const parsed = JSON.parse(payload) as Record<string, unknown>
  for (const field of fields) if (field in parsed) parsed[field] = null
  return JSON.stringify(parsed)
}

function replayBody (record: IdempotencyRecord): string {
  const body = record.body as string
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    const meta = parsed?.meta
    if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
      (meta as Record<string, unknown>).idempotency_replay = true
      return JSON.stringify(parsed)
    }
  } catch {}
  return body
}

async function idempotencyPlugin (app: FastifyInstance): Promise<void> {
  const store = app.storage.idempotency
  const owner = processOwner()
  const ttlMs = app.config.idempotencyTtlHours * 3_600_000

  app.decorateRequest('idempotency', null)

  await store.purgeExpired(app.now().getTime())
  const purgeTimer = setInterval(() => {
    store.purgeExpired(app.now().getTime()).catch((err: unknown) => app.log.error({ err }, 'idempotency purge failed'))
  }, PURGE_INTERVAL_MS)
  purgeTimer.unref()
  app.addHook('onClose', async () => clearInterval(purgeTimer))

  /** Starts an attempt under `key`; true when it answered already (a replay). */
  async function begin (request: FastifyRequest, reply: FastifyReply, key: string): Promise<boolean> {
    const scope = `${principalOf(request)}|${request.method}|${request.routeOptions.url ?? request.url}`
    const now = app.now().getTime()
    const outcome = await store.begin(
      // The path parameters are part of the request: the same key on another module's unlock is a
      // different request (422), never a replay of the first one's answer.
      { scope, key, fingerprint: fingerprintOf(paramsAndBody(request)), owner, now, ttlMs },
      (record) => isAbandoned(record, owner, now)
    )
    switch (outcome.kind) {
      case 'mismatch':
        app.metrics.idempotencyConflicts.inc({ error: 'idempotency_key_reused' })
        throw new ProblemError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body. Use a new key for a new request.')
      case 'in_progress':
        app.metrics.idempotencyConflicts.inc({ error: 'idempotency_in_progress' })
        throw new ProblemError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed. Retry shortly.', {}, { 'retry-after': '1' })
      case 'replay': {
        app.metrics.idempotencyReplays.inc()
        const headers = JSON.parse(outcome.record.headers ?? '{}') as Record<string, string>
        reply.code(outcome.record.status_code as number).headers(headers).header('idempotent-replayed', 'true').send(replayBody(outcome.record))
        return true
      }
      case 'proceed':
        request.idempotency = { scope, key }
        return false
    }
  }

  // Route-level hooks on the idempotent routes only; callback-style, since most requests carry no key.
  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent !== true) return
    appendRouteHook(route, 'preHandler', preHandler)
    appendRouteHook(route, 'onSend', onSend)
  })

  function preHandler (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    let key: string | null
    try {
      key = idempotencyKeyOf(request)
    } catch (err) {
      return done(err as Error)
    }
    if (key === null) return done()
    // A replay has been sent from the hook: the handler must not run (done is not called).
    inSpan('idempotency.begin', {}, async (span) => {
      const replied = await begin(request, reply, key)
      span.setAttribute('trickster.idempotency.replay', replied)
      return replied
    }).then((replied) => { if (!replied) done() }, done)
  }

  function onSend (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void {
    if (request.idempotency === null) return done(null, payload)
    inSpan('idempotency.complete', { 'trickster.idempotency.stored': reply.statusCode >= 200 && reply.statusCode < 300 }, async () => await finish(request, reply, payload))
      .then((body) => done(null, body), done)
  }

  async function finish (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const attempt = request.idempotency as IdempotencyRef
    request.idempotency = null
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      const headers: Record<string, string> = {}
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name)
        if (value !== undefined) headers[name] = String(value)
      }
      const body = redact(payload, request.routeOptions.config.idempotencyRedact)
      await store.complete({ scope: attempt.scope, key: attempt.key, statusCode: reply.statusCode, headers, body })
    } else {
      // Only 2xx answers are kept: a failed attempt charged nothing, so the client may retry it.
      await store.release(attempt.scope, attempt.key, owner)
    }
    return payload
  }
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['storage', 'config', 'metrics'] })
