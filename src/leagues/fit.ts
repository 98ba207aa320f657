/**
 * Ratings from results (SPEC §13.2; docs/ENGINE.md "Leagues: the fit, the backtest, the outlook").
 *
 * The likelihood is the §3.2 model itself, extended to goal differences: with
 * `x = (r_home + H − r_away)/s` and symmetric cut-points `0 < c₁ < … < c_K` (units of s), the
 * home side wins by at least k goals with probability `σ(x − c_k)` and loses by at least k with
 * `σ(−x − c_k)`; `c₁ = ln((1 + d)/(1 − d))` is the §3.2 draw band, so `P(home) = σ(x − c₁)`,
 * `P(away) = σ(−x − c₁)` is exactly the closed form that is simulated (`goalCap` 1 is the
 * results-only ordered logit). It is concave in (ratings, H, c₁ … c_K), so Newton's method from
 * any start reaches the single maximum. The fit is the maximum a posteriori of
 *   Σ_matches w·ln P(goal-difference category) + ln prior,
 * with `w = 0.5^(age / halfLife) · margin` (age in days before the fit date, of which only
 * `breakAgeShare` of each off-season counts; `margin` the normalised goal-margin factor of
 * `WeightParameters`) and Gaussian priors: every
 * team N(priorMean, priorSd²); a team in a stint that began after the data's first season (a
 * promoted team) also N(priorMean − promotedOffset, promotedPriorSd²), an "entry" prior that
 * decays with the age of its first match of the stint exactly like a match of that day.
 * Pure: plain numbers in, plain numbers out; no clock (dates are the data's), no randomness.
 */
import { ELO_SCALE } from '../engine/index.js'
import type { FitParameters, LeagueMatch, RatingFit, TeamRating } from './model.js'

/**
 * The per-match weights beyond the time decay (docs/ENGINE.md "Leagues"): weighted maximum
 * likelihood of the §3.2 outcome model (SPEC §13.2), with weights from observable match facts.
 */
export interface WeightParameters {
  /**
   * A win by `g` goals weighs `(g + 1)^marginExponent / mean`, a draw 1: a 4–0 says more about
   * strength than a 1–0 (the margin factor of ClubElo and World Football Elo). `mean` is the
   * decay-weighted mean of `(g + 1)^marginExponent` over the fit's wins, so wins as a whole weigh
   * what they did and the draw rate is not pulled down. 0 = margins ignored.
   */
  marginExponent: number
  /**
   * Share of each off-season (a season's last match to the next one's first) that counts as age
   * in the time decay: 1 = calendar time, 0 = the summer break does not age the data.
   */
  breakAgeShare: number
  /**
   * Goal-difference categories of the likelihood: the goal difference capped at ±goalCap, an
   * ordered logit with symmetric cut-points c₁ < … < c_goalCap whose inner cut c₁ is the §3.2
   * draw band (so the W/D/L marginal is exactly §3.2's). 1 = the result only.
   */
  goalCap: number
  /**
   * Each match's log-likelihood is `(1 − goalWeight)·ln P(result) + goalWeight·ln P(goal
   * category)`: 0 = the result only, 1 = the goal-difference ordered logit alone.
   */
  goalWeight: number
}

export type LeagueFitParameters = FitParameters & WeightParameters

/**
 * Defaults (docs/ENGINE.md "Leagues", "How the parameters were chosen"): grids on the tuning
 * seasons (predictions of 2019-20 … 2021-22, both shared leagues). The goal-difference likelihood
 * (cap 3) with margin exponent 1 on top moved both leagues (≈ −0.0007 RPS against results only with
 * exponent 1.5); around it the grid is flat, so the round a-priori values of the rest stay: a
 * one-season half-life, one exponential, calendar time.
 */
export const DEFAULT_FIT_PARAMETERS: Readonly<LeagueFitParameters> = Object.freeze({
  halfLifeDays: 365,
  longHalfLifeDays: 1460,
  longWeight: 0,
  priorMean: 1500,
  priorSd: 120,
  promotedOffset: 100,
  promotedPriorSd: 60,
  driftPerYear: 50,
  homeAdvantagePrior: 60,
  homeAdvantagePriorSd: 50,
  homeAdvantageSeasonSd: 20,
  drawRateStart: 0.25,
  drawBandPriorSd: 0.3,
  maxIterations: 50,
  marginExponent: 1,
  breakAgeShare: 1,
  goalCap: 3,
  goalWeight: 1
})

/** Prior of the outer cut-points: c_k ~ N(c₁(prior) + (k − 1)·spacing, sd²), weak (units of s). */
const OUTER_CUT_SPACING = 1
const OUTER_CUT_PRIOR_SD = 1

const DAY_MS = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
/** Newton stops when no parameter moves by more than this (in units of s: ≈ 2·10⁻⁷ Elo points). */
const STEP_TOLERANCE = 1e-9

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, the calendar only: no clock involved). */
export function dayNumber (date: string): number {
  const match = DATE_PATTERN.exec(date)
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  const [, y, m, d] = match
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const back = new Date(ms)
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    throw new RangeError(`not a calendar date: ${date}`)
  }
  return ms / DAY_MS
}

export function dateOfDay (day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 0 home win, 1 draw, 2 away win. */
export type OutcomeCode = 0 | 1 | 2

export function outcomeCode (homeGoals: number, awayGoals: number): OutcomeCode {
  return homeGoals > awayGoals ? 0 : homeGoals === awayGoals ? 1 : 2
}

/**
 * The played matches in a canonical order (date, then home id, then away id), so that a fit is a
 * function of the set of matches and not of the order they were given in, team indices in id
 * order, and seasons in their (chronological) string order.
 */
export interface PreparedMatches {
  teamIds: string[]
  seasons: string[]
  count: number
  day: Int32Array
  home: Int32Array
  away: Int32Array
  outcome: Uint8Array
  /** |home goals − away goals|, capped at 255. */
  margin: Uint8Array
  season: Int32Array
}

function compareStrings (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function prepareMatches (matches: readonly LeagueMatch[], extraTeams: readonly string[] = []): PreparedMatches {
  const played = matches.filter((m) => m.homeGoals !== null && m.awayGoals !== null)
  const sorted = played
    .map((m) => ({ m, day: dayNumber(m.date) }))
    .sort((a, b) => a.day - b.day || compareStrings(a.m.home, b.m.home) || compareStrings(a.m.away, b.m.away))
  const teamSet = new Set<string>(extraTeams)
  const seasonSet = new Set<string>()
  for (const { m } of sorted) {
    teamSet.add(m.home)
    teamSet.add(m.away)
    seasonSet.add(m.season)
  }
  const teamIds = [...teamSet].sort(compareStrings)
  const seasons = [...seasonSet].sort(compareStrings)
  const teamIndex = new Map(teamIds.map((id, i) => [id, i]))
  const seasonIndex = new Map(seasons.map((id, i) => [id, i]))
  const count = sorted.length
  const prepared: PreparedMatches = {
    teamIds,
    seasons,
    count,
    day: new Int32Array(count),
    home: new Int32Array(count),
    away: new Int32Array(count),
    outcome: new Uint8Array(count),
    margin: new Uint8Array(count),
    season: new Int32Array(count)
  }
  sorted.forEach(({ m, day }, i) => {
    if (m.home === m.away) throw new RangeError(`a team cannot play itself: ${m.home} on ${m.date}`)
    prepared.day[i] = day
    prepared.home[i] = teamIndex.get(m.home) as number
    prepared.away[i] = teamIndex.get(m.away) as number
    prepared.outcome[i] = outcomeCode(m.homeGoals as number, m.awayGoals as number)
    prepared.margin[i] = Math.min(255, Math.abs((m.homeGoals as number) - (m.awayGoals as number)))
    prepared.season[i] = seasonIndex.get(m.season) as number
  })
  return prepared
}

/** Number of prepared matches strictly before `day` (they are sorted by day). */
export function matchesBefore (prepared: PreparedMatches, day: number): number {
  let low = 0
  let high = prepared.count
  while (low < high) {
    const mid = (low + high) >>> 1
    if (prepared.day[mid] < day) low = mid + 1
    else high = mid
  }
  return low
}

/** The solution of one fit, in the internal units (ratings and H divided by s), for warm starts. */
export interface FitState {
  /** Global team index → rating / s (NaN for a team not in the fit). */
  rating: Float64Array
  /** Global season index → that season's H / s (NaN for a season not in the fit). */
  homeAdvantage: Float64Array
  drawBand: number
  /** c₁ … c_K (c₁ = drawBand). */
  cuts: Float64Array
}

export interface PreparedFit {
  /** Global team indices of the teams in the fit, ascending (= id order). */
  teams: Int32Array
  /** Per fitted team (same order), in Elo points. */
  rating: Float64Array
  ratingUncertainty: Float64Array
  matches: Int32Array
  lastDay: Int32Array
  homeAdvantage: number
  drawRate: number
  /** c₁·s … c_K·s, Elo points. */
  goalCuts: number[]
  matchesUsed: number
  state: FitState
}

export function drawRateOfBand (c: number): number {
  return Math.tanh(c / 2)
}

function bandOfDrawRate (d: number): number {
  return Math.log((1 + d) / (1 - d))
}

function resolveParameters (overrides: Partial<LeagueFitParameters> | undefined): LeagueFitParameters {
  const p = { ...DEFAULT_FIT_PARAMETERS, ...overrides }
  const positive: Array<keyof FitParameters> = ['halfLifeDays', 'longHalfLifeDays', 'priorSd', 'promotedPriorSd', 'homeAdvantagePriorSd', 'homeAdvantageSeasonSd', 'drawBandPriorSd', 'maxIterations']
  for (const key of positive) {
    if (!(p[key] > 0) || !Number.isFinite(p[key])) throw new RangeError(`fit parameter ${key} must be a positive number`)
  }
  if (!(p.driftPerYear >= 0)) throw new RangeError('fit parameter driftPerYear must be ≥ 0')
  if (!(p.longWeight >= 0)) throw new RangeError('fit parameter longWeight must be ≥ 0')
  if (!(p.marginExponent >= 0 && p.marginExponent <= 4)) throw new RangeError('fit parameter marginExponent must be in [0, 4]')
  if (!(p.breakAgeShare >= 0 && p.breakAgeShare <= 1)) throw new RangeError('fit parameter breakAgeShare must be in [0, 1]')
  if (!(Number.isInteger(p.goalCap) && p.goalCap >= 1 && p.goalCap <= 6)) throw new RangeError('fit parameter goalCap must be an integer in [1, 6]')
  if (!(p.goalWeight >= 0 && p.goalWeight <= 1)) throw new RangeError('fit parameter goalWeight must be in [0, 1]')
  if (!(p.drawRateStart > 0 && p.drawRateStart < 1)) throw new RangeError('fit parameter drawRateStart must be in (0, 1)')
  return p
}

/**
 * Cholesky factorisation in place of the symmetric positive definite n×n matrix `a` (row-major;
 * the lower triangle is read and overwritten with L).
 */
function cholesky (a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let sum = a[j * n + j]
    for (let k = 0; k < j; k++) sum -= a[j * n + k] * a[j * n + k]
    if (!(sum > 0)) throw new RangeError('the fit\'s information matrix is not positive definite')
    const diagonal = Math.sqrt(sum)
    a[j * n + j] = diagonal
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k]
      a[i * n + j] = s / diagonal
    }
  }
}

/** Solves L·Lᵀ·x = b in place of b. */
function choleskySolve (l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k]
    b[i] = s / l[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k]
    b[i] = s / l[i * n + i]
  }
}

interface Workspace {
  n: number
  gradient: Float64Array
  hessian: Float64Array
  sandwich: Float64Array
  step: Float64Array
  theta: Float64Array
  trial: Float64Array
}

/**
 * The goal-difference ordered logit (docs/ENGINE.md "Leagues"). With the latent `z = x + ε`
 * (ε standard logistic) and symmetric cut-points `0 < c₁ < … < c_K` (in units of s), the home side
 * wins by at least k goals when `z > c_k` and loses by at least k when `z < −c_k`:
 * `P(GD ≥ k) = σ(x − c_k)`, `P(GD ≤ −k) = σ(−x − c_k)`. `c₁` is the §3.2 draw band, so the
 * W/D/L marginal is exactly the closed form of §3.2, whatever `c₂ … c_K`.
 * A category is the interval `(lo, hi]` of z; `loCut`/`hiCut` are the cut indices (0-based, −1 for
 * ±∞) with their signs. `P = σ(x − lo) − σ(x − hi)`.
 * The cut-points come as `expCut[k] = e^(c_(k+1))` and `expNegCut[k] = e^(−c_(k+1))` (one `exp`
 * per match, for x). Adds `coefficient·ln P`, its gradient and its negative Hessian with respect to (x, c₁ … c_K)
 * into `local` (index 0 is x, 1 + k is c_(k+1); the matrix row-major after the K + 1 gradient entries).
 */
function categoryTerm (
  x: number, expCut: Float64Array, expNegCut: Float64Array, loCut: number, loSign: number, hiCut: number, hiSign: number,
  coefficient: number, dims: number, localGradient: Float64Array, localHessian: Float64Array
): number {
  // u = σ(x − lo), v = σ(x − hi); at lo = −∞, u = 1; at hi = +∞, v = 0.
  let u = 1
  let v = 0
  let p: number
  const ex = Math.exp(-x)
  if (loCut >= 0 && hiCut >= 0) {
    const eLo = loSign > 0 ? expCut[loCut] : expNegCut[loCut]
    const eHi = hiSign > 0 ? expCut[hiCut] : expNegCut[hiCut]
    const a = 1 + ex * eLo
    const b = 1 + ex * eHi
    u = 1 / a
    v = 1 / b
    // u − v without cancellation: e^(−x)(e^hi − e^lo)/((1 + e^(−x)e^lo)(1 + e^(−x)e^hi)).
    p = ex * (eHi - eLo) / (a * b)
  } else if (loCut >= 0) {
    u = 1 / (1 + ex * (loSign > 0 ? expCut[loCut] : expNegCut[loCut]))
    p = u
  } else {
    const eHi = hiSign > 0 ? expCut[hiCut] : expNegCut[hiCut]
    v = 1 / (1 + ex * eHi)
    // 1 − v = σ(hi − x) = 1/(1 + e^(x − hi)).
    p = 1 / (1 + 1 / (eHi * ex))
  }
  const du = loCut >= 0 ? u * (1 - u) : 0
  const dv = hiCut >= 0 ? v * (1 - v) : 0
  const ddu = du * (1 - 2 * u)
  const ddv = dv * (1 - 2 * v)
  // ∂P/∂x = du − dv; ∂P/∂lo = −du; ∂P/∂hi = dv; ∂²P/∂x² = ddu − ddv; ∂²P/∂x∂lo = −ddu;
  // ∂²P/∂x∂hi = ddv; ∂²P/∂lo² = ddu; ∂²P/∂hi² = −ddv; ∂²P/∂lo∂hi = 0.
  const gx = (du - dv) / p
  const gLo = -du / p
  const gHi = dv / p
  const c = coefficient
  localGradient[0] += c * gx
  const H = localHessian
  H[0] += c * (gx * gx - (ddu - ddv) / p)
  if (loCut >= 0) {
    const i = 1 + loCut
    localGradient[i] += c * loSign * gLo
    const xl = c * loSign * (gx * gLo + ddu / p)
    H[i] += xl
    H[i * dims] += xl
    H[i * dims + i] += c * (gLo * gLo - ddu / p)
  }
  if (hiCut >= 0) {
    const j = 1 + hiCut
    localGradient[j] += c * hiSign * gHi
    const xh = c * hiSign * (gx * gHi - ddv / p)
    H[j] += xh
    H[j * dims] += xh
    H[j * dims + j] += c * (gHi * gHi + ddv / p)
    if (loCut >= 0) {
      const i = 1 + loCut
      const lh = c * loSign * hiSign * gLo * gHi
      H[i * dims + j] += lh
      H[j * dims + i] += lh
    }
  }
  return c * Math.log(p)
}

/**
 * The probabilities of the goal-difference categories for a rating difference `diff` (Elo points,
 * home advantage included) and the cut-points `goalCuts` (Elo points, `RatingFit.goalCuts`): from
 * "the away side by goalCuts.length or more" through the draw to "the home side by
 * goalCuts.length or more". Summed per side they are the §3.2 closed form with the draw band
 * `goalCuts[0]` (`P(GD ≥ 1) = σ((diff − T)/s)`), whatever the outer cut-points.
 */
export function goalDifferenceProbabilities (diff: number, goalCuts: readonly number[]): number[] {
  const k = goalCuts.length
  const atLeast = (cut: number, side: number): number => 1 / (1 + Math.exp(-(side * diff - cut) / ELO_SCALE))
  const out = new Array<number>(2 * k + 1)
  for (let j = 0; j < k; j++) {
    const next = j + 1 < k ? goalCuts[j + 1] : Infinity
    // The home side by exactly j + 1 goals (or more, for the last), and the away side likewise.
    out[k + 1 + j] = atLeast(goalCuts[j], 1) - (next === Infinity ? 0 : atLeast(next, 1))
    out[k - 1 - j] = atLeast(goalCuts[j], -1) - (next === Infinity ? 0 : atLeast(next, -1))
  }
  out[k] = 1 - atLeast(goalCuts[0], 1) - atLeast(goalCuts[0], -1)
  return out
}

/**
 * The cut indices and signs of the category of a signed goal difference `g` with `cap` outer
 * categories on each side (cap 1: home win, draw, away win), for `categoryTerm`.
 */
function categoryOf (g: number, cap: number, into: Int32Array): void {
  // into = [loCut, loSign, hiCut, hiSign]
  if (g >= cap) { into[0] = cap - 1; into[1] = 1; into[2] = -1; into[3] = 1 } else if (g >= 1) {
    into[0] = g - 1; into[1] = 1; into[2] = g; into[3] = 1
  } else if (g === 0) {
    into[0] = 0; into[1] = -1; into[2] = 0; into[3] = 1
  } else if (g > -cap) {
    into[0] = -g; into[1] = -1; into[2] = -g - 1; into[3] = -1
  } else {
    into[0] = -1; into[1] = -1; into[2] = cap - 1; into[3] = -1
  }
}

/**
 * Fits the prepared matches before `asOfDay` (the first `prefix` of them), with `extraTeams`
 * (global indices) in the fit even without matches: teams that have no matches yet, or that are
 * back after a spell outside the league, carry the entry prior at full weight.
 * `warm`, when given, is only a starting point: the maximum is unique, and Newton runs to
 * convergence from wherever it starts.
 */
export function fitPrepared (
  prepared: PreparedMatches,
  asOfDay: number,
  extraTeams: readonly number[],
  parameters: LeagueFitParameters,
  warm?: FitState,
  currentSeason?: string
): PreparedFit {
  const prefix = matchesBefore(prepared, asOfDay)
  const totalTeams = prepared.teamIds.length
  const inFit = new Uint8Array(totalTeams)
  const matchCount = new Int32Array(totalTeams)
  const lastDay = new Int32Array(totalTeams).fill(-2147483648)
  // Seasons each team played in the prefix, to find where its current stint began.
  const seasonCount = prepared.seasons.length
  const playedIn = new Uint8Array(totalTeams * Math.max(1, seasonCount))
  const firstDayInSeason = new Int32Array(totalTeams * Math.max(1, seasonCount)).fill(2147483647)
  let latestSeason = -1
  let firstSeason = seasonCount
  const seasonFirstDay = new Float64Array(Math.max(1, seasonCount)).fill(Infinity)
  const seasonLastDay = new Float64Array(Math.max(1, seasonCount)).fill(-Infinity)
  for (let m = 0; m < prefix; m++) {
    const s = prepared.season[m]
    if (prepared.day[m] < seasonFirstDay[s]) seasonFirstDay[s] = prepared.day[m]
    if (prepared.day[m] > seasonLastDay[s]) seasonLastDay[s] = prepared.day[m]
    if (s > latestSeason) latestSeason = s
    if (s < firstSeason) firstSeason = s
    for (const t of [prepared.home[m], prepared.away[m]]) {
      inFit[t] = 1
      matchCount[t]++
      lastDay[t] = prepared.day[m]
      playedIn[t * seasonCount + s] = 1
      if (prepared.day[m] < firstDayInSeason[t * seasonCount + s]) firstDayInSeason[t * seasonCount + s] = prepared.day[m]
    }
  }
  const requested = new Uint8Array(totalTeams)
  for (const t of extraTeams) {
    inFit[t] = 1
    requested[t] = 1
  }
  const teams: number[] = []
  for (let t = 0; t < totalTeams; t++) if (inFit[t] === 1) teams.push(t)
  const teamCount = teams.length
  const local = new Int32Array(totalTeams).fill(-1)
  teams.forEach((t, i) => { local[t] = i })

  const s = ELO_SCALE
  const priorMean = parameters.priorMean / s
  const priorPrecision = (s / parameters.priorSd) ** 2
  const promotedMean = (parameters.priorMean - parameters.promotedOffset) / s
  const promotedPrecision = (s / parameters.promotedPriorSd) ** 2
  const decay = Math.LN2 / parameters.halfLifeDays
  const longDecay = Math.LN2 / parameters.longHalfLifeDays
  const longWeight = parameters.longWeight
  const kernel = (age: number): number => Math.exp(-decay * age) + longWeight * Math.exp(-longDecay * age)

  // Entry prior: weight and age of the start of each team's current stint (0 weight = none).
  // The current season is the one the requested teams are about to play; `previous` is the
  // season before it among those with matches before asOf.
  const seasonPresent = new Uint8Array(Math.max(1, seasonCount))
  for (let m = 0; m < prefix; m++) seasonPresent[prepared.season[m]] = 1
  let current = latestSeason
  if (currentSeason !== undefined) {
    current = -1
    for (let k = 0; k < seasonCount; k++) if (seasonPresent[k] === 1 && prepared.seasons[k] <= currentSeason) current = k
    if (current >= 0 && prepared.seasons[current] !== currentSeason) current += 0.5 // a season not yet in the data, after `current`
  }
  let previous = -1
  for (let k = 0; k < seasonCount; k++) if (seasonPresent[k] === 1 && k < current) previous = k

  // The decay's clock: calendar days, with only `breakAgeShare` of each off-season counted.
  // `breakBefore[k]`: the off-season days before season k's first match (among the seasons with
  // matches before asOf); a fit for a season not yet begun is itself in an off-season.
  const breakBefore = new Float64Array(Math.max(1, seasonCount))
  let breakTotal = 0
  let lastPresent = -1
  for (let k = 0; k < seasonCount; k++) {
    if (seasonPresent[k] === 0) continue
    if (lastPresent >= 0) breakTotal += Math.max(0, seasonFirstDay[k] - seasonLastDay[lastPresent])
    breakBefore[k] = breakTotal
    lastPresent = k
  }
  if (!Number.isInteger(current) && lastPresent >= 0) breakTotal += Math.max(0, asOfDay - seasonLastDay[lastPresent])
  const breakShare = parameters.breakAgeShare
  /** Age for the decay of a day of season k (the day lies in that season's span). */
  const decayAge = (day: number, k: number): number => (asOfDay - day) - (1 - breakShare) * (breakTotal - breakBefore[k])
  const entryWeight = new Float64Array(teamCount)
  const entryAge = new Float64Array(teamCount)
  for (let i = 0; i < teamCount; i++) {
    const t = teams[i]
    if (matchCount[t] === 0) {
      entryWeight[i] = 1
      continue
    }
    const playedCurrent = Number.isInteger(current) && current >= 0 && playedIn[t * seasonCount + current] === 1
    const playedPrevious = previous >= 0 && playedIn[t * seasonCount + previous] === 1
    if (requested[t] === 1 && !playedCurrent && !playedPrevious) {
      // Back in the league now, after at least one season out of it.
      entryWeight[i] = 1
      continue
    }
    let lastPlayed = -1
    for (let k = seasonCount - 1; k >= 0; k--) if (playedIn[t * seasonCount + k] === 1) { lastPlayed = k; break }
    // Walk back over the consecutive seasons (among those with matches before asOf) it played.
    let start = lastPlayed
    for (let k = lastPlayed - 1; k >= firstSeason; k--) {
      if (seasonPresent[k] === 0) continue
      if (playedIn[t * seasonCount + k] === 1) start = k
      else break
    }
    if (start === firstSeason) continue
    const entryDay = firstDayInSeason[t * seasonCount + start]
    entryAge[i] = asOfDay - entryDay
    entryWeight[i] = kernel(decayAge(entryDay, start)) / (1 + longWeight)
  }

  // One home advantage per season (slots in season order, the current season last), chained by a
  // random walk: H_1 ~ N(prior, sd²), H_k ~ N(H_(k−1), seasonSd²). A season without crowds (2020-21)
  // then moves its own H without dragging the seasons after it.
  const slotOfSeason = new Int32Array(Math.max(1, seasonCount)).fill(-1)
  const slotSeasons: number[] = []
  for (let k = 0; k < seasonCount; k++) {
    if (seasonPresent[k] === 1 && k <= current) {
      slotOfSeason[k] = slotSeasons.length
      slotSeasons.push(k)
    }
  }
  const currentIsNew = slotSeasons.length === 0 || !Number.isInteger(current)
  const slotCount = slotSeasons.length + (currentIsNew ? 1 : 0)
  for (let k = 0; k < seasonCount; k++) if (seasonPresent[k] === 1 && slotOfSeason[k] === -1) slotOfSeason[k] = slotCount - 1
  // Cut-points last: c₁ (the §3.2 draw band) … c_K (the goal-difference categories).
  const cap = parameters.goalCap
  const goalWeight = cap > 1 ? parameters.goalWeight : 0
  const n = teamCount + slotCount + cap
  const H0 = teamCount
  const currentSlot = H0 + slotCount - 1
  const C = teamCount + slotCount
  const homeMean = parameters.homeAdvantagePrior / s
  const homePrecision = (s / parameters.homeAdvantagePriorSd) ** 2
  const seasonPrecision = (s / parameters.homeAdvantageSeasonSd) ** 2
  const bandMean = bandOfDrawRate(parameters.drawRateStart)
  const bandPrecision = 1 / parameters.drawBandPriorSd ** 2
  // Weak priors on the outer cut-points: c_k ~ N(c₁(prior) + (k − 1)·cutSpacing, cutPriorSd²).
  const cutMean = Float64Array.from({ length: cap }, (_, k) => bandMean + k * OUTER_CUT_SPACING)
  const cutPrecision = 1 / OUTER_CUT_PRIOR_SD ** 2
  // Each match's categories: of the W/D/L outcome (weight 1 − goalWeight) and of its goal
  // difference capped at ±cap (weight goalWeight); [loCut, loSign, hiCut, hiSign] each.
  const resultCategory = new Int32Array(4 * prefix)
  const goalCategory = new Int32Array(4 * prefix)
  const scratch = new Int32Array(4)
  for (let m = 0; m < prefix; m++) {
    const signed = prepared.outcome[m] === 0 ? prepared.margin[m] : prepared.outcome[m] === 2 ? -prepared.margin[m] : 0
    categoryOf(Math.sign(signed), 1, scratch)
    resultCategory.set(scratch, 4 * m)
    categoryOf(signed, cap, scratch)
    goalCategory.set(scratch, 4 * m)
  }
  const dims = cap + 1
  const localGradient = new Float64Array(dims)
  const localHessian = new Float64Array(dims * dims)
  const expCut = new Float64Array(cap)
  const expNegCut = new Float64Array(cap)
  /** Sets the cut-points' exponentials for the evaluations at `point`. */
  const setCuts = (point: Float64Array): void => {
    for (let k = 0; k < cap; k++) {
      expCut[k] = Math.exp(point[C + k])
      expNegCut[k] = 1 / expCut[k]
    }
  }
  /** Global index and sign of each local coordinate: x = r_home − r_away + H_slot, then the cuts. */
  const globalIndex = new Int32Array(cap + 3)
  const globalSign = new Float64Array(cap + 3).fill(1)
  const localIndex = new Int32Array(cap + 3)
  /** How many of those a match touches: x's three, then the cut-points of its categories only. */
  let spread = 3
  const touched = new Uint8Array(cap)
  const touch = (cut: number): void => {
    if (cut < 0 || touched[cut] === 1) return
    touched[cut] = 1
    globalIndex[spread] = C + cut
    localIndex[spread] = 1 + cut
    spread++
  }
  globalSign[0] = 1
  globalSign[1] = -1
  globalSign[2] = 1
  /**
   * One match: its log-likelihood `(1 − λ)·ln P(result) + λ·ln P(goal category)` at `point`
   * into the local gradient and negative Hessian (unweighted); returns that log-likelihood.
   */
  const localTerm = (point: Float64Array, m: number, h: number, a: number, slot: number): number => {
    localGradient.fill(0)
    localHessian.fill(0)
    const x = point[h] - point[a] + point[slot]
    let l = 0
    const o = 4 * m
    if (goalWeight < 1) l += categoryTerm(x, expCut, expNegCut, resultCategory[o], resultCategory[o + 1], resultCategory[o + 2], resultCategory[o + 3], 1 - goalWeight, dims, localGradient, localHessian)
    if (goalWeight > 0) l += categoryTerm(x, expCut, expNegCut, goalCategory[o], goalCategory[o + 1], goalCategory[o + 2], goalCategory[o + 3], goalWeight, dims, localGradient, localHessian)
    globalIndex[0] = h
    globalIndex[1] = a
    globalIndex[2] = slot
    touched.fill(0)
    spread = 3
    touch(0)
    if (goalWeight > 0) {
      touch(goalCategory[o])
      touch(goalCategory[o + 2])
    }
    return l
  }
  /** Adds `w` times the local gradient and negative Hessian (or `w²` times the score's outer product). */
  const scatter = (w: number, g: Float64Array, hess: Float64Array, outer: boolean): void => {
    for (let p = 0; p < spread; p++) {
      const gp = globalIndex[p]
      const sp = globalSign[p]
      const lp = localIndex[p]
      if (!outer) g[gp] += w * sp * localGradient[lp]
      const row = gp * n
      for (let q = 0; q < spread; q++) {
        const lq = localIndex[q]
        const value = outer ? localGradient[lp] * localGradient[lq] : localHessian[lp * dims + lq]
        hess[row + globalIndex[q]] += w * sp * globalSign[q] * value
      }
    }
  }

  const weights = new Float64Array(prefix)
  // Margin factor of a win by g goals: (g + 1)^exponent over its decay-weighted mean among the
  // fit's wins (so the wins' total weight, hence the draw rate, is not shifted); a draw weighs 1.
  const marginFactor = new Float64Array(256)
  for (let g = 0; g < 256; g++) marginFactor[g] = (g + 1) ** parameters.marginExponent
  let winWeight = 0
  let winFactorWeight = 0
  for (let m = 0; m < prefix; m++) {
    const w = kernel(decayAge(prepared.day[m], prepared.season[m]))
    weights[m] = w
    if (prepared.margin[m] > 0) {
      winWeight += w
      winFactorWeight += w * marginFactor[prepared.margin[m]]
    }
  }
  const winNormaliser = winFactorWeight > 0 ? winWeight / winFactorWeight : 1
  for (let m = 0; m < prefix; m++) {
    if (prepared.margin[m] > 0) weights[m] *= marginFactor[prepared.margin[m]] * winNormaliser
  }
  const homeLocal = new Int32Array(prefix)
  const awayLocal = new Int32Array(prefix)
  const slotLocal = new Int32Array(prefix)
  for (let m = 0; m < prefix; m++) {
    homeLocal[m] = local[prepared.home[m]]
    awayLocal[m] = local[prepared.away[m]]
    slotLocal[m] = H0 + slotOfSeason[prepared.season[m]]
  }

  const work: Workspace = {
    n,
    gradient: new Float64Array(n),
    hessian: new Float64Array(n * n),
    sandwich: new Float64Array(n * n),
    step: new Float64Array(n),
    theta: new Float64Array(n),
    trial: new Float64Array(n)
  }
  const theta = work.theta
  for (let i = 0; i < teamCount; i++) {
    const t = teams[i]
    const w = warm?.rating[t]
    theta[i] = w !== undefined && !Number.isNaN(w)
      ? w
      : (priorPrecision * priorMean + entryWeight[i] * promotedPrecision * promotedMean) / (priorPrecision + entryWeight[i] * promotedPrecision)
  }
  for (let j = 0; j < slotCount; j++) {
    const season = j < slotSeasons.length ? slotSeasons[j] : -1
    const w = season >= 0 ? warm?.homeAdvantage[season] : undefined
    theta[H0 + j] = w !== undefined && !Number.isNaN(w) ? w : j > 0 ? theta[H0 + j - 1] : homeMean
  }
  theta[C] = warm?.drawBand ?? bandMean
  for (let k = 1; k < cap; k++) {
    const w = warm?.cuts[k]
    theta[C + k] = w !== undefined && !Number.isNaN(w) && w > theta[C + k - 1] ? w : Math.max(cutMean[k], theta[C + k - 1] + OUTER_CUT_SPACING)
  }

  /** Log posterior at `point`, its gradient into `g` and its negative Hessian into `hess`. */
  const evaluate = (point: Float64Array, g: Float64Array, hess: Float64Array): number => {
    g.fill(0)
    hess.fill(0)
    let total = 0
    setCuts(point)
    for (let m = 0; m < prefix; m++) {
      total += weights[m] * localTerm(point, m, homeLocal[m], awayLocal[m], slotLocal[m])
      scatter(weights[m], g, hess, false)
    }
    for (let k = 1; k < cap; k++) {
      const dev = point[C + k] - cutMean[k]
      total -= 0.5 * cutPrecision * dev * dev
      g[C + k] -= cutPrecision * dev
      hess[(C + k) * n + C + k] += cutPrecision
    }
    for (let i = 0; i < teamCount; i++) {
      const r = point[i]
      const dev0 = r - priorMean
      const devP = r - promotedMean
      const precisionP = entryWeight[i] * promotedPrecision
      total -= 0.5 * (priorPrecision * dev0 * dev0 + precisionP * devP * devP)
      g[i] -= priorPrecision * dev0 + precisionP * devP
      hess[i * n + i] += priorPrecision + precisionP
    }
    const devH = point[H0] - homeMean
    const devC = point[C] - bandMean
    total -= 0.5 * (homePrecision * devH * devH + bandPrecision * devC * devC)
    g[H0] -= homePrecision * devH
    hess[H0 * n + H0] += homePrecision
    for (let j = 1; j < slotCount; j++) {
      const a = H0 + j - 1
      const b = H0 + j
      const step = point[b] - point[a]
      total -= 0.5 * seasonPrecision * step * step
      g[b] -= seasonPrecision * step
      g[a] += seasonPrecision * step
      hess[a * n + a] += seasonPrecision
      hess[b * n + b] += seasonPrecision
      hess[a * n + b] -= seasonPrecision
      hess[b * n + a] -= seasonPrecision
    }
    g[C] -= bandPrecision * devC
    hess[C * n + C] += bandPrecision
    return total
  }

  let gradient: Float64Array = work.gradient
  let hessian: Float64Array = work.hessian
  let trialGradient: Float64Array = new Float64Array(n)
  let trialHessian: Float64Array = new Float64Array(n * n)
  let objective = evaluate(theta, gradient, hessian)
  const factor = new Float64Array(n * n)
  for (let iteration = 0; iteration < parameters.maxIterations; iteration++) {
    factor.set(hessian)
    cholesky(factor, n)
    const step = work.step
    step.set(gradient)
    choleskySolve(factor, n, step)
    let largest = 0
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(step[i]))
    if (largest < STEP_TOLERANCE) break
    // Full Newton steps, halved while they do not improve the (concave) objective.
    let scale = 1
    let accepted = false
    for (let halving = 0; halving < 30; halving++) {
      for (let i = 0; i < n; i++) work.trial[i] = theta[i] + scale * step[i]
      let ordered = work.trial[C] > 0
      for (let k = 1; k < cap; k++) if (!(work.trial[C + k] > work.trial[C + k - 1])) ordered = false
      if (ordered) {
        const value = evaluate(work.trial, trialGradient, trialHessian)
        if (value >= objective - 1e-12 * Math.abs(objective)) {
          theta.set(work.trial)
          objective = value;
          [gradient, trialGradient] = [trialGradient, gradient];
          [hessian, trialHessian] = [trialHessian, hessian]
          accepted = true
          break
        }
      }
      scale /= 2
    }
    if (!accepted) break
  }

  // Uncertainty. The likelihood is weighted, so the curvature A = −∇² (of the weighted log
  // posterior) overstates the noise: the estimator's covariance is A⁻¹·B·A⁻¹, with B the same sum
  // with weights w² and the prior's precision (the sandwich, exact for a Gaussian approximation
  // when the prior describes the league). The team's strength also moves between its matches and
  // the fit date: a random walk of variance q per day adds q·Σ_m Σ_l π_m π_l min(age_m, age_l),
  // with π the shares of the team's information (docs/ENGINE.md).
  const sandwich = work.sandwich
  sandwich.fill(0)
  const info = new Float64Array(teamCount)
  const driftSum = new Float64Array(teamCount)
  const entryCross = new Float64Array(teamCount)
  setCuts(theta)
  for (let m = 0; m < prefix; m++) {
    const h = homeLocal[m]
    const a = awayLocal[m]
    const slot = slotLocal[m]
    // The robust sandwich's B: the outer product of the weighted score, w²·g·gᵀ (the weights
    // may depend on the goal margin, so the expected information is not the score's variance).
    localTerm(theta, m, h, a, slot)
    scatter(weights[m] * weights[m], trialGradient, sandwich, true)
    // The match's information about either rating, −∂²ℓ/∂x², weighted.
    const iota = weights[m] * localHessian[0]
    const age = asOfDay - prepared.day[m]
    // Matches come in date order (age descending), so every earlier one is at least as old.
    for (const i of [h, a]) {
      driftSum[i] += iota * age * (iota + 2 * info[i])
      info[i] += iota
      entryCross[i] += iota * Math.min(age, entryAge[i])
    }
  }
  for (let i = 0; i < teamCount; i++) {
    const precisionP = entryWeight[i] * promotedPrecision
    sandwich[i * n + i] += priorPrecision + entryWeight[i] * precisionP
    const iotaEntry = precisionP
    driftSum[i] += iotaEntry * iotaEntry * entryAge[i] + 2 * iotaEntry * entryCross[i]
  }
  sandwich[H0 * n + H0] += homePrecision
  for (let j = 1; j < slotCount; j++) {
    const a = H0 + j - 1
    const b = H0 + j
    sandwich[a * n + a] += seasonPrecision
    sandwich[b * n + b] += seasonPrecision
    sandwich[a * n + b] -= seasonPrecision
    sandwich[b * n + a] -= seasonPrecision
  }
  sandwich[C * n + C] += bandPrecision
  for (let k = 1; k < cap; k++) sandwich[(C + k) * n + C + k] += cutPrecision

  const inverse = invertSymmetric(hessian, n)
  const q = (parameters.driftPerYear / s) ** 2 / 365.25
  const rating = new Float64Array(teamCount)
  const uncertainty = new Float64Array(teamCount)
  const column = new Float64Array(n)
  for (let i = 0; i < teamCount; i++) {
    // (A⁻¹ B A⁻¹)_ii = vᵀ B v with v the i-th column of A⁻¹.
    for (let k = 0; k < n; k++) column[k] = inverse[k * n + i]
    let noise = 0
    for (let k = 0; k < n; k++) {
      let row = 0
      for (let l = 0; l < n; l++) row += sandwich[k * n + l] * column[l]
      noise += column[k] * row
    }
    const curvature = hessian[i * n + i]
    const drift = q * driftSum[i] / (curvature * curvature)
    rating[i] = theta[i] * s
    uncertainty[i] = Math.sqrt(noise + drift) * s
  }

  const state: FitState = { rating: new Float64Array(totalTeams).fill(NaN), homeAdvantage: new Float64Array(Math.max(1, seasonCount)).fill(NaN), drawBand: theta[C], cuts: theta.slice(C, C + cap) }
  slotSeasons.forEach((season, j) => { state.homeAdvantage[season] = theta[H0 + j] })
  for (let i = 0; i < teamCount; i++) state.rating[teams[i]] = theta[i]
  const teamArray = Int32Array.from(teams)
  return {
    teams: teamArray,
    rating,
    ratingUncertainty: uncertainty,
    matches: Int32Array.from(teams, (t) => matchCount[t]),
    lastDay: Int32Array.from(teams, (t) => lastDay[t]),
    homeAdvantage: theta[currentSlot] * s,
    drawRate: drawRateOfBand(theta[C]),
    goalCuts: Array.from(theta.subarray(C, C + cap), (c) => c * s),
    matchesUsed: prefix,
    state
  }
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor. */
function invertSymmetric (a: Float64Array, n: number): Float64Array {
  const factor = Float64Array.from(a)
  cholesky(factor, n)
  const inverse = new Float64Array(n * n)
  const e = new Float64Array(n)
  for (let j = 0; j < n; j++) {
    e.fill(0)
    e[j] = 1
    choleskySolve(factor, n, e)
    for (let i = 0; i < n; i++) inverse[i * n + j] = e[i]
  }
  return inverse
}

export function toRatingFit (prepared: PreparedMatches, fit: PreparedFit, asOf: string | null, parameters: FitParameters): RatingFit {
  const teams: TeamRating[] = []
  let lastDay = -Infinity
  fit.teams.forEach((t, i) => {
    const hasMatches = fit.matches[i] > 0
    if (hasMatches && fit.lastDay[i] > lastDay) lastDay = fit.lastDay[i]
    teams.push({
      team: prepared.teamIds[t],
      rating: fit.rating[i],
      ratingUncertainty: fit.ratingUncertainty[i],
      matches: fit.matches[i],
      lastMatchDate: hasMatches ? dateOfDay(fit.lastDay[i]) : null
    })
  })
  teams.sort((a, b) => b.rating - a.rating || compareStrings(a.team, b.team))
  return {
    asOf,
    homeAdvantage: fit.homeAdvantage,
    drawRate: fit.drawRate,
    goalCuts: [...fit.goalCuts],
    teams,
    matchesUsed: fit.matchesUsed,
    lastMatchDate: Number.isFinite(lastDay) ? dateOfDay(lastDay) : null,
    parameters: { ...parameters }
  }
}

/**
 * Fits ratings, home advantage and draw rate on the played matches dated strictly before
 * `options.asOf` (all played matches when absent; the time decay is then measured from the day
 * after the last one). Teams in `options.teams` (the teams of `options.season`, by default the
 * latest season before asOf) are in the fit even without matches; those with none, or back after
 * at least one season away, start from the promoted teams' prior at full weight.
 */
export function fitRatings (
  matches: readonly LeagueMatch[],
  options: { asOf?: string, teams?: readonly string[], season?: string, parameters?: Partial<LeagueFitParameters> } = {}
): RatingFit {
  const parameters = resolveParameters(options.parameters)
  const asOfDay = options.asOf === undefined ? undefined : dayNumber(options.asOf)
  // Only matches before asOf enter the preparation, so nothing later can reach the fit.
  const before = asOfDay === undefined ? matches : matches.filter((m) => dayNumber(m.date) < asOfDay)
  const prepared = prepareMatches(before, options.teams ?? [])
  const referenceDay = asOfDay ?? (prepared.count > 0 ? prepared.day[prepared.count - 1] + 1 : 0)
  const index = new Map(prepared.teamIds.map((id, i) => [id, i]))
  const extra = (options.teams ?? []).map((id) => index.get(id) as number)
  const fit = fitPrepared(prepared, referenceDay, extra, parameters, undefined, options.season)
  return toRatingFit(prepared, fit, options.asOf ?? null, parameters)
}

export { resolveParameters }
