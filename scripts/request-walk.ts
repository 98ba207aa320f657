/**
 * The walks of docs/ARCHITECTURE.md, measured: which files of src/ run code while the app answers
 * one request (a charged simulation, a free cached headline anonymously and with an API key, a Lab
 * unlock). V8's precise coverage counts calls; it is reset just before each request and read once
 * the request and its after-answer work (the delivery mark) are done, after a warm-up of each path.
 * `npx tsx scripts/request-walk.ts` (SQLite in a temp DATA_DIR; nothing else is touched).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { build } from '../src/app.js'
import { loadLabContent } from '../src/lab/content.js'
import { PROJECT_ROOT } from '../src/paths.js'
import { testConfig } from '../test/helper.js'

interface ScriptCoverage { url: string, functions: Array<{ ranges: Array<{ count: number }> }> }

const dataDir = mkdtempSync(join(tmpdir(), 'request-walk-'))
const config = testConfig(dataDir, { dailyTokens: 50 })
const app = await build(config, { logStream: new Writable({ write (_chunk, _encoding, done) { done() } }) })
await app.ready()
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false })

/** The files of src/ in which some function ran during `send` (and 50 ms after it, for the work after the answer). */
async function walk (label: string, send: () => Promise<{ statusCode: number }>): Promise<void> {
  await session.post('Profiler.takePreciseCoverage')
  const { statusCode } = await send()
  await new Promise((resolve) => setTimeout(resolve, 50))
  const { result } = await session.post('Profiler.takePreciseCoverage') as { result: ScriptCoverage[] }
  const files = result
    .filter((script) => script.url.startsWith('file://') && script.functions.some((f) => f.ranges[0].count > 0))
    .map((script) => relative(PROJECT_ROOT, fileURLToPath(script.url)))
    .filter((file) => file.startsWith('src/'))
    .sort()
  const engine = files.filter((file) => file.startsWith('src/engine/'))
  const ours = files.filter((file) => !file.startsWith('src/engine/'))
  console.log(`\n${label} → ${statusCode}: ${files.length} files of src/, ${ours.length + (engine.length > 0 ? 1 : 0)} with the engine counted as its index`)
  for (const file of ours) console.log(`  ${file}`)
  if (engine.length > 0) console.log(`  src/engine/ (${engine.map((file) => file.slice('src/engine/'.length)).join(', ')})`)
}

const { api_key: apiKey } = (await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {} })).json() as { api_key: string }
const auth = { authorization: `Bearer ${apiKey}` }
const event = { home_team: 'Harbour City', away_team: 'Old Town', home_rating: 2010, away_rating: 1960 }
const simulate = async (payload: object, headers: Record<string, string> = {}) => await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload })

for (const seed of [1, 2]) {
  await simulate({ ...event, depth: 'full_distribution', config: { seed } }, auth)
  await simulate({ ...event, config: { seed: 100 } })
}
await walk('POST /api/v2/simulate full_distribution, API key, inputs not paid for yet (the charged walk)', async () => await simulate({ ...event, depth: 'full_distribution', config: { seed: 3 } }, auth))
await walk('POST /api/v2/simulate headline_pick, anonymous, cached (the free cached headline)', async () => await simulate({ ...event, config: { seed: 100 } }))
await walk('POST /api/v2/simulate headline_pick, API key, cached', async () => await simulate({ ...event, config: { seed: 100 } }, auth))

// The Lab unlock: a paid module whose prerequisites the actor completes first (quizzes answered right).
const catalog = loadLabContent(config.labContentDir)
const paid = catalog.modules.find((module) => module.cost_tokens > 0 && module.prerequisites.every((id) => catalog.byId.get(id)?.cost_tokens === 0))
if (paid === undefined) throw new Error('no paid Lab module with free prerequisites')
for (const id of paid.prerequisites) {
  const module = catalog.byId.get(id)
  await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${id}/quiz`, headers: auth, payload: { answers: module?.quiz.map((q) => ({ question_id: q.question_id, choice_id: q.correct_choice_id })) } })
}
await walk(`POST /api/v2/lab/modules/${paid.module_id}/unlock (the Lab unlock)`, async () => await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${paid.module_id}/unlock`, headers: auth }))

session.disconnect()
await app.close()
rmSync(dataDir, { recursive: true, force: true })
