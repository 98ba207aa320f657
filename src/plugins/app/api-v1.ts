import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { ProblemError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route of the legacy v1 contract (docs/API.md, "v1"), and the v2 route that replaces it. */
    v1Successor?: string
  }
}

/**
 * `API_V1_ENABLED=false` retires the v1 contract: its routes stay documented and routed, and answer
 * 410 Gone (problem+json) naming their v2 successor — before authentication, limits or validation,
 * since nothing a retired route could check matters to the caller. Keyed on the matched route.
 */
async function apiV1Plugin (app: FastifyInstance): Promise<void> {
  if (app.config.apiV1Enabled) return
  app.addHook('onRoute', (route) => {
    const successor = route.config?.v1Successor
    if (successor === undefined) return
    const gone: onRequestHookHandler = (_request: FastifyRequest, _reply: FastifyReply, done) => {
      done(new ProblemError(410, 'api_v1_retired',
        `API v1 is retired on this deployment. Use ${successor} (the v2 contract: /openapi/v2.json, /docs).`,
        { successor }, { link: `<${successor}>; rel="successor-version"` }))
    }
    const existing = route.onRequest
    route.onRequest = existing === undefined ? [gone] : [gone, ...(Array.isArray(existing) ? existing : [existing])]
  })
}

export default fp(apiV1Plugin, { name: 'api-v1', dependencies: ['config'] })
