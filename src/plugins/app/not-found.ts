import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import type { FastifyInstance } from 'fastify'
import { buildProblem, sendProblem } from './errors.js'

/**
 * Unknown routes get a 404 problem body; a known path asked with the wrong method gets 405 with
 * `Allow`. Fastify answers both with its own 404, so we keep a shadow router of every registered
 * route (find-my-way, Fastify's own router) to tell the two apart.
 */
async function notFoundPlugin (app: FastifyInstance): Promise<void> {
  const shadow = FindMyWay({ ignoreTrailingSlash: true })
  const methods = new Set<string>()

  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue
      methods.add(method)
      try {
        shadow.on(method as HTTPMethod, route.url, () => {})
      } catch {
        // Already present: Fastify registers HEAD/GET twins and prefixed duplicates.
      }
    }
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    // `OPTIONS *` (and any request target that is not a path) names no resource of this API.
    if (!path.startsWith('/')) {
      return sendProblem(reply, buildProblem(request, 404, 'not_found', `No route matches ${request.method} ${path}. See /docs for the API.`))
    }
    const allowed = [...methods].filter((m) => shadow.find(m as HTTPMethod, path) !== null)
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed
      return sendProblem(reply, buildProblem(request, 405, 'method_not_allowed',
        `${request.method} is not supported on ${path}; use ${allow.join(', ')}.`, { allowed_methods: allow }), { allow: allow.join(', ') })
    }
    return sendProblem(reply, buildProblem(request, 404, 'not_found', `No route matches ${request.method} ${path}. See /docs for the API.`))
  })
}

export default fp(notFoundPlugin, { name: 'not-found', dependencies: ['errors'] })
