/**
 * `npm run load` — 30 s of mixed traffic against the service (BENCH_DURATION overrides the seconds),
 * then proof that the token ledger kept up: it verifies, and it charged exactly what the answers
 * said was charged.
 *
 * The service runs in its own process on 127.0.0.1 with a fresh DATA_DIR and rate limits raised to
 * the maxima the configuration accepts, so the load measures the service, not the limiter.
 * Five autocannon instances run at once (50 connections in all), one per route class:
 *
 *   anon cached      headline_pick, 6 events × 4 seeds: after the first round, cache hits
 *   anon miss        headline_pick, a new seed each time, n_simulations 1000
 *   charged full     full_distribution (2 tokens), 20 actors, a new seed each time
 *   charged deep     deep_dive_educational (5 tokens), 20 actors, a new seed each time
 *   idempotent       full_distribution sent 3 times with one Idempotency-Key: charge, replay, replay
 *
 * Every request carries its own X-Request-ID, which the ledger stores on the entry it causes. That
 * lets the check work per request and explain the one legitimate gap between answers and ledger:
 * requests still in flight when autocannon stops are charged by the server but their answers are
 * never read. Those are matched to requests the bench sent and reported on their own line.
 *
 * Exit 1 on any 5xx, a ledger that does not verify, or tokens charged != tokens expected.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { databaseFile, openDatabase } from '../src/db/database.js'
import { verifyLedger } from '../src/ledger/index.js'
import { printTable, startProcess } from './support.js'

const duration = Number(process.env.BENCH_DURATION ?? 30)
if (!(duration > 0)) {
  console.error(`BENCH_DURATION must be a positive number of seconds (got ${JSON.stringify(process.env.BENCH_DURATION)})`)
  process.exit(2)
}
const ACTORS = 20
const TOP_UP = 100_000

const dataDir = mkdtempSync(join(tmpdir(), 'trickster-load-'))
const adminToken = randomBytes(32).toString('base64url')
const service = await startProcess('src/server.ts', {
  DATA_DIR: dataDir,
  ADMIN_TOKEN: adminToken,
  ENV: 'test',
  LOG_LEVEL: 'warn',
  // The highest values the config schema accepts (100000000 is rejected at start-up).
  RATE_LIMIT_BURST: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_HOURLY_ANONYMOUS: '10000000',
  RATE_LIMIT_HOURLY_ACTOR: '10000000',
  RATE_LIMIT_API_PER_MINUTE: '10000000'
})

// A bench interrupted by a signal must not leave its server (or its data) behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service.child.once('exit', () => {
      rmSync(dataDir, { recursive: true, force: true })
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    })
    service.child.kill('SIGTERM')
  })
}

interface Answer {
  cls: string
  status: number
  /** Tokens this answer says were charged: cost of a 2xx that was neither replayed nor entitled. */
  charged: number
  cacheHit: boolean
  replay: boolean
  entitled: boolean
}

/** request id → route class, for every request autocannon built (and so sent). */
const sent = new Map<string, string>()
/** request id → what its answer said, for every answer that was read. */
const answers = new Map<string, Answer>()
/** Answers whose meta.tokens_charged disagreed with their cost (a fresh charge must cost the tier price). */
const anomalies: string[] = []

let requestCounter = 0
let seedCounter = 1_000_000
const nextSeed = (): number => seedCounter++

type Req = autocannon.Request
type Ctx = Record<string, unknown>

function prepare (cls: string, req: Req, payload: string, headers: Record<string, string> = {}): Req {
  const id = `${cls.replace(/\s/g, '-')}-${++requestCounter}`
  sent.set(id, cls)
  return { ...req, method: 'POST', path: '/api/v2/simulate', body: payload, headers: { 'content-type': 'application/json', 'x-request-id': id, ...headers } }
}

/** Runs inside autocannon's HTTP parser callback: it must not throw, or the bench dies with the server still up. */
function record (cls: string) {
  return (status: number, body: string, _context: object, headers: Req['headers']): void => {
    const id = String(headers?.['x-request-id'] ?? '')
    const answer: Answer = { cls, status, charged: 0, cacheHit: false, replay: false, entitled: false }
    answers.set(id, answer)
    if (status < 200 || status >= 300) return
    try {
      const json = JSON.parse(body) as { cost_tokens: number, meta: { cache_hit: boolean, idempotency_replay: boolean, entitlement_reused: boolean, tokens_charged: number } }
      answer.cacheHit = json.meta.cache_hit
      answer.replay = json.meta.idempotency_replay
      answer.entitled = json.meta.entitlement_reused
      if (!answer.replay && !answer.entitled) {
        answer.charged = json.cost_tokens
        if (json.meta.tokens_charged !== json.cost_tokens) anomalies.push(`${id}: cost ${json.cost_tokens}, meta.tokens_charged ${json.meta.tokens_charged}`)
      }
    } catch (err) {
      anomalies.push(`${id}: unreadable ${status} answer (${(err as Error).message})`)
    }
  }
}

interface RouteClass {
  name: string
  connections: number
  requests: Req[]
}

// support.ts's stop() waits for an exit that a second call would never see again.
let stopped = false
async function stopService (): Promise<void> {
  if (stopped) return
  stopped = true
  await service.stop()
}

let exitCode = 1
try {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }
  const catalog = await (await fetch(`${service.url}/api/v2/events`)).json() as { events: Array<{ event_id: string }> }
  const eventIds = catalog.events.map((e) => e.event_id).slice(0, 6)
  const keys: string[] = []
  for (let i = 0; i < ACTORS; i++) {
    const res = await fetch(`${service.url}/api/v2/admin/actors`, { method: 'POST', headers: admin, body: JSON.stringify({ label: `load-${i}` }) })
    if (res.status !== 201) throw new Error(`admin actor creation answered ${res.status}`)
    const { actor_id: actorId, api_key: apiKey } = await res.json() as { actor_id: string, api_key: string }
    const topUp = await fetch(`${service.url}/api/v2/tokens/topup`, { method: 'POST', headers: admin, body: JSON.stringify({ user_id: actorId, amount: TOP_UP, payment_id: `load-${actorId}` }) })
    if (topUp.status !== 200) throw new Error(`top-up answered ${topUp.status}`)
    keys.push(apiKey)
  }
  let actorTurn = 0
  const nextActor = (): string => `Bearer ${keys[actorTurn++ % keys.length]}`
  const anyEvent = (): string => eventIds[Math.floor(Math.random() * eventIds.length)]

  const charged = (name: string, depth: string): RouteClass => ({
    name,
    connections: 10,
    requests: [{
      setupRequest: (req) => prepare(name, req, JSON.stringify({ event_id: anyEvent(), depth, config: { seed: nextSeed() } }), { authorization: nextActor() }),
      onResponse: record(name)
    }]
  })

  // The first of the three builds the key, body and actor; the retries reuse them from the
  // connection's context, which autocannon resets when the sequence starts over.
  const idempotentName = 'idempotent x3'
  const retry = (req: Req, context: object): Req => {
    const ctx = context as Ctx
    return prepare(idempotentName, req, ctx.payload as string, { authorization: ctx.auth as string, 'idempotency-key': ctx.key as string })
  }
  const classes: RouteClass[] = [
    {
      name: 'anon cached',
      connections: 10,
      requests: [{
        setupRequest: (req) => prepare('anon cached', req, JSON.stringify({ event_id: anyEvent(), config: { seed: 1 + Math.floor(Math.random() * 4) } })),
        onResponse: record('anon cached')
      }]
    },
    {
      name: 'anon miss',
      connections: 10,
      requests: [{
        setupRequest: (req) => prepare('anon miss', req, JSON.stringify({ event_id: anyEvent(), config: { seed: nextSeed(), n_simulations: 1000 } })),
        onResponse: record('anon miss')
      }]
    },
    charged('charged full', 'full_distribution'),
    charged('charged deep', 'deep_dive_educational'),
    {
      name: idempotentName,
      connections: 10,
      requests: [
        {
          setupRequest: (req, context) => {
            const ctx = context as Ctx
            ctx.key = `load-${randomBytes(9).toString('base64url')}`
            ctx.auth = nextActor()
            ctx.payload = JSON.stringify({ event_id: anyEvent(), depth: 'full_distribution', config: { seed: nextSeed() } })
            return retry(req, ctx)
          },
          onResponse: record(idempotentName)
        },
        { setupRequest: retry, onResponse: record(idempotentName) },
        { setupRequest: retry, onResponse: record(idempotentName) }
      ]
    }
  ]

  console.log(`load: ${duration} s, ${classes.reduce((n, c) => n + c.connections, 0)} connections, ${ACTORS} actors, service at ${service.url} (SQLITE_SYNCHRONOUS default), node ${process.version}, ${availableParallelism()} CPUs shared by load generator and service`)
  const results = await Promise.all(classes.map(async (c) => await autocannon({ url: service.url, connections: c.connections, duration, requests: c.requests })))
  const rssMb = service.rssMb()
  await stopService()

  // The server is stopped: the file holds everything it committed.
  const db = openDatabase(databaseFile(dataDir), { readonly: true })
  let entries: Array<{ request_id: string, kind: string, amount: number }>
  let report: ReturnType<typeof verifyLedger>
  try {
    report = verifyLedger(db)
    entries = db.prepare("SELECT request_id, kind, amount FROM ledger_entries WHERE kind IN ('spend', 'refund')").all() as typeof entries
  } finally {
    db.close()
  }

  const rows = classes.map((c, i) => {
    const r = results[i]
    const mine = [...answers.values()].filter((a) => a.cls === c.name)
    const statuses = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count ?? 0}`).join(' ')
    return {
      class: c.name,
      conns: c.connections,
      requests: r.requests.total,
      'req/s': Math.round(r.requests.average),
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      statuses,
      'errors/timeouts': `${r.errors}/${r.timeouts}`,
      'cache hits': mine.filter((a) => a.cacheHit).length,
      replays: mine.filter((a) => a.replay).length,
      'tokens expected': mine.reduce((n, a) => n + a.charged, 0)
    }
  })
  const total = results.reduce((acc, r) => ({ requests: acc.requests + r.requests.total, rps: acc.rps + r.requests.average, s5xx: acc.s5xx + r['5xx'] }), { requests: 0, rps: 0, s5xx: 0 })
  printTable(rows)
  console.log(`all classes: ${total.requests} requests, ${Math.round(total.rps)} req/s, ${total.s5xx} 5xx; service RSS after the load ${rssMb.toFixed(0)} MB`)

  // Per request: every fresh charged answer has exactly its spend; nothing else has one, except
  // requests that were sent but whose answers were never read (in flight at the stop).
  const spends = new Map<string, number>()
  let actual = 0
  for (const e of entries) {
    actual -= e.amount
    if (e.kind === 'spend') spends.set(e.request_id, (spends.get(e.request_id) ?? 0) - e.amount)
  }
  const expected = [...answers.values()].reduce((n, a) => n + a.charged, 0)
  const mismatches: string[] = [...anomalies]
  let unread = 0
  let unreadTokens = 0
  for (const [id, tokens] of spends) {
    const answer = answers.get(id)
    if (answer === undefined && sent.has(id)) {
      unread++
      unreadTokens += tokens
    } else if (answer === undefined) {
      mismatches.push(`${id}: spend of ${tokens} for a request the bench never sent`)
    } else if (answer.charged !== tokens) {
      mismatches.push(`${id} (${answer.cls}, ${answer.status}): answer says ${answer.charged} charged, ledger spent ${tokens}`)
    }
  }
  for (const [id, answer] of answers) {
    if (answer.charged > 0 && !spends.has(id)) mismatches.push(`${id} (${answer.cls}): answer says ${answer.charged} charged, no spend in the ledger`)
  }
  const refunds = entries.filter((e) => e.kind === 'refund').reduce((n, e) => n + e.amount, 0)

  printTable([
    { check: 'ledger:verify', result: report.ok ? `OK: ${report.actors} actors, ${report.entries} entries` : `FAILED: ${report.violations.length} violations` },
    { check: 'tokens expected (fresh charged 2xx answers read)', result: expected },
    { check: 'tokens charged for requests in flight at the stop (answer not read)', result: `${unreadTokens} (${unread} requests)` },
    { check: 'tokens charged in the ledger (spends - refunds)', result: `${actual} (refunds ${refunds})` },
    { check: 'per-request mismatches', result: mismatches.length }
  ])
  for (const line of [...report.violations, ...mismatches].slice(0, 20)) console.log(`  - ${line}`)

  const problems = [
    ...(total.s5xx > 0 ? [`${total.s5xx} 5xx answers`] : []),
    ...(report.ok ? [] : ['the ledger does not verify']),
    ...(actual !== expected + unreadTokens || mismatches.length > 0 ? [`charged ${actual} != expected ${expected} + in flight ${unreadTokens}`] : [])
  ]
  exitCode = problems.length === 0 ? 0 : 1
  console.log(problems.length === 0
    ? `VERDICT: PASS: no 5xx, ledger verifies, charged ${actual} = expected ${expected} + ${unreadTokens} in flight at the stop, every spend matched to its request`
    : `VERDICT: FAIL: ${problems.join('; ')}`)
} finally {
  await stopService()
  rmSync(dataDir, { recursive: true, force: true })
}
process.exitCode = exitCode
