import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SqliteTokenLedger, type TokenLedger } from '../../src/ledger/index.js'
import type { SqliteDatabase } from '../../src/db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    ledger: TokenLedger<SqliteDatabase>
  }
}

/** The token ledger on the app's database, with the app's clock. */
async function ledgerPlugin (app: FastifyInstance): Promise<void> {
  app.decorate('ledger', new SqliteTokenLedger(app.db, { now: app.now }))
}

export default fp(ledgerPlugin, { name: 'ledger', dependencies: ['db', 'config'] })
