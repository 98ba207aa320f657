import t, { type Test } from 'tap'
import { join } from 'node:path'
import { migrate, openDatabase } from '../../src/db/database.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { isAbandoned, processOwner, IN_FLIGHT_LEASE_MS } from '../../src/idempotency/owner.js'

const FINGERPRINT = 'f'.repeat(64)

function openStore (t: Test) {
  const db = openDatabase(join(t.testdir(), 'trickster.db'))
  migrate(db)
  t.teardown(() => db.close())
  return { db, store: new SqliteStorage(db).idempotency }
}

t.test('expired records are purged; live ones stay', async (t) => {
  const { db, store } = openStore(t)
  const owner = processOwner()
  await store.begin({ scope: 's', key: 'old', fingerprint: FINGERPRINT, owner, now: 1_000, ttlMs: 1_000 }, () => false)
  await store.begin({ scope: 's', key: 'new', fingerprint: FINGERPRINT, owner, now: 5_000, ttlMs: 1_000 }, () => false)
  t.equal(await store.purgeExpired(2_000), 1)
  const keys = db.prepare('SELECT idempotency_key FROM idempotency_records').pluck().all()
  t.same(keys, ['new'])
})

t.test('an expired key starts afresh even with another body', async (t) => {
  const { store } = openStore(t)
  const owner = processOwner()
  t.same(await store.begin({ scope: 's', key: 'k', fingerprint: FINGERPRINT, owner, now: 0, ttlMs: 10 }, () => false), { kind: 'proceed' })
  t.same(await store.begin({ scope: 's', key: 'k', fingerprint: 'e'.repeat(64), owner, now: 5, ttlMs: 10 }, () => false), { kind: 'mismatch' })
  t.same(await store.begin({ scope: 's', key: 'k', fingerprint: 'e'.repeat(64), owner, now: 10, ttlMs: 10 }, () => false), { kind: 'proceed' })
})

t.test('ownership: a record of this process is in progress; of a dead process or past the lease, abandoned', async (t) => {
  const self = processOwner()
  const record = (owner: string, createdAt = 0) => ({ owner, created_at: createdAt } as Parameters<typeof isAbandoned>[0])
  t.notOk(isAbandoned(record(self), self, 1), 'our own attempt is still running')
  const [host, pid] = self.split('|')
  t.ok(isAbandoned(record(`${host}|${pid}|another-boot`), self, 1), 'same pid, earlier boot (e.g. PID 1 in a restarted container)')
  t.ok(isAbandoned(record(`${host}|999999999|x`), self, 1), 'a pid that no longer exists')
  t.notOk(isAbandoned(record(`${host}|1|x`), self, 1), 'a live process (pid 1)')
  t.notOk(isAbandoned(record('other-host|1|x'), self, 1), 'another host: assumed alive within the lease')
  t.ok(isAbandoned(record('other-host|1|x'), self, IN_FLIGHT_LEASE_MS + 1), 'past the lease')
})
