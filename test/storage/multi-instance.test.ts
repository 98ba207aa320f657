import t from 'tap'
import { once } from 'node:events'
import pg from 'pg'
import { startServer, type ServerProcess } from '../helper.js'
import { runScript } from '../fixtures/ledger/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.js'

// Real databases (and, here, processes) on a shared 2-core machine: more than the default 120 s per file.
t.setTimeout(600_000)

/**
 * Several instances behave as one (docs/ARCHITECTURE.md, "Several instances"): real service processes
 * on two ports, one PostgreSQL database, one Redis prefix, API keys and an admin token.
 */
const ADMIN_TOKEN = 'multi-instance-admin-token-0123456789'
const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

interface Answer { status: number, body: Record<string, any>, headers: Headers }

async function call (server: ServerProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: res.status, body: await res.json() as Record<string, any>, headers: res.headers }
}

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

async function actorWith (servers: ServerProcess[], tokens: number): Promise<{ actorId: string, auth: Record<string, string> }> {
  const created = await call(servers[0], 'POST', '/api/v2/actors', { label: 'multi' })
  const auth = { authorization: `Bearer ${created.body.api_key as string}` }
  if (tokens > 0) {
    const topup = await call(servers[1], 'POST', '/api/v2/tokens/topup', { user_id: created.body.actor_id, amount: tokens, payment_id: `pay-${created.body.actor_id as string}` }, admin)
    if (topup.status !== 200) throw new Error(`top-up failed: ${JSON.stringify(topup.body)}`)
  }
  return { actorId: created.body.actor_id, auth }
}

t.test('two instances on one PostgreSQL and one Redis', async (t) => {
  const { url } = await createTestDatabase(t)
  const prefix = testRedisPrefix(t)
  const env = (limits: Record<string, string>): Record<string, string> => ({
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    AUTH_MODE: 'api_key',
    ADMIN_TOKEN,
    DAILY_TOKENS: '0',
    MAX_SIMULATIONS: '1000000',
    RATE_LIMIT_SIGNUP_PER_HOUR: '1000',
    DATA_DIR: t.testdir(),
    ...limits
  })
  // Money instances: limits out of the way. Limit instances: the defaults of docs/API.md.
  const roomy = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_HOURLY_ACTOR: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' }
  // Several service processes on a shared 2-core machine: give start-up time.
  const start = async (limits: Record<string, string>): Promise<ServerProcess> => await startServer(t, env(limits), { startTimeoutMs: 90_000 })
  const [a, b] = await Promise.all([start(roomy), start(roomy)])
  const both = [a, b]
  const limited = await Promise.all([start({}), start({})])

  t.test('started together, they applied the migrations once', async (t) => {
    const applied = both.filter((s) => s.stdout().includes('PostgreSQL migrations applied'))
    t.equal(applied.length, 1, 'one instance migrated, the other found nothing pending')
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    t.teardown(async () => { await client.end() })
    const { rows } = await client.query('SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version')
    t.ok(rows.length >= 2 && rows.every((r) => r.n === 1))
  })

  t.test('200 concurrent charges spread over both on 100 tokens: exactly 50 succeed, balance 0', async (t) => {
    const { auth } = await actorWith(both, 100)
    const answers = await Promise.all(Array.from({ length: 200 }, async (_, i) =>
      await call(both[i % 2], 'POST', '/api/v2/simulate', { ...SIM, depth: 'full_distribution', config: { seed: i + 1 } }, auth)))
    t.equal(answers.filter((r) => r.status === 200).length, 50)
    t.equal(answers.filter((r) => r.status === 402).length, 150)
    t.ok(answers.filter((r) => r.status === 200).every((r) => r.body.meta.tokens_charged === 2))
    t.equal((await call(b, 'GET', '/api/v2/tokens/balance', undefined, auth)).body.balance, 0)
  })

  t.test('32 identical paid requests spread over both: one charge', async (t) => {
    const { auth } = await actorWith(both, 10)
    const answers = await Promise.all(Array.from({ length: 32 }, async (_, i) =>
      await call(both[i % 2], 'POST', '/api/v2/simulate', { ...SIM, depth: 'full_distribution', config: { seed: 4242 } }, auth)))
    t.ok(answers.every((r) => r.status === 200))
    t.equal(answers.filter((r) => r.body.meta.tokens_charged === 2).length, 1, 'charged once')
    t.equal(answers.filter((r) => r.body.meta.entitlement_reused === true).length, 31)
    t.equal((await call(a, 'GET', '/api/v2/tokens/balance', undefined, auth)).body.balance, 8)
  })

  t.test('an Idempotency-Key used on A conflicts on B while in flight, then replays on B', async (t) => {
    const { auth } = await actorWith(both, 20)
    const body = { ...SIM, depth: 'deep_dive_educational', config: { seed: 99, n_simulations: 1_000_000 } }
    const headers = { ...auth, 'idempotency-key': 'cross-instance-key' }
    const slow = call(a, 'POST', '/api/v2/simulate', body, headers)
    // Wait until A holds the key (its record is in the shared database), then ask B while A computes.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    t.teardown(async () => { await client.end() })
    while ((await client.query("SELECT 1 FROM idempotency_records WHERE idempotency_key = 'cross-instance-key'")).rowCount === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const conflict = await call(b, 'POST', '/api/v2/simulate', body, headers)
    t.equal(conflict.status, 409, 'B sees the attempt on A in flight')
    t.match(conflict.body, { error: 'idempotency_in_progress' })
    const other = await call(b, 'POST', '/api/v2/simulate', { ...body, config: { seed: 100, n_simulations: 1000 } }, headers)
    t.equal(other.status, 422, 'another body with the key: 422, in flight or not')
    const first = await slow
    t.equal(first.status, 200)
    const replay = await call(b, 'POST', '/api/v2/simulate', body, headers)
    t.equal(replay.status, 200)
    t.equal(replay.headers.get('idempotent-replayed'), 'true')
    t.equal(replay.body.transaction_id, first.body.transaction_id)
    t.equal(replay.body.meta.idempotency_replay, true)
    t.equal((await call(b, 'GET', '/api/v2/tokens/balance', undefined, auth)).body.balance, 15, 'charged once')
  })

  t.test('SIGKILL one instance during 300 keyed charges, retry every key on the other: each charged once', async (t) => {
    const { actorId, auth } = await actorWith(both, 1000)
    const request = (i: number): [Record<string, unknown>, Record<string, string>] =>
      [{ ...SIM, depth: 'full_distribution', config: { seed: 10_000 + i } }, { ...auth, 'idempotency-key': `kill-${i}` }]
    // A is killed once 60 of the 300 have been answered: others are then charged, in flight or not yet started.
    let answered = 0
    const onA = Array.from({ length: 300 }, async (_, i) => await call(a, 'POST', '/api/v2/simulate', ...request(i)).then((r) => {
      if (++answered === 60) a.child.kill('SIGKILL')
      return r
    }, () => null))
    const fromA = await Promise.all(onA)
    const answeredOnA = fromA.filter((r) => r?.status === 200).length
    t.ok(answeredOnA >= 60 && answeredOnA < 300, `A was killed mid-way (${answeredOnA} of 300 answered)`)
    // B takes over A's in-flight keys once A's process is gone (src/idempotency/owner.ts asks the
    // kernel). Until its parent — this test — reaps it, a killed process is a zombie that still
    // answers kill(pid, 0): wait for the exit, as a supervisor would have reaped it, before retrying.
    if (a.child.exitCode === null && a.child.signalCode === null) await once(a.child, 'exit')

    const retries = await Promise.all(Array.from({ length: 300 }, async (_, i) => await call(b, 'POST', '/api/v2/simulate', ...request(i))))
    t.ok(retries.every((r) => r.status === 200), 'every key succeeds on B')
    fromA.forEach((r, i) => {
      if (r?.status === 200 && retries[i].body.transaction_id !== r.body.transaction_id) t.fail(`key ${i}: charged again on B`)
    })
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    t.teardown(async () => { await client.end() })
    const { rows: [spends] } = await client.query(`SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys
      FROM ledger_entries WHERE actor_id = $1 AND kind = 'spend'`, [actorId])
    t.same(spends, { n: 300, keys: 300 }, 'one spend per key')
    t.equal((await call(b, 'GET', '/api/v2/tokens/balance', undefined, auth)).body.balance, 400)
  })

  t.test('npm run ledger:verify with DATABASE_URL is clean', async (t) => {
    const run = await runScript('scripts/ledger-verify.ts', [], { PATH: process.env.PATH, DATABASE_URL: url })
    t.equal(run.code, 0, run.stderr)
    t.match(run.stdout, /ledger:verify OK: \d+ actors, \d+ entries in PostgreSQL/)
  })

  t.test('the burst of 15 holds for two instances together', async (t) => {
    const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) =>
      (await call(limited[i % 2], 'POST', '/api/v2/simulate', { ...SIM, config: { seed: i } })).status))
    t.equal(statuses.filter((s) => s === 200).length, 15)
    t.equal(statuses.filter((s) => s === 429).length, 15)
  })
})
