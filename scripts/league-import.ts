/**
 * Imports a season file into a league from the command line (SPEC §13.1; docs/API.md "Leagues"):
 *   npm run league:import -- --league ID --file PATH [--name "…"] [--season S]
 * The same import as POST /api/v2/admin/leagues/{id}/matches: an openfootball JSON file, or a
 * football-data CSV (a file ending in .csv; --season required). The league is created when it
 * does not exist (named --name, else its id); --name renames an existing one. SQLite under
 * DATA_DIR, or the PostgreSQL database of DATABASE_URL.
 * Exit 0: imported (the report as JSON on stdout). Exit 1: the file was refused (every bad row on
 * stderr; nothing imported). Exit 2: bad arguments, or the file cannot be read.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { databaseFile, migrate, openDatabase } from '../src/db/database.js'
import { ProblemError } from '../src/errors.js'
import { createLeagueComputer } from '../src/leagues/pool.js'
import { createSimulationRunner } from '../src/simulation/runner.js'
import { LeagueService } from '../src/leagues/service.js'
import type { Storage } from '../src/storage/port.js'
import { openPostgresStorage } from '../src/storage/postgres/storage.js'
import { SqliteStorage } from '../src/storage/sqlite/index.js'

function usage (message: string): never {
  console.error(`league:import: ${message}\nusage: npm run league:import -- --league ID --file PATH [--name "…"] [--season S]`)
  process.exit(2)
}

let values: { league?: string, file?: string, name?: string, season?: string }
try {
  values = parseArgs({ options: { league: { type: 'string' }, file: { type: 'string' }, name: { type: 'string' }, season: { type: 'string' } } }).values
} catch (err) {
  usage((err as Error).message)
}
const { league: leagueId, file, name, season } = values
if (leagueId === undefined || file === undefined) usage('--league and --file are required')

let text: string
try {
  text = readFileSync(file, 'utf8')
} catch (err) {
  usage(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
}
const csv = file.toLowerCase().endsWith('.csv')
let body: unknown = text
if (!csv) {
  try {
    body = JSON.parse(text)
  } catch {
    console.error(`league:import: ${file} is not JSON (a football-data CSV file must end in .csv)`)
    process.exit(1)
  }
}

async function openStorage (): Promise<Storage> {
  const databaseUrl = process.env.DATABASE_URL ?? ''
  if (databaseUrl !== '') return (await openPostgresStorage({ connectionString: databaseUrl })).storage
  const db = openDatabase(databaseFile(process.env.DATA_DIR ?? './data'))
  migrate(db)
  return new SqliteStorage(db)
}

const storage = await openStorage()
// An import computes nothing on the pool; the runner starts no thread unless a job reaches it.
const runner = createSimulationRunner()
const service = new LeagueService(storage.leagues, () => new Date(), createLeagueComputer(runner))
let exitCode = 0
try {
  const existing = (await service.list()).find((l) => l.league_id === leagueId)
  if (existing === undefined || name !== undefined) {
    await service.putLeague(leagueId, { name: name ?? existing?.name ?? leagueId, sport: existing?.sport, zones: existing?.zones })
  }
  const report = await service.importMatches(leagueId, { format: csv ? 'football-data' : 'openfootball', body, season, pointerBase: '', seasonPointer: '--season' })
  console.log(JSON.stringify(report, null, 2))
} catch (err) {
  if (!(err instanceof ProblemError)) throw err
  console.error(`league:import: ${file} refused, nothing imported: ${err.message}`)
  for (const issue of (err.extra.errors as Array<{ pointer: string, message: string }> | undefined) ?? []) console.error(`  ${issue.pointer}: ${issue.message}`)
  exitCode = 1
} finally {
  await service.close()
  await runner.close()
  await storage.close()
}
process.exit(exitCode)
