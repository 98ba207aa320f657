import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * X-Request-ID on every response (the id itself comes from serverOptions().genReqId), a
 * Server-Timing header, and one JSON log line per request with the fields of SPEC §1.1.
 */
async function requestContextPlugin (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.addHook('onSend', async (_request, reply) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`)
  })

  app.addHook('onResponse', async (request, reply) => {
    request.log.info({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      duration_ms: Number(reply.elapsedTime.toFixed(2))
    }, 'request completed')
  })
}

export default fp(requestContextPlugin, { name: 'request-context' })
