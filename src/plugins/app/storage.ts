import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SqliteStorage } from '../../storage/sqlite/index.js'
import type { Storage } from '../../storage/port.js'
import { databaseFile } from '../../db/database.js'
import { sqliteHealth, type DatabaseHealth } from '../../db/health.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Everything durable: ledger, idempotency records, actor transactions (src/storage/port.ts). */
    storage: Storage
    /** What GET /ready asks of the database (SQLite or PostgreSQL). */
    database: DatabaseHealth
  }
}

export interface StoragePluginOptions {
  /** SQLite migrations folder (the db plugin applied them; /ready lists the pending ones). */
  migrationsDir?: string
  /** PostgreSQL migrations folder; tests point it at a copy to add a pending migration. */
  pgMigrationsDir?: string
}

/**
 * The storage port with the app's clock: on the SQLite database of the db plugin by default, or on
 * PostgreSQL when DATABASE_URL is set (docs/ARCHITECTURE.md, "Several instances") — then this plugin
 * also applies the PostgreSQL migrations (once across instances starting together). Either way it
 * decorates the app with the database checks of GET /ready (`app.database`).
 */
async function storagePlugin (app: FastifyInstance, opts: StoragePluginOptions): Promise<void> {
  const { databaseUrl, databasePoolSize } = app.config
  if (databaseUrl === null) {
    app.decorate('storage', new SqliteStorage(app.db, { now: app.now }))
    app.decorate('database', sqliteHealth(app.db, databaseFile(app.config.dataDir), opts.migrationsDir))
    return
  }
  // Loaded only when configured: the SQLite default starts without node-postgres.
  const { openPostgresStorage } = await import('../../storage/postgres/storage.js')
  const { storage, applied } = await openPostgresStorage({
    connectionString: databaseUrl, poolSize: databasePoolSize, timeoutMs: app.config.databaseTimeoutMs, now: app.now, migrationsDir: opts.pgMigrationsDir
  })
  if (applied.length > 0) app.log.info({ migrations: applied }, 'PostgreSQL migrations applied')
  const health: DatabaseHealth = {
    file: null,
    check: async () => await storage.check(),
    pending: async () => await storage.pendingMigrations()
  }
  app.decorate('storage', storage)
  app.decorate('database', health)
  app.addHook('onClose', async () => {
    await storage.close()
  })
}

export default fp(storagePlugin, { name: 'storage', dependencies: ['config'] })
