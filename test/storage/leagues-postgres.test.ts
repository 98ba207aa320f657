import t from 'tap'
import { openPostgresStorage } from '../../src/storage/postgres/storage.js'
import { createTestSchema } from '../fixtures/postgres/database.js'
import { runLeagueStoreContract } from './leagues-contract.js'

runLeagueStoreContract(t, {
  name: 'postgres',
  open: async (t, now) => {
    const { url } = await createTestSchema(t)
    const { storage } = await openPostgresStorage({ connectionString: url, now })
    t.teardown(async () => { await storage.close() })
    return storage.leagues
  }
})
