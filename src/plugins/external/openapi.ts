import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentFor, type ApiVersion, type OpenApiDocument } from '../../openapi.js'
import { sharedSchemas } from '../../schemas/index.js'
import { IDEMPOTENCY_POLICY } from '../../schemas/docs.js'
import { appendRouteHook } from '../../route-hooks.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The v1 or v2 OpenAPI document, generated from the registered routes. */
    openapi: (version: ApiVersion) => OpenApiDocument
  }
}

export interface SwaggerPluginOptions {
  version: string
}

/** Builds the contracts from the TypeBox route schemas; serves them and Swagger UI at /docs. */
async function openapiPlugin (app: FastifyInstance, opts: SwaggerPluginOptions): Promise<void> {
  for (const schema of sharedSchemas) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trickster Oracle API',
        version: opts.version,
        description: 'Educational sports analytics: Monte Carlo simulations that show the full uncertainty around a sports event ' +
          '(distributions, scenarios, volatility, data quality, confidence decay). It does not predict outcomes. ' +
          'A free tier is always open; tokens unlock depth of analysis, never certainty.\n\n' + IDEMPOTENCY_POLICY,
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' }
      },
      servers: [{ url: '/', description: 'This deployment' }],
      tags: [
        { name: 'system', description: 'Liveness, readiness, version, metrics' },
        { name: 'simulation', description: 'Monte Carlo simulations of sports events' },
        { name: 'catalog', description: 'Sample events usable by event_id' },
        { name: 'tokens', description: 'Balances, ledger, tiers and top-ups' },
        { name: 'actors', description: 'Accounts that hold tokens' },
        { name: 'cache', description: 'The simulation response cache' },
        { name: 'lab', description: 'Trickster Lab: learning modules, quizzes and progress' },
        { name: 'leagues', description: 'Leagues: real results in, fitted ratings with their uncertainty, a walk-forward backtest' }
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An actor API key from POST /api/v2/actors.' },
          adminAuth: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of this deployment.' },
          metricsAuth: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN, when configured.' }
        }
      }
    },
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, i) {
        return typeof json.$id === 'string' ? json.$id : `def-${i}`
      }
    }
  })

  const documents = new Map<ApiVersion, OpenApiDocument>()
  app.decorate('openapi', (version: ApiVersion) => {
    let doc = documents.get(version)
    if (doc === undefined) {
      doc = documentFor(app.swagger() as OpenApiDocument, version)
      documents.set(version, doc)
    }
    return doc
  })

  for (const version of ['v1', 'v2'] as const) {
    app.get(`/openapi/${version}.json`, { schema: { hide: true } }, async (_request, reply) => {
      return reply.type('application/json').send(app.openapi(version))
    })
  }

  // @fastify/swagger-ui redirects /docs/static/index.html to /docs/ by rewriting a URL that ends with
  // it, so with a query string it redirected to itself forever: the same redirect, query kept.
  // A hook of that one route only (added as swagger-ui registers it), so no other request runs it.
  app.addHook('onRoute', (route) => {
    if (route.url !== '/docs/static/index.html') return
    appendRouteHook(route, 'onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const query = request.url.split('?', 2)[1]
      if (query === undefined) return done()
      reply.redirect(`/docs/?${query}`)
    })
  })

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // No staticCSP: the /docs policy is helmet's docs set (src/plugins/external/helmet.ts). The
    // plugin's own policy forbids the inline styles Swagger UI applies, a console error in browsers.
    uiConfig: {
      // No badge from validator.swagger.io: it would send the document's URL to a third party.
      validatorUrl: null,
      urls: [
        { url: '/openapi/v2.json', name: 'v2 (current)' },
        { url: '/openapi/v1.json', name: 'v1 (legacy)' }
      ],
      deepLinking: true,
      displayRequestDuration: true
    }
  })
}

export default fp(openapiPlugin, { name: 'openapi' })
