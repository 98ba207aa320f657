import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

/** CORS for the origins listed in CORS_ORIGINS only (exact match); others get no Access-Control headers. */
async function corsPlugin (app: FastifyInstance): Promise<void> {
  const allowed = new Set(app.config.corsOrigins)
  // An OPTIONS without Origin and Access-Control-Request-Method is no CORS preflight: it gets the
  // answer of any unsupported method (404 unknown path, 405 with Allow), as problem+json, instead of
  // @fastify/cors's text/plain 400 "Invalid Preflight Request".
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'OPTIONS' || (request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined)) return done()
    reply.callNotFound()
  })
  await app.register(cors, {
    origin: allowed.size === 0 ? false : [...allowed],
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Idempotency-Key', 'X-Request-ID', 'X-Actor-ID', 'X-User-ID'],
    exposedHeaders: ['X-Request-ID', 'Server-Timing', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Idempotent-Replayed'],
    maxAge: 600
  })
}

export default fp(corsPlugin, { name: 'cors', dependencies: ['config'] })
