/**
 * `npm run bench:http` — the service against a bare Fastify baseline, in the same run.
 * Each server runs in its own process on 127.0.0.1 (same server options and logger settings; the
 * service from its compiled build, as in production — `npm run bench:http` builds first);
 * autocannon (50 connections) drives them one scenario after the other; each comparison with the
 * baseline alternates the two BENCH_ROUNDS times (default 3) and compares medians. BENCH_DURATION
 * overrides the seconds per run (default 10); BENCH_ONLY=health,headline,charged,offload,saturation,tracing,outlook
 * picks scenarios (`BENCH_ONLY=saturation` alone runs only the saturation scenario; `outlook` runs
 * the three season-outlook scenarios, `outlook-cached`, `outlook-cold`, `outlook-storm` one each).
 *
 * Targets (issues 2, 3, 5): GET /health ≥ 0.8 × bare; anonymous headline cache hit ≥ 0.7 × bare
 * POST echo; cache miss (distinct seeds, 1 000 iterations) ≥ 0.4 × bare POST echo; charged
 * full_distribution with synchronous=FULL ≥ 1 500 req/s; /health p99 < 50 ms while 8 concurrent
 * 100 000-iteration simulations run; idle RSS after start < 120 MB. The charged scenario runs again
 * on PostgreSQL (DATABASE_URL, a database created for the run on BENCH_POSTGRES_URL's server, "none"
 * to skip): ≥ 1 000 req/s on one instance; then once more from 50 actors in turn (no target: it shows
 * that the group commit of purchases spans actors, src/storage/postgres/statement-batcher.ts).
 *
 * Saturation (issue 22): 50 connections of free headlines at n_simulations = 10 000 (new seed each,
 * MAX_SIMULATIONS_FREE and limits raised) while /health is probed: p99 ≤ 3 × p50, max ≤ 2 s, no
 * error; then at 100 000: max ≤ 3 s or 503 overloaded, never a client timeout; /health p99 < 50 ms.
 *
 * Season outlook (issue 20, SPEC §13.4): the shared real EPL seasons (../shared/data/football,
 * read-only, never copied into the repository) imported through the admin routes into each service
 * before its run; every request is an outlook of the EPL 2025-26 remainder (checked). Cached: one
 * body (seed 1, 10 000 iterations) bought once by one actor, then sent by that actor (entitlement
 * reused, cached result; the balance is checked to have moved by 3 tokens only) ≥ 1 000 req/s.
 * Cold: distinct seeds at 10 000 iterations (each a new purchase, computed on the worker pool;
 * MAX_QUEUED_WORK_SECONDS raised so every request is served) ≥ 100 served req/s. Storm: 50
 * connections of 100 000-iteration outlooks with distinct seeds at the default queue bound (the
 * excess is refused with 503 overloaded before any charge) while /health is probed: p99 < 50 ms.
 */
import pg from 'pg'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { createServer } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { load, printTable, startProcess, type LoadResult, type Running } from './support.js'
import { SEASONS, seasonPath, seasonText } from '../test/leagues/shared-data.js'

const duration = Number(process.env.BENCH_DURATION ?? 10)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const only = new Set((process.env.BENCH_ONLY ?? 'health,headline,charged,offload,saturation,tracing,outlook').split(','))
if (only.has('outlook')) for (const name of ['outlook-cached', 'outlook-cold', 'outlook-storm']) only.add(name)
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij'
const UNLIMITED = {
  RATE_LIMIT_BURST: '100000000',
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_HOURLY_ANONYMOUS: '100000000',
  RATE_LIMIT_HOURLY_ACTOR: '100000000',
  RATE_LIMIT_API_PER_MINUTE: '100000000'
}
const common = { ENV: 'test', LOG_LEVEL: 'info' }
const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const json = { 'content-type': 'application/json' }

const rows: Array<Record<string, string | number>> = []
const verdicts: string[] = []
const row = (r: LoadResult, baseline?: LoadResult) => rows.push({
  scenario: r.name,
  'req/s': Math.round(r.rps),
  'p50 ms': r.p50,
  'p99 ms': r.p99,
  'non-2xx': r.non2xx,
  errors: r.errors,
  'x baseline': baseline === undefined ? '' : Number((r.rps / baseline.rps).toFixed(2))
})
/** A row from autocannon's own result (runs that are not a `load()`: the storms under a probe). */
const heavyRow = (scenario: string, heavy: autocannon.Result) => rows.push({
  scenario,
  'req/s': Math.round(heavy.requests.average),
  'p50 ms': heavy.latency.p50,
  'p99 ms': heavy.latency.p99,
  'non-2xx': heavy.non2xx,
  errors: heavy.errors + heavy.timeouts,
  'x baseline': ''
})
const verdict = (label: string, value: number, target: number, unit: string, higherIsBetter = true) => {
  const met = higherIsBetter ? value >= target : value < target
  verdicts.push(`${label}: ${value.toFixed(2)}${unit} (target ${higherIsBetter ? '>=' : '<'} ${target}${unit}) ${met ? 'MET' : 'NOT MET'}`)
}

async function withService<T> (env: Record<string, string>, fn: (service: Running) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trickster-bench-'))
  const service = await startProcess('dist/src/server.js', { ...common, ...UNLIMITED, DATA_DIR: dataDir, ADMIN_TOKEN, ...env })
  try {
    return await fn(service)
  } finally {
    await service.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function post (url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return await res.json()
}

/** An actor with enough tokens for the whole scenario. */
async function richActor (service: Running): Promise<Record<string, string>> {
  const actor = await post(`${service.url}/api/v2/admin/actors`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
  await post(`${service.url}/api/v2/tokens/topup`, { user_id: actor.actor_id, amount: 100_000, payment_id: `bench-${actor.actor_id as string}` }, { authorization: `Bearer ${ADMIN_TOKEN}` })
  return { authorization: `Bearer ${actor.api_key as string}` }
}

async function send (method: string, url: string, body: string, headers: Record<string, string>): Promise<any> {
  const res = await fetch(url, { method, headers: { ...json, ...headers }, body })
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return await res.json()
}

async function balanceOf (service: Running, auth: Record<string, string>): Promise<number> {
  const res = await fetch(`${service.url}/api/v2/tokens/balance`, { headers: auth })
  if (!res.ok) throw new Error(`balance: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { balance: number }).balance
}

/**
 * Defines the league `epl` on a running service and imports the shared real EPL seasons into it
 * through the admin routes (the files are read where they are, never copied).
 */
async function importEpl (service: Running): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
  await send('PUT', `${service.url}/api/v2/admin/leagues/epl`, JSON.stringify({ name: 'English Premier League', zones: { champion: [1, 1], top4: [1, 4], relegation: [18, 20] } }), admin)
  for (const season of SEASONS) await send('POST', `${service.url}/api/v2/admin/leagues/epl/matches`, seasonText(season, 'en.1'), admin)
}

const OUTLOOK_PATH = '/api/v2/leagues/epl/season'

/** Buys one outlook and checks that it is the EPL 2025-26 remainder the scenarios claim to measure. */
async function firstOutlook (service: Running, auth: Record<string, string>, body: unknown): Promise<any> {
  const answer = await post(`${service.url}${OUTLOOK_PATH}`, body, auth)
  if (answer.season !== '2025-26' || answer.remaining_fixtures < 1) throw new Error(`the outlook is of ${answer.season as string} with ${answer.remaining_fixtures as number} fixtures left, not the 2025-26 remainder`)
  return answer
}

/** autocannon POSTs whose body gets a fresh seed each time (distinct fingerprints: no cache, no entitlement). */
function seeded (body: (seed: number) => unknown, headers: Record<string, string> = {}, actors: Array<Record<string, string>> = []): autocannon.Request[] {
  let seed = 0
  return [{
    method: 'POST',
    headers: { ...json, ...headers },
    // With `actors`, each request is sent by the next of them in turn.
    setupRequest: (req) => {
      const current = seed++
      return { ...req, headers: { ...req.headers, ...actors[current % actors.length] }, body: JSON.stringify(body(current)) }
    }
  }]
}

/**
 * Runs baseline and candidate alternately, `rounds` times each, and compares medians: on a noisy
 * shared machine a slow patch then hits both sides instead of one.
 */
async function compare (baselineName: string, baseline: autocannon.Options, name: string, candidate: autocannon.Options): Promise<[LoadResult, LoadResult]> {
  const base: LoadResult[] = []
  const cand: LoadResult[] = []
  for (let round = 0; round < rounds; round++) {
    base.push(await load(baselineName, { ...baseline, duration }))
    cand.push(await load(name, { ...candidate, duration }))
  }
  return [medianOf(base), medianOf(cand)]
}

function medianOf (results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)]
}

const bare = await startProcess('bench/bare-server.ts', common)
const echoBody = JSON.stringify(EVENT)
let idleRss = 0
try {
  await withService({}, async (service) => {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    idleRss = service.rssMb()
    if (only.has('health')) {
      const [base, health] = await compare('bare GET /health', { url: `${bare.url}/health` }, 'service GET /health', { url: `${service.url}/health` })
      row(base)
      row(health, base)
      verdict('GET /health vs bare', health.rps / base.rps, 0.8, 'x')
    }
    if (only.has('headline')) {
      await post(`${service.url}/api/v2/simulate`, EVENT)
      const echo = { url: `${bare.url}/echo`, method: 'POST' as const, headers: json, body: echoBody }
      const [base, hit] = await compare('bare POST /echo', echo, 'headline, cache hit', { url: `${service.url}/api/v2/simulate`, method: 'POST', headers: json, body: echoBody })
      row(base)
      row(hit, base)
      verdict('headline cache hit vs bare POST echo', hit.rps / base.rps, 0.7, 'x')
      const [base2, miss] = await compare('bare POST /echo', echo, 'headline, cache miss (n=1000)', {
        url: `${service.url}/api/v2/simulate`,
        requests: seeded((seed) => ({ ...EVENT, config: { seed, n_simulations: 1000 } }))
      })
      row(miss, base2)
      verdict('headline cache miss vs bare POST echo', miss.rps / base2.rps, 0.4, 'x')
    }
  })
} finally {
  await bare.stop()
}

if (only.has('charged')) {
  await withService({ SQLITE_SYNCHRONOUS: 'FULL' }, async (service) => {
    const auth = await richActor(service)
    const charged = await load('charged full_distribution (FULL)', {
      url: `${service.url}/api/v2/simulate`,
      requests: seeded((seed) => ({ ...EVENT, depth: 'full_distribution', config: { seed } }), auth),
      duration
    })
    row(charged)
    verdict('charged full_distribution, synchronous=FULL', charged.rps, 1500, ' req/s')
  })
  // The same on PostgreSQL (DATABASE_URL): a database of its own on BENCH_POSTGRES_URL's server
  // (default: this machine's; "none" skips it), dropped afterwards.
  const postgresServer = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  if (postgresServer !== 'none') {
    const database = `trickster_bench_http_${process.pid}`
    const admin = new pg.Client({ connectionString: postgresServer })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    try {
      const url = new URL(postgresServer)
      url.pathname = `/${database}`
      await withService({ DATABASE_URL: url.toString() }, async (service) => {
        const auth = await richActor(service)
        const charged = await load('charged full_distribution (PostgreSQL)', {
          url: `${service.url}/api/v2/simulate`,
          requests: seeded((seed) => ({ ...EVENT, depth: 'full_distribution', config: { seed } }), auth),
          duration
        })
        row(charged)
        verdict('charged full_distribution, PostgreSQL', charged.rps, 1000, ' req/s')
        // The same load from 50 actors in turn: purchases of different actors share a commit too.
        const crowd = await Promise.all(Array.from({ length: 50 }, async () => await richActor(service)))
        row(await load('charged full_distribution (PostgreSQL, 50 actors)', {
          url: `${service.url}/api/v2/simulate`,
          requests: seeded((seed) => ({ ...EVENT, depth: 'full_distribution', config: { seed } }), {}, crowd),
          duration
        }))
      })
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.end()
    }
  }
}

if (only.has('offload')) {
  await withService({}, async (service) => {
    const auth = await richActor(service)
    const heavyUrl = `${service.url}/api/v2/simulate`
    // 8 connections keep 8 simulations of 100 000 iterations in flight while /health is probed.
    const heavyRun = autocannon({
      url: heavyUrl,
      connections: 8,
      duration,
      requests: seeded((seed) => ({ ...EVENT, depth: 'full_distribution', config: { seed, n_simulations: 100_000 } }), auth)
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const probe = await load('GET /health during 8 x 100k sims', { url: `${service.url}/health`, connections: 5, duration: Math.max(1, duration - 1) })
    const heavy = await heavyRun
    rows.push({ scenario: '8 concurrent 100k-iteration sims', 'req/s': Number(heavy.requests.average.toFixed(1)), 'p50 ms': heavy.latency.p50, 'p99 ms': heavy.latency.p99, 'non-2xx': heavy.non2xx, errors: heavy.errors, 'x baseline': '' })
    row(probe)
    verdict('GET /health p99 while 8 x 100k simulations run', probe.p99, 50, ' ms', false)
  })
}

if (only.has('saturation')) {
  for (const n of [10_000, 100_000]) {
    await withService({ MAX_SIMULATIONS_FREE: String(n) }, async (service) => {
      const heavyRun = autocannon({
        url: `${service.url}/api/v2/simulate`,
        connections: 50,
        duration,
        requests: seeded((seed) => ({ ...EVENT, config: { seed, n_simulations: n } }))
      })
      await new Promise((resolve) => setTimeout(resolve, 500))
      const probe = await load(`GET /health during saturation at ${n}`, { url: `${service.url}/health`, connections: 5, duration: Math.max(1, duration - 1) })
      const heavy = await heavyRun
      const overloaded = heavy.statusCodeStats?.['503']?.count ?? 0
      heavyRow(`saturation, free headline n=${n}, 50 conn (max ${heavy.latency.max} ms, 503 x ${overloaded})`, heavy)
      row(probe)
      if (n <= 10_000) verdict(`saturation ${n}: p99 / p50`, heavy.latency.p99 / Math.max(1, heavy.latency.p50), 3, 'x', false)
      // autocannon's max is over every answer, 503 overloaded (fast) included: it bounds the 2xx too.
      verdict(`saturation ${n}: max latency`, heavy.latency.max, n <= 10_000 ? 2000 : 3000, ' ms', false)
      verdict(`saturation ${n}: errors and client timeouts`, heavy.errors + heavy.timeouts, 1, '', false)
      if (n <= 10_000) verdict(`saturation ${n}: non-2xx`, heavy.non2xx, 1, '', false)
      verdict(`GET /health p99 during saturation at ${n}`, probe.p99, 50, ' ms', false)
    })
  }
}

// Season outlooks of the EPL 2025-26 remainder (issue 20, SPEC §13.4), on a service each, the real
// seasons imported first.
const outlookScenarios = ['outlook-cached', 'outlook-cold', 'outlook-storm'].filter((name) => only.has(name))
if (outlookScenarios.length > 0 && !existsSync(seasonPath('2025-26', 'en.1'))) {
  throw new Error(`the outlook scenarios need the shared seasons at ${seasonPath('2025-26', 'en.1')} (../shared/data/football)`)
}

if (only.has('outlook-cached')) {
  await withService({}, async (service) => {
    await importEpl(service)
    const auth = await richActor(service)
    const body = { n_simulations: 10_000, seed: 1 }
    const first = await firstOutlook(service, auth, body)
    const balance = await balanceOf(service, auth)
    const cached = await load(`season outlook EPL 2025-26 (${first.remaining_fixtures as number} fixtures), cached, entitlement reused`, {
      url: `${service.url}${OUTLOOK_PATH}`,
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify(body),
      duration
    })
    row(cached)
    // Every request of the run was the same purchase: not one token more may have moved.
    const charged = balance - await balanceOf(service, auth)
    if (charged !== 0) throw new Error(`the cached outlook run charged ${charged} tokens: it did not measure entitlement reuse`)
    verdict('season outlook, cached (entitlement reused)', cached.rps, 1000, ' req/s')
  })
}

if (only.has('outlook-cold')) {
  // Every request is served: the bound is raised so the figure is the pool's throughput, not refusals.
  await withService({ MAX_QUEUED_WORK_SECONDS: '3600' }, async (service) => {
    await importEpl(service)
    const auth = await richActor(service)
    await firstOutlook(service, auth, { n_simulations: 10_000, seed: 0 })
    const cold = await autocannon({
      url: `${service.url}${OUTLOOK_PATH}`,
      connections: 50,
      duration,
      requests: seeded((seed) => ({ n_simulations: 10_000, seed: 1 + seed }), auth)
    })
    const served = cold['2xx'] / duration
    rows.push({ scenario: 'season outlook EPL 2025-26, cold (distinct seeds, n=10000), served req/s', 'req/s': Number(served.toFixed(1)), 'p50 ms': cold.latency.p50, 'p99 ms': cold.latency.p99, 'non-2xx': cold.non2xx, errors: cold.errors + cold.timeouts, 'x baseline': '' })
    verdict('season outlook, cold (distinct seeds, 10 000 iterations)', served, 100, ' req/s')
  })
}

if (only.has('outlook-storm')) {
  await withService({}, async (service) => {
    await importEpl(service)
    const auth = await richActor(service)
    await firstOutlook(service, auth, { n_simulations: 100_000, seed: 0 })
    // 50 connections of 100 000-iteration outlooks (new seed each, each a purchase) at the default
    // queue bound while 5 connections probe /health.
    const storm = autocannon({
      url: `${service.url}${OUTLOOK_PATH}`,
      connections: 50,
      duration,
      requests: seeded((seed) => ({ n_simulations: 100_000, seed: 1 + seed }), auth)
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const probe = await load('GET /health during the outlook storm', { url: `${service.url}/health`, connections: 5, duration: Math.max(1, duration - 1) })
    const heavy = await storm
    const overloaded = heavy.statusCodeStats?.['503']?.count ?? 0
    heavyRow(`outlook storm, n=100000, 50 conn (${heavy['2xx']} served, 503 x ${overloaded}, max ${heavy.latency.max} ms)`, heavy)
    row(probe)
    verdict('GET /health p99 during a storm of 100 000-iteration outlooks', probe.p99, 50, ' ms', false)
  })
}

// Tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT: the SDK is not loaded) against on (every request
// sampled, spans exported over OTLP/HTTP to a sink in this process that accepts and drops them),
// alternated like the baseline comparisons (docs/OPERATIONS.md, "Overhead").
if (only.has('tracing')) {
  const sink = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end())
  })
  sink.listen(0, '127.0.0.1')
  await once(sink, 'listening')
  const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`
  try {
    await withService({}, async (off) => {
      await withService({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'always_on' }, async (on) => {
        for (const service of [off, on]) await post(`${service.url}/api/v2/simulate`, EVENT)
        const hit = (service: Running): autocannon.Options => ({ url: `${service.url}/api/v2/simulate`, method: 'POST', headers: json, body: echoBody })
        const [hitOff, hitOn] = await compare('headline cache hit, tracing off', hit(off), 'headline cache hit, tracing on', hit(on))
        row(hitOff)
        row(hitOn, hitOff)
        const charged = async (service: Running): Promise<autocannon.Options> => ({
          url: `${service.url}/api/v2/simulate`,
          requests: seeded((seed) => ({ ...EVENT, depth: 'full_distribution', config: { seed } }), await richActor(service))
        })
        const [chargedOff, chargedOn] = await compare('charged full_distribution, tracing off', await charged(off), 'charged full_distribution, tracing on', await charged(on))
        row(chargedOff)
        row(chargedOn, chargedOff)
        rows.push({ scenario: 'RSS MB after the runs, tracing off / on', 'req/s': '', 'p50 ms': '', 'p99 ms': '', 'non-2xx': '', errors: '', 'x baseline': `${off.rssMb().toFixed(0)} / ${on.rssMb().toFixed(0)}` })
      })
    })
  } finally {
    sink.close()
  }
}

printTable(rows)
verdict('idle RSS after start', idleRss, 120, ' MB', false)
for (const line of verdicts) console.log(line)
