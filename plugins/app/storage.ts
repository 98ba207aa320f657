import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import type { Storage } from '../../src/storage/port.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Everything durable: ledger, idempotency records, actor transactions (src/storage/port.ts). */
    storage: Storage
  }
}

/** The storage port on the app's SQLite database, with the app's clock. */
async function storagePlugin (app: FastifyInstance): Promise<void> {
  app.decorate('storage', new SqliteStorage(app.db, { now: app.now }))
}

export default fp(storagePlugin, { name: 'storage', dependencies: ['db', 'config'] })
