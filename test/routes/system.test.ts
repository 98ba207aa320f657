import t from 'tap'
import { statSync } from 'node:fs'
import { buildApp } from '../helper.js'
import { databaseFile } from '../../src/db/database.js'
import { PACKAGE_VERSION } from '../../src/paths.js'
import { MODEL_VERSION } from '../../src/engine/index.js'

t.test('GET /health: liveness', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject('/health')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(Object.keys(body).sort(), ['service', 'status', 'timestamp', 'version'])
  t.match(body, { status: 'healthy', service: 'trickster-oracle-api', version: PACKAGE_VERSION })
  t.ok(!Number.isNaN(Date.parse(body.timestamp)))
})

t.test('GET /ready: ready with every check ok', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 200)
  t.match(res.json(), { ready: true, checks: { database: 'ok', migrations: 'ok', event_loop: 'ok' } })
})

t.test('GET /ready: the write probe commits a real write, at most once a second whatever the number of callers', async (t) => {
  const { app, config } = await buildApp(t)
  const wal = `${databaseFile(config.dataDir)}-wal`
  const before = statSync(wal).size
  const started = Date.now()
  for (let i = 0; i < 10; i++) t.equal((await app.inject('/ready')).json().checks.database, 'ok')
  const seconds = Math.ceil((Date.now() - started) / 1000)
  const frames = (statSync(wal).size - before) / (4096 + 24)
  t.ok(frames >= 1, `the probe wrote to the database (${frames} WAL frames)`)
  t.ok(frames <= seconds + 1, `ten calls in ${seconds} s wrote ${frames} frames, not ten`)
})

t.test('GET /version', async (t) => {
  const { app } = await buildApp(t, { buildCommit: 'abc1234' })
  const body = (await app.inject('/version')).json()
  t.match(body, { version: PACKAGE_VERSION, api_name: 'Trickster Oracle API', build_commit: 'abc1234', model_version: MODEL_VERSION, env: 'test', node_version: process.version })
  t.match(body, { build_time: 'unknown', node: process.version, storage: 'sqlite' }, 'release fields: build time, node, storage')
  t.match(body.disclaimer, /does not predict outcomes/)
})

t.test('GET /api/v2/health reports its components', async (t) => {
  const { app } = await buildApp(t)
  const body = (await app.inject('/api/v2/health')).json()
  t.match(body, { status: 'healthy', version: PACKAGE_VERSION, components: { sim_engine: 'ok', uncertainty_metrics: 'ok', token_ledger: 'ok' } })
})

t.test('GET /metrics: Prometheus text with request counts by route and status', async (t) => {
  const { app } = await buildApp(t)
  await app.inject('/health')
  await app.inject('/nope')
  const res = await app.inject('/metrics')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain/)
  t.match(res.body, /trickster_http_requests_total\{method="GET",route="\/health",status="200"\} 1/)
  t.match(res.body, /trickster_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
  t.match(res.body, /trickster_http_request_duration_seconds_bucket/)
})

t.test('GET /metrics is protected when METRICS_TOKEN is set', async (t) => {
  const { app } = await buildApp(t, { metricsToken: 'metrics-secret-token' })
  const anonymous = await app.inject('/metrics')
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.headers['www-authenticate'], 'Bearer realm="trickster-oracle"')
  t.match(anonymous.headers['content-type'], /problem\+json/)
  const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } })
  t.equal(wrong.statusCode, 401)
  const right = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-secret-token' } })
  t.equal(right.statusCode, 200)
})

t.test('GET /docs serves Swagger UI offering both documents', async (t) => {
  const { app } = await buildApp(t)
  const page = await app.inject('/docs/')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  const init = await app.inject('/docs/static/swagger-initializer.js')
  t.equal(init.statusCode, 200)
  t.match(init.body, /\/openapi\/v1\.json/)
  t.match(init.body, /\/openapi\/v2\.json/)
  for (const v of ['v1', 'v2']) {
    const doc = await app.inject(`/openapi/${v}.json`)
    t.equal(doc.statusCode, 200)
    t.equal(doc.json().openapi, '3.1.0')
  }
})

t.test('security headers from helmet: an API set, and a page set for Swagger UI', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject('/health')
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'DENY')
  t.match(res.headers['strict-transport-security'], /max-age=/)
  t.equal(res.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'")
  t.equal(res.headers['x-xss-protection'], undefined, 'no HTML-only headers on JSON answers')
  for (const url of ['/docs', '/docs/static/index.html', '/docs/static/swagger-ui.css']) {
    const docs = await app.inject(url)
    const policy = String(docs.headers['content-security-policy'])
    t.match(policy, /script-src 'self';/, `${url}: scripts from this origin only`)
    t.match(policy, /style-src 'self' 'unsafe-inline'/, `${url}: Swagger UI's inline styles are allowed`)
    t.notMatch(policy, /upgrade-insecure-requests/, `${url}: works on a plain-HTTP host`)
  }
})

t.test('/ready turns 503 when the event loop is overloaded', async (t) => {
  const { app } = await buildApp(t)
  t.equal((await app.inject('/ready')).statusCode, 200)
  // Keep the event loop blocked past the 1 s threshold for several samples (under-pressure averages
  // the delay over each 500 ms sampling interval), yielding only briefly in between.
  for (let i = 0; i < 4; i++) {
    const until = Date.now() + 1200
    while (Date.now() < until) { /* busy */ }
    await new Promise((resolve) => setImmediate(resolve))
  }
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 503)
  t.equal(res.json().checks.event_loop, 'fail')
  t.match(res.json().failing, [{ check: 'event_loop', detail: /event-loop delay \d+ ms|event loop blocked/ }])
})
