import t from 'tap'
import type { Storage } from '../../src/storage/port.js'
import { PostgresStorage, openPostgresStorage } from '../../src/storage/postgres/storage.js'
import { createPool } from '../../src/storage/postgres/pool.js'
import { verifyPostgresLedger } from '../../src/storage/postgres/verify.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { runStorageContract } from './contract.js'

const urls = new WeakMap<Storage, string>()

runStorageContract(t, {
  name: 'postgres',
  open: async (t, now) => {
    const { url } = await createTestDatabase(t)
    const { storage } = await openPostgresStorage({ connectionString: url, now })
    t.teardown(async () => { await storage.close() })
    urls.set(storage, url)
    return storage
  },
  openPeer: async (t, storage, now) => {
    const peer = new PostgresStorage(createPool(urls.get(storage) as string), { now })
    t.teardown(async () => { await peer.close() })
    return peer
  },
  verify: async (storage) => await verifyPostgresLedger((storage as PostgresStorage).pool)
})
