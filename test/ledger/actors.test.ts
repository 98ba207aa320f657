import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase } from '../../src/db/database.js'
import { hashApiKey } from '../../src/ledger/api-keys.js'
import { LedgerError } from '../../src/ledger/errors.js'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { openLedger, testClock } from '../fixtures/ledger/helpers.js'

t.test('createActor returns an act_<ULID> id and a high-entropy key once', async (t) => {
  const { db, ledger } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const created = await ledger.createActor({ label: 'first' })
  t.match(created.actor_id, /^act_[0-7][0-9A-HJKMNP-TV-Z]{25}$/)
  t.match(created.api_key, /^tko_[A-Za-z0-9_-]{43}$/, 'tko_ + 32 random bytes in base64url')
  t.not((await ledger.createActor()).api_key, created.api_key)
  t.same(db.prepare('SELECT actor_id, label, created_at, disabled FROM actors WHERE actor_id = ?').get(created.actor_id),
    { actor_id: created.actor_id, label: 'first', created_at: created.created_at, disabled: 0 })
  t.same(await ledger.balance(created.actor_id), { actor_id: created.actor_id, balance: 0, last_updated: created.created_at })
})

t.test('an admin-chosen actor id is used as given, once', async (t) => {
  const { db, ledger } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const created = await ledger.createActor({ actorId: 'team-analytics' })
  t.equal(created.actor_id, 'team-analytics')
  await t.rejects(ledger.createActor({ actorId: 'team-analytics' }), { code: 'actor_exists' })
  await t.rejects(ledger.createActor({ actorId: '' }), { code: 'invalid_argument' })
})

t.test('API keys are stored only as SHA-256 hashes: the clear key is nowhere in the files', async (t) => {
  const dir = t.testdir()
  const { db, ledger } = openLedger(dir)
  const created = await ledger.createActor({ label: 'secret holder' })
  t.equal(created.api_key.length, 47)
  const stored = db.prepare('SELECT key_hash, prefix FROM api_keys WHERE actor_id = ?').get(created.actor_id) as { key_hash: string, prefix: string }
  t.equal(stored.key_hash, hashApiKey(created.api_key))
  t.match(stored.key_hash, /^[0-9a-f]{64}$/)
  t.equal(stored.prefix, created.api_key.slice(0, 12))
  // Read the bytes before and after closing: the key must be in neither the WAL nor the main file.
  const scan = (): void => {
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name))
      t.equal(bytes.indexOf(created.api_key), -1, `${name} does not contain the key`)
      t.equal(bytes.indexOf(created.api_key.slice(12)), -1, `${name} does not contain the secret part of the key`)
    }
  }
  scan()
  db.close()
  scan()
})

t.test('authenticate finds the actor by key and nothing else', async (t) => {
  const { db, ledger } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const alice = await ledger.createActor({ label: 'alice' })
  const bob = await ledger.createActor({ label: 'bob' })
  t.equal((await ledger.authenticate(alice.api_key))?.actor_id, alice.actor_id)
  t.equal((await ledger.authenticate(bob.api_key))?.actor_id, bob.actor_id)
  t.equal(await ledger.authenticate(alice.api_key.slice(0, -1)), null)
  t.equal(await ledger.authenticate(`${alice.api_key}x`), null)
  t.equal(await ledger.authenticate(''), null)
  t.equal(await ledger.authenticate('x'.repeat(10_000)), null)
  t.equal(await ledger.authenticate(hashApiKey(alice.api_key)), null, 'the stored hash is not a credential')
})

t.test('authenticate records key use at most once a minute', async (t) => {
  const clock = testClock('2025-03-10T12:00:00.000Z')
  const { db, ledger } = openLedger(t.testdir(), { now: clock.now })
  t.teardown(() => db.close())
  const { api_key: key } = await ledger.createActor()
  const lastUsed = (): unknown => db.prepare('SELECT last_used_at FROM api_keys WHERE key_hash = ?').pluck().get(hashApiKey(key))
  t.equal(lastUsed(), null)
  await ledger.authenticate(key)
  t.equal(lastUsed(), '2025-03-10T12:00:00.000Z')
  const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number
  clock.advance(59_000)
  await ledger.authenticate(key)
  t.equal(lastUsed(), '2025-03-10T12:00:00.000Z', 'not rewritten within the minute')
  t.equal(db.prepare('SELECT total_changes()').pluck().get(), changesBefore, 'no write at all')
  clock.advance(1_000)
  await ledger.authenticate(key)
  t.equal(lastUsed(), '2025-03-10T12:01:00.000Z')
})

t.test('ensureActor creates an unknown actor once, from any connection', async (t) => {
  const { db, ledger, file } = openLedger(t.testdir())
  const other = new SqliteStorage(openDatabase(file)).ledger
  t.teardown(() => db.close())
  const results = await Promise.all(Array.from({ length: 20 }, async (_, i) => (i % 2 === 0 ? ledger : other).ensureActor('header-user')))
  t.ok(results.every((actor) => actor.actor_id === 'header-user' && !actor.disabled))
  t.equal(new Set(results.map((actor) => actor.created_at)).size, 1, 'every caller sees the same actor')
  t.equal(db.prepare("SELECT count(*) FROM actors WHERE actor_id = 'header-user'").pluck().get(), 1)
  t.same(await ledger.balance('header-user'), { actor_id: 'header-user', balance: 0, last_updated: results[0].created_at })
  t.equal(db.prepare("SELECT count(*) FROM api_keys WHERE actor_id = 'header-user'").pluck().get(), 0, 'header actors have no key')
  await t.rejects(ledger.ensureActor(''), { code: 'invalid_argument' })
  await t.rejects(ledger.ensureActor('x'.repeat(129)), { code: 'invalid_argument' })
})

t.test('a disabled actor still authenticates (to be told 403) but can neither spend nor be granted', async (t) => {
  const { db, ledger } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const { actor_id: actorId, api_key: key } = await ledger.createActor()
  await ledger.topup({ actorId, amount: 10, paymentId: 'p1', requestId: 'r1' })
  const setDisabled = (disabled: number): void => { db.prepare('UPDATE actors SET disabled = ? WHERE actor_id = ?').run(disabled, actorId) }
  setDisabled(1)
  t.equal((await ledger.authenticate(key))?.disabled, true)
  await t.rejects(ledger.spend({ actorId, amount: 1, feature: 'f', reason: 'simulation', requestId: 'r2' }), { code: 'actor_disabled' })
  await t.rejects(ledger.grantDaily(actorId, { amount: 5, requestId: 'r3' }), { code: 'actor_disabled' })
  t.equal((await ledger.balance(actorId)).balance, 10, 'nothing moved')
  t.equal(db.prepare('SELECT count(*) FROM ledger_entries').pluck().get(), 1, 'no entry was written for the refusals')
  setDisabled(0)
  t.match(await ledger.spend({ actorId, amount: 1, feature: 'f', reason: 'simulation', requestId: 'r4' }), { ok: true })
})

t.test('LedgerError carries a code and the status the HTTP layer answers with', async (t) => {
  const { db, ledger } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const error = await ledger.balance('nobody').catch((err: unknown) => err)
  t.ok(error instanceof LedgerError)
  t.match(error, { name: 'LedgerError', code: 'actor_not_found', status: 404 })
  t.match((await ledger.history('x').catch((err: unknown) => err)), { status: 404 })
})
