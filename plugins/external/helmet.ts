import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { FastifyInstance } from 'fastify'

/**
 * Security headers from `helmet`. We call the helmet middleware directly instead of through
 * @fastify/helmet: that wrapper rebuilds the middleware (and its CSP string) on every request,
 * which halved GET /health throughput in `npm run bench:http`. Built once here, it costs little.
 * The CSP allows what Swagger UI at /docs needs (its own scripts, inline styles).
 */
async function helmetPlugin (app: FastifyInstance): Promise<void> {
  const applySecurityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"]
      }
    }
  })
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (err?: unknown) => { done(err as Error | undefined) })
  })
}

export default fp(helmetPlugin, { name: 'helmet' })
