import t from 'tap'
import { buildApp } from '../../helper.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

t.test('a valid inbound X-Request-ID is kept', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'client.trace:42-A_b' } })
  t.equal(res.headers['x-request-id'], 'client.trace:42-A_b')
})

t.test('an invalid inbound X-Request-ID is replaced by a fresh UUID', async (t) => {
  const { app } = await buildApp(t)
  for (const bad of ['has space', 'x'.repeat(129), 'semi;colon', '']) {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': bad } })
    t.match(res.headers['x-request-id'], UUID, `replaced: ${JSON.stringify(bad.slice(0, 20))}`)
  }
})

t.test('a missing X-Request-ID is generated, unique per request', async (t) => {
  const { app } = await buildApp(t)
  const a = await app.inject({ method: 'GET', url: '/health' })
  const b = await app.inject({ method: 'GET', url: '/health' })
  t.match(a.headers['x-request-id'], UUID)
  t.not(a.headers['x-request-id'], b.headers['x-request-id'])
})

t.test('errors carry the request id in header and body', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'trace-404' } })
  t.equal(res.headers['x-request-id'], 'trace-404')
  t.equal(res.json().request_id, 'trace-404')
})

t.test('every response has a Server-Timing header', async (t) => {
  const { app } = await buildApp(t)
  for (const url of ['/health', '/nope']) {
    const res = await app.inject({ method: 'GET', url })
    t.match(res.headers['server-timing'], /^app;dur=\d+\.\d{2}$/, url)
  }
})

t.test('one JSON log line per request with request_id, method, route, status, duration', async (t) => {
  const { app, logs } = await buildApp(t)
  await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'log-me' } })
  const line = logs.find((l) => l.request_id === 'log-me' && l.msg === 'request completed')
  t.ok(line, 'logged')
  t.equal(line?.method, 'GET')
  t.equal(line?.route, '/health')
  t.equal(line?.status, 200)
  t.type(line?.duration_ms, 'number')
})

t.test('credentials never reach the logs', async (t) => {
  const { app, logs } = await buildApp(t)
  const secret = 'tko_supersecretvalue_0123456789'
  await app.inject({ method: 'GET', url: '/nope', headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'sec' } })
  await app.inject({ method: 'POST', url: '/nope', headers: { authorization: `Bearer ${secret}` }, payload: { api_key: secret } })
  const text = JSON.stringify(logs)
  t.notOk(text.includes(secret), 'the key appears nowhere in the log output')
  t.ok(logs.length > 0)
})

t.test('pino redacts credentials even when an object holding them is logged', async (t) => {
  const { app, logs } = await buildApp(t)
  app.log.info({ api_key: 'tko_leak_1', authorization: 'Bearer tko_leak_2', admin_token: 'adm_leak_3', req: { headers: { authorization: 'Bearer tko_leak_4' } } }, 'careless line')
  const line = logs.find((l) => l.msg === 'careless line')
  t.equal(line?.api_key, '[redacted]')
  t.notMatch(JSON.stringify(logs), /leak_/)
})
