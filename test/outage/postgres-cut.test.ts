import t from 'tap'
import type { InjectOptions } from 'fastify'
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
  const counts = new Map<string, number>()
  for (const res of [...answers, headline]) {
    const key = `${res.statusCode}${res.statusCode >= 400 ? ` ${String(res.json().error)}` : ''}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const fiveHundreds = [...answers, headline].filter((res) => res.statusCode === 500).length
  t.comment(`PostgreSQL cut: ${answers.length + 1} mixed requests → ${[...counts].map(([k, n]) => `${k} × ${n}`).join(', ')}; ${fiveHundreds} × 500`)
  t.equal(fiveHundreds, 0, '0 × 500')
})

t.test('mixed traffic while PostgreSQL is cut and comes back: 2xx before and after, 503 storage_unavailable during, never a 500', async (t) => {
  const { name } = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, { host: '127.0.0.1', port: 5432 })
  const { app } = await buildApp(t, { databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`, adminToken: ADMIN_TOKEN, rateLimitBurst: 1000, rateLimitPerMinute: 1000 })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 500)
  let n = 0
  const mix = (): InjectOptions[] => {
    n++
    return [
      { method: 'POST' as const, url: '/api/v2/simulate', headers, payload: { ...SIM, depth: 'full_distribution', config: { seed: n } } },
      { method: 'POST' as const, url: '/api/v2/simulate', headers: { ...headers, 'idempotency-key': `mixed-${n}` }, payload: { ...SIM, depth: 'full_distribution', config: { seed: 10_000 + n } } },
      { method: 'POST' as const, url: '/api/v2/simulate', headers, payload: { ...SIM, config: { seed: n } } },
      { method: 'POST' as const, url: '/api/v2/simulate', payload: { ...SIM, config: { seed: n } } },
      { method: 'GET' as const, url: '/api/v2/tokens/balance', headers },
      { method: 'GET' as const, url: '/api/v2/tokens/ledger', headers },
      { method: 'GET' as const, url: '/api/v2/lab/modules', headers },
      { method: 'POST' as const, url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actorId, amount: 1, payment_id: `mixed-pay-${n}` } },
      { method: 'GET' as const, url: '/api/v2/leagues' },
      { method: 'GET' as const, url: '/api/v2/tokens/balance', headers: { authorization: 'Bearer tk_unknown_key_0000000000000000000000' } }
    ]
  }
  const phases: Record<string, Map<string, number>> = { before: new Map(), cut: new Map(), after: new Map() }
  let fiveHundreds = 0
  const wave = async (phase: string): Promise<void> => {
    const answers = await Promise.all(mix().map(async (r) => await app.inject(r)))
    for (const res of answers) {
      if (res.statusCode === 500) fiveHundreds++
      const key = res.statusCode >= 400 ? `${res.statusCode} ${String(res.json().error)}` : String(res.statusCode)
      phases[phase].set(key, (phases[phase].get(key) ?? 0) + 1)
    }
  }
  for (let i = 0; i < 5; i++) await wave('before')
  await proxy.cut()
  for (let i = 0; i < 5; i++) await wave('cut')
  await proxy.restore()
  // The pool's dead connections are replaced on their first failure: give it a wave to recover.
  for (let i = 0; i < 20; i++) {
    if ((await app.inject({ url: '/api/v2/tokens/balance', headers })).statusCode === 200) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  for (let i = 0; i < 5; i++) await wave('after')
  const show = (m: Map<string, number>): string => [...m].sort().map(([k, v]) => `${k} × ${v}`).join(', ')
  t.comment(`mixed traffic (10 kinds × 5 waves each): before the cut ${show(phases.before)}; cut ${show(phases.cut)}; back ${show(phases.after)}; ${fiveHundreds} × 500`)
  t.equal(fiveHundreds, 0, '0 × 500')
  t.notOk([...phases.cut.keys()].some((k) => /^5/.test(k) && k !== '503 storage_unavailable'), 'during the cut every 5xx is 503 storage_unavailable')
  t.ok((phases.cut.get('503 storage_unavailable') ?? 0) > 0, 'the cut was felt')
  t.same([...phases.after.keys()].filter((k) => /^5/.test(k)), [], 'served again once PostgreSQL is back')
})
