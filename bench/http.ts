/**
 * `npm run bench:http` — the service against a bare Fastify baseline in the same run.
 * Each server runs in its own process on 127.0.0.1; autocannon drives them one after the other
 * (10 s, 50 connections by default; BENCH_DURATION overrides the seconds).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load, printTable, startProcess, type LoadResult } from './support.js'

const duration = Number(process.env.BENCH_DURATION ?? 10)
const dataDir = mkdtempSync(join(tmpdir(), 'trickster-bench-'))
const common = { ENV: 'test', LOG_LEVEL: 'info' }

const bare = await startProcess('bench/bare-server.ts', common)
const bareHealth = await load('bare GET /health', { url: `${bare.url}/health`, duration })
await bare.stop()

const service = await startProcess('src/server.ts', { ...common, DATA_DIR: dataDir })
await new Promise((resolve) => setTimeout(resolve, 2000))
const idleRss = service.rssMb()
const health = await load('service GET /health', { url: `${service.url}/health`, duration })
await service.stop()
rmSync(dataDir, { recursive: true, force: true })

const row = (r: LoadResult, baseline: LoadResult) => ({
  scenario: r.name,
  'req/s': Math.round(r.rps),
  'p50 ms': r.p50,
  'p99 ms': r.p99,
  'non-2xx': r.non2xx,
  errors: r.errors,
  'x baseline': Number((r.rps / baseline.rps).toFixed(2))
})
printTable([row(bareHealth, bareHealth), row(health, bareHealth)])
const ratio = health.rps / bareHealth.rps
console.log(`GET /health: ${ratio.toFixed(2)} x bare Fastify (target >= 0.80) ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`)
console.log(`idle RSS after start: ${idleRss.toFixed(1)} MB (target < 120 MB) ${idleRss < 120 ? 'MET' : 'NOT MET'}`)
