import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import type { Test } from 'tap'
import type { SqliteDatabase } from '../../src/db/database.js'
import { openDatabase } from '../../src/db/database.js'
import { LEDGER_TRIGGERS, LEDGER_UNIQUE_INDEXES, verifyLedger } from '../../src/ledger/verify.js'
import { openLedger, runScript, testClock } from '../fixtures/ledger/helpers.js'

const VERIFY_SCRIPT = 'scripts/ledger-verify.ts'

interface Fixture {
  file: string
  dir: string
  alice: string
  bob: string
  aliceSpend: string
  bobSpend: string
}

/** A ledger with every kind of entry for two actors, closed and ready to be copied. */
async function sampleLedger (t: Test): Promise<Fixture> {
  const dir = t.testdir()
  const clock = testClock()
  const { db, ledger, file } = openLedger(dir, { now: clock.now })
  const alice = (await ledger.createActor({ label: 'alice' })).actor_id
  const bob = (await ledger.createActor({ label: 'bob' })).actor_id
  await ledger.createActor({ label: 'carol, who never used her tokens' })
  await ledger.grantDaily(alice, { amount: 5, requestId: 'g1' })
  await ledger.grantDaily(bob, { amount: 5, requestId: 'g2' })
  await ledger.topup({ actorId: alice, amount: 20, paymentId: 'pay-a', requestId: 't1' })
  const spend = async (actorId: string, amount: number): Promise<string> =>
    (await ledger.spend({ actorId, amount, feature: 'full_distribution', reason: 'simulation', requestId: 's' })).entry.transaction_id
  const aliceSpend = await spend(alice, 3)
  await spend(alice, 2)
  const bobSpend = await spend(bob, 2)
  await spend(bob, 50)
  await ledger.refund({ transactionId: aliceSpend, reason: 'simulation_failed', requestId: 'r1' })
  clock.advance(24 * 3600_000)
  await ledger.grantDaily(alice, { amount: 5, requestId: 'g3' })
  await spend(alice, 1)
  // Their answers were delivered (docs/LEDGER.md, "Delivery"): the marks the HTTP layer writes.
  db.exec("INSERT INTO charge_deliveries (transaction_id, delivered_at) SELECT id, created_at FROM ledger_entries WHERE kind = 'spend' ON CONFLICT DO NOTHING")
  db.close()
  return { file, dir, alice, bob, aliceSpend, bobSpend }
}

/** A consistent copy of the fixture, opened for tampering. */
function tamperableCopy (t: Test, fixture: Fixture, name: string): { db: SqliteDatabase, file: string } {
  const file = join(fixture.dir, `${name}.db`)
  const source = openDatabase(fixture.file)
  source.prepare('VACUUM INTO ?').run(file)
  source.close()
  const db = openDatabase(file)
  t.teardown(() => { if (db.open) db.close() })
  return { db, file }
}

t.test('a ledger built through the API verifies', async (t) => {
  const fixture = await sampleLedger(t)
  const db = openDatabase(fixture.file, { readonly: true })
  t.teardown(() => db.close())
  t.same(verifyLedger(db), { ok: true, actors: 3, entries: 10, violations: [] })
})

t.test('verifying reads one snapshot of a live database without blocking its writers', async (t) => {
  const fixture = await sampleLedger(t)
  const reader = openDatabase(fixture.file)
  const writer = openDatabase(fixture.file, { busyTimeoutMs: 0 })
  t.teardown(() => { reader.close(); writer.close() })
  reader.exec('BEGIN')
  t.equal(verifyLedger(reader).actors, 3)
  writer.prepare("INSERT INTO actors (actor_id, created_at) VALUES ('dave', '2025-03-10T12:00:00.000Z')").run()
  t.equal(verifyLedger(reader).actors, 3, 'the write landed, the open snapshot does not see it')
  reader.exec('COMMIT')
  t.same(verifyLedger(reader), { ok: true, actors: 4, entries: 10, violations: [] })
})

interface Tamper {
  name: string
  sql: (f: Fixture) => string
  expect: RegExp
}

const TAMPERS: Tamper[] = [
  {
    name: 'an edited spend amount',
    sql: (f) => `DROP TRIGGER ledger_entries_no_update;
      UPDATE ledger_entries SET amount = -1, balance_after = balance_before - 1 WHERE id = '${f.bobSpend}'`,
    expect: /stored balance 3, replayed from the ledger 4|balance_before/
  },
  {
    name: 'a minted balance',
    sql: (f) => `DROP TRIGGER balances_follow_ledger_update; UPDATE balances SET balance = balance + 100 WHERE actor_id = '${f.bob}'`,
    expect: /stored balance 103, replayed from the ledger 3/
  },
  {
    name: 'a deleted entry',
    sql: (f) => `DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE refund_of = '${f.aliceSpend}'`,
    expect: /balance_before \d+, replayed balance \d+/
  },
  {
    name: 'a spend refunded twice',
    sql: (f) => `DROP INDEX ledger_entries_one_refund_per_spend;
      INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, refund_of, created_at)
      SELECT '01JAAAAAAAAAAAAAAAAAAAAAAA', actor_id, 'refund', 3, balance, balance + 3, 'x', '${f.aliceSpend}', '2025-03-12T00:00:00.000Z'
      FROM balances WHERE actor_id = '${f.alice}'`,
    expect: /refunded twice/
  },
  {
    name: 'a refund larger than its spend',
    sql: (f) => `DROP TRIGGER ledger_entries_refund_matches_spend;
      INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, refund_of, created_at)
      SELECT '01JAAAAAAAAAAAAAAAAAAAAAAA', actor_id, 'refund', 40, balance, balance + 40, 'x', '${f.bobSpend}', '2025-03-12T00:00:00.000Z'
      FROM balances WHERE actor_id = '${f.bob}'`,
    expect: /refunds 40 for a spend of 2/
  },
  {
    name: 'a refund of another actor\'s spend',
    sql: (f) => `DROP TRIGGER ledger_entries_refund_matches_spend;
      INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, refund_of, created_at)
      SELECT '01JAAAAAAAAAAAAAAAAAAAAAAA', actor_id, 'refund', 2, balance, balance + 2, 'x', '${f.bobSpend}', '2025-03-12T00:00:00.000Z'
      FROM balances WHERE actor_id = '${f.alice}'`,
    expect: /of actor/
  },
  {
    name: 'a second daily grant',
    sql: (f) => `DROP INDEX ledger_entries_one_grant_per_day;
      INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, grant_day, created_at)
      SELECT '01JAAAAAAAAAAAAAAAAAAAAAAA', actor_id, 'grant_daily', 5, balance, balance + 5, 'x', '2025-03-10', '2025-03-10T13:00:00.000Z'
      FROM balances WHERE actor_id = '${f.bob}'`,
    expect: /second daily grant on 2025-03-10/
  },
  {
    name: 'a payment credited twice',
    sql: (f) => `DROP INDEX ledger_entries_one_topup_per_payment;
      INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, payment_id, created_at)
      SELECT '01JAAAAAAAAAAAAAAAAAAAAAAA', actor_id, 'topup', 20, balance, balance + 20, 'x', 'pay-a', '2025-03-12T00:00:00.000Z'
      FROM balances WHERE actor_id = '${f.bob}'`,
    expect: /payment_id pay-a credited twice/
  },
  {
    name: 'an id that is not a ULID',
    sql: (f) => `INSERT INTO ledger_entries (id, actor_id, kind, amount, balance_before, balance_after, request_id, created_at)
      SELECT 'not-a-ulid-but-26-chars-ok', actor_id, 'denied', 0, balance, balance, 'x', '2025-03-12T00:00:00.000Z'
      FROM balances WHERE actor_id = '${f.bob}'`,
    expect: /id is not a ULID/
  },
  {
    name: 'a missing trigger',
    sql: () => 'DROP TRIGGER ledger_entries_no_delete',
    expect: /trigger ledger_entries_no_delete is missing/
  }
]

for (const tamper of TAMPERS) {
  t.test(`${tamper.name} is reported and makes ledger:verify exit 1`, async (t) => {
    const fixture = await sampleLedger(t)
    const { db, file } = tamperableCopy(t, fixture, 'tampered')
    t.equal(verifyLedger(db).ok, true, 'the copy verifies before tampering')
    db.exec(tamper.sql(fixture))
    const report = verifyLedger(db)
    t.equal(report.ok, false)
    t.match(report.violations.join('\n'), tamper.expect)
    db.close()
    const run = await runScript(VERIFY_SCRIPT, ['--db', file])
    t.equal(run.code, 1)
    t.match(run.stderr, /ledger:verify FAILED/)
    t.match(run.stderr, tamper.expect)
  })
}

t.test('every trigger and unique index the ledger relies on is checked', async (t) => {
  const fixture = await sampleLedger(t)
  const { db } = tamperableCopy(t, fixture, 'no-guards')
  for (const name of LEDGER_TRIGGERS) db.exec(`DROP TRIGGER ${name}`)
  for (const name of LEDGER_UNIQUE_INDEXES) db.exec(`DROP INDEX ${name}`)
  t.equal(verifyLedger(db).violations.filter((v) => v.endsWith('is missing')).length, LEDGER_TRIGGERS.length + LEDGER_UNIQUE_INDEXES.length)
})

t.test('ledger:verify script', async (t) => {
  const fixture = await sampleLedger(t)

  t.test('exits 0 with a summary on a consistent database', async (t) => {
    const run = await runScript(VERIFY_SCRIPT, ['--db', fixture.file])
    t.equal(run.code, 0, run.stderr)
    t.match(run.stdout, /ledger:verify OK: 3 actors, 10 entries/)
  })

  t.test('exits 1 naming a simulation spend neither delivered nor refunded past its lease (issue 17, item 2)', async (t) => {
    const { db, file } = tamperableCopy(t, fixture, 'undelivered')
    db.exec(`DELETE FROM charge_deliveries WHERE transaction_id = '${fixture.bobSpend}'`)
    db.close()
    const run = await runScript(VERIFY_SCRIPT, ['--db', file])
    t.equal(run.code, 1)
    t.match(run.stderr + run.stdout, new RegExp(`spend ${fixture.bobSpend} .*neither delivered nor refunded`))
  })

  t.test('defaults to DATA_DIR/trickster.db', async (t) => {
    const run = await runScript(VERIFY_SCRIPT, [], { ...process.env, DATA_DIR: fixture.dir })
    t.equal(run.code, 0, run.stderr)
    t.match(run.stdout, fixture.file)
  })

  t.test('exits 2 when there is no database', async (t) => {
    const run = await runScript(VERIFY_SCRIPT, ['--db', join(fixture.dir, 'missing.db')])
    t.equal(run.code, 2)
    t.match(run.stderr, /no database at/)
  })

  t.test('exits 1 on a database that was never migrated', async (t) => {
    const file = join(fixture.dir, 'empty.db')
    openDatabase(file).close()
    const run = await runScript(VERIFY_SCRIPT, ['--db', file])
    t.equal(run.code, 1)
    t.match(run.stderr, /not migrated/)
  })
})

t.test('business rules: a second unrefunded spend of one entitlement or one Lab unlock is a violation', async (t) => {
  const clock = testClock('2025-03-10T12:00:00.000Z')
  const { db, ledger, file } = openLedger(t.testdir(), { now: clock.now })
  const alice = (await ledger.createActor({ label: 'alice' })).actor_id
  await ledger.topup({ actorId: alice, amount: 100, paymentId: 'p', requestId: 't' })
  const spend = async (feature: string, fingerprint?: string): Promise<string> =>
    (await ledger.spend({ actorId: alice, amount: 2, feature, reason: 'simulation', requestId: 's', fingerprint })).entry.transaction_id
  const first = await spend('full_distribution', 'a'.repeat(64))
  await spend('deep_dive_educational', 'a'.repeat(64))
  await spend('full_distribution', 'b'.repeat(64))
  clock.advance(24 * 3600_000)
  await spend('full_distribution', 'a'.repeat(64))
  await spend('lab_module:reading-distributions')
  t.same(verifyLedger(db).violations, [], 'other depth, other inputs, or 24 h later: all legitimate')

  const refunded = await spend('full_distribution', 'b'.repeat(64))
  await ledger.refund({ transactionId: refunded, reason: 'simulation_failed', requestId: 'r' })
  t.ok(verifyLedger(db).ok, 'a refunded second charge is no double charge')

  clock.advance(3600_000)
  const twice = await spend('full_distribution', 'a'.repeat(64))
  const unlockedTwice = await spend('lab_module:reading-distributions')
  const report = verifyLedger(db)
  t.equal(report.ok, false)
  t.equal(report.violations.length, 2)
  t.match(report.violations[0], new RegExp(`spend ${twice} charges again what spend .* already paid for`))
  t.match(report.violations[1], new RegExp(`unlock lab_module:reading-distributions: spend ${unlockedTwice} charges again`))
  t.not(report.violations[0].includes(first), true, 'the entitlement bought 24 h earlier had expired')
  db.close()
  const run = await runScript(VERIFY_SCRIPT, ['--db', file])
  t.equal(run.code, 1)
  t.match(run.stderr, /charges again what spend/)
})

t.test('ledger:verify on a corrupt database answers one line, no stack', async (t) => {
  const fixture = await sampleLedger(t)
  const { db, file } = tamperableCopy(t, fixture, 'corrupt')
  db.close()
  const bytes = readFileSync(file)
  // Overwrite the second page onward (the tables' b-trees), leaving the header readable.
  for (let i = 4096; i < bytes.length; i += 97) bytes[i] = (bytes[i] + 0x5a) & 0xff
  writeFileSync(file, bytes)
  const run = await runScript(VERIFY_SCRIPT, ['--db', file])
  t.equal(run.code, 2)
  t.equal(run.stderr.trim().split('\n').length, 1, run.stderr)
  t.match(run.stderr, /^ledger:verify: cannot read .*: /)
  t.notMatch(run.stderr, /\bat .*\.(ts|js):\d+/, 'no stack frames')
})
