/**
 * The fourth round of docs/ENGINE.md "How the parameters were chosen": other model structures
 * against the static fit, on the tuning seasons only (predictions 2019-08-01 … 2022-06-30, the
 * later matches not loaded). `npm run bench:leagues -- --experiments`. Every row is a §3.2 rating
 * (one rating per team, a home advantage, a draw band; the closed form averaged over the rating
 * uncertainty, predict.ts); combinations average ratings, never probabilities. Each variant's RPS
 * is printed with the paired standard error of its per-match RPS difference to the static fit.
 */
import { ELO_SCALE } from '../src/engine/index.js'
import { predictionsOf, rankedProbabilityScore, staticForecasts, type MatchForecasts, type StaticForecasts } from '../src/leagues/backtest.js'
import { DEFAULT_FIT_PARAMETERS, dayNumber, prepareMatches, type PreparedMatches } from '../src/leagues/fit.js'
import { DEFAULT_FILTER_PARAMETERS, filterForecasts, type FilterParameters } from '../src/leagues/filter.js'
import { loadLeague } from '../test/leagues/real-seasons.js'

const FROM = '2019-08-01'
const REPORT_FROM = '2022-07-01'

interface LeagueData { league: string, prepared: PreparedMatches, fromDay: number, statics: StaticForecasts, staticRps: Float64Array }

export function rpsOf (data: { prepared: PreparedMatches, fromDay: number }, forecasts: MatchForecasts): Float64Array {
  const predictions = predictionsOf(data.prepared, data.fromDay, forecasts)
  return Float64Array.from(predictions, (p) => rankedProbabilityScore([p.probHome, p.probDraw, p.probAway], p.outcome))
}

/** Mean and paired standard error of a − b. */
export function paired (a: Float64Array, b: Float64Array): { mean: number, diff: number, se: number } {
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
export function combine (a: MatchForecasts, b: MatchForecasts, lambda: number): MatchForecasts {
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

/**
 * An online Elo on the prepared matches, a date's matches all predicted before any update: K, a
 * fixed home advantage and draw rate (the §3.2 closed form), and optionally World Football Elo's
 * margin-of-victory multiplier (1, 1.5 for two goals, (11 + g)/8 from three) on K. Ratings carry no
 * uncertainty (sd 0).
 */
function eloForecasts (prepared: PreparedMatches, options: { k: number, homeAdvantage: number, drawRate: number, margin: boolean }): MatchForecasts {
  const n = prepared.count
  const out: MatchForecasts = { diff: new Float64Array(n), sd: new Float64Array(n), drawRate: new Float64Array(n).fill(options.drawRate) }
  const rating = new Float64Array(prepared.teamIds.length).fill(1500)
  const ratio = (1 + options.drawRate) / (1 - options.drawRate)
  let m = 0
  while (m < n) {
    let end = m
    while (end < n && prepared.day[end] === prepared.day[m]) end++
    for (let k = m; k < end; k++) out.diff[k] = rating[prepared.home[k]] + options.homeAdvantage - rating[prepared.away[k]]
    for (let k = m; k < end; k++) {
      const e = Math.exp(-out.diff[k] / ELO_SCALE)
      const home = 1 / (1 + ratio * e)
      const away = 1 / (1 + ratio / e)
      const expected = home + 0.5 * (1 - home - away)
      const o = prepared.outcome[k]
      const score = o === 0 ? 1 : o === 1 ? 0.5 : 0
      const g = prepared.margin[k]
      const multiplier = !options.margin || g <= 1 ? 1 : g === 2 ? 1.5 : (11 + g) / 8
      const change = options.k * multiplier * (score - expected)
      rating[prepared.home[k]] += change
      rating[prepared.away[k]] -= change
    }
    m = end
  }
  return out
}

/** The fit before issue 19's goal-difference likelihood: results only, margin weights α = 1.5. */
const PREVIOUS = { ...DEFAULT_FIT_PARAMETERS, goalCap: 1, goalWeight: 0, marginExponent: 1.5 }

/**
 * The variants the tuning seasons singled out, run once on every match (tuning, reported and
 * whole period), each with the paired standard error of its RPS difference to the static fit.
 */
export function runReportedExperiments (): void {
  const rows: Array<Record<string, string | number>> = []
  for (const league of ['en.1', 'de.1'] as const) {
    const prepared = prepareMatches(loadLeague(league))
    const fromDay = dayNumber(FROM)
    const reportDay = dayNumber(REPORT_FROM)
    const statics = staticForecasts(prepared, fromDay, DEFAULT_FIT_PARAMETERS)
    const filtered = filterForecasts(prepared, DEFAULT_FILTER_PARAMETERS)
    const variants: Array<[string, MatchForecasts]> = [
      ['static fit (the default)', statics],
      ['previous fit (results only, α 1.5)', staticForecasts(prepared, fromDay, PREVIOUS)],
      ['filter, defaults', filtered],
      ['rating average λ 0.25·filter + 0.75·static', combine(filtered, statics, 0.25)],
      ['rating average λ 0.4·filter (static H and cuts, drift 20, jump 20) + 0.6·static', combine(filterForecasts(prepared, { ...DEFAULT_FILTER_PARAMETERS, driftPerYear: 20, seasonJumpSd: 20 }, statics), statics, 0.4)],
      ['plain Elo (K 20, home 50, draw rate 0.25)', eloForecasts(prepared, { k: 20, homeAdvantage: 50, drawRate: 0.25, margin: false })]
    ]
    const dates = predictionsOf(prepared, fromDay, statics).map((p) => dayNumber(p.date))
    const reference = rpsOf({ prepared, fromDay }, statics)
    for (const [label, forecasts] of variants) {
      const rps = rpsOf({ prepared, fromDay }, forecasts)
      const row: Record<string, string | number> = { league, variant: label }
      for (const [period, keep] of [['tuning', (d: number) => d < reportDay], ['reported', (d: number) => d >= reportDay], ['whole', () => true]] as const) {
        const a = Float64Array.from(rps.filter((_, i) => keep(dates[i])))
        const b = Float64Array.from(reference.filter((_, i) => keep(dates[i])))
        const { mean, diff, se } = paired(a, b)
        row[period] = mean.toFixed(5)
        row[`${period} Δ ± se`] = `${diff >= 0 ? '+' : ''}${diff.toFixed(5)} ± ${se.toFixed(5)}`
      }
      rows.push(row)
    }
  }
  console.log(`\nFourth round, run once on every match from ${FROM} (tuning: before ${REPORT_FROM}); Δ = variant − static fit, paired standard error per match`)
  console.table(rows)
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
  // Is the static fit under-dispersed (its rating differences too small)? Stretch them around 0.
  for (const beta of [0.9, 1.1]) report(`static fit, rating differences × ${beta}`, (d) => ({ ...d.statics, diff: d.statics.diff.map((x) => beta * x) }))
  report('filter, defaults', filter({}))
  report('filter, diagonal covariance (Glicko-style)', filter({ fullCovariance: false }))
  report('filter, home advantage and cut-points from the static fit (MAP) of each date', (d) => filterForecasts(d.prepared, DEFAULT_FILTER_PARAMETERS, d.statics))
  report('  … and rating average λ 0.25 with the static fit', (d) => combine(filterForecasts(d.prepared, DEFAULT_FILTER_PARAMETERS, d.statics), d.statics, 0.25))
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
  for (const k of [20, 30]) {
    report(`Elo K ${k}, home 50, draw rate 0.25`, (d) => eloForecasts(d.prepared, { k, homeAdvantage: 50, drawRate: 0.25, margin: false }))
    report(`goal-based Elo K ${k} × margin multiplier, home 50, draw rate 0.25`, (d) => eloForecasts(d.prepared, { k, homeAdvantage: 50, drawRate: 0.25, margin: true }))
  }
  for (const lambda of [0.1, 0.25]) {
    report(`rating average λ ${lambda}·(goal-based Elo K 20) + (1 − λ)·static`, (d) => combine(eloForecasts(d.prepared, { k: 20, homeAdvantage: 50, drawRate: 0.25, margin: true }), d.statics, lambda))
  }
  // The combination grid: the filter with the static fit's home advantage and cut-points,
  // drift × off-season jump × λ, pooled over both leagues (mean Δ and its standard error).
  const grid: Array<Record<string, string | number>> = []
  for (const driftPerYear of [10, 20, 35]) {
    for (const seasonJumpSd of [0, 20, 35, 50]) {
      const filtered = leagues.map((d) => filterForecasts(d.prepared, { ...DEFAULT_FILTER_PARAMETERS, driftPerYear, seasonJumpSd }, d.statics))
      for (const lambda of [0.25, 0.4, 0.6, 1]) {
        const cell: Record<string, string | number> = { drift: driftPerYear, jump: seasonJumpSd, lambda }
        let pooled = 0
        let pooledVariance = 0
        leagues.forEach((d, i) => {
          const { diff, se } = paired(rpsOf(d, combine(filtered[i], d.statics, lambda)), d.staticRps)
          cell[`${d.league} Δ ± se`] = `${diff >= 0 ? '+' : ''}${diff.toFixed(5)} ± ${se.toFixed(5)}`
          pooled += diff / leagues.length
          pooledVariance += (se / leagues.length) ** 2
        })
        cell['both Δ ± se'] = `${pooled >= 0 ? '+' : ''}${pooled.toFixed(5)} ± ${Math.sqrt(pooledVariance).toFixed(5)}`
        grid.push(cell)
      }
    }
  }
  console.log(`\nFourth round: predictions ${FROM} … ${REPORT_FROM} (exclusive), matches after it not loaded; Δ = variant − static fit, paired standard error per match`)
  console.table(rows)
  console.log('\nRating average λ·filter + (1 − λ)·static, the filter with the static fit\'s home advantage and cut-points: drift × off-season jump × λ')
  console.table(grid)
}
