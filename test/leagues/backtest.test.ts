import t from 'tap'
import {
  backtest,
  baseRateProbabilities,
  brierScore,
  defaultBacktestFrom,
  expectedCalibrationError,
  logLoss,
  modelProbabilities,
  rankedProbabilityScore,
  wilsonInterval
} from '../../src/leagues/backtest.js'
import { fitRatings } from '../../src/leagues/fit.js'
import type { LeagueMatch, Outcome } from '../../src/leagues/model.js'
import { expectedProbabilities } from '../../src/leagues/predict.js'
import { syntheticLeague } from '../../src/leagues/synthetic.js'

const league = syntheticLeague()
const from = defaultBacktestFrom(league.matches) as string

function close (a: number, b: number, tolerance = 1e-12): boolean {
  return Math.abs(a - b) <= tolerance
}

t.test('score functions by hand', async (t) => {
  // p = (0.5, 0.3, 0.2), draw happened: cumulative (0.5, 0.8) vs (0, 1).
  t.ok(close(rankedProbabilityScore([0.5, 0.3, 0.2], 'draw'), 0.5 * (0.25 + 0.04)))
  t.ok(close(rankedProbabilityScore([1, 0, 0], 'home'), 0))
  t.ok(close(rankedProbabilityScore([0, 0, 1], 'home'), 1))
  t.ok(close(brierScore([0.5, 0.3, 0.2], 'draw'), 0.25 + 0.49 + 0.04))
  t.ok(close(logLoss([0.5, 0.3, 0.2], 'away'), -Math.log(0.2)))
  // Wilson 95 % for 7 of 10: 0.3968 … 0.8922 (the textbook value; z = 1.959964).
  const [low, high] = wilsonInterval(7, 10)
  t.ok(close(low, 0.39678, 1e-5) && close(high, 0.89221, 1e-5), `${low} ${high}`)
})

t.test('every score is recomputed from the predictions alone', async (t) => {
  const result = backtest(league.matches, { from })
  t.equal(result.n, 190, 'the played half of the current season')
  t.equal(result.predictions.length, result.n)
  const outcomes = result.predictions.map((p) => p.outcome)
  const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length
  const scores = (probs: Array<readonly [number, number, number]>): { rps: number, brier: number, logLoss: number } => ({
    rps: mean(probs.map((p, i) => rankedProbabilityScore(p, outcomes[i]))),
    brier: mean(probs.map((p, i) => brierScore(p, outcomes[i]))),
    logLoss: mean(probs.map((p, i) => logLoss(p, outcomes[i])))
  })
  const model = scores(result.predictions.map(modelProbabilities))
  const uniform = scores(result.predictions.map(() => [1 / 3, 1 / 3, 1 / 3] as const))
  const baseRates = scores(result.predictions.map(baseRateProbabilities))
  for (const [name, mine, reported] of [['model', model, result.model], ['uniform', uniform, result.baselines.uniform], ['base rates', baseRates, result.baselines.baseRates]] as const) {
    for (const key of ['rps', 'brier', 'logLoss'] as const) t.ok(close(mine[key], reported[key]), `${name} ${key}: ${mine[key]} vs ${reported[key]}`)
  }
  t.ok(close(uniform.rps, result.baselines.uniform.rps) && close(uniform.logLoss, Math.log(3)))

  // The base rates are the frequencies of the played matches before each prediction's date.
  const played = league.matches.filter((m) => m.homeGoals !== null)
  for (const p of result.predictions.filter((_, i) => i % 37 === 0)) {
    const earlier = played.filter((m) => m.date < p.date)
    const share = (o: Outcome): number => earlier.filter((m) => ((m.homeGoals as number) > (m.awayGoals as number) ? 'home' : m.homeGoals === m.awayGoals ? 'draw' : 'away') === o).length / earlier.length
    t.ok(close(p.baseRateHome, share('home')) && close(p.baseRateDraw, share('draw')) && close(p.baseRateAway, share('away')), `base rates on ${p.date}`)
  }

  // Reliability: 10 bins per outcome, counts, means, observed shares, Wilson intervals, ECE.
  const names: Outcome[] = ['home', 'draw', 'away']
  names.forEach((name, k) => {
    const table = result.reliability[name]
    t.equal(table.length, 10)
    t.equal(table.reduce((s, b) => s + b.count, 0), result.n)
    let ece = 0
    table.forEach((bin, b) => {
      t.ok(close(bin.binLower, b / 10) && close(bin.binUpper, (b + 1) / 10))
      const members = result.predictions.filter((p) => Math.min(9, Math.floor(modelProbabilities(p)[k] * 10)) === b)
      t.equal(bin.count, members.length, `${name} bin ${b} count`)
      if (members.length === 0) {
        t.same([bin.meanPredicted, bin.observed, bin.ciLower, bin.ciUpper], [null, null, null, null])
        return
      }
      const hits = members.filter((p) => p.outcome === name).length
      t.ok(close(bin.meanPredicted as number, mean(members.map((p) => modelProbabilities(p)[k]))), `${name} bin ${b} mean`)
      t.ok(close(bin.observed as number, hits / members.length))
      const [low, high] = wilsonInterval(hits, members.length)
      t.ok(close(bin.ciLower as number, low) && close(bin.ciUpper as number, high))
      ece += members.length / result.n * Math.abs(hits / members.length - mean(members.map((p) => modelProbabilities(p)[k])))
    })
    t.ok(close(result.ece[name], ece), `ECE ${name}: ${result.ece[name]} vs ${ece}`)
    t.ok(close(expectedCalibrationError(table), ece))
  })
  for (const p of result.predictions) t.ok(close(p.probHome + p.probDraw + p.probAway, 1, 1e-12))
})

t.test('walk-forward: each prediction is the fit on matches strictly before its date', async (t) => {
  const result = backtest(league.matches, { from })
  const dates = [...new Set(result.predictions.map((p) => p.date))]
  for (const date of [dates[0], dates[7], dates.at(-1) as string]) {
    const playing = result.predictions.filter((p) => p.date === date)
    const fit = fitRatings(league.matches, { asOf: date, teams: playing.flatMap((p) => [p.home, p.away]), season: league.season })
    const rating = new Map(fit.teams.map((x) => [x.team, x]))
    for (const p of playing) {
      const h = rating.get(p.home)
      const a = rating.get(p.away)
      if (h === undefined || a === undefined) throw new Error('team missing')
      const expected = expectedProbabilities(h.rating + fit.homeAdvantage - a.rating, Math.hypot(h.ratingUncertainty, a.ratingUncertainty), fit.drawRate)
      // The backtest warm-starts Newton from the previous date; both converge to the same maximum.
      t.ok(close(p.probHome, expected.home, 1e-9) && close(p.probAway, expected.away, 1e-9), `${date} ${p.home}–${p.away}`)
    }
  }
})

t.test('a prediction never changes when later matches are added; same-day results never leak', async (t) => {
  const cut = '2025-11-15'
  const early = league.matches.filter((m) => m.date < cut)
  const a = backtest(early, { from })
  const b = backtest(league.matches, { from })
  t.ok(b.n > a.n)
  t.same(b.predictions.slice(0, a.n), a.predictions, 'bit-identical predictions for every earlier match')

  // Flip every result of one date: that date's predictions stay, the next date's move.
  const dates = [...new Set(a.predictions.map((p) => p.date))]
  const flipped: LeagueMatch[] = league.matches.map((m) => m.date === dates[3] && m.homeGoals !== null ? { ...m, homeGoals: m.awayGoals, awayGoals: m.homeGoals } : m)
  const c = backtest(flipped, { from })
  const onDay = (r: typeof a, date: string): unknown => r.predictions.filter((p) => p.date === date).map((p) => [p.probHome, p.probDraw, p.probAway])
  t.same(onDay(c, dates[3]), onDay(b, dates[3]), 'same-day results are not used')
  t.notSame(onDay(c, dates[4]), onDay(b, dates[4]), 'they are used from the next date on')
})

t.test('fixtures are not predicted, and the default from is the second season', async (t) => {
  t.equal(from, league.matches.filter((m) => m.season === league.season).map((m) => m.date).sort()[0])
  const result = backtest(league.matches, { from: '2024-01-01' })
  t.equal(result.n, 570, 'every played match, none of the fixtures')
  t.equal(defaultBacktestFrom(league.matches.filter((m) => m.season === league.previousSeason)), null)
})

t.test('the worker entry runs a backtest and returns the same plain data', async (t) => {
  const { runLeaguesTask } = await import('../../src/leagues/worker.js')
  const matches = league.matches.filter((m) => m.date < '2025-09-20')
  t.same(runLeaguesTask({ kind: 'backtest', matches, from }), backtest(matches, { from }))
})
