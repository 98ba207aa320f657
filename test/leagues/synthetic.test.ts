import t from 'tap'
import { closedFormProbabilities } from '../../src/engine/index.js'
import { outcomeCode } from '../../src/leagues/fit.js'
import { SYNTHETIC_DRAW_RATE, SYNTHETIC_HOME_ADVANTAGE, syntheticLeague } from '../../src/leagues/synthetic.js'

t.test('the synthetic league says it is synthetic and has 20 made-up clubs with true ratings', async (t) => {
  const league = syntheticLeague()
  t.match(league.name, /synthetic/i)
  t.equal(league.teams.length, 20)
  t.equal(new Set(league.teams.map((x) => x.team)).size, 20)
  for (const team of league.teams) {
    t.match(team.team, /^[a-z0-9-]{2,40}$/)
    t.ok(Number.isFinite(team.trueRating))
  }
  for (let i = 1; i < league.teams.length; i++) t.ok(league.teams[i - 1].trueRating >= league.teams[i].trueRating, 'sorted by true rating')
})

t.test('a previous full season and a current season half played, the rest fixtures', async (t) => {
  const league = syntheticLeague()
  const previous = league.matches.filter((m) => m.season === league.previousSeason)
  const current = league.matches.filter((m) => m.season === league.season)
  t.equal(previous.length, 380)
  t.ok(previous.every((m) => m.homeGoals !== null && m.awayGoals !== null))
  t.equal(current.length, 380)
  t.equal(current.filter((m) => m.homeGoals !== null).length, 190)
  t.equal(current.filter((m) => m.homeGoals === null && m.awayGoals === null).length, 190)
  const lastPlayed = current.filter((m) => m.homeGoals !== null).map((m) => m.date).sort().at(-1) as string
  t.ok(current.filter((m) => m.homeGoals === null).every((m) => m.date > lastPlayed), 'fixtures come after every played match')
  // Double round robin: every ordered pair once per season.
  for (const season of [previous, current]) {
    t.equal(new Set(season.map((m) => `${m.home}|${m.away}`)).size, 380)
    t.ok(season.every((m) => m.home !== m.away))
  }
  for (const m of league.matches) {
    if (m.homeGoals === null || m.awayGoals === null) continue
    t.ok(Number.isInteger(m.homeGoals) && Number.isInteger(m.awayGoals) && m.homeGoals >= 0 && m.awayGoals >= 0 && m.homeGoals <= 8 && m.awayGoals <= 8)
  }
})

t.test('deterministic with its seed; another seed gives another league', async (t) => {
  t.same(syntheticLeague(), syntheticLeague())
  t.same(syntheticLeague(7), syntheticLeague(7))
  t.not(JSON.stringify(syntheticLeague(7).matches), JSON.stringify(syntheticLeague(8).matches))
})

t.test('results follow the §3.2 model: outcome frequencies match the closed form (constant strengths)', async (t) => {
  // Over many leagues without drift, the share of home wins and draws is the mean closed-form one.
  let expectedHome = 0
  let expectedDraw = 0
  let home = 0
  let draw = 0
  let n = 0
  for (let seed = 1; seed <= 30; seed++) {
    const league = syntheticLeague(seed, { driftPerYear: 0 })
    const rating = new Map(league.teams.map((x) => [x.team, x.trueRating]))
    for (const m of league.matches) {
      if (m.homeGoals === null || m.awayGoals === null) continue
      const p = closedFormProbabilities((rating.get(m.home) as number) + SYNTHETIC_HOME_ADVANTAGE - (rating.get(m.away) as number), SYNTHETIC_DRAW_RATE)
      expectedHome += p.home
      expectedDraw += p.draw
      const outcome = outcomeCode(m.homeGoals, m.awayGoals)
      if (outcome === 0) home++
      if (outcome === 1) draw++
      n++
    }
  }
  // 17 100 matches: a frequency's standard error is below 0.004; allow four of them.
  t.ok(Math.abs(home / n - expectedHome / n) < 0.016, `home ${home / n} vs ${expectedHome / n}`)
  t.ok(Math.abs(draw / n - expectedDraw / n) < 0.016, `draw ${draw / n} vs ${expectedDraw / n}`)
})
