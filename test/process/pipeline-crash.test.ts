import t from 'tap'
import { databaseFile, openDatabase } from '../../src/db/database.js'
import { verifyLedger } from '../../src/ledger/index.js'
import { startServer } from '../helper.js'

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789abcdef'
const KEYS = 300
const UNLIMITED = {
  RATE_LIMIT_BURST: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_HOURLY_ACTOR: '1000000',
  RATE_LIMIT_HOURLY_ANONYMOUS: '1000000',
  RATE_LIMIT_API_PER_MINUTE: '1000000'
}

async function post (baseUrl: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() as Record<string, any>, replayed: res.headers.get('idempotent-replayed') === 'true' }
}

t.test('SIGKILL during 300 concurrent charged requests with keys: after a restart every key is charged exactly once', async (t) => {
  const dataDir = t.testdir()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN, ...UNLIMITED }
  const first = await startServer(t, env)
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
  const actor = await post(first.baseUrl, '/api/v2/actors', {}, {})
  const auth = { authorization: `Bearer ${actor.body.api_key as string}` }
  t.equal((await post(first.baseUrl, '/api/v2/tokens/topup', { user_id: actor.body.actor_id, amount: 10_000, payment_id: 'crash-topup' }, admin)).status, 200)

  const request = (i: number) => ({
    home_team: 'Rovers', away_team: 'United', home_rating: 2000 + i, away_rating: 2050, depth: 'full_distribution', config: { seed: i, n_simulations: 3000 }
  })
  let completed = 0
  const requests = Array.from({ length: KEYS }, async (_, i) => {
    try {
      const res = await post(first.baseUrl, '/api/v2/simulate', request(i), { ...auth, 'idempotency-key': `crash-${i}` })
      completed++
      return res.status
    } catch {
      return 'cut'
    }
  })
  // Kill once part of the load has been answered: some requests done, some charged mid-flight, some not started.
  // eslint-disable-next-line no-unmodified-loop-condition -- the requests above increment `completed` while this loop awaits
  while (completed < 40) await new Promise((resolve) => setTimeout(resolve, 5))
  first.child.kill('SIGKILL')
  const outcomes = await Promise.all(requests)
  const cut = outcomes.filter((o) => o === 'cut').length
  t.ok(cut > 0, `the kill cut ${cut} requests short`)
  t.ok(outcomes.filter((o) => o === 200).length >= 40, 'some completed before the kill')

  const crashed = openDatabase(databaseFile(dataDir))
  const inFlight = crashed.prepare("SELECT COUNT(*) AS n, COUNT(transaction_id) AS charged FROM idempotency_records WHERE state = 'in_flight'").get() as { n: number, charged: number }
  crashed.close()
  t.comment(`after the kill: ${inFlight.n} keys in flight, ${inFlight.charged} of them already charged`)

  const second = await startServer(t, env)
  const retried: Array<{ status: number, replayed: boolean }> = []
  for (let start = 0; start < KEYS; start += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, KEYS - start) }, async (_, j) => {
      const i = start + j
      return await post(second.baseUrl, '/api/v2/simulate', request(i), { ...auth, 'idempotency-key': `crash-${i}` })
    }))
    retried.push(...batch)
  }
  t.same([...new Set(retried.map((r) => r.status))], [200], 'every key succeeds on retry')
  t.ok(retried.some((r) => r.replayed), 'keys completed before the kill are replayed')
  t.ok(retried.some((r) => !r.replayed), 'keys cut short are processed now')
  await second.stop()

  const db = openDatabase(databaseFile(dataDir))
  t.teardown(() => db.close())
  const perKey = db.prepare(`SELECT idempotency_key AS key, COUNT(*) AS spends FROM ledger_entries
    WHERE kind = 'spend' AND idempotency_key LIKE 'crash-%' GROUP BY idempotency_key`).all() as Array<{ key: string, spends: number }>
  t.equal(perKey.length, KEYS, 'every key was charged')
  t.same(perKey.filter((row) => row.spends !== 1), [], 'no key charged twice')
  const refunds = (db.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'refund'").get() as { n: number }).n
  t.equal(refunds, 0)
  const balance = (db.prepare('SELECT balance FROM balances WHERE actor_id = ?').get(actor.body.actor_id) as { balance: number }).balance
  t.equal(balance, 10_000 + 5 - 2 * KEYS, 'balance = top-up + daily grant − one charge per key')
  const report = verifyLedger(db)
  t.same(report.violations, [])
  t.ok(report.ok, 'ledger:verify passes')
})
