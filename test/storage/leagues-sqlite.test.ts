import { join } from 'node:path'
import t from 'tap'
import { migrate, openDatabase } from '../../src/db/database.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { runLeagueStoreContract } from './leagues-contract.js'

runLeagueStoreContract(t, {
  name: 'sqlite',
  open: async (t, now) => {
    const db = openDatabase(join(t.testdir(), 'trickster.db'))
    migrate(db)
    const storage = new SqliteStorage(db, { now })
    t.teardown(async () => { await storage.close() })
    return storage.leagues
  }
})
