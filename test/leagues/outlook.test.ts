import t from 'tap'
import { closedFormProbabilities } from '../../src/engine/index.js'
import { fitRatings } from '../../src/leagues/fit.js'
import type { LeagueMatch, OutlookInput, RatingFit } from '../../src/leagues/model.js'
import { seasonOutlook } from '../../src/leagues/outlook.js'
import { syntheticLeague } from '../../src/leagues/synthetic.js'

const league = syntheticLeague()
const current = league.matches.filter((m) => m.season === league.season)
const teams = league.teams.map((x) => x.team)
const fit = fitRatings(league.matches, { teams, season: league.season })
const zones: Record<string, [number, number]> = { champion: [1, 1], top4: [1, 4], relegation: [18, 20] }

function syntheticInput (nSimulations: number, seed: number): OutlookInput {
  return {
    fit,
    teams,
    played: current.filter((m) => m.homeGoals !== null),
    fixtures: current.filter((m) => m.homeGoals === null).map((m) => ({ date: m.date, home: m.home, away: m.away })),
    nSimulations,
    seed,
    zones
  }
}

t.test('every row and every column of the position matrix sums to 1', async (t) => {
  const outlook = seasonOutlook(syntheticInput(5000, 11))
  t.equal(outlook.teams.length, 20)
  t.equal(outlook.remainingFixtures, 190)
  for (const team of outlook.teams) {
    t.equal(team.positions.length, 20)
    t.ok(Math.abs(team.positions.reduce((s, p) => s + p, 0) - 1) < 1e-12, `${team.team} row`)
  }
  for (let position = 0; position < 20; position++) {
    t.ok(Math.abs(outlook.teams.reduce((s, x) => s + x.positions[position], 0) - 1) < 1e-12, `column ${position + 1}`)
  }
  t.ok(Math.abs(outlook.teams.reduce((s, x) => s + x.zones.champion, 0) - 1) < 1e-12, 'one champion per season')
  t.ok(Math.abs(outlook.teams.reduce((s, x) => s + x.zones.relegation, 0) - 3) < 1e-12, 'three relegated per season')
})

t.test('deterministic with a seed; another seed gives other draws', async (t) => {
  t.same(seasonOutlook(syntheticInput(2000, 5)), seasonOutlook(syntheticInput(2000, 5)))
  t.notSame(seasonOutlook(syntheticInput(2000, 5)).teams.map((x) => x.positions), seasonOutlook(syntheticInput(2000, 6)).teams.map((x) => x.positions))
})

t.test('standard errors are √(p(1−p)/n) and the notes say what the model cannot know', async (t) => {
  const n = 3000
  const outlook = seasonOutlook(syntheticInput(n, 1))
  for (const team of outlook.teams) {
    team.positions.forEach((p, i) => t.ok(Math.abs(team.positionStandardErrors[i] - Math.sqrt(p * (1 - p) / n)) < 1e-15))
    for (const zone of Object.keys(zones)) {
      const p = team.zones[zone]
      t.ok(Math.abs(team.zoneStandardErrors[zone] - Math.sqrt(p * (1 - p) / n)) < 1e-15)
      t.ok(Math.abs(p * n - Math.round(p * n)) < 1e-9, 'a frequency of n draws')
    }
    t.ok(team.finalPoints.p5 <= team.finalPoints.p50 && team.finalPoints.p50 <= team.finalPoints.p95)
    t.ok(team.finalPoints.p5 >= team.points && team.finalPoints.p95 <= team.points + 3 * 19)
  }
  t.match(outlook.notes.join(' '), /no[t]? .*scores|not scores/)
  t.match(outlook.notes.join(' '), /goal difference/)
  t.match(outlook.notes.join(' '), /seeded random draw/)
})

t.test('the current table orders the teams, with points, played and goal difference', async (t) => {
  const outlook = seasonOutlook(syntheticInput(500, 1))
  for (let i = 1; i < outlook.teams.length; i++) {
    const a = outlook.teams[i - 1]
    const b = outlook.teams[i]
    t.ok(a.points > b.points || (a.points === b.points && a.goalDifference >= b.goalDifference))
  }
  const first = outlook.teams[0]
  const mine = current.filter((m) => m.homeGoals !== null && (m.home === first.team || m.away === first.team))
  t.equal(first.played, mine.length)
  const points = mine.reduce((s, m) => {
    const own = m.home === first.team ? m.homeGoals as number : m.awayGoals as number
    const other = m.home === first.team ? m.awayGoals as number : m.homeGoals as number
    return s + (own > other ? 3 : own === other ? 1 : 0)
  }, 0)
  t.equal(first.points, points)
})

t.test('a team that has clinched a zone has probability 1; one that cannot reach it has 0', async (t) => {
  // Four teams, two fixtures left: A is 12 points clear (champion whatever happens), D is 9 points
  // behind C with one match left (relegated whatever happens), B and C race for second.
  const ids = ['a', 'b', 'c', 'd']
  const played: LeagueMatch[] = []
  const result = (home: string, away: string, hg: number, ag: number, date: string): LeagueMatch => ({ season: 's', date, home, away, homeGoals: hg, awayGoals: ag })
  played.push(result('a', 'b', 2, 0, '2025-01-01'), result('a', 'c', 2, 0, '2025-01-02'), result('a', 'd', 2, 0, '2025-01-03'),
    result('b', 'a', 0, 2, '2025-01-04'), result('c', 'a', 0, 2, '2025-01-05'), result('b', 'd', 1, 0, '2025-01-06'),
    result('c', 'd', 1, 0, '2025-01-07'), result('d', 'b', 0, 1, '2025-01-08'), result('b', 'c', 1, 1, '2025-01-09'))
  const smallFit: RatingFit = fitRatings(played, { teams: ids })
  const outlook = seasonOutlook({
    fit: smallFit,
    teams: ids,
    played,
    fixtures: [{ date: '2025-02-01', home: 'd', away: 'c' }, { date: '2025-02-02', home: 'c', away: 'b' }],
    nSimulations: 4000,
    seed: 3,
    zones: { champion: [1, 1], last: [4, 4], second: [2, 2] }
  })
  const byTeam = new Map(outlook.teams.map((x) => [x.team, x]))
  t.equal(byTeam.get('a')?.zones.champion, 1)
  t.equal(byTeam.get('a')?.zoneStandardErrors.champion, 0)
  for (const other of ['b', 'c', 'd']) t.equal(byTeam.get(other)?.zones.champion, 0, `${other} cannot win it`)
  t.equal(byTeam.get('d')?.zones.last, 1, 'd cannot escape last place')
  t.equal(byTeam.get('d')?.positions[3], 1)
  const second = (byTeam.get('b')?.zones.second ?? 0) + (byTeam.get('c')?.zones.second ?? 0)
  t.equal(second, 1, 'b or c is second')
  t.ok((byTeam.get('b')?.zones.second ?? 0) > 0 && (byTeam.get('c')?.zones.second ?? 0) > 0, 'and it is open')
})

t.test('ties on points go to the current goal difference, then to a seeded draw', async (t) => {
  // Two equal teams with no fixtures left, equal points: goal difference decides; equal goal
  // difference too: a fair seeded draw.
  const played: LeagueMatch[] = [
    { season: 's', date: '2025-01-01', home: 'x', away: 'y', homeGoals: 3, awayGoals: 0 },
    { season: 's', date: '2025-01-02', home: 'y', away: 'x', homeGoals: 1, awayGoals: 0 }
  ]
  const small = fitRatings(played, { teams: ['x', 'y'] })
  const byGoals = seasonOutlook({ fit: small, teams: ['x', 'y'], played, fixtures: [], nSimulations: 1000, seed: 1, zones: { top: [1, 1] } })
  t.equal(byGoals.teams[0].team, 'x')
  t.equal(byGoals.teams[0].zones.top, 1, 'x is ahead on goal difference in every iteration')
  const level: LeagueMatch[] = [{ ...played[0], homeGoals: 1, awayGoals: 0 }, played[1]]
  const byDraw = seasonOutlook({ fit: small, teams: ['x', 'y'], played: level, fixtures: [], nSimulations: 10000, seed: 1, zones: { top: [1, 1] } })
  const p = byDraw.teams[0].zones.top
  t.ok(Math.abs(p - 0.5) < 4 * byDraw.teams[0].zoneStandardErrors.top, `a fair draw: ${p}`)
})

t.test('one fixture between certain ratings: home, draw and away come at the closed form\'s rates', async (t) => {
  // Points 2/1/0 and two teams level before the fixture: the home team finishes first with 2
  // points when it wins; on a draw (1 each) or an away win it is second (goal difference level,
  // then the seeded draw for the draw). So P(home first) = P(home) + P(draw)/2, and the home
  // team's mean points are 2·P(home) + P(draw).
  const played: LeagueMatch[] = [
    { season: 's', date: '2025-01-01', home: 'h', away: 'a', homeGoals: 1, awayGoals: 1 }
  ]
  const certain: RatingFit = {
    ...fitRatings(played, { teams: ['h', 'a'] }),
    homeAdvantage: 60,
    drawRate: 0.28,
    teams: [
      { team: 'h', rating: 1550, ratingUncertainty: 0, matches: 1, lastMatchDate: '2025-01-01' },
      { team: 'a', rating: 1500, ratingUncertainty: 0, matches: 1, lastMatchDate: '2025-01-01' }
    ]
  }
  const expected = closedFormProbabilities(110, 0.28)
  const n = 200_000
  const result = seasonOutlook({ fit: certain, teams: ['h', 'a'], played, fixtures: [{ date: '2025-02-01', home: 'h', away: 'a' }], nSimulations: n, seed: 3, zones: { top: [1, 1] }, points: { win: 2, draw: 1, loss: 0 } })
  const home = result.teams.find((x) => x.team === 'h')
  if (home === undefined) throw new Error('no home team')
  const first = expected.home + expected.draw / 2
  t.ok(Math.abs(home.zones.top - first) < 4 * Math.sqrt(first * (1 - first) / n), `first ${home.zones.top} vs ${first}`)
  const meanPoints = 1 + 2 * expected.home + expected.draw
  const sdPoints = Math.sqrt(4 * expected.home + expected.draw - (2 * expected.home + expected.draw) ** 2)
  t.ok(Math.abs(home.finalPoints.mean - meanPoints) < 4 * sdPoints / Math.sqrt(n), `mean points ${home.finalPoints.mean} vs ${meanPoints}`)
})

t.test('bad input is refused', async (t) => {
  t.throws(() => seasonOutlook({ ...syntheticInput(100, 1), fixtures: [{ date: '2026-01-01', home: 'nobody', away: teams[0] }] }), RangeError)
  t.throws(() => seasonOutlook({ ...syntheticInput(100, 1), zones: { bad: [0, 3] } }), RangeError)
  t.throws(() => seasonOutlook({ ...syntheticInput(0, 1) }), RangeError)
  t.throws(() => seasonOutlook({ ...syntheticInput(100, 1), points: { win: 2.5, draw: 1, loss: 0 } }), /integers/)
})

t.test('the worker entry runs an outlook and returns the same plain data', async (t) => {
  const { runLeaguesTask } = await import('../../src/leagues/worker.js')
  const input = syntheticInput(500, 9)
  t.same(runLeaguesTask({ kind: 'outlook', input }), seasonOutlook(input))
  // Through a structured clone, as piscina returns it.
  t.same(structuredClone(runLeaguesTask({ kind: 'outlook', input })), seasonOutlook(input))
})
