import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { missingHost } from '../../client-errors.js'

/**
 * X-Request-ID on every response (the id itself comes from serverOptions().genReqId), a
 * Server-Timing header, and one JSON log line per request with the fields of docs/API.md ("Request ids and logs").
 */
async function requestContextPlugin (app: FastifyInstance): Promise<void> {
  // Callback-style hooks: these run on every request, and async hooks cost a promise each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done(missingHost(request) ?? undefined)
  })

  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`)
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      duration_ms: Number(reply.elapsedTime.toFixed(2))
    }, 'request completed')
    done()
  })
}

export default fp(requestContextPlugin, { name: 'request-context' })
