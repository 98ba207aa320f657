import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../../src/paths.js'
import { buildApp, childEnv } from '../helper.js'
import { createTestSchema } from '../fixtures/postgres/database.js'
import { seasonPath, seasonText, toFootballDataCsv } from '../leagues/shared-data.js'
import { openPostgresStorage } from '../../src/storage/postgres/storage.js'

async function leagueImport (env: Record<string, string>, ...args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/league-import.ts', ...args], { cwd: PROJECT_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += String(d) })
  child.stderr.on('data', (d) => { stderr += String(d) })
  const [code] = await once(child, 'exit')
  return { code: code as number | null, stdout, stderr }
}

t.test('npm run league:import: a real child process imports into SQLite under DATA_DIR, refuses a bad file whole, and the service reads the result', async (t) => {
  const dir = t.testdir()
  const env = { DATA_DIR: dir }
  const first = await leagueImport(env, '--league', 'epl', '--file', seasonPath('2024-25', 'en.1'), '--name', 'English Premier League')
  t.equal(first.code, 0, first.stderr)
  t.match(JSON.parse(first.stdout), { league_id: 'epl', season: '2024-25', added: 380, teams_added: 20 })
  const again = await leagueImport(env, '--league', 'epl', '--file', seasonPath('2024-25', 'en.1'))
  t.match(JSON.parse(again.stdout), { added: 0, unchanged: 380 }, 'idempotent')

  const bad = JSON.parse(seasonText('2025-26', 'en.1'))
  bad.matches[2].date = '2025-13-01'
  bad.matches[4].team2 = bad.matches[4].team1
  const badFile = join(dir, 'bad.json')
  writeFileSync(badFile, JSON.stringify(bad))
  const refused = await leagueImport(env, '--league', 'epl', '--file', badFile)
  t.equal(refused.code, 1)
  t.match(refused.stderr, /\/matches\/2\/date: must be a real date/)
  t.match(refused.stderr, /\/matches\/4: a team cannot play itself/)

  const csvFile = join(dir, 'de.1-2024-25.csv')
  writeFileSync(csvFile, toFootballDataCsv('2024-25', 'de.1'))
  t.equal((await leagueImport(env, '--league', 'bl', '--file', csvFile)).code, 1, 'a CSV needs --season')
  const csv = await leagueImport(env, '--league', 'bl', '--file', csvFile, '--season', '2024-25')
  t.match(JSON.parse(csv.stdout), { league_id: 'bl', added: 306 })
  t.equal((await leagueImport(env, '--league', 'bl')).code, 2, 'missing --file')
  t.equal((await leagueImport(env, '--league', '__proto__', '--file', csvFile, '--season', '2024-25')).code, 1, 'a bad league id')

  const { app } = await buildApp(t, {}, { dataDir: dir })
  const { leagues } = (await app.inject({ url: '/api/v2/leagues' })).json()
  t.same(leagues.map((l: { league_id: string, name: string, matches: number }) => [l.league_id, l.name, l.matches]), [['bl', 'bl', 306], ['epl', 'English Premier League', 380]], 'no synthetic league on a store that already has leagues')
})

t.test('npm run league:import with DATABASE_URL imports into PostgreSQL', async (t) => {
  const { url } = await createTestSchema(t)
  const res = await leagueImport({ DATABASE_URL: url }, '--league', 'bl', '--file', seasonPath('2025-26', 'de.1'))
  t.equal(res.code, 0, res.stderr)
  t.match(JSON.parse(res.stdout), { added: 306, fixtures: 81 })
  const { storage } = await openPostgresStorage({ connectionString: url })
  t.teardown(async () => { await storage.close() })
  t.match(await storage.leagues.list(), [{ league_id: 'bl', teams: 18, matches: 306, seasons: ['2025-26'] }])
})
