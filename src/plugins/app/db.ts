import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { databaseFile, migrate, openSoundDatabase, type SqliteDatabase } from '../../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: SqliteDatabase
  }
}

export interface DbPluginOptions {
  migrationsDir?: string
}

/**
 * Opens the SQLite database under DATA_DIR (checked, then migrated) and closes it with the app. The
 * storage plugin builds the storage port and the /ready checks on it (src/db/health.ts).
 */
async function dbPlugin (app: FastifyInstance, opts: DbPluginOptions): Promise<void> {
  const file = databaseFile(app.config.dataDir)
  // A damaged file stops start-up here (one line naming the file), before anything can be written to it.
  const db = openSoundDatabase(file, { synchronous: app.config.sqliteSynchronous })
  try {
    const applied = migrate(db, opts.migrationsDir)
    if (applied.length > 0) app.log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied')
  } catch (err) {
    db.close()
    throw err
  }
  app.decorate('db', db)
  app.addHook('onClose', async () => {
    db.close()
  })
}

export default fp(dbPlugin, { name: 'db', dependencies: ['config'] })
