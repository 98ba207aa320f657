/**
 * The walk-forward backtest (SPEC §13.3; docs/ENGINE.md "Leagues"): every played match dated on or
 * after `from` is predicted by a fit on the matches strictly before its date — so matches of the
 * same day never see each other — and scored against what happened, beside two baselines.
 * The fit is redone once per match date, warm-started from the previous date's solution (Newton
 * then runs to the same unique maximum, so the start only saves iterations). Pure and
 * deterministic. Everything reported can be recomputed from `predictions` with the functions
 * exported here (test/leagues/backtest.test.ts does).
 */
import { ELO_SCALE } from '../engine/index.js'
import { dateOfDay, dayNumber, fitPrepared, prepareMatches, resolveParameters, type FitState, type LeagueFitParameters, type OutcomeCode, type PreparedMatches } from './fit.js'
import type { BacktestResult, LeagueMatch, Outcome, Prediction, ReliabilityBin, Scores } from './model.js'
import { expectedProbabilities } from './predict.js'

export const OUTCOME_NAMES: readonly Outcome[] = ['home', 'draw', 'away']
export const RELIABILITY_BINS = 10
/** Two-sided 95 % normal quantile, Φ⁻¹(0.975). */
const Z95 = 1.959963984540054

/** Every prediction carries the base rates of the matches before it, so that baseline is recomputable too. */
export type BacktestPrediction = Prediction

export type Probabilities = readonly [number, number, number]

function outcomeIndex (outcome: Outcome): OutcomeCode {
  return outcome === 'home' ? 0 : outcome === 'draw' ? 1 : 2
}

/** Ranked probability score over the order home, draw, away: ½ Σ_{k=1..2} (Σ_{i≤k} p_i − Σ_{i≤k} y_i)². */
export function rankedProbabilityScore (p: Probabilities, outcome: Outcome): number {
  const y = outcomeIndex(outcome)
  const c1 = p[0] - (y === 0 ? 1 : 0)
  const c2 = p[0] + p[1] - (y <= 1 ? 1 : 0)
  return 0.5 * (c1 * c1 + c2 * c2)
}

/** Brier score summed over the three outcomes (0…2). */
export function brierScore (p: Probabilities, outcome: Outcome): number {
  const y = outcomeIndex(outcome)
  let total = 0
  for (let i = 0; i < 3; i++) {
    const d = p[i] - (i === y ? 1 : 0)
    total += d * d
  }
  return total
}

export function logLoss (p: Probabilities, outcome: Outcome): number {
  return -Math.log(p[outcomeIndex(outcome)])
}

/** Mean scores of a list of forecasts; the sums run in list order. */
export function meanScores (forecasts: ReadonlyArray<{ p: Probabilities, outcome: Outcome }>): Scores {
  let rps = 0
  let brier = 0
  let log = 0
  for (const f of forecasts) {
    rps += rankedProbabilityScore(f.p, f.outcome)
    brier += brierScore(f.p, f.outcome)
    log += logLoss(f.p, f.outcome)
  }
  const n = forecasts.length
  return n === 0 ? { rps: 0, brier: 0, logLoss: 0 } : { rps: rps / n, brier: brier / n, logLoss: log / n }
}

/** 95 % Wilson score interval of k successes in n trials. */
export function wilsonInterval (k: number, n: number, z: number = Z95): [number, number] {
  const p = k / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Bin of a predicted probability: [k/10, (k+1)/10), the last bin including 1. */
export function reliabilityBinOf (p: number): number {
  return Math.min(RELIABILITY_BINS - 1, Math.floor(p * RELIABILITY_BINS))
}

/** Reliability table of one outcome: 10 equal bins of the predicted probability. */
export function reliabilityTable (predicted: readonly number[], happened: readonly boolean[]): ReliabilityBin[] {
  const count = new Array<number>(RELIABILITY_BINS).fill(0)
  const sum = new Array<number>(RELIABILITY_BINS).fill(0)
  const hits = new Array<number>(RELIABILITY_BINS).fill(0)
  predicted.forEach((p, i) => {
    const bin = reliabilityBinOf(p)
    count[bin]++
    sum[bin] += p
    if (happened[i]) hits[bin]++
  })
  return count.map((c, k) => {
    const binLower = k / RELIABILITY_BINS
    const binUpper = (k + 1) / RELIABILITY_BINS
    if (c === 0) return { binLower, binUpper, count: 0, meanPredicted: null, observed: null, ciLower: null, ciUpper: null }
    const [ciLower, ciUpper] = wilsonInterval(hits[k], c)
    return { binLower, binUpper, count: c, meanPredicted: sum[k] / c, observed: hits[k] / c, ciLower, ciUpper }
  })
}

/** Expected calibration error: Σ_bins (count/n)·|observed − mean predicted|. */
export function expectedCalibrationError (table: readonly ReliabilityBin[]): number {
  const n = table.reduce((total, bin) => total + bin.count, 0)
  let ece = 0
  for (const bin of table) {
    if (bin.count === 0) continue
    ece += (bin.count / n) * Math.abs((bin.observed as number) - (bin.meanPredicted as number))
  }
  return ece
}

export function modelProbabilities (p: Prediction): Probabilities {
  return [p.probHome, p.probDraw, p.probAway]
}

export function baseRateProbabilities (p: BacktestPrediction): Probabilities {
  return [p.baseRateHome, p.baseRateDraw, p.baseRateAway]
}

export const UNIFORM: Probabilities = [1 / 3, 1 / 3, 1 / 3]

/** Every score of a backtest from its predictions alone. */
export function scorePredictions (from: string, predictions: BacktestPrediction[]): BacktestResult {
  const model = meanScores(predictions.map((p) => ({ p: modelProbabilities(p), outcome: p.outcome })))
  const uniform = meanScores(predictions.map((p) => ({ p: UNIFORM, outcome: p.outcome })))
  const baseRates = meanScores(predictions.map((p) => ({ p: baseRateProbabilities(p), outcome: p.outcome })))
  const reliability = {} as Record<Outcome, ReliabilityBin[]>
  const ece = {} as Record<Outcome, number>
  OUTCOME_NAMES.forEach((name, i) => {
    reliability[name] = reliabilityTable(predictions.map((p) => modelProbabilities(p)[i]), predictions.map((p) => p.outcome === name))
    ece[name] = expectedCalibrationError(reliability[name])
  })
  return { from, n: predictions.length, model, baselines: { uniform, baseRates }, reliability, ece, predictions }
}

/** Default `from`: the first match date of the data's second season (SPEC §13.3). */
export function defaultBacktestFrom (matches: readonly LeagueMatch[]): string | null {
  const seasons = [...new Set(matches.map((m) => m.season))].sort()
  if (seasons.length < 2) return null
  const dates = matches.filter((m) => m.season === seasons[1]).map((m) => m.date).sort()
  return dates[0]
}

/**
 * What a rating knew before each match: the rating difference (home advantage included), its
 * standard deviation and the §3.2 draw rate, Elo points; NaN for matches before `from`.
 */
export interface MatchForecasts {
  diff: Float64Array
  sd: Float64Array
  drawRate: Float64Array
}

/** The static fit's forecasts with the fit's home advantage (Elo) and cut-points (count × goalCap, units of s). */
export interface StaticForecasts extends MatchForecasts {
  homeAdvantage: Float64Array
  cuts: Float64Array
}

/**
 * The static fit's forecasts of every prepared match on or after `fromDay`: one fit per match date
 * (and season) on the matches strictly before it, warm-started from the previous date's solution.
 */
export function staticForecasts (prepared: PreparedMatches, fromDay: number, parameters: LeagueFitParameters): StaticForecasts {
  const cap = parameters.goalCap
  const forecasts: StaticForecasts = {
    diff: new Float64Array(prepared.count).fill(NaN),
    sd: new Float64Array(prepared.count).fill(NaN),
    drawRate: new Float64Array(prepared.count).fill(NaN),
    homeAdvantage: new Float64Array(prepared.count).fill(NaN),
    cuts: new Float64Array(prepared.count * cap).fill(NaN)
  }
  let warm: FitState | undefined
  let m = 0
  while (m < prepared.count && prepared.day[m] < fromDay) m++
  while (m < prepared.count) {
    const day = prepared.day[m]
    let end = m
    while (end < prepared.count && prepared.day[end] === day) end++
    // One fit per date and season (a date shared by two seasons would be a data oddity).
    let groupStart = m
    while (groupStart < end) {
      const season = prepared.season[groupStart]
      let groupEnd = groupStart
      while (groupEnd < end && prepared.season[groupEnd] === season) groupEnd++
      const playing = new Set<number>()
      for (let k = groupStart; k < groupEnd; k++) {
        playing.add(prepared.home[k])
        playing.add(prepared.away[k])
      }
      const fit = fitPrepared(prepared, day, [...playing].sort((a, b) => a - b), parameters, warm, prepared.seasons[season])
      warm = fit.state
      const slot = new Int32Array(prepared.teamIds.length).fill(-1)
      fit.teams.forEach((t, i) => { slot[t] = i })
      for (let k = groupStart; k < groupEnd; k++) {
        const h = slot[prepared.home[k]]
        const a = slot[prepared.away[k]]
        forecasts.diff[k] = fit.rating[h] + fit.homeAdvantage - fit.rating[a]
        forecasts.sd[k] = Math.sqrt(fit.ratingUncertainty[h] ** 2 + fit.ratingUncertainty[a] ** 2)
        forecasts.drawRate[k] = fit.drawRate
        forecasts.homeAdvantage[k] = fit.homeAdvantage
        for (let c = 0; c < cap; c++) forecasts.cuts[k * cap + c] = fit.goalCuts[c] / ELO_SCALE
      }
      groupStart = groupEnd
    }
    m = end
  }
  return forecasts
}

/** The predictions of the prepared matches on or after `fromDay` from per-match forecasts, with the base rates. */
export function predictionsOf (prepared: PreparedMatches, fromDay: number, forecasts: MatchForecasts): BacktestPrediction[] {
  const predictions: BacktestPrediction[] = []
  const counts = [0, 0, 0]
  let m = 0
  while (m < prepared.count) {
    const day = prepared.day[m]
    let end = m
    while (end < prepared.count && prepared.day[end] === day) end++
    if (day >= fromDay) {
      const total = counts[0] + counts[1] + counts[2]
      const base = total === 0 ? [1 / 3, 1 / 3, 1 / 3] : counts.map((c) => c / total)
      for (let k = m; k < end; k++) {
        const p = expectedProbabilities(forecasts.diff[k], forecasts.sd[k], forecasts.drawRate[k])
        predictions.push({
          date: dateOfDay(prepared.day[k]),
          home: prepared.teamIds[prepared.home[k]],
          away: prepared.teamIds[prepared.away[k]],
          probHome: p.home,
          probDraw: p.draw,
          probAway: p.away,
          outcome: OUTCOME_NAMES[prepared.outcome[k]],
          baseRateHome: base[0],
          baseRateDraw: base[1],
          baseRateAway: base[2]
        })
      }
    }
    for (let k = m; k < end; k++) counts[prepared.outcome[k]]++
    m = end
  }
  return predictions
}

export function backtest (
  matches: readonly LeagueMatch[],
  options: { from: string, parameters?: Partial<LeagueFitParameters> }
): BacktestResult {
  const parameters = resolveParameters(options.parameters)
  const fromDay = dayNumber(options.from)
  const prepared = prepareMatches(matches)
  return scorePredictions(options.from, predictionsOf(prepared, fromDay, staticForecasts(prepared, fromDay, parameters)))
}
