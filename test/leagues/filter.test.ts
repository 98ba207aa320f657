import t from 'tap'
import { backtest, predictionsOf, staticForecasts } from '../../src/leagues/backtest.js'
import { dayNumber, DEFAULT_FIT_PARAMETERS, prepareMatches } from '../../src/leagues/fit.js'
import { DEFAULT_FILTER_PARAMETERS, deviationSd, filterForecasts, runFilter } from '../../src/leagues/filter.js'
import type { LeagueMatch } from '../../src/leagues/model.js'
import { syntheticLeague } from '../../src/leagues/synthetic.js'

const league = syntheticLeague()
const played = league.matches.filter((m) => m.homeGoals !== null)

function forecastsByMatch (matches: readonly LeagueMatch[], parameters = DEFAULT_FILTER_PARAMETERS): Map<string, [number, number, number]> {
  const prepared = prepareMatches(matches)
  const f = filterForecasts(prepared, parameters)
  const out = new Map<string, [number, number, number]>()
  for (let k = 0; k < prepared.count; k++) {
    out.set(`${prepared.day[k]} ${prepared.teamIds[prepared.home[k]]} ${prepared.teamIds[prepared.away[k]]}`, [f.diff[k], f.sd[k], f.drawRate[k]])
  }
  return out
}

t.test('no look-ahead: a match\'s forecast never changes when later matches (and a later team) are added', async (t) => {
  const cut = '2025-10-04'
  const before = played.filter((m) => m.date < cut)
  const later: LeagueMatch[] = [
    ...played.filter((m) => m.date >= cut),
    { season: '2025-26', date: '2026-05-30', home: 'newcomer-athletic', away: league.teams[0].team, homeGoals: 5, awayGoals: 0 }
  ]
  const reference = forecastsByMatch(before)
  const withLater = forecastsByMatch([...later, ...before].reverse())
  t.equal(reference.size, before.length)
  let same = 0
  for (const [key, value] of reference) {
    t.same(withLater.get(key), value, key)
    same++
  }
  t.equal(same, before.length)
  // The later matches do move the forecasts made after them.
  const last = later[later.length - 2]
  const key = `${dayNumber(last.date)} ${last.home} ${last.away}`
  t.ok(withLater.has(key) && !reference.has(key))
})

t.test('each match moves the two ratings apart by the result, and the uncertainty shrinks', async (t) => {
  const prepared = prepareMatches(played.slice(0, 10))
  const after = runFilter(prepared, DEFAULT_FILTER_PARAMETERS, 10)
  for (let k = 0; k < 10; k++) {
    const h = prepared.home[k]
    const a = prepared.away[k]
    if (prepared.outcome[k] === 0) t.ok(after.mean[h] > after.mean[a], 'the home winner ends above the away loser')
    if (prepared.outcome[k] === 2) t.ok(after.mean[h] < after.mean[a], 'the away winner ends above the home loser')
    t.ok(after.variance[h] < DEFAULT_FILTER_PARAMETERS.initialSd ** 2, 'a played team\'s variance is below its prior')
  }
  t.ok(Math.abs(after.cuts[0] - Math.log(1.25 / 0.75)) < 0.1, 'the draw band moves slowly')
})

t.test('honest uncertainty: with the drift that generated the league, 90 % intervals cover 85–95 % of teams', async (t) => {
  // Synthetic leagues whose strengths drift at 50 points per √year (synthetic.ts), filtered with
  // that drift and no off-season jump (the generator has none): deviations from the league mean.
  let inside = 0
  let total = 0
  for (let seed = 1; seed <= 60; seed++) {
    const synthetic = syntheticLeague(seed)
    const prepared = prepareMatches(synthetic.matches)
    const state = runFilter(prepared, { ...DEFAULT_FILTER_PARAMETERS, driftPerYear: 50, seasonJumpSd: 0 })
    const teams = prepared.teamIds.map((_, i) => i)
    const sd = deviationSd(state, teams)
    const truth = new Map(synthetic.teams.map((x) => [x.team, x.trueRating]))
    const trueMean = synthetic.teams.reduce((s, x) => s + x.trueRating, 0) / synthetic.teams.length
    const fitMean = teams.reduce((s, i) => s + state.mean[i], 0) / teams.length
    for (const i of teams) {
      const error = (state.mean[i] - fitMean) - ((truth.get(prepared.teamIds[i]) as number) - trueMean)
      if (Math.abs(error) <= 1.645 * sd[i]) inside++
      total++
    }
  }
  const coverage = inside / total
  t.ok(coverage >= 0.85 && coverage <= 0.95, `coverage ${(100 * coverage).toFixed(1)} % of ${total} teams`)
})

t.test('staticForecasts + predictionsOf are the backtest\'s own predictions (the experiments compare like with like)', async (t) => {
  const prepared = prepareMatches(league.matches)
  const from = '2025-08-01'
  const fromDay = dayNumber(from)
  const forecasts = staticForecasts(prepared, fromDay, DEFAULT_FIT_PARAMETERS)
  const predictions = predictionsOf(prepared, fromDay, forecasts)
  t.ok(predictions.length > 100)
  t.same(predictions, backtest(league.matches, { from }).predictions, 'bit-identical to the backtest')
  t.ok(Number.isNaN(forecasts.diff[0]), 'nothing forecast before from')
})
