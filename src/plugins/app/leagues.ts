import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { LeagueService, type LeagueComputer } from '../../leagues/service.js'
import { createLeagueComputer } from '../../leagues/pool.js'
import { embeddedLeague } from '../../leagues/embedded.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Leagues: import, fitted ratings, backtest, simulation inputs (src/leagues/service.ts). */
    leagues: LeagueService
  }
}

/**
 * Decorates the app with the leagues service on the storage port, with its heavy work on the simulation runner's
 * queue and worker pool, and creates the embedded synthetic league on a store
 * that has no league yet (SPEC §13.6).
 */
export interface LeaguesPluginOptions {
  /** Where backtests and outlooks run; default: the simulation runner's queue and worker pool. */
  computer?: LeagueComputer
}

async function leaguesPlugin (app: FastifyInstance, options: LeaguesPluginOptions): Promise<void> {
  const service = new LeagueService(app.storage.leagues, app.now, options.computer ?? createLeagueComputer(app.simulationRunner))
  app.decorate('leagues', service)
  app.addHook('onClose', async () => { await service.close() })
  await service.ensureEmbeddedDefault(embeddedLeague)
}

export default fp(leaguesPlugin, { name: 'leagues', dependencies: ['storage', 'config', 'simulation-runner'] })
