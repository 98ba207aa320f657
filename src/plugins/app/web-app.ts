import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page or asset of the web app: helmet gives it the page's security headers. */
    webPage?: boolean
  }
}

/** The app's client-side routes: each serves index.html, so a deep link works on reload (docs/WEB.md). */
export const WEB_APP_PAGES = ['/', '/explore', '/account', '/leagues', '/leagues/:league_id', '/lab', '/lab/:module_id'] as const

export interface WebAppOptions {
  /** The Vite build output (dist/web): index.html, favicon.svg and hashed files under assets/. */
  root: string
}

/** Content-hashed file names change with their content, so a year of caching is safe. */
const ASSET_CACHE = { immutable: true, maxAge: '365d' }

/**
 * Serves the web app built by `npm run build:web` beside the API: the page routes answer
 * index.html with `Cache-Control: no-cache` (a new deploy is picked up at once), hashed assets are
 * immutable for a year. Without a build the service runs as a pure API and says so in its log.
 * Registered before swagger, so none of these routes enters the OpenAPI documents.
 */
async function webAppPlugin (app: FastifyInstance, opts: WebAppOptions): Promise<void> {
  if (!existsSync(join(opts.root, 'index.html'))) {
    app.log.warn({ root: opts.root }, 'web app not built (npm run build:web): only the API is served')
    return
  }
  // serve: false — only reply.sendFile; the routes below are ours, so they carry our route config.
  await app.register(fastifyStatic, { root: opts.root, serve: false, index: false })
  const config = { webPage: true }

  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) =>
    await reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false })
  for (const url of WEB_APP_PAGES) app.get(url, { config, schema: { hide: true } }, sendIndex)

  app.get<{ Params: { '*': string } }>('/assets/*', { config, schema: { hide: true } }, async (request, reply) =>
    await reply.sendFile(request.params['*'], join(opts.root, 'assets'), ASSET_CACHE))

  app.get('/favicon.svg', { config, schema: { hide: true } }, async (_request, reply) =>
    await reply.sendFile('favicon.svg', { maxAge: '1d' }))
}

export default fp(webAppPlugin, { name: 'web-app', dependencies: ['not-found'] })
