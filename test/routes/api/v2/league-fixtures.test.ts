import t from 'tap'
import { buildApp } from '../../../helper.js'
import { expectedProbabilities } from '../../../../src/leagues/predict.js'

t.test('GET /api/v2/leagues/{id}/fixtures: the synthetic league\'s unplayed fixtures with the fit\'s probabilities', async (t) => {
  const { app } = await buildApp(t, {}, { dataDir: t.testdir() })
  const league = (await app.inject({ url: '/api/v2/leagues/synthetic' })).json()
  const res = await app.inject({ url: '/api/v2/leagues/synthetic/fixtures?limit=400' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { league_id: 'synthetic', season: '2025-26', data_version: league.data_version })
  t.equal(body.total, 190, 'half of a 20-team season is still to be played')
  t.equal(body.fixtures.length, 190)
  const dates = body.fixtures.map((f: { date: string }) => f.date)
  t.same(dates, [...dates].sort(), 'by date')
  t.ok(dates[0] > league.last_match_date, 'after the last played match')
  const byName = new Map(league.teams.map((team: { name: string }) => [team.name, team]))
  for (const fixture of body.fixtures) {
    t.ok(Math.abs(fixture.prob_home + fixture.prob_draw + fixture.prob_away - 1) < 1e-12)
  }
  // One fixture by hand: the fitted ratings (rounded in the view to 0.1) give the same probabilities to 1e-3.
  const first = body.fixtures[0]
  const home = byName.get(first.home_team) as { rating: number, rating_uncertainty: number }
  const away = byName.get(first.away_team) as { rating: number, rating_uncertainty: number }
  const p = expectedProbabilities(home.rating + league.home_advantage - away.rating, Math.hypot(home.rating_uncertainty, away.rating_uncertainty), league.draw_rate)
  t.ok(Math.abs(p.home - first.prob_home) < 1e-3 && Math.abs(p.away - first.prob_away) < 1e-3, `${first.home_team}–${first.away_team}: ${first.prob_home.toFixed(4)} vs ${p.home.toFixed(4)} by hand`)

  const few = (await app.inject({ url: '/api/v2/leagues/synthetic/fixtures' })).json()
  t.equal(few.fixtures.length, 20, 'default limit 20')
  t.same(few.fixtures, body.fixtures.slice(0, 20))
  t.equal((await app.inject({ url: '/api/v2/leagues/nope/fixtures' })).json().error, 'league_not_found')
  t.equal((await app.inject({ url: '/api/v2/leagues/synthetic/fixtures?limit=0' })).statusCode, 400)
})
