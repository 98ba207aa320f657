import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { FastifyInstance } from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Security headers from `helmet`, in two sets built once:
 * - JSON API responses get the headers that matter for an API (OWASP REST guidance): HSTS,
 *   nosniff, frame denial, referrer policy, resource policy and a deny-all CSP. Helmet's
 *   HTML-page headers would add ~700 bytes to every answer for nothing.
 * - Swagger UI (/docs) gets a page CSP that allows its own scripts and inline styles.
 * - The web app's pages and assets (routes with `config.webPage`, src/plugins/app/web-app.ts) get a
 *   strict page CSP: scripts, styles and connections from this origin only, no inline script.
 * We do not use @fastify/helmet: it rebuilds the helmet middleware (and its CSP string) on every
 * request, which halved GET /health throughput in `npm run bench:http`. Even built once, running
 * the middleware per request (one validated `setHeader` per header) cost about a third of the
 * headline throughput; helmet's headers do not depend on the request (no CSP nonces here), so we
 * let helmet compute them once and hand Fastify the finished set.
 */
async function helmetPlugin (app: FastifyInstance): Promise<void> {
  const apiHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xFrameOptions: { action: 'deny' }
  })
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI sets inline styles at run time; its scripts are all files.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Not on plain-HTTP hosts: it would send every /docs/static request to https.
        upgradeInsecureRequests: null
      }
    }
  })
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"]
      }
    },
    xFrameOptions: { action: 'deny' }
  })
  const api = headersSetBy(apiHeaders)
  const docs = headersSetBy(docsHeaders)
  const page = headersSetBy(pageHeaders)
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.routeOptions.config.webPage === true ? page : request.url.startsWith('/docs') ? docs : api)
    done()
  })
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void

/** Runs a helmet middleware once against a recording response and returns the headers it set. */
function headersSetBy (middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader (name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = String(value) },
    removeHeader (name: string) { delete headers[name.toLowerCase()] }
  }
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err !== undefined) throw err instanceof Error ? err : new Error(String(err))
  })
  return headers
}

export default fp(helmetPlugin, { name: 'helmet' })
