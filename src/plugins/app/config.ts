import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { AppConfig } from '../../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig
    /** The clock every time-dependent rule reads (daily grants, TTLs); tests inject their own. */
    now: () => Date
  }
}

export interface ConfigPluginOptions {
  config: AppConfig
  now?: () => Date
}

async function configPlugin (app: FastifyInstance, opts: ConfigPluginOptions): Promise<void> {
  app.decorate('config', opts.config)
  app.decorate('now', opts.now ?? (() => new Date()))
}

export default fp(configPlugin, { name: 'config' })
