/**
 * The fourth round of docs/ENGINE.md "How the parameters were chosen": other model structures
 * against the static fit, on the tuning seasons only (predictions 2019-08-01 … 2022-06-30, the
 * later matches not loaded). `npm run bench:leagues -- --experiments`. Every row is a §3.2 rating
 * (one rating per team, a home advantage, a draw band; the closed form averaged over the rating
 * uncertainty, predict.ts); combinations average ratings, never probabilities. Each variant's RPS
 * is printed with the paired standard error of its per-match RPS difference to the static fit.
 */
import { ELO_SCALE } from '../src/engine/index.js'
import { predictionsOf, rankedProbabilityScore, staticForecasts, type MatchForecasts } from '../src/leagues/backtest.js'
import { DEFAULT_FIT_PARAMETERS, dayNumber, prepareMatches, type PreparedMatches } from '../src/leagues/fit.js'
import { DEFAULT_FILTER_PARAMETERS, filterForecasts, type FilterParameters } from '../src/leagues/filter.js'
import { loadLeague } from '../test/leagues/real-seasons.js'

const FROM = '2019-08-01'
const REPORT_FROM = '2022-07-01'

interface LeagueData { league: string, prepared: PreparedMatches, fromDay: number, statics: MatchForecasts, staticRps: Float64Array }

function rpsOf (data: { prepared: PreparedMatches, fromDay: number }, forecasts: MatchForecasts): Float64Array {
  const predictions = predictionsOf(data.prepared, data.fromDay, forecasts)
  return Float64Array.from(predictions, (p) => rankedProbabilityScore([p.probHome, p.probDraw, p.probAway], p.outcome))
}

/** Mean and paired standard error of a − b. */
function paired (a: Float64Array, b: Float64Array): { mean: number, diff: number, se: number } {
  const n = a.length
  let sa = 0
  let sd = 0
  let sdd = 0
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i]
    sa += a[i]
    sd += d
    sdd += d * d
  }
  const meanDiff = sd / n
  const variance = (sdd - n * meanDiff * meanDiff) / (n - 1)
  return { mean: sa / n, diff: meanDiff, se: Math.sqrt(variance / n) }
}

/** Rating-level combination: λ·(filter's difference) + (1 − λ)·(static's), the draw band likewise. */
function combine (a: MatchForecasts, b: MatchForecasts, lambda: number): MatchForecasts {
  const n = a.diff.length
  const out: MatchForecasts = { diff: new Float64Array(n), sd: new Float64Array(n), drawRate: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    out.diff[i] = lambda * a.diff[i] + (1 - lambda) * b.diff[i]
    // The two estimates come from the same matches: their errors are taken as fully correlated.
    out.sd[i] = lambda * a.sd[i] + (1 - lambda) * b.sd[i]
    const band = (d: number): number => Math.log((1 + d) / (1 - d))
    out.drawRate[i] = Math.tanh((lambda * band(a.drawRate[i]) + (1 - lambda) * band(b.drawRate[i])) / 2)
  }
  return out
}

export function runExperiments (options: { quick?: boolean } = {}): void {
  const leagues: LeagueData[] = (['en.1', 'de.1'] as const).map((league) => {
    const prepared = prepareMatches(loadLeague(league).filter((m) => m.date < REPORT_FROM))
    const fromDay = dayNumber(FROM)
    const statics = staticForecasts(prepared, fromDay, DEFAULT_FIT_PARAMETERS)
    return { league, prepared, fromDay, statics, staticRps: rpsOf({ prepared, fromDay }, statics) }
  })
  const rows: Array<Record<string, string>> = []
  const report = (label: string, make: (data: LeagueData) => MatchForecasts): void => {
    const row: Record<string, string> = { variant: label }
    let total = 0
    for (const data of leagues) {
      const rps = rpsOf(data, make(data))
      const { mean, diff, se } = paired(rps, data.staticRps)
      row[data.league] = mean.toFixed(5)
      row[`${data.league} Δ ± se`] = `${diff >= 0 ? '+' : ''}${diff.toFixed(5)} ± ${se.toFixed(5)}`
      total += mean
    }
    row.mean = (total / leagues.length).toFixed(5)
    rows.push(row)
    if (options.quick !== true) console.log(JSON.stringify(row))
  }
  const filter = (overrides: Partial<FilterParameters>) => (data: LeagueData) => filterForecasts(data.prepared, { ...DEFAULT_FILTER_PARAMETERS, ...overrides })
  report('static fit (the default)', (d) => d.statics)
  report('filter, defaults', filter({}))
  report('filter, diagonal covariance (Glicko-style)', filter({ fullCovariance: false }))
  for (const driftPerYear of [0, 10, 30, 45, 80]) report(`filter, drift ${driftPerYear}/√year`, filter({ driftPerYear }))
  for (const seasonJumpSd of [0, 15, 45, 60]) report(`filter, season jump ${seasonJumpSd}`, filter({ seasonJumpSd }))
  for (const seasonRegression of [0.1, 0.2]) report(`filter, season regression ${seasonRegression}`, filter({ seasonRegression }))
  for (const entryOffset of [-30, 30]) report(`filter, entry offset ${entryOffset}`, filter({ entryOffset }))
  for (const entryBottom of [1, 6]) report(`filter, entry from the ${entryBottom} weakest`, filter({ entryBottom }))
  for (const initialSd of [80, 200]) report(`filter, first-season prior sd ${initialSd}`, filter({ initialSd }))
  for (const entrySd of [40, 100]) report(`filter, entry sd ${entrySd}`, filter({ entrySd }))
  for (const marginExponent of [0.5, 1]) report(`filter, margin α ${marginExponent}`, filter({ marginExponent }))
  for (const goalCap of [1, 4]) report(`filter, GD cap ${goalCap}`, filter({ goalCap }))
  for (const cutLearningRate of [0, 0.0005, 0.005]) report(`filter, cut learning rate ${cutLearningRate}`, filter({ cutLearningRate }))
  report('filter, one Laplace iteration (extended Kalman)', filter({ laplaceIterations: 1 }))
  for (const lambda of [0.1, 0.25, 0.5, 0.75]) {
    report(`rating average λ ${lambda}·filter + (1 − λ)·static`, (d) => combine(filterForecasts(d.prepared, DEFAULT_FILTER_PARAMETERS), d.statics, lambda))
  }
  console.log(`\nFourth round: predictions ${FROM} … ${REPORT_FROM} (exclusive), matches after it not loaded; Δ = variant − static fit, paired standard error per match`)
  console.table(rows)
  void ELO_SCALE
}
