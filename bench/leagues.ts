/**
 * Leagues benchmark (SPEC §13.2–13.4, docs/ENGINE.md "Leagues: the fit, the backtest, the
 * outlook"): on the shared real seasons (../shared/data/football, read-only), the walk-forward
 * backtest of every match from 2019-08-01 on, with all earlier matches as history, for the EPL
 * (en.1) and the Bundesliga (de.1): scores of the model, of the uniform and base-rate baselines and
 * of a plain online Elo computed here on exactly the same matches, and of the previous fit (results
 * only with margin weights, before issue 19's goal-difference likelihood); split into the tuning
 * seasons (predictions before 2022-07-01, where the fit's parameters were chosen) and the reported
 * ones. Then the same against the plain Elo on twenty synthetic leagues, where nothing was tuned.
 * Then the timings: fit of the whole EPL history, the cold backtest, the outlook of the EPL
 * 2025-26 remainder at 10 000 iterations and of a whole 380-fixture season at 100 000.
 * Run with `npm run bench:leagues`. With `-- --tuning-grid` it prints instead the grid the fit's
 * parameters were chosen on (docs/ENGINE.md "How the parameters were chosen"): the backtest of the
 * tuning seasons only, run on the matches before 2022-07-01 so nothing later can reach it. With
 * `-- --experiments` the fourth round (bench/leagues-experiments.ts: the dynamic rating of
 * src/leagues/filter.ts, rating averages, goal-based Elo) on the tuning seasons, with paired
 * standard errors; `-- --experiments-reported` runs the variants it singled out once on every match.
 */
import { cpus, loadavg } from 'node:os'
import { closedFormProbabilities, RandomStream } from '../src/engine/index.js'
import {
  backtest,
  defaultBacktestFrom,
  expectedCalibrationError,
  meanScores,
  modelProbabilities,
  OUTCOME_NAMES,
  reliabilityTable,
  type Probabilities
} from '../src/leagues/backtest.js'
import { fitRatings, type LeagueFitParameters } from '../src/leagues/fit.js'
import type { LeagueMatch, Outcome, Prediction } from '../src/leagues/model.js'
import { seasonOutlook } from '../src/leagues/outlook.js'
import { syntheticLeague } from '../src/leagues/synthetic.js'
import { loadLeague, realDataAvailable } from '../test/leagues/real-seasons.js'
import { runExperiments, runReportedExperiments } from './leagues-experiments.js'

const FROM = '2019-08-01'
const REPORT_FROM = '2022-07-01'
/** The plain Elo: K = 20, a fixed home advantage, the §3.2 draw band at the §3.1 default draw rate. */
const ELO = { k: 20, homeAdvantage: 50, drawRate: 0.25, start: 1500 }

interface Forecast { date: string, p: Probabilities, outcome: Outcome }

function outcomeOf (m: LeagueMatch): Outcome {
  const h = m.homeGoals as number
  const a = m.awayGoals as number
  return h > a ? 'home' : h === a ? 'draw' : 'away'
}

/** Online Elo over the played matches in date order; a date's matches are all predicted before any update. */
function plainElo (matches: readonly LeagueMatch[]): Forecast[] {
  const played = matches.filter((m) => m.homeGoals !== null && m.awayGoals !== null)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.home < b.home ? -1 : a.home > b.home ? 1 : 0))
  const rating = new Map<string, number>()
  const forecasts: Forecast[] = []
  let i = 0
  while (i < played.length) {
    let j = i
    while (j < played.length && played[j].date === played[i].date) j++
    const updates: Array<[string, number]> = []
    for (let k = i; k < j; k++) {
      const m = played[k]
      const rh = rating.get(m.home) ?? ELO.start
      const ra = rating.get(m.away) ?? ELO.start
      const p = closedFormProbabilities(rh + ELO.homeAdvantage - ra, ELO.drawRate)
      const outcome = outcomeOf(m)
      if (m.date >= FROM) forecasts.push({ date: m.date, p: [p.home, p.draw, p.away], outcome })
      const score = outcome === 'home' ? 1 : outcome === 'draw' ? 0.5 : 0
      const change = ELO.k * (score - (p.home + 0.5 * p.draw))
      updates.push([m.home, rh + change], [m.away, ra - change])
    }
    for (const [team, value] of updates) rating.set(team, value)
    i = j
  }
  return forecasts
}

function eceOf (forecasts: readonly Forecast[]): Record<Outcome, number> {
  const ece = {} as Record<Outcome, number>
  OUTCOME_NAMES.forEach((name, k) => {
    ece[name] = expectedCalibrationError(reliabilityTable(forecasts.map((f) => f.p[k]), forecasts.map((f) => f.outcome === name)))
  })
  return ece
}

function row (label: string, forecasts: readonly Forecast[]): Record<string, string | number> {
  const scores = meanScores(forecasts)
  const ece = eceOf(forecasts)
  return {
    forecaster: label,
    n: forecasts.length,
    rps: scores.rps.toFixed(4),
    brier: scores.brier.toFixed(4),
    log_loss: scores.logLoss.toFixed(4),
    ece_home: ece.home.toFixed(3),
    ece_draw: ece.draw.toFixed(3),
    ece_away: ece.away.toFixed(3)
  }
}

/**
 * The ECE a perfectly calibrated forecaster would show on these matches: outcomes drawn from the
 * model's own probabilities, 200 times (seeded), mean ECE per outcome. ECE is a sum of absolute
 * bin errors, so sampling noise alone keeps it above 0; this is the floor to read it against.
 */
function calibratedEceFloor (forecasts: readonly Forecast[]): Record<Outcome, number> {
  const repeats = 200
  const stream = new RandomStream(1)
  const u = new Float64Array(forecasts.length)
  const floor: Record<Outcome, number> = { home: 0, draw: 0, away: 0 }
  for (let r = 0; r < repeats; r++) {
    stream.fillUniforms(u)
    const simulated: Forecast[] = forecasts.map((f, i) => ({ ...f, outcome: u[i] < f.p[0] ? 'home' : u[i] < f.p[0] + f.p[1] ? 'draw' : 'away' }))
    const ece = eceOf(simulated)
    for (const name of OUTCOME_NAMES) floor[name] += ece[name] / repeats
  }
  return floor
}

function floorRow (forecasts: readonly Forecast[]): Record<string, string | number> {
  const floor = calibratedEceFloor(forecasts)
  return { forecaster: 'ECE floor: a perfectly calibrated model here', n: forecasts.length, ece_home: floor.home.toFixed(3), ece_draw: floor.draw.toFixed(3), ece_away: floor.away.toFixed(3) }
}

function forecastsOf (predictions: readonly Prediction[], p: (x: Prediction) => Probabilities): Forecast[] {
  return predictions.map((x) => ({ date: x.date, p: p(x), outcome: x.outcome }))
}

function milliseconds (run: () => unknown): number {
  const start = process.hrtime.bigint()
  run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

if (!realDataAvailable()) {
  console.error('bench:leagues needs the shared seasons at ../shared/data/football (see its README)')
  process.exit(1)
}

console.log(`bench:leagues — ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)

/**
 * The tuning grid: goal-difference categories (1 = results only) × margin exponent × half-life ×
 * prior sd, on the tuning seasons only.
 */
function tuningGrid (): void {
  const grid: Array<Partial<LeagueFitParameters>> = []
  for (const goalCap of [1, 3, 4]) {
    for (const marginExponent of [0, 1, 1.5]) {
      for (const halfLifeDays of [240, 365, 540]) {
        for (const priorSd of [120, 160]) grid.push({ goalCap, goalWeight: goalCap > 1 ? 1 : 0, marginExponent, halfLifeDays, priorSd })
      }
    }
  }
  const leagues = (['en.1', 'de.1'] as const).map((league) => ({ league, matches: loadLeague(league).filter((m) => m.date < REPORT_FROM) }))
  const rows = grid.map((parameters) => {
    const rps = leagues.map(({ matches }) => backtest(matches, { from: FROM, parameters }).model.rps)
    return { ...parameters, rps_en1: rps[0].toFixed(5), rps_de1: rps[1].toFixed(5), mean: ((rps[0] + rps[1]) / 2).toFixed(5) }
  })
  console.log(`\nTuning grid: predictions ${FROM} … ${REPORT_FROM} (exclusive), matches after it not loaded`)
  console.table(rows.sort((a, b) => Number(a.mean) - Number(b.mean)))
}

if (process.argv.includes('--tuning-grid')) {
  tuningGrid()
  process.exit(0)
}
// The fourth round (docs/ENGINE.md "How the parameters were chosen"): other model structures on
// the tuning seasons (--experiments), and the variants it singled out once on every match
// (--experiments-reported).
if (process.argv.includes('--experiments')) {
  runExperiments()
  process.exit(0)
}
if (process.argv.includes('--experiments-reported')) {
  runReportedExperiments()
  process.exit(0)
}
/** The fit before the goal-difference likelihood (issue 19): results only, margin weights α = 1.5. */
const PREVIOUS: Partial<LeagueFitParameters> = { goalCap: 1, goalWeight: 0, marginExponent: 1.5 }
const timings: Array<Record<string, string | number>> = []
for (const league of ['en.1', 'de.1'] as const) {
  const matches = loadLeague(league)
  let result: ReturnType<typeof backtest> | undefined
  const ms = milliseconds(() => { result = backtest(matches, { from: FROM }) })
  if (result === undefined) throw new Error('unreachable')
  timings.push({ what: `backtest ${league} from ${FROM} (${result.n} predictions)${league === 'en.1' ? ', cold process' : ''}`, ms: ms.toFixed(0) })
  const model = forecastsOf(result.predictions, modelProbabilities)
  const uniform = forecastsOf(result.predictions, () => [1 / 3, 1 / 3, 1 / 3])
  const baseRates = forecastsOf(result.predictions, (x) => [x.baseRateHome, x.baseRateDraw, x.baseRateAway])
  const previous = forecastsOf(backtest(matches, { from: FROM, parameters: PREVIOUS }).predictions, modelProbabilities)
  const elo = plainElo(matches)
  if (elo.length !== model.length) throw new Error(`the plain Elo predicted ${elo.length} matches, the model ${model.length}`)
  for (const [period, keep] of [
    [`all from ${FROM}`, () => true],
    [`tuning seasons (before ${REPORT_FROM})`, (f: Forecast) => f.date < REPORT_FROM],
    [`reported seasons (from ${REPORT_FROM})`, (f: Forecast) => f.date >= REPORT_FROM]
  ] as const) {
    console.log(`\n${league} — ${period}`)
    console.table([
      row('model', model.filter(keep)),
      row('previous fit (results only, margin weights 1.5)', previous.filter(keep)),
      row('uniform', uniform.filter(keep)),
      row('base rates', baseRates.filter(keep)),
      row(`plain Elo (K ${ELO.k}, home ${ELO.homeAdvantage}, draw rate ${ELO.drawRate})`, elo.filter(keep)),
      floorRow(model.filter(keep))
    ])
  }
}

// Leagues nothing was tuned on: synthetic ones (src/leagues/synthetic.ts, seeds 1…20), each
// backtested from its second season, beside the same untuned plain Elo.
{
  const model: Forecast[] = []
  const elo: Forecast[] = []
  for (let seed = 1; seed <= 20; seed++) {
    const synthetic = syntheticLeague(seed)
    const from = defaultBacktestFrom(synthetic.matches) as string
    model.push(...forecastsOf(backtest(synthetic.matches, { from }).predictions, modelProbabilities))
    elo.push(...plainElo(synthetic.matches).filter((f) => f.date >= from))
  }
  console.log('\nSynthetic leagues (seeds 1…20, backtest of each second season): nothing tuned on them')
  console.table([row('model', model), row(`plain Elo (K ${ELO.k}, home ${ELO.homeAdvantage}, draw rate ${ELO.drawRate})`, elo), floorRow(model)])
}

const epl = loadLeague('en.1')
const fitRuns = Array.from({ length: 9 }, () => milliseconds(() => fitRatings(epl)))
timings.push({ what: `fit of the whole EPL history (${epl.filter((m) => m.homeGoals !== null).length} matches), median of 9 (first ${fitRuns[0].toFixed(0)} ms)`, ms: median(fitRuns).toFixed(1) })
const warmBacktest = milliseconds(() => backtest(epl, { from: FROM }))
timings.push({ what: 'backtest en.1 again (warm JIT)', ms: warmBacktest.toFixed(0) })

const current = epl.filter((m) => m.season === '2025-26')
const teams = [...new Set(current.flatMap((m) => [m.home, m.away]))].sort()
const fit = fitRatings(epl, { teams, season: '2025-26' })
const played = current.filter((m) => m.homeGoals !== null)
const remaining = current.filter((m) => m.homeGoals === null).map((m) => ({ date: m.date, home: m.home, away: m.away }))
const zones: Record<string, [number, number]> = { champion: [1, 1], top4: [1, 4], relegation: [18, 20] }
const outlookRuns = Array.from({ length: 11 }, (_, seed) => milliseconds(() => seasonOutlook({ fit, teams, played, fixtures: remaining, nSimulations: 10_000, seed, zones })))
timings.push({ what: `outlook EPL 2025-26 remainder (${remaining.length} fixtures) × 10 000, median of 11 (first ${outlookRuns[0].toFixed(0)} ms)`, ms: median(outlookRuns).toFixed(1) })
const wholeSeason = current.map((m) => ({ date: m.date, home: m.home, away: m.away }))
const seasonRuns = Array.from({ length: 3 }, (_, seed) => milliseconds(() => seasonOutlook({ fit, teams, played: [], fixtures: wholeSeason, nSimulations: 100_000, seed, zones })))
timings.push({ what: `outlook of a whole season (${wholeSeason.length} fixtures) × 100 000, median of 3`, ms: median(seasonRuns).toFixed(0) })

const outlook = seasonOutlook({ fit, teams, played, fixtures: remaining, nSimulations: 10_000, seed: 1, zones })
console.log(`\nEPL 2025-26 outlook (fit on ${fit.matchesUsed} matches to ${fit.lastMatchDate}; home advantage ${fit.homeAdvantage.toFixed(1)}, draw rate ${fit.drawRate.toFixed(3)}; 10 000 iterations, seed 1)`)
console.table(outlook.teams.map((x) => ({
  team: x.team,
  pts: x.points,
  gd: x.goalDifference,
  final_mean: x.finalPoints.mean.toFixed(1),
  'p5–p95': `${x.finalPoints.p5.toFixed(1)}–${x.finalPoints.p95.toFixed(1)}`,
  champion: x.zones.champion.toFixed(3),
  top4: x.zones.top4.toFixed(3),
  relegation: x.zones.relegation.toFixed(3)
})))

// The outlook against a finished season (issue 20): 2024-25 from its 30th round on, fitted on
// everything before that date, beside the real final table.
for (const [league, perRound] of [['en.1', 10], ['de.1', 9]] as const) {
  const all = loadLeague(league)
  const season = all.filter((m) => m.season === '2024-25').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const asOf = season[29 * perRound].date
  const seasonTeams = [...new Set(season.flatMap((m) => [m.home, m.away]))].sort()
  const before = all.filter((m) => m.date < asOf)
  const asOfFit = fitRatings(before, { asOf, teams: seasonTeams, season: '2024-25' })
  const lastPosition = seasonTeams.length
  const seasonZones: Record<string, [number, number]> = { champion: [1, 1], top4: [1, 4], relegation: [lastPosition - (league === 'en.1' ? 2 : 1), lastPosition] }
  const result = seasonOutlook({
    fit: asOfFit,
    teams: seasonTeams,
    played: season.filter((m) => m.date < asOf),
    fixtures: season.filter((m) => m.date >= asOf).map((m) => ({ date: m.date, home: m.home, away: m.away })),
    nSimulations: 10_000,
    seed: 1,
    zones: seasonZones
  })
  const final = seasonOutlook({ fit: asOfFit, teams: seasonTeams, played: season, fixtures: [], nSimulations: 1, seed: 1, zones: seasonZones })
  const realPosition = new Map(final.teams.map((x, i) => [x.team, { position: i + 1, points: x.points }]))
  console.log(`\n${league} 2024-25 outlook as of ${asOf} (${result.remainingFixtures} fixtures left; 10 000 iterations, seed 1) beside the real final table (ties there by goal difference)`)
  console.table(result.teams.map((x) => {
    const expectedPosition = x.positions.reduce((sum, p, i) => sum + p * (i + 1), 0)
    const real = realPosition.get(x.team)
    return {
      team: x.team,
      pts_then: x.points,
      final_pts_mean: x.finalPoints.mean.toFixed(1),
      'p5–p95': `${x.finalPoints.p5.toFixed(0)}–${x.finalPoints.p95.toFixed(0)}`,
      real_pts: real?.points,
      expected_position: expectedPosition.toFixed(1),
      real_position: real?.position,
      champion: x.zones.champion.toFixed(3),
      top4: x.zones.top4.toFixed(3),
      relegation: x.zones.relegation.toFixed(3),
      p_real_position: real === undefined ? '' : x.positions[real.position - 1].toFixed(3)
    }
  }))
}

console.log('\nTimings')
console.table(timings)
console.log(`load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
