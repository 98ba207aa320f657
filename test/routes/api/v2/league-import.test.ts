import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, admin } from '../helpers.js'
import { LEAGUE_FILES, SEASONS, seasonText, toFootballDataCsv } from '../../../leagues/shared-data.js'

const withAdmin = { adminToken: ADMIN_TOKEN }
const LEAGUE_OF: Record<string, string> = { 'en.1': 'epl', 'de.1': 'bl' }

async function putLeague (app: FastifyInstance, id: string, name = id): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: `/api/v2/admin/leagues/${id}`, headers: admin, payload: { name } })
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`put league: ${res.statusCode} ${res.body}`)
}

async function importJson (app: FastifyInstance, id: string, document: unknown, query = '') {
  return await app.inject({
    method: 'POST',
    url: `/api/v2/admin/leagues/${id}/matches${query}`,
    headers: { ...admin, 'content-type': 'application/json' },
    payload: typeof document === 'string' ? document : JSON.stringify(document)
  })
}

async function importCsv (app: FastifyInstance, id: string, text: string, query = '') {
  return await app.inject({ method: 'POST', url: `/api/v2/admin/leagues/${id}/matches${query}`, headers: { ...admin, 'content-type': 'text/csv' }, payload: text })
}

async function leagueSummary (app: FastifyInstance, id: string) {
  return (await app.inject({ url: '/api/v2/leagues' })).json().leagues.find((l: { league_id: string }) => l.league_id === id)
}

const season2425 = (): { name: string, matches: Array<{ date: string, team1: string, team2: string, score?: { ft?: [number, number] } }> } =>
  JSON.parse(seasonText('2024-25', 'en.1'))

t.test('all 16 shared files import with the expected counts; a second import of each changes nothing', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await putLeague(app, 'epl', 'English Premier League')
  await putLeague(app, 'bl', 'Bundesliga')
  const merges: Record<string, Array<{ from: string, into: string }>> = { epl: [], bl: [] }
  const fixtures: Record<string, number> = { epl: 0, bl: 0 }
  const redated: Record<string, Array<{ from: string, to: string }>> = { epl: [], bl: [] }
  const started = Date.now()
  for (const season of SEASONS) {
    for (const file of LEAGUE_FILES) {
      const res = await importJson(app, LEAGUE_OF[file], seasonText(season, file))
      t.equal(res.statusCode, 200, `${season} ${file}`)
      const report = res.json()
      t.equal(report.season, season, 'the season comes from the openfootball name')
      t.equal(report.added, file === 'en.1' ? 380 : 306)
      merges[LEAGUE_OF[file]].push(...report.merged)
      fixtures[LEAGUE_OF[file]] += report.fixtures
      t.same(report.possible_duplicates, [], 'no pair of the real data looks like one club under two names')
      redated[LEAGUE_OF[file]].push(...report.redated)
    }
  }
  // The EPL 2019-20 file dates the 66 matches played after the 2020 interruption in July 2019.
  t.equal(redated.epl.length, 66, 'the misdated matches of EPL 2019-20 are moved and reported')
  t.ok(redated.epl.every((r) => r.from.startsWith('2019-07') && r.to === `2020${r.from.slice(4)}`), 'each one year later, to June-July 2020')
  t.same(redated.bl, [], 'the Bundesliga files date every match within its season')
  const importMs = Date.now() - started
  const epl = await leagueSummary(app, 'epl')
  const bl = await leagueSummary(app, 'bl')
  t.comment(`import of 16 files: ${importMs} ms`)
  for (const [league, summary] of [['epl', epl], ['bl', bl]] as const) {
    t.comment(`${league}: ${summary.teams} teams, ${summary.matches} matches, ${summary.matches - fixtures[league]} played, ${fixtures[league]} fixtures, ${merges[league].length} names merged: ` +
      merges[league].map((m) => `${m.from} → ${m.into}`).join('; '))
  }
  t.same(epl.seasons, [...SEASONS])
  t.match(epl, { teams: 30, matches: 3040 })
  t.match(bl, { teams: 29, matches: 2448 })
  t.same(fixtures, { epl: 89, bl: 81 })
  t.equal(merges.epl.length, 12)
  t.equal(merges.bl.length, 5)
  t.ok(merges.epl.some((m) => m.from === 'Brighton & Hove Albion FC' && m.into === 'Brighton & Hove Albion'), 'Brighton & Hove Albion FC is reconciled and reported')
  t.ok(merges.bl.some((m) => m.from === 'Borussia Mönchengladbach' && m.into === 'Bor. Mönchengladbach'), 'an abbreviated word is reconciled')
  t.ok(merges.bl.some((m) => m.from === 'TSG 1899 Hoffenheim' && m.into === '1899 Hoffenheim'), 'an affix and a founding year are reconciled')

  const versions = { epl: epl.data_version, bl: bl.data_version }
  for (const season of SEASONS) {
    for (const file of LEAGUE_FILES) {
      const report = (await importJson(app, LEAGUE_OF[file], seasonText(season, file))).json()
      t.match(report, { added: 0, filled: 0, corrected: 0, teams_added: 0, merged: [], unchanged: file === 'en.1' ? 380 : 306 }, `re-import of ${season} ${file} is all unchanged`)
    }
  }
  t.same({ epl: (await leagueSummary(app, 'epl')).data_version, bl: (await leagueSummary(app, 'bl')).data_version }, versions, 'the data version did not move')
})

t.test('a later file fills former fixtures and corrects a changed score, reporting both', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await putLeague(app, 'epl')
  const early = season2425()
  // The same season, seen earlier: its last 30 matches not yet played.
  for (const match of early.matches.slice(-30)) delete match.score
  t.match((await importJson(app, 'epl', early)).json(), { added: 380, fixtures: 30 })
  const full = season2425()
  t.match((await importJson(app, 'epl', full)).json(), { added: 0, filled: 30, corrected: 0, unchanged: 350, fixtures: 0 })
  const corrected = season2425()
  const first = corrected.matches[0]
  const before = first.score?.ft as [number, number]
  first.score = { ft: [before[0] + 1, before[1]] }
  const report = (await importJson(app, 'epl', corrected)).json()
  t.match(report, { corrected: 1, unchanged: 379 })
  t.same(report.corrections, [{ date: first.date, home_team: first.team1, away_team: first.team2, from: before, to: [before[0] + 1, before[1]] }])
  // A file that lists a played match without its score loses nothing.
  const blank = season2425()
  delete blank.matches[1].score
  t.match((await importJson(app, 'epl', blank)).json(), { unchanged: 379, corrected: 1, fixtures: 1 }, 'only the correction of match 0 back to its score; the stored result of match 1 is kept')
})

t.test('renames no rule can know are listed as possible duplicates; aliases merge the histories at once and apply to later imports', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await putLeague(app, 'ita')
  const season = (name: string, pairs: Array<[string, string, number, number, string]>) => ({
    name: `Serie A ${name}`,
    matches: pairs.map(([team1, team2, h, a, date]) => ({ round: 'Matchday 1', date, team1, team2, score: { ft: [h, a] } }))
  })
  await importJson(app, 'ita', season('2022/23', [['Inter', 'Lazio Roma', 1, 0, '2022-09-01'], ['Juventus', 'Inter', 2, 2, '2022-09-08'], ['Lazio Roma', 'Juventus', 0, 1, '2022-09-15']]))
  const second = (await importJson(app, 'ita', season('2023/24', [['FC Internazionale Milano', 'SS Lazio', 3, 1, '2023-09-01'], ['Juventus FC', 'FC Internazionale Milano', 0, 0, '2023-09-08']]))).json()
  t.same(second.merged, [{ from: 'Juventus FC', into: 'Juventus' }], 'Juventus FC is Juventus: reconciled')
  t.same(second.possible_duplicates, [
    { a: 'FC Internazionale Milano', b: 'Inter', reason: '"inter" starts "internazionale"' },
    { a: 'Lazio Roma', b: 'SS Lazio', reason: 'both names contain "lazio"' }
  ])
  t.equal((await leagueSummary(app, 'ita')).teams, 5)

  const refused = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ita/aliases', headers: admin, payload: { aliases: { Inter: 'Internazionale (unknown)' } } })
  t.equal(refused.statusCode, 400)
  t.equal(refused.json().errors[0].pointer, '/body/aliases/Inter')

  const res = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ita/aliases', headers: admin, payload: { aliases: { Inter: 'FC Internazionale Milano', 'Lazio Roma': 'SS Lazio' } } })
  t.equal(res.statusCode, 200)
  const answer = res.json()
  t.same(answer.teams.map((team: { name: string }) => team.name).sort(), ['FC Internazionale Milano', 'Juventus', 'SS Lazio'])
  t.same(answer.teams.find((team: { name: string }) => team.name === 'SS Lazio').spellings.sort(), ['Lazio Roma', 'SS Lazio'])
  t.same(answer.possible_duplicates, [])
  const ratings = (await app.inject({ url: '/api/v2/leagues/ita' })).json()
  t.equal(ratings.teams.find((team: { name: string }) => team.name === 'FC Internazionale Milano').matches, 4, 'both histories are one team now')

  const later = (await importJson(app, 'ita', season('2024/25', [['Inter', 'Juventus', 1, 1, '2024-09-01']]))).json()
  t.match(later, { teams_added: 0, merged: [], added: 1 }, 'a later file spelling "Inter" goes to the alias\'s team')
})

t.test('a file with bad rows imports nothing and lists every bad row (JSON pointers, CSV lines)', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await putLeague(app, 'epl')
  t.equal((await importJson(app, 'epl', seasonText('2023-24', 'en.1'))).statusCode, 200)
  const before = await leagueSummary(app, 'epl')
  const bad = season2425()
  bad.matches[3].date = '2024-02-30'
  bad.matches[5].team2 = bad.matches[5].team1
  bad.matches[7].score = { ft: [-1, 2] }
  bad.matches[9].score = { ft: [1.5, 2] }
  bad.matches[11].team1 = 'Null\u0000Town'
  bad.matches.push({ ...bad.matches[20], score: { ft: [9, 9] } });
  (bad.matches as unknown[]).push('not a match')
  const res = await importJson(app, 'epl', bad)
  t.equal(res.statusCode, 400)
  const problem = res.json()
  t.equal(problem.error, 'validation_error')
  t.same(problem.errors.map((e: { pointer: string }) => e.pointer), [
    '/body/matches/3/date', '/body/matches/7/score/ft/0', '/body/matches/9/score/ft/0', '/body/matches/11/team1', '/body/matches/381',
    '/body/matches/5', '/body/matches/380'
  ], 'every bad row in one answer: those the parser refuses, then those the checks across rows refuse')
  t.match(problem.errors[5].message, /cannot play itself/)
  t.match(problem.errors[6].message, /the same match as \/body\/matches\/20 .* with a different score/)
  t.same(await leagueSummary(app, 'epl'), before, 'the database is unchanged')

  const csv = 'Date,HomeTeam,AwayTeam,FTHG,FTAG\n01/08/2024,Arsenal FC,Chelsea FC,1,0\n31/02/2024,Arsenal FC,Chelsea FC,1,0\n02/08/2024,Arsenal FC,Arsenal FC,1,0\n03/08/2024,Chelsea FC,Arsenal FC,x,1\n04/08/2024,Chelsea FC,Arsenal FC,1,\n'
  const csvProblem = (await importCsv(app, 'epl', csv, '?season=2024-25')).json()
  t.same(csvProblem.errors.map((e: { pointer: string }) => e.pointer), ['line 3', 'line 5', 'line 6', 'line 4'], 'the CSV\'s bad lines, then the team playing itself')
  t.same(await leagueSummary(app, 'epl'), before, 'still unchanged')

  for (const [payload, pointer] of [['[1, 2]', '/body'], ['{"name": "x 2024/25", "matches": 5}', '/body/matches'], ['{"matches": []}', '/querystring/season']] as const) {
    const malformed = await importJson(app, 'epl', payload)
    t.equal(malformed.statusCode, 400, payload)
    t.equal(malformed.json().errors[0].pointer, pointer, payload)
  }
  const mismatch = await importJson(app, 'epl', seasonText('2024-25', 'en.1'), '?season=2023-24')
  t.match(mismatch.json().errors, [{ pointer: '/querystring/season', message: /2024-25/ }], 'a ?season= that contradicts the file is refused')
})

t.test('one season as football-data CSV gives the same league as its openfootball file', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await putLeague(app, 'json')
  await putLeague(app, 'csv')
  const json = (await importJson(app, 'json', seasonText('2024-25', 'en.1'))).json()
  const csvText = toFootballDataCsv('2024-25', 'en.1')
  t.equal((await importCsv(app, 'csv', csvText)).json().errors[0].pointer, '/querystring/season', 'a CSV must name its season')
  const csv = (await importCsv(app, 'csv', csvText, '?season=2024-25')).json()
  const counts = ({ added, filled, corrected, unchanged, fixtures, teams_added: teamsAdded }: Record<string, number>) => ({ added, filled, corrected, unchanged, fixtures, teamsAdded })
  t.same(counts(csv), counts(json))
  const a = (await app.inject({ url: '/api/v2/leagues/json' })).json()
  const b = (await app.inject({ url: '/api/v2/leagues/csv' })).json()
  const results = (league: Record<string, unknown>) => ({ ...league, league_id: null, name: null })
  t.same(results(b), results(a), 'the same ratings, home advantage, draw rate and teams')
  t.equal((await importCsv(app, 'csv', csvText, '?season=2024-25')).json().unchanged, 380, 'the CSV re-import is idempotent too')
})

t.test('admin routes need the admin token; text/csv is refused everywhere but the import; the import takes up to 5 MB', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  t.equal((await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', payload: { name: 'x' } })).statusCode, 401)
  t.equal((await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', headers: { authorization: 'Bearer wrong-token-0123456789' }, payload: { name: 'x' } })).statusCode, 401)
  await putLeague(app, 'epl')
  const other = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', headers: { ...admin, 'content-type': 'text/csv' }, payload: 'a,b' })
  t.equal(other.statusCode, 415)
  t.equal(other.json().error, 'unsupported_media_type')
  const simulate = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'text/csv' }, payload: 'a,b' })
  t.equal(simulate.statusCode, 415)
  const big = `Date,HomeTeam,AwayTeam,FTHG,FTAG\n${'01/08/2024,Arsenal FC,Chelsea FC,1,0\n'.repeat(60_000)}`
  t.ok(big.length > 64 * 1024 && big.length < 5 * 1024 * 1024)
  const duplicateRows = await importCsv(app, 'epl', big, '?season=2024-25')
  t.equal(duplicateRows.statusCode, 400, 'a 2 MB CSV is read (and refused for holding more than 20 000 rows)')
  t.match(duplicateRows.json().errors[0].message, /at most 20000/)
  const tooBig = await importCsv(app, 'epl', big.repeat(3), '?season=2024-25')
  t.equal(tooBig.statusCode, 413)
  t.equal((await importJson(app, 'nope', seasonText('2024-25', 'en.1'))).statusCode, 404)
  const updated = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', headers: admin, payload: { name: 'Premier', zones: { top4: [1, 4], relegation: [18, 20] } } })
  t.equal(updated.statusCode, 200)
  t.same(updated.json().league.zones, { top4: [1, 4], relegation: [18, 20] })
  const badZone = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', headers: admin, payload: { name: 'Premier', zones: { top4: [4, 1] } } })
  t.equal(badZone.statusCode, 400)
})
