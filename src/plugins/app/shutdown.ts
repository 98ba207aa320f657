import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * Graceful shutdown of keep-alive connections (docs/DEPLOY_RENDER.md, "Honest limits"). On close,
 * the server stops listening and drops idle connections at once, but a connection busy with a
 * request would, once answered, sit idle for the keep-alive timeout and hold the process until the
 * force timeout. So from the moment closing starts, every answer carries `Connection: close`, and
 * Node ends each connection with the answer it was waiting for.
 */
async function shutdownPlugin (app: FastifyInstance): Promise<void> {
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
}

export default fp(shutdownPlugin, { name: 'shutdown' })
