import Fastify, { type FastifyInstance, type FastifyPluginCallback } from 'fastify'
import fp from 'fastify-plugin'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DestinationStream } from 'pino'
import { join } from 'node:path'
import type { AppConfig } from './config.js'
import { serverOptions } from './server-options.js'
import { connectRefused } from './client-errors.js'
import { PACKAGE_VERSION, PROJECT_ROOT } from './paths.js'
import configPlugin from './plugins/app/config.js'
import requestContext from './plugins/app/request-context.js'
import errors from './plugins/app/errors.js'
import jsonBody from './plugins/app/json-body.js'
import shutdown from './plugins/app/shutdown.js'
import notFound from './plugins/app/not-found.js'
import metrics from './plugins/app/metrics.js'
import db from './plugins/app/db.js'
import helmet from './plugins/external/helmet.js'
import cors from './plugins/external/cors.js'
import underPressure from './plugins/external/under-pressure.js'
import openapi from './plugins/external/openapi.js'
import rateLimit from './plugins/external/rate-limit.js'
import storage from './plugins/app/storage.js'
import redis from './plugins/app/redis.js'
import billing from './plugins/app/billing.js'
import apiV1 from './plugins/app/api-v1.js'
import auth from './plugins/app/auth.js'
import idempotency from './plugins/app/idempotency.js'
import simulationRunner from './plugins/app/simulation-runner.js'
import simulationCache from './plugins/app/simulation-cache.js'
import simulation from './plugins/app/simulation.js'
import lab from './plugins/app/lab.js'
import leagues from './plugins/app/leagues.js'
import webApp from './plugins/app/web-app.js'
import systemRoutes from './routes/system.js'
import v1SimulateRoutes from './routes/api/v1/simulate.js'
import v2SimulateRoutes from './routes/api/v2/simulate.js'
import eventRoutes from './routes/api/v2/events.js'
import cacheRoutes from './routes/api/v1/cache.js'
import type { SimulationRunner } from './simulation/runner.js'
import { loadLabContent } from './lab/content.js'
import v1TokenRoutes from './routes/api/v1/tokens.js'
import tokenRoutes from './routes/api/v2/tokens.js'
import actorRoutes from './routes/api/v2/actors.js'
import labRoutes from './routes/api/v2/lab.js'
import leagueRoutes from './routes/api/v2/leagues.js'
import adminLeagueRoutes from './routes/api/v2/admin-leagues.js'
import leagueFixtureRoutes from './routes/api/v2/league-fixtures.js'
import leagueSeasonRoutes from './routes/api/v2/league-season.js'
import type { LeagueComputer } from './leagues/service.js'

export interface AppOptions {
  config: AppConfig
  /** Injected clock (daily grants, TTLs); defaults to the wall clock. */
  now?: () => Date
  /** Migrations folder; tests point it at a copy to add a pending migration. */
  migrationsDir?: string
  /** The same for the PostgreSQL migrations (DATABASE_URL). */
  pgMigrationsDir?: string
  /** Simulation runner; tests inject one that fails to prove the automatic refund. */
  runner?: SimulationRunner
  /** The built web app (default dist/web); tests point it at a fixture. */
  webRoot?: string
  /** Where league backtests and outlooks run (default: the simulation runner's queue and pool); tests inject one that fails. */
  leagueComputer?: LeagueComputer
  /** @fastify/otel's plugin when tracing is on (src/telemetry/tracing.ts); absent: no request spans. */
  instrumentation?: FastifyPluginCallback
}

/**
 * The root plugin. Order matters: configuration and request context first, then the external
 * wrappers, then our own concerns, then rate limiting and the OpenAPI documents (both act on the routes
 * registered after them), then the routes.
 */
export async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  // Lab content first (LAB_ENABLED=false: none at all): a bad module file stops start-up before the
  // database opens, and parsing it (a few hundred ms cold) is over before under-pressure samples
  // the event loop, so /ready is not failed by start-up work.
  const labCatalog = opts.config.labEnabled ? loadLabContent(opts.config.labContentDir) : null

  await fastify.register(configPlugin, { config: opts.config, now: opts.now })
  await fastify.register(requestContext)
  await fastify.register(errors)
  await fastify.register(jsonBody)
  await fastify.register(shutdown)
  await fastify.register(notFound)
  await fastify.register(metrics)

  await fastify.register(helmet)
  await fastify.register(cors)
  await fastify.register(underPressure)

  // SQLite under DATA_DIR unless DATABASE_URL names a PostgreSQL database (then the storage plugin opens it).
  if (opts.config.databaseUrl === null) await fastify.register(db, { migrationsDir: opts.migrationsDir })
  await fastify.register(storage, { migrationsDir: opts.migrationsDir, pgMigrationsDir: opts.pgMigrationsDir })
  await fastify.register(redis)
  // Before idempotency: a failed delivery's refund commits before its key is released. Before auth,
  // which applies the daily grant through it.
  await fastify.register(billing)
  await fastify.register(auth)
  // After auth: its 410 hook goes in front of the hooks already attached to a retired v1 route.
  await fastify.register(apiV1)
  await fastify.register(idempotency)
  // After billing and idempotency: the request span ends in an onSend hook @fastify/otel appends to
  // each route as it is added, which then runs after the refund and the idempotency write it times.
  if (opts.instrumentation !== undefined) await fastify.register(opts.instrumentation)
  await fastify.register(simulationRunner, { runner: opts.runner })
  await fastify.register(simulationCache)
  await fastify.register(simulation)
  // LAB_ENABLED=false: every Lab route is an unknown route (404).
  if (labCatalog !== null) await fastify.register(lab, { catalog: labCatalog })
  await fastify.register(leagues, { computer: opts.leagueComputer })
  // After auth (its key is the actor), before the routes it limits.
  await fastify.register(rateLimit)
  // The web app's pages and assets: before openapi, so they stay out of the API documents.
  await fastify.register(webApp, { root: opts.webRoot ?? join(PROJECT_ROOT, 'dist', 'web') })
  // Last before the routes: it documents every route registered after it, and its own /docs
  // routes then see every request decorator of the plugins above.
  await fastify.register(openapi, { version: PACKAGE_VERSION })

  await fastify.register(systemRoutes)
  await fastify.register(v1TokenRoutes)
  await fastify.register(tokenRoutes)
  await fastify.register(actorRoutes)
  await fastify.register(v1SimulateRoutes)
  await fastify.register(v2SimulateRoutes)
  await fastify.register(eventRoutes)
  await fastify.register(cacheRoutes)
  if (labCatalog !== null) await fastify.register(labRoutes)
  await fastify.register(leagueRoutes)
  await fastify.register(adminLeagueRoutes)
  await fastify.register(leagueFixtureRoutes)
  await fastify.register(leagueSeasonRoutes)
}

export interface BuildOptions extends Omit<AppOptions, 'config'> {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: DestinationStream
}

/** Creates the Fastify instance with the shared server options and registers the app. */
export async function build (config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(config, options.logStream)).withTypeProvider<TypeBoxTypeProvider>()
  // Node gives CONNECT to this event, never to the router: answered 405 problem+json, not a closed socket.
  fastify.server.on('connect', connectRefused.bind(fastify as unknown as FastifyInstance))
  // fastify-plugin: the app's decorators, hooks and handlers belong to the root instance.
  await fastify.register(fp(app, { name: 'trickster-oracle' }), { config, now: options.now, migrationsDir: options.migrationsDir, pgMigrationsDir: options.pgMigrationsDir, runner: options.runner, webRoot: options.webRoot, leagueComputer: options.leagueComputer, instrumentation: options.instrumentation })
  return fastify as unknown as FastifyInstance
}
