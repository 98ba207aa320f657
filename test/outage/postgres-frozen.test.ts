import t from 'tap'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, signUp, topUp } from '../routes/api/helpers.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { startTcpProxy } from '../fixtures/postgres/proxy.js'

t.setTimeout(120_000)

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

t.test('PostgreSQL frozen (connections open, no byte answered): paid requests and reads answer 503 within DATABASE_TIMEOUT_MS, not after the freeze (issue 17, item 3)', async (t) => {
  const { name } = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, { host: '127.0.0.1', port: 5432 })
  const timeoutMs = 1000
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`, adminToken: ADMIN_TOKEN, databaseTimeoutMs: timeoutMs })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 20)
  proxy.freeze()
  const started = Date.now()
  const answers = await Promise.all([
    ...Array.from({ length: 4 }, async (_, i) => await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...SIM, depth: 'full_distribution', config: { seed: i } } })),
    app.inject({ url: '/api/v2/tokens/balance', headers }),
    app.inject({ url: '/api/v2/lab/modules', headers })
  ].map(async (p) => { const res = await p; return { res, ms: Date.now() - started } }))
  const worst = Math.max(...answers.map((a) => a.ms))
  t.comment(`frozen PostgreSQL: ${answers.length} requests answered in ${answers.map((a) => a.ms).join(', ')} ms (DATABASE_TIMEOUT_MS ${timeoutMs})`)
  for (const { res } of answers) {
    t.equal(res.statusCode, 503, res.body.slice(0, 100))
    t.equal(res.json().error, 'storage_unavailable')
  }
  t.ok(worst < timeoutMs * 3 + 500, `bounded: the slowest answer took ${worst} ms`)
  proxy.thaw()
  await new Promise((resolve) => setTimeout(resolve, 200))
  // Connections that timed out are discarded; fresh ones serve again.
  let back = 0
  for (let i = 0; i < 20 && back !== 200; i++) {
    back = (await app.inject({ url: '/api/v2/tokens/balance', headers })).statusCode
    if (back !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  t.equal(back, 200, 'served again once PostgreSQL answers')
})
