import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, admin, signUp, topUp } from '../helpers.js'
import { seasonText } from '../../../leagues/shared-data.js'
import { rankedProbabilityScore } from '../../../../src/leagues/backtest.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

async function importSeason (app: FastifyInstance, id: string, season: string, file = 'en.1'): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/api/v2/admin/leagues/${id}/matches`, headers: { ...admin, 'content-type': 'application/json' }, payload: seasonText(season, file) })
  if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body}`)
}

async function leagueWith (app: FastifyInstance, id: string, seasons: string[]): Promise<void> {
  await app.inject({ method: 'PUT', url: `/api/v2/admin/leagues/${id}`, headers: admin, payload: { name: id } })
  for (const season of seasons) await importSeason(app, id, season)
}

t.test('the embedded synthetic league exists on first start, labelled synthetic, with true ratings beside the fitted ones', async (t) => {
  const dataDir = t.testdir()
  const first = await buildApp(t, {}, { dataDir })
  const { leagues } = (await first.app.inject({ url: '/api/v2/leagues' })).json()
  t.equal(leagues.length, 1)
  t.match(leagues[0], { league_id: 'synthetic', synthetic: true, teams: 20, matches: 760 })
  t.match(leagues[0].name, /synthetic/i)
  const league = (await first.app.inject({ url: '/api/v2/leagues/synthetic' })).json()
  t.equal(league.synthetic, true)
  t.equal(league.teams.length, 20)
  for (const team of league.teams) {
    t.type(team.true_rating, 'number')
    t.ok(Math.abs(team.rating - team.true_rating) < 4 * team.rating_uncertainty, `${team.name}: fitted ${team.rating} ± ${team.rating_uncertainty}, true ${team.true_rating}`)
  }
  await first.app.close()
  const again = await buildApp(t, {}, { dataDir })
  const after = (await again.app.inject({ url: '/api/v2/leagues' })).json().leagues
  t.same(after, leagues, 'a restart creates nothing again')
})

t.test('GET /api/v2/leagues/{id}: the fields of SPEC §13.7; as_of never looks ahead; real leagues carry no true_rating', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await leagueWith(app, 'epl', ['2023-24', '2024-25'])
  const before = (await app.inject({ url: '/api/v2/leagues/epl?as_of=2024-12-01' })).json()
  t.match(before, { league_id: 'epl', name: 'epl', sport: 'football', as_of: '2024-12-01', synthetic: false })
  t.type(before.home_advantage, 'number')
  t.type(before.draw_rate, 'number')
  t.ok(before.last_match_date < '2024-12-01', 'only matches strictly before as_of')
  t.equal(before.teams.length >= 20, true)
  for (const team of before.teams) {
    t.same(Object.keys(team).sort(), ['last_match_date', 'matches', 'name', 'rating', 'rating_uncertainty', 'team_id'])
  }
  await importSeason(app, 'epl', '2025-26')
  const after = (await app.inject({ url: '/api/v2/leagues/epl?as_of=2024-12-01' })).json()
  t.not(after.data_version, before.data_version, 'the data changed')
  const maths = (view: Record<string, unknown>) => ({ ...view, data_version: null })
  t.same(maths(after), maths(before), 'adding later matches never changes an earlier as_of fit')
  const latest = (await app.inject({ url: '/api/v2/leagues/epl' })).json()
  t.ok(latest.last_match_date > '2026-01-01')
  t.equal(latest.as_of > latest.last_match_date, true, 'without as_of: the day after the last match')

  for (const bad of ['2024-02-30', '2024-13-01', 'yesterday', '2024-1-1']) {
    const res = await app.inject({ url: `/api/v2/leagues/epl?as_of=${bad}` })
    t.equal(res.statusCode, 400, bad)
    t.equal(res.json().error, 'validation_error', bad)
  }
})

t.test('backtest and predictions: free, cached per data version, paged JSON and CSV that recompute the scores', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const first = await app.inject({ url: '/api/v2/leagues/synthetic/backtest' })
  t.equal(first.statusCode, 200)
  const backtest = first.json()
  t.match(backtest, { league_id: 'synthetic', n: 190 })
  t.same(Object.keys(backtest.reliability), ['home', 'draw', 'away'])
  t.equal(backtest.reliability.home.length, 10)
  t.same(Object.keys(backtest.reliability.home[0]).sort(), ['bin_lower', 'bin_upper', 'ci_lower', 'ci_upper', 'count', 'mean_predicted', 'observed'])
  t.same(Object.keys(backtest.baselines).sort(), ['base_rates', 'uniform'])
  t.ok(backtest.model.rps < backtest.baselines.uniform.rps, 'the model beats uniform thirds on its own synthetic league')
  const started = Date.now()
  t.same((await app.inject({ url: '/api/v2/leagues/synthetic/backtest' })).json(), backtest, 'deterministic')
  t.ok(Date.now() - started < 500, 'the second answer comes from the cache')

  const items: Array<Record<string, number | string>> = []
  let cursor: string | null = null
  let pages = 0
  do {
    const query: string = cursor === null ? '?limit=60' : `?limit=60&cursor=${cursor}`
    const page = (await app.inject({ url: `/api/v2/leagues/synthetic/backtest/predictions${query}` })).json()
    t.equal(page.n, 190)
    items.push(...page.items)
    cursor = page.next_cursor
    pages++
  } while (cursor !== null)
  t.equal(pages, 4)
  t.equal(items.length, 190)
  t.same(Object.keys(items[0]).slice(0, 7), ['date', 'home_team', 'away_team', 'prob_home', 'prob_draw', 'prob_away', 'outcome'])
  const rps = items.reduce((sum, p) => sum + rankedProbabilityScore([p.prob_home as number, p.prob_draw as number, p.prob_away as number], p.outcome as 'home'), 0) / items.length
  t.ok(Math.abs(rps - backtest.model.rps) < 1e-12, `RPS recomputed from the predictions: ${rps}`)

  const csv = await app.inject({ url: '/api/v2/leagues/synthetic/backtest/predictions', headers: { accept: 'text/csv' } })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const lines = csv.body.trim().split('\r\n')
  t.equal(lines[0], 'date,home_team,away_team,prob_home,prob_draw,prob_away,outcome,base_rate_home,base_rate_draw,base_rate_away')
  t.equal(lines.length, 191, 'every prediction, one per line')
  t.equal(lines[1].split(',')[3], String(items[0].prob_home), 'the same numbers as the JSON')

  const badCursor = await app.inject({ url: '/api/v2/leagues/synthetic/backtest/predictions?cursor=bm9wZQ' })
  t.equal(badCursor.statusCode, 400)
  t.equal(badCursor.json().error, 'invalid_cursor')
  t.equal((await app.inject({ url: '/api/v2/leagues/synthetic/backtest/predictions?limit=1001' })).statusCode, 400)

  // An import moves the data version: the old cursor no longer pages.
  const page = (await app.inject({ url: '/api/v2/leagues/synthetic/backtest/predictions?limit=10' })).json()
  await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/synthetic/aliases', headers: admin, payload: { aliases: { 'Amberfield FC': 'Amberfield Otters' } } })
  const stale = await app.inject({ url: `/api/v2/leagues/synthetic/backtest/predictions?limit=10&cursor=${page.next_cursor as string}` })
  t.equal(stale.json().error, 'invalid_cursor')
  t.equal((await app.inject({ url: '/api/v2/leagues/synthetic/backtest?from=2025-10-01' })).json().from, '2025-10-01')
})

t.test('POST /api/v2/simulate with league_id: the fit fills every input and the context, at every depth, and says so', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const league = (await app.inject({ url: '/api/v2/leagues/synthetic' })).json()
  const [home, away, third] = league.teams
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 100)
  const ref = { league_id: 'synthetic', home_team: home.name, away_team: away.name }
  for (const depth of ['headline_pick', 'full_distribution', 'scenario_extremes', 'deep_dive_educational'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: { ...ref, depth, config: { n_simulations: 1000 } } })
    t.equal(res.statusCode, 200, depth)
    const body = res.json()
    t.equal(body.depth, depth)
    t.match(body.inputs_origin, [{ event_index: 0, source: 'league_fit', league_id: 'synthetic', data_version: league.data_version, as_of: null, home_team_id: home.team_id, away_team_id: away.team_id }], depth)
    t.equal(body.inputs_origin[0].home_rating_uncertainty, home.rating_uncertainty)
  }
  const comparative = await app.inject({
    method: 'POST',
    url: '/api/v2/simulate',
    headers,
    payload: { depth: 'comparative_analysis', events: [ref, { league_id: 'synthetic', home_team: third.team_id, away_team: home.name }, { home_team: 'Inline A', away_team: 'Inline B', home_rating: 1500, away_rating: 1500 }], config: { n_simulations: 1000 } }
  })
  t.equal(comparative.statusCode, 200)
  t.same(comparative.json().inputs_origin.map((o: { event_index: number }) => o.event_index), [0, 1], 'one origin per league event')

  // The same request as inline inputs gives the same numbers: nothing else is read from the league.
  const fromLeague = (await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...ref, config: { seed: 7 } } })).json()
  const filled = fromLeague.inputs_origin[0].inputs
  t.match(filled, { home_rating: home.rating, away_rating: away.rating, sample_size: league.matches_used })
  // The service combines the unrounded uncertainties and rounds to 0.1; the league answer's are rounded too.
  t.ok(Math.abs(filled.rating_uncertainty - Math.sqrt((home.rating_uncertainty ** 2 + away.rating_uncertainty ** 2) / 2)) <= 0.1, 'within rounding of the two teams combined')
  t.equal(filled.data_age_days, Math.round((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(league.last_match_date)) / 86_400_000))
  const { sample_size: sampleSize, data_age_days: dataAgeDays, ...event } = filled
  const inline = (await app.inject({
    method: 'POST',
    url: '/api/v2/simulate',
    payload: { home_team: home.name, away_team: away.name, ...event, config: { seed: 7 }, context: { sample_size: sampleSize, data_age_days: dataAgeDays } }
  })).json()
  t.equal(inline.meta.fingerprint, fromLeague.meta.fingerprint, 'the league\'s inputs are exactly the reported numbers: the same simulation typed inline')
  t.same(inline.pick, fromLeague.pick)

  const asOf = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...ref, as_of: '2025-10-01' } })
  t.equal(asOf.statusCode, 200)
  t.equal(asOf.json().inputs_origin[0].as_of, '2025-10-01')

  for (const [payload, status, error] of [
    [{ ...ref, league_id: 'nope' }, 404, 'league_not_found'],
    [{ ...ref, home_team: 'Nobody United' }, 404, 'team_not_found'],
    [{ ...ref, home_team: '__proto__' }, 404, 'team_not_found'],
    [{ ...ref, away_team: 'constructor' }, 404, 'team_not_found'],
    [{ ...ref, home_rating: 1500 }, 400, 'invalid_event_reference'],
    [{ ...ref, event_id: 'epl-001' }, 400, 'invalid_event_reference'],
    [{ ...ref, context: { sample_size: 5 } }, 400, 'invalid_event_reference'],
    [{ ...ref, away_team: home.name }, 400, 'invalid_event_reference'],
    [{ league_id: 'synthetic', home_team: home.name }, 400, 'validation_error'],
    [{ ...ref, league_id: '__proto__' }, 400, 'validation_error'],
    [{ ...ref, as_of: '2025-02-30' }, 400, 'validation_error'],
    [{ home_team: 'A side', away_team: 'B side', home_rating: 1500, away_rating: 1500, as_of: '2025-01-01' }, 400, 'invalid_event_reference']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload })
    t.equal(res.statusCode, status, JSON.stringify(payload))
    t.equal(res.json().error, error, JSON.stringify(payload))
  }
})

t.test('hostile input on the league routes: never a 5xx', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'A', 'x', 'a'.repeat(41), '%00', 'ab%00cd']) {
    for (const url of [`/api/v2/leagues/${id}`, `/api/v2/leagues/${id}/backtest`, `/api/v2/leagues/${id}/backtest/predictions`]) {
      const res = await app.inject({ url })
      t.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`)
      t.match(res.headers['content-type'], /application\/problem\+json/)
    }
    const put = await app.inject({ method: 'PUT', url: `/api/v2/admin/leagues/${id}`, headers: admin, payload: { name: 'x' } })
    // Lower-case words are valid ids: they name a league like any other.
    t.ok([200, 201, 400].includes(put.statusCode), `PUT ${id}: ${put.statusCode}`)
  }
  t.equal((await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ok-id', headers: admin, payload: { name: 'bad\u0000name' } })).statusCode, 400, 'NUL in a name')
  t.equal((await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ok-id', headers: admin, payload: { name: 'OK' } })).statusCode, 201)
  const proto = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ok-id/aliases', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"aliases": {"__proto__": {"x": 1}}}' })
  t.equal(proto.statusCode, 400)
  const nul = await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/ok-id/aliases', headers: admin, payload: { aliases: { 'A\u0000': 'B' } } })
  t.equal(nul.statusCode, 400)
  const protoTeam = await app.inject({ method: 'POST', url: '/api/v2/admin/leagues/ok-id/matches', headers: admin, payload: { name: 'X 2024/25', matches: [{ date: '2024-08-01', team1: '__proto__', team2: 'constructor', score: { ft: [1, 0] } }] } })
  t.equal(protoTeam.statusCode, 200, 'a team may be called anything printable: it is only ever a Map key or a column value')
  const ratings = (await app.inject({ url: '/api/v2/leagues/ok-id' })).json()
  t.same(ratings.teams.map((team: { name: string }) => team.name).sort(), ['__proto__', 'constructor'])
  for (const season of ['2024-26', '24-25', '2024-25\u0000', '__proto__']) {
    const res = await app.inject({ method: 'POST', url: `/api/v2/admin/leagues/ok-id/matches?season=${encodeURIComponent(season)}`, headers: { ...admin, 'content-type': 'text/csv' }, payload: 'Date,HomeTeam,AwayTeam,FTHG,FTAG\n01/08/2024,A,B,1,0\n' })
    t.equal(res.statusCode, 400, `season ${JSON.stringify(season)}`)
  }
  const broken = await app.inject({ method: 'POST', url: '/api/v2/admin/leagues/ok-id/matches?season=2024-25', headers: { ...admin, 'content-type': 'text/csv' }, payload: 'Date,HomeTeam,AwayTeam,FTHG,FTAG\n"01/08/2024,A,B,1,0\n' })
  t.equal(broken.statusCode, 400, 'an unclosed quote')
  const encoded = await app.inject({ method: 'POST', url: '/api/v2/admin/leagues/ok-id/matches?season=2024-25', headers: { ...admin, 'content-type': 'text/csv', 'content-encoding': 'gzip' }, payload: 'x' })
  t.equal(encoded.statusCode, 415)
  const latin = await app.inject({ method: 'POST', url: '/api/v2/admin/leagues/ok-id/matches?season=2024-25', headers: { ...admin, 'content-type': 'text/csv; charset=latin1' }, payload: 'x' })
  t.equal(latin.statusCode, 415)
})
