import fp from 'fastify-plugin'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { databaseFile, migrate, openSoundDatabase, pendingMigrations, type SqliteDatabase } from '../../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: SqliteDatabase
    database: DatabaseHealth
  }
}

/** What GET /ready asks of the database, whichever engine it is (src/plugins/app/storage.ts decorates it for PostgreSQL). */
export interface DatabaseHealth {
  /** The SQLite file; null on PostgreSQL. */
  file: string | null
  /** SQLite: is the file still the one we opened, readable and answering? PostgreSQL: reachable and writable? */
  check: () => Promise<{ ok: boolean, detail: string }>
  /** Migration files on disk not yet applied (a deploy that added one without a restart). */
  pending: () => Promise<string[]>
}

export interface DbPluginOptions {
  migrationsDir?: string
}

const SQLITE_HEADER = 'SQLite format 3\u0000'

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
  const opened = statSync(file)

  const health: DatabaseHealth = {
    file,
    async check () {
      try {
        const now = statSync(file)
        if (now.ino !== opened.ino || now.dev !== opened.dev) return { ok: false, detail: 'database file was replaced or removed' }
        const header = Buffer.alloc(16)
        const fd = openSync(file, 'r')
        try {
          readSync(fd, header, 0, 16, 0)
        } finally {
          closeSync(fd)
        }
        if (header.toString('latin1') !== SQLITE_HEADER) return { ok: false, detail: 'database file is not readable as SQLite' }
        db.prepare('SELECT 1').get()
        return { ok: true, detail: 'ok' }
      } catch (err) {
        return { ok: false, detail: `database unreachable: ${(err as NodeJS.ErrnoException).code ?? 'error'}` }
      }
    },
    async pending () {
      return pendingMigrations(db, opts.migrationsDir).map((m) => m.name)
    }
  }

  app.decorate('db', db)
  app.decorate('database', health)
  app.addHook('onClose', async () => {
    db.close()
  })
}

export default fp(dbPlugin, { name: 'db', dependencies: ['config'] })
