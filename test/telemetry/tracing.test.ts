import t, { type Test } from 'tap'
import { randomBytes } from 'node:crypto'
import { startServer, type ServerProcess } from '../helper.js'
import { createTestDatabase } from '../fixtures/postgres/database.js'
import { TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.js'
import { spanTree, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js'

/**
 * Traces end to end (docs/OPERATIONS.md, "Traces"): the real server in a child process exports
 * OTLP/HTTP to a real receiver; a charged request that carries a W3C traceparent comes back as one
 * span tree in the caller's trace, and the same trace id is on every log line of the request.
 */

const ADMIN_TOKEN = 'trace-test-admin-token-0123456789abcdef'
const SPAN_KIND_SERVER = 2
const SPAN_KIND_CLIENT = 3
/** Team names nobody else uses: they must never show up in a span (request bodies stay out of traces). */
const BODY = { home_team: 'Quokka Rovers', away_team: 'Wombat United', home_rating: 2100, away_rating: 2050, depth: 'scenario_extremes' }
/** The worker-pool spans another part of the service may add under simulation.compute (src/simulation/). */
const WORKER_POOL_SPANS = new Set(['worker_pool.queue_wait', 'worker_pool.run'])

function traceparent (sampled: boolean): { traceId: string, parentId: string, header: string } {
  const traceId = randomBytes(16).toString('hex')
  const parentId = randomBytes(8).toString('hex')
  return { traceId, parentId, header: `00-${traceId}-${parentId}-${sampled ? '01' : '00'}` }
}

async function tracedServer (t: Test, receiver: OtlpReceiver, env: Record<string, string> = {}): Promise<ServerProcess> {
  return await startServer(t, {
    DATA_DIR: t.testdir(),
    ADMIN_TOKEN,
    DAILY_TOKENS: '50',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: 'trickster-trace-test',
    // Export within 100 ms instead of the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '100',
    ...env
  })
}

async function newActorKey (server: ServerProcess): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/v2/admin/actors`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' })
  const body = await res.json() as { api_key: string }
  return body.api_key
}

async function simulate (server: ServerProcess, apiKey: string, parent: string, headers: Record<string, string> = {}): Promise<{ status: number, requestId: string }> {
  const res = await fetch(`${server.baseUrl}/api/v2/simulate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', traceparent: parent, ...headers },
    body: JSON.stringify(BODY)
  })
  await res.arrayBuffer()
  return { status: res.status, requestId: res.headers.get('x-request-id') ?? '' }
}

function logLinesOf (server: ServerProcess, requestId: string): Array<Record<string, unknown>> {
  return server.stdout().split('\n').filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.request_id === requestId)
}

/** The request's log lines, once its completion line (written after the answer) has arrived. */
async function completedLogLines (server: ServerProcess, requestId: string): Promise<Array<Record<string, unknown>>> {
  for (let i = 0; i < 100; i++) {
    const lines = logLinesOf(server, requestId)
    if (lines.some((line) => line.msg === 'request completed')) return lines
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no completion log line for request ${requestId}`)
}

function requestSpan (spans: ReceivedSpan[], traceId: string): ReceivedSpan | undefined {
  return spans.find((s) => s.traceId === traceId && s.name === 'request' && s.attributes['http.route'] === '/api/v2/simulate')
}

function childrenOf (spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans.filter((s) => s.parentSpanId === parent.spanId).sort((a, b) => a.startMs - b.startMs)
}

function only (t: Test, spans: ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((s) => s.name === name)
  t.equal(found.length, 1, `one ${name} span`)
  return found[0]
}

function descendantsOf (spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  const children = childrenOf(spans, parent)
  return [...children, ...children.flatMap((child) => descendantsOf(spans, child))]
}

/** No secret and no request body in any attribute of any span received. */
function assertNothingSecret (t: Test, spans: ReceivedSpan[], apiKey: string): void {
  const values = spans.flatMap((s) => Object.values(s.attributes).map(String))
  t.notOk(values.some((v) => v.includes(apiKey)), 'the API key is in no attribute')
  t.notOk(values.some((v) => /bearer/i.test(v)), 'no Authorization header value is in any attribute')
  t.notOk(values.some((v) => v.includes(ADMIN_TOKEN)), 'the admin token is in no attribute')
  t.notOk(values.some((v) => v.includes(BODY.home_team) || v.includes(BODY.away_team)), 'nothing of the request body is in any attribute')
  t.notOk(spans.some((s) => Object.keys(s.attributes).some((key) => /header|body|authorization/i.test(key))), 'no header or body attribute')
}

/**
 * The cache lookup (before the charge: a miss is admitted to the worker pool's queue first, so an
 * overloaded pool refuses before anything is charged) and the simulation's children: on a miss the
 * computation (with the worker pool's spans under it, when it adds them) and the store.
 */
function assertSimulation (t: Test, spans: ReceivedSpan[], simulation: ReceivedSpan, expectHit: boolean): void {
  t.match(simulation.attributes, { 'trickster.depth': 'scenario_extremes', 'trickster.simulations': 1, 'trickster.cache_hit': expectHit })
  const lookup = only(t, spans, 'cache.get')
  t.equal(lookup.parentSpanId, simulation.parentSpanId, 'the cache lookup is a step of the handler, beside the simulation')
  t.ok(lookup.startMs <= simulation.startMs, 'the lookup comes first')
  t.equal(lookup.attributes['trickster.cache.hit'], expectHit, `the cache lookup was a ${expectHit ? 'hit' : 'miss'}`)
  const steps = childrenOf(spans, simulation)
  if (expectHit) {
    t.same(steps.map((s) => s.name), [], 'a hit computes nothing')
    return
  }
  t.same(steps.map((s) => s.name), ['simulation.compute', 'cache.set'], 'a miss: computation, then store, in that order')
  const compute = only(t, steps, 'simulation.compute')
  t.match(compute.attributes, { 'trickster.depth': 'scenario_extremes', 'trickster.simulations': 1 })
  const pool = childrenOf(spans, compute)
  t.ok(pool.every((s) => WORKER_POOL_SPANS.has(s.name)), `under simulation.compute only worker-pool spans, if any (got ${pool.map((s) => s.name).join(', ') || 'none'})`)
}

t.test('a charged request with a traceparent is one span tree in the caller\'s trace, and its log lines carry the trace id (SQLite)', async (t) => {
  const receiver = await startOtlpReceiver(t)
  const server = await tracedServer(t, receiver)
  const apiKey = await newActorKey(server)

  const first = traceparent(true)
  const charged = await simulate(server, apiKey, first.header, { 'idempotency-key': `trace-${first.traceId}` })
  t.equal(charged.status, 200)
  // Not sampled by the caller: parentbased_always_on (the default sampler) records nothing of it.
  const unsampled = traceparent(false)
  t.equal((await simulate(server, apiKey, unsampled.header)).status, 200)
  // The same inputs again: owned for 24 h (no charge), answered from the cache.
  const again = traceparent(true)
  t.equal((await simulate(server, apiKey, again.header)).status, 200)

  await receiver.waitFor((spans) => requestSpan(spans, first.traceId) !== undefined && requestSpan(spans, again.traceId) !== undefined)
  const spans = receiver.spans.filter((s) => s.traceId === first.traceId)
  const root = requestSpan(receiver.spans, first.traceId) as ReceivedSpan
  t.comment(`trace ${first.traceId}\n${spanTree(receiver.spans, root)}`)

  t.equal(root.parentSpanId, first.parentId, 'the request span is a child of the caller\'s span (traceparent honoured)')
  t.equal(root.kind, SPAN_KIND_SERVER)
  t.equal(root.scope, '@fastify/otel', 'the route span comes from @fastify/otel')
  t.equal(root.service, 'trickster-trace-test', 'OTEL_SERVICE_NAME names the service')
  t.match(root.attributes, { 'http.request.method': 'POST', 'http.route': '/api/v2/simulate', 'http.response.status_code': 200, 'trickster.request_id': charged.requestId })
  t.ok(receiver.requests.every((r) => r.path === '/v1/traces' && r.contentType.startsWith('application/json')), 'OTLP/HTTP JSON to /v1/traces')

  const steps = childrenOf(spans, root)
  t.same(steps.map((s) => s.name), ['auth', 'idempotency.begin', 'handler - v2SimulateRoutes'], 'auth, idempotency, then the handler')
  const auth = only(t, steps, 'auth')
  t.match(auth.attributes, { 'trickster.auth.policy': 'optional', 'enduser.id': /^act_/ })
  t.equal(only(t, steps, 'idempotency.begin').attributes['trickster.idempotency.replay'], false)
  const handler = only(t, steps, 'handler - v2SimulateRoutes')
  const work = childrenOf(spans, handler)
  // The handler sends the answer it serialised itself (src/simulation/serialised-answer.ts), so the
  // onSend and onResponse hooks — the stored idempotent answer, then the charge's delivery mark
  // (docs/LEDGER.md, "Delivery") — run within its span.
  t.same(work.map((s) => s.name), ['cache.get', 'billing.charge', 'simulation', 'idempotency.complete', 'sqlite.transaction'],
    'the cache lookup, the charge, the simulation, the stored answer, then the delivery mark')
  const complete = only(t, work, 'idempotency.complete')
  t.equal(complete.attributes['trickster.idempotency.stored'], true)
  t.ok(childrenOf(spans, complete).some((s) => s.name === 'sqlite.transaction'), 'storing the answer is a SQLite transaction')
  const charge = only(t, work, 'billing.charge')
  t.match(charge.attributes, { 'trickster.feature': 'scenario_extremes', 'trickster.cost': 3, 'trickster.purchase': 'entitlement', 'trickster.tokens_charged': 3, 'trickster.already_owned': false })
  const unit = childrenOf(spans, charge)
  t.same(unit.map((s) => s.name), ['sqlite.transaction'], 'the charge is one SQLite unit of work')
  t.equal(unit[0].attributes['db.system.name'], 'sqlite')
  assertSimulation(t, spans, only(t, work, 'simulation'), false)

  // The repeat: owned, so nothing charged, and a cache hit.
  const repeat = receiver.spans.filter((s) => s.traceId === again.traceId)
  const repeatRoot = requestSpan(receiver.spans, again.traceId) as ReceivedSpan
  t.equal(repeatRoot.parentSpanId, again.parentId)
  const repeatCharge = only(t, repeat, 'billing.charge')
  t.match(repeatCharge.attributes, { 'trickster.tokens_charged': 0, 'trickster.already_owned': true })
  assertSimulation(t, repeat, only(t, repeat, 'simulation'), true)

  t.equal(receiver.spans.filter((s) => s.traceId === unsampled.traceId).length, 0, 'a caller\'s unsampled trace is not recorded (OTEL_TRACES_SAMPLER)')
  assertNothingSecret(t, receiver.spans, apiKey)

  // Every log line of the request names the caller's trace.
  const lines = await completedLogLines(server, charged.requestId)
  t.ok(lines.every((line) => line.trace_id === first.traceId), `each of the ${lines.length} log lines of the request carries the trace id`)
  t.ok((await completedLogLines(server, (await simulate(server, apiKey, unsampled.header)).requestId)).every((line) => line.trace_id === unsampled.traceId),
    'an unsampled request still logs its trace id, so its logs can be found')
})

t.test('on PostgreSQL and Redis, the queries and the cache commands are spans of the charge and of the cache lookup, with no values', async (t) => {
  const receiver = await startOtlpReceiver(t)
  const database = await createTestDatabase(t)
  const server = await tracedServer(t, receiver, { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix(t) })
  const apiKey = await newActorKey(server)

  const parent = traceparent(true)
  const charged = await simulate(server, apiKey, parent.header)
  t.equal(charged.status, 200)
  await receiver.waitFor((spans) => requestSpan(spans, parent.traceId) !== undefined)
  const spans = receiver.spans.filter((s) => s.traceId === parent.traceId)
  const root = requestSpan(spans, parent.traceId) as ReceivedSpan
  t.comment(`trace ${parent.traceId}\n${spanTree(spans, root)}`)
  t.equal(root.parentSpanId, parent.parentId)

  const charge = only(t, spans, 'billing.charge')
  t.match(charge.attributes, { 'trickster.cost': 3, 'trickster.tokens_charged': 3 })
  const queries = descendantsOf(spans, charge).filter((s) => s.scope.includes('instrumentation-pg'))
  t.ok(queries.length > 0, 'the purchase\'s query is a pg span under billing.charge')
  t.ok(queries.every((q) => q.kind === SPAN_KIND_CLIENT && q.attributes['db.system.name'] === 'postgresql'))
  const purchase = queries.find((q) => String(q.attributes['db.query.text'] ?? '').includes('EXECUTE'))
  t.ok(purchase !== undefined, 'the statement batch is one query')
  // The batch writes its values into the SQL as literals; the span shows the shape only.
  t.notOk(queries.some((q) => /'[^']*'/.test(String(q.attributes['db.query.text']))), 'no literal value in any query text')
  t.notOk(queries.some((q) => String(q.attributes['db.query.text']).includes(String(only(t, spans, 'auth').attributes['enduser.id']))), 'the actor id is not in the query text')

  const simulation = only(t, spans, 'simulation')
  const lookup = only(t, spans, 'cache.get')
  t.equal(lookup.attributes['trickster.cache.layer'], 'shared', 'a local miss asks the shared cache')
  const commands = descendantsOf(spans, lookup).filter((s) => s.scope.includes('instrumentation-ioredis'))
  t.same(commands.map((s) => s.name), ['get'], 'the shared lookup is one Redis GET under cache.get')
  t.equal(commands[0].attributes['db.system.name'], 'redis')
  const store = childrenOf(spans, simulation).find((s) => s.name === 'cache.set') as ReceivedSpan
  t.same(descendantsOf(spans, store).map((s) => s.name), ['set'], 'the store is one Redis SET under cache.set')
  assertNothingSecret(t, receiver.spans, apiKey)
})

t.test('without OTEL_EXPORTER_OTLP_ENDPOINT no OpenTelemetry SDK module is loaded and log lines carry no trace id', async (t) => {
  // NODE_DEBUG=module makes Node's CommonJS loader name every module it loads on stderr; the SDK,
  // the exporters and the instrumentations are CommonJS packages.
  const server = await startServer(t, { DATA_DIR: t.testdir(), NODE_DEBUG: 'module' })
  const res = await fetch(`${server.baseUrl}/api/v2/simulate`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: traceparent(true).header }, body: JSON.stringify({ ...BODY, depth: 'headline_pick' }) })
  t.equal(res.status, 200)
  await res.arrayBuffer()
  t.ok(server.stderr().includes('MODULE'), 'the module loader reported what it loaded')
  const loaded = [...server.stderr().matchAll(/load "([^"]+)"/g)].map((m) => m[1])
  t.ok(loaded.some((path) => path.includes('/node_modules/fastify/')), 'the loader log lists the packages loaded (fastify among them)')
  t.same(loaded.filter((path) => /@opentelemetry\/(sdk-|exporter-|instrumentation)|@fastify\/otel/.test(path)), [], 'no SDK, exporter or instrumentation module')
  const lines = await completedLogLines(server, res.headers.get('x-request-id') ?? '')
  t.ok(lines.every((line) => !('trace_id' in line)), 'no trace id in the log lines')
})
