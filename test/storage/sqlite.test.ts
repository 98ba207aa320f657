import { join } from 'node:path'
import t from 'tap'
import { migrate, openDatabase, type SqliteDatabase } from '../../src/db/database.js'
import { verifyLedger } from '../../src/ledger/verify.js'
import type { Storage } from '../../src/storage/port.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { runStorageContract } from './contract.js'

const files = new WeakMap<Storage, { file: string, db: SqliteDatabase }>()

runStorageContract(t, {
  name: 'sqlite',
  open: async (t, now) => {
    const file = join(t.testdir(), 'trickster.db')
    const db = openDatabase(file)
    migrate(db)
    const storage = new SqliteStorage(db, { now })
    t.teardown(async () => { await storage.close() })
    files.set(storage, { file, db })
    return storage
  },
  // Another connection on the same file, as a second process would have.
  openPeer: async (t, storage, now) => {
    const peer = new SqliteStorage(openDatabase((files.get(storage) as { file: string }).file), { now })
    t.teardown(async () => { await peer.close() })
    return peer
  },
  verify: async (storage) => verifyLedger((files.get(storage) as { db: SqliteDatabase }).db)
})
