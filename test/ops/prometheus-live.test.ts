import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { buildApp, SOURCE_SERVER, startServer, type ServerProcess } from '../helper.js'
import { freePort, TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.js'
import { PROJECT_ROOT } from '../../src/paths.js'
import { databaseFile } from '../../src/db/database.js'

/**
 * The dashboard (ops/grafana/trickster-oracle.json) and the rules (ops/prometheus/rules.yml) against
 * a real Prometheus (Debian's `prometheus`) scraping two real service processes: a healthy one
 * (SQLite, the test Redis) that takes charged traffic, and a faulty one whose disk is "full"
 * (`prlimit --fsize`, as test/process/unwritable-database.test.ts) and whose Redis is unreachable,
 * so it answers 5xx, fails /ready and falls back to memory.
 */

const ADMIN_TOKEN = 'prometheus-test-admin-token-0123456789ab'
const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const json = { 'content-type': 'application/json' }
const admin = { ...json, authorization: `Bearer ${ADMIN_TOKEN}` }

/**
 * Series a labelled counter or histogram exports only once something happened to it: the wait of a
 * job on the worker pool (no request here is large enough to go there) and the pool's overload
 * refusals. An expression made only of them may return no series; every other expression —
 * the undelivered-charge gauge and counter included — must return at least one.
 */
const SERIES_OF_RARE_EVENTS = ['trickster_worker_queue_wait_seconds', 'trickster_overload_refusals_total', 'trickster:worker_queue_wait_seconds:p99_5m']

interface PromResponse { status: string, error?: string, data: { resultType: string, result: unknown[] } }

async function startPrometheus (t: Test, targets: string[]): Promise<string> {
  const dir = t.testdir()
  const port = await freePort()
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [join(PROJECT_ROOT, 'ops', 'prometheus', 'rules.yml')],
    scrape_configs: [{ job_name: 'trickster', static_configs: [{ targets }] }]
  }
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config))
  const child = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr.on('data', (d) => { log += String(d) })
  t.teardown(async () => {
    if (child.exitCode !== null) return
    child.kill('SIGTERM')
    await once(child, 'exit')
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return url
    } catch {}
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`prometheus did not start: ${log}`)
}

async function query (prometheus: string, expr: string): Promise<PromResponse> {
  const res = await fetch(`${prometheus}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`)
  return await res.json() as PromResponse
}

async function post (url: string, body: unknown, headers: Record<string, string> = json): Promise<{ status: number, body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}

/** Charges, a refund, a top-up, denials, rejected keys, cache hits and misses on the healthy instance. */
async function chargedTraffic (server: ServerProcess): Promise<void> {
  const base = server.baseUrl
  const actor = (await post(`${base}/api/v2/admin/actors`, {}, admin)).body
  await post(`${base}/api/v2/tokens/topup`, { user_id: actor.actor_id, amount: 100, payment_id: `prom-${String(actor.actor_id)}` }, admin)
  const paying = { ...json, authorization: `Bearer ${String(actor.api_key)}` }
  const charged = await Promise.all([1, 2, 3].map(async (seed) => await post(`${base}/api/v2/simulate`, { ...EVENT, depth: 'scenario_extremes', config: { seed } }, paying)))
  await post(`${base}/api/v2/tokens/refund`, { transaction_id: charged[0].body.transaction_id, reason: 'prometheus test' }, admin)
  // A second actor has only its daily grant (DAILY_TOKENS=3): one depth, then 402.
  const poor = (await post(`${base}/api/v2/admin/actors`, {}, admin)).body
  const short = { ...json, authorization: `Bearer ${String(poor.api_key)}` }
  for (const seed of [10, 11]) await post(`${base}/api/v2/simulate`, { ...EVENT, depth: 'scenario_extremes', config: { seed } }, short)
  for (let i = 0; i < 3; i++) await post(`${base}/api/v2/simulate`, EVENT, { ...json, authorization: `Bearer not-a-key-${i}` })
  for (let i = 0; i < 3; i++) await post(`${base}/api/v2/simulate`, EVENT)
  // RATE_LIMIT_SIGNUP_PER_HOUR=1: the second sign-up is a 429.
  for (let i = 0; i < 2; i++) await post(`${base}/api/v2/actors`, {})
}

/** Sign-ups until the full disk refuses one (503), headline requests with Redis away, and /ready. */
async function faultyTraffic (server: ServerProcess): Promise<number> {
  let refused = 0
  for (let i = 0; i < 200 && refused < 3; i++) {
    if ((await post(`${server.baseUrl}/api/v2/actors`, {})).status === 503) refused++
  }
  for (let i = 0; i < 3; i++) await post(`${server.baseUrl}/api/v2/simulate`, EVENT)
  return refused
}

/**
 * Refused sign-ups and /ready probes (a load balancer's health checks) spread over a few seconds of
 * 1 s scrapes: rate() counts only increases it sees between two samples, not a series' first value.
 */
async function failOnce (healthy: ServerProcess, faulty: ServerProcess): Promise<void> {
  await Promise.all([
    post(`${faulty.baseUrl}/api/v2/actors`, {}),
    ...[healthy, faulty].map(async (s) => await (await fetch(`${s.baseUrl}/ready`)).arrayBuffer())
  ])
  await new Promise((resolve) => setTimeout(resolve, 250))
}

async function keepFailing (healthy: ServerProcess, faulty: ServerProcess): Promise<void> {
  for (let i = 0; i < 20; i++) await failOnce(healthy, faulty)
}

t.test('every dashboard and rule expression evaluates on a real Prometheus and returns series; the 5xx alert goes pending', async (t) => {
  // The faulty instance's database exists (migrated, with the embedded synthetic league) before it
  // starts under a file-size limit 64 KiB above its size: the write-ahead log soon outgrows it.
  const faultyDir = t.testdir()
  const { app } = await buildApp(t, { logLevel: 'silent' }, { dataDir: faultyDir })
  await app.close()
  const fileSizeLimit = statSync(databaseFile(faultyDir)).size + 65_536
  const [healthy, faulty] = await Promise.all([
    startServer(t, { DATA_DIR: t.testdir(), ADMIN_TOKEN, DAILY_TOKENS: '3', RATE_LIMIT_SIGNUP_PER_HOUR: '1', REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix(t) }),
    startServer(t, { DATA_DIR: faultyDir, RATE_LIMIT_SIGNUP_PER_HOUR: '1000', REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      { command: ['env', '-u', 'NODE_OPTIONS', 'prlimit', `--fsize=${fileSizeLimit}`, ...SOURCE_SERVER] })
  ])
  const prometheus = await startPrometheus(t, [healthy, faulty].map((s) => new URL(s.baseUrl).host))

  await chargedTraffic(healthy)
  t.ok(await faultyTraffic(faulty) > 0, 'the faulty instance refused writes with 503')
  await keepFailing(healthy, faulty)

  // Both targets up and scraped past the traffic, and the recording rules evaluated on it.
  const scraped = async (): Promise<boolean> => {
    const up = await query(prometheus, 'sum(up{job="trickster"})')
    const ready = await query(prometheus, 'trickster:ready_failing_ratio:rate2m > 0')
    // The faulty instance's own counters in two scrapes at least, as every rate() below needs.
    const refusals = await query(prometheus, 'rate(trickster_http_requests_total{status="503",route!="/ready"}[1m])')
    const fallbacks = await query(prometheus, 'rate(trickster_redis_fallbacks_total[1m])')
    // Every counter of both targets in three scrapes at least (a counter the traffic moved once, early, still needs two samples for rate()).
    const scrapes = await query(prometheus, 'count_over_time(up{job="trickster"}[1m]) >= 3')
    return (up.data.result[0] as { value: [number, string] } | undefined)?.value[1] === '2' && scrapes.data.result.length === 2 &&
      ready.data.result.length > 0 && refusals.data.result.length > 0 && fallbacks.data.result.length > 0
  }
  // Still failing while Prometheus catches up, so its rates see increases, not only first values.
  for (let i = 0; i < 100 && !await scraped(); i++) await failOnce(healthy, faulty)

  const dashboard = JSON.parse(readFileSync(join(PROJECT_ROOT, 'ops', 'grafana', 'trickster-oracle.json'), 'utf8')) as { panels: Array<{ title: string, targets?: Array<{ expr: string }> }> }
  const rules = parse(readFileSync(join(PROJECT_ROOT, 'ops', 'prometheus', 'rules.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ record?: string, alert?: string, expr: string }> }> }
  // Grafana's variables as Grafana sends them with "All" selected and a 1 s scrape interval.
  const asGrafanaSends = (expr: string): string => expr.replaceAll('$__rate_interval', '1m').replaceAll('$job', '.*').replaceAll('$instance', '.*')
  const expressions = [
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ name: `panel "${panel.title}"`, expr: asGrafanaSends(target.expr), mustReturn: true }))),
    ...rules.groups.flatMap((group) => group.rules.map((rule) => ({
      name: rule.record ?? `alert ${String(rule.alert)}`,
      expr: rule.expr,
      // An alert's expression returns series only while it fires; its recording rules and panels are checked for series.
      mustReturn: rule.record !== undefined
    })))
  ]
  t.ok(expressions.length > 30, `${expressions.length} expressions`)
  for (const { name, expr, mustReturn } of expressions) {
    const answer = await query(prometheus, expr)
    t.equal(answer.status, 'success', `${name} evaluates${answer.error !== undefined ? `: ${answer.error}` : ''}`)
    if (!mustReturn) continue
    if (SERIES_OF_RARE_EVENTS.some((series) => expr.includes(series)) && answer.data.result.length === 0) {
      t.comment(`${name}: no series (no pool job or refusal happened in this test)`)
      continue
    }
    t.ok(answer.data.result.length > 0, `${name} returns series`)
  }

  const alertsNow = async (): Promise<Array<{ labels: Record<string, string>, state: string }>> => {
    const res = await fetch(`${prometheus}/api/v1/alerts`)
    return (await res.json() as { data: { alerts: Array<{ labels: Record<string, string>, state: string }> } }).data.alerts
  }
  const faultyInstance = new URL(faulty.baseUrl).host
  let alerts = await alertsNow()
  const pendingFor = (name: string): boolean => alerts.some((a) => a.labels.alertname === name && a.labels.instance === faultyInstance && a.state === 'pending')
  // The instance keeps failing while we wait (up to 30 s): the ratios are rates, so an alert needs
  // refusals in several scrapes, and a fast run (Redis away costs nothing once its circuit is open)
  // may have sent them all before Prometheus' first scrapes of the target.
  for (let i = 0; i < 120 && !(pendingFor('TricksterHigh5xxRatio') && pendingFor('TricksterNotReady')); i++) {
    await failOnce(healthy, faulty)
    alerts = await alertsNow()
  }
  t.ok(pendingFor('TricksterHigh5xxRatio'), 'the 5xx alert is pending for the faulty instance')
  t.ok(pendingFor('TricksterNotReady'), 'so is /ready failing')
  t.ok(pendingFor('TricksterRedisFallback'), 'and Redis in fallback')
  // The healthy instance is not asserted alert-free: on a loaded CI machine its own /ready may
  // report a slow event loop (503), which is what the alerts are for.
})
