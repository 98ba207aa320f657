import t from 'tap'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, admin, signUp, topUp } from '../routes/api/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { startTcpProxy } from '../fixtures/postgres/proxy.js'

// Real PostgreSQL behind a proxy the test cuts; a shared 2-core machine.
t.setTimeout(180_000)

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

t.test('PostgreSQL cut after start: every route that needs it answers 503 storage_unavailable with Retry-After, never a 500 (issue 17, item 1)', async (t) => {
  const { name } = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, { host: '127.0.0.1', port: 5432 })
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`, adminToken: ADMIN_TOKEN })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 20)
  await proxy.cut()

  const requests = [
    { method: 'POST' as const, url: '/api/v2/simulate', headers, payload: { ...SIM, depth: 'full_distribution' } },
    { method: 'POST' as const, url: '/api/v2/simulate', headers: { ...headers, 'idempotency-key': 'cut-1' }, payload: { ...SIM, depth: 'full_distribution' } },
    { method: 'POST' as const, url: '/api/v2/simulate', headers, payload: SIM },
    { method: 'GET' as const, url: '/api/v2/tokens/balance', headers },
    { method: 'GET' as const, url: '/api/v2/tokens/ledger', headers },
    { method: 'GET' as const, url: '/api/v2/lab/modules', headers },
    { method: 'GET' as const, url: '/api/v2/lab/progress', headers },
    { method: 'POST' as const, url: '/api/v2/lab/modules/monte-carlo-basics/unlock', headers },
    { method: 'POST' as const, url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actorId, amount: 5, payment_id: 'cut-pay' } },
    { method: 'POST' as const, url: '/api/v2/admin/actors', headers: admin, payload: { label: 'cut' } },
    { method: 'GET' as const, url: '/api/v2/tokens/balance', headers: { authorization: 'Bearer tk_unknown_key_0000000000000000000000' } },
    { method: 'POST' as const, url: '/api/v2/actors', payload: { label: 'during the cut' } }
  ]
  const answers = await Promise.all(requests.map(async (r) => await app.inject(r)))
  for (const [i, res] of answers.entries()) {
    const what = `${requests[i].method} ${requests[i].url}`
    t.equal(res.statusCode, 503, `${what}: 503 (${res.body.slice(0, 120)})`)
    t.equal(res.json().error, 'storage_unavailable', `${what}: storage_unavailable`)
    t.ok(Number(res.headers['retry-after']) > 0, `${what}: Retry-After`)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.notMatch(res.body, /SELECT|INSERT|ECONNREFUSED|node_modules/, `${what}: no internals`)
  }
  const headline = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: SIM })
  t.equal(headline.statusCode, 200, 'the anonymous free headline needs no database')
})
