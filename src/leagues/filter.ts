/**
 * A dynamic (state-space) rating (docs/ENGINE.md "Leagues", "Fourth round"): each team's strength
 * is a Gaussian random walk in time (variance `q` per day, plus an off-season jump), the home
 * advantage a slow random walk, and the matches are absorbed match day by match day by an
 * approximate Bayesian filter — a Laplace update of the same goal-difference ordered logit as the
 * static fit (fit.ts), whose inner cut c₁ is the §3.2 draw band. The cut-points are learnt slowly
 * by a stochastic gradient on the same likelihood. Diagonal (Glicko-style): each team carries a
 * mean and a variance, cross-covariances are dropped.
 *
 * The output is a §3.2 rating: one rating per team, a home advantage and a draw band; the filter
 * only changes how the ratings are estimated from the past. Pure: prepared matches in, numbers out.
 */
import { ELO_SCALE } from '../engine/index.js'
import type { PreparedMatches } from './fit.js'

export interface FilterParameters {
  /** Random-walk sd of a team's strength, Elo points per √365 days. */
  driftPerYear: number
  /** Extra sd added at each off-season (between a team's seasons), Elo points. */
  seasonJumpSd: number
  /** Share of each team's deviation from the league mean removed at each off-season (0 = none). */
  seasonRegression: number
  /** Prior of a team in the data's first season: N(1500, initialSd²). */
  initialSd: number
  /** A team entering later starts at the mean of the previous season's `entryBottom` weakest teams minus `entryOffset`. */
  entryBottom: number
  entryOffset: number
  entrySd: number
  /** Home advantage prior (Elo) and its random-walk sd per √365 days. */
  homeAdvantagePrior: number
  homeAdvantagePriorSd: number
  homeAdvantageDriftPerYear: number
  /** Goal-difference categories (as fit.ts), and the cut-points' learning rate (units of s per unit score). */
  goalCap: number
  cutLearningRate: number
  /** Starting draw rate of the inner cut, and the outer cuts' start spacing (units of s). */
  drawRateStart: number
  /** Margin weights as fit.ts: a win by g goals weighs (g + 1)^α over the wins' running mean. */
  marginExponent: number
  /** Newton iterations of each match's one-dimensional Laplace step (1 = the extended Kalman step). */
  laplaceIterations: number
  /**
   * Keep the full covariance of the ratings (and H) instead of the diagonal only: a match between
   * two teams then also informs every team they were compared with (the static fit's joint view).
   */
  fullCovariance: boolean
}

export const DEFAULT_FILTER_PARAMETERS: Readonly<FilterParameters> = Object.freeze({
  driftPerYear: 20,
  seasonJumpSd: 30,
  seasonRegression: 0,
  initialSd: 120,
  entryBottom: 3,
  entryOffset: 0,
  entrySd: 70,
  homeAdvantagePrior: 60,
  homeAdvantagePriorSd: 30,
  homeAdvantageDriftPerYear: 8,
  goalCap: 3,
  cutLearningRate: 0.002,
  drawRateStart: 0.25,
  marginExponent: 0,
  laplaceIterations: 3,
  fullCovariance: true
})

/** What the filter knew before each match (units: Elo points), in the prepared order. */
export interface FilterForecasts {
  /** r_home + H − r_away before the match. */
  diff: Float64Array
  /** √(var r_home + var r_away) before the match. */
  sd: Float64Array
  /** The §3.2 draw rate tanh(c₁/2) before the match. */
  drawRate: Float64Array
}

/**
 * Home advantage and cut-points from elsewhere (the static fit's, fitted by MAP on the matches
 * before each date), per prepared match; where given (not NaN) they replace the filter's own and
 * the home advantage is then taken as known.
 */
export interface FilterGlobals {
  /** Elo points. */
  homeAdvantage: Float64Array
  /** count × goalCap, units of s. */
  cuts: Float64Array
}

/** The filter's state after the matches it has absorbed (Elo points). */
export interface FilterState {
  mean: Float64Array
  variance: Float64Array
  /** Day of each team's last update (its variance grows from there), −1 never seen. */
  lastDay: Int32Array
  lastSeason: Int32Array
  homeAdvantage: number
  homeAdvantageVariance: number
  /**
   * With `fullCovariance`: the (teams + 1)² covariance (row-major, H last, Elo²), whose diagonal
   * `variance` and `homeAdvantageVariance` mirror; null otherwise.
   */
  covariance: Float64Array | null
  /** c₁ … c_K in units of s. */
  cuts: Float64Array
  day: number
}

/**
 * Log-likelihood of the goal-difference category `g` (signed, capped at ±K) at `x`, with its first
 * and negative second derivative in x, and its gradient in the cuts added to `cutGradient`.
 */
function categoryDerivatives (x: number, g: number, cuts: Float64Array, out: Float64Array, cutGradient: Float64Array | null): void {
  const K = cuts.length
  let lo = -Infinity
  let hi = Infinity
  let loIndex = -1
  let loSign = 0
  let hiIndex = -1
  let hiSign = 0
  if (g >= K) { lo = cuts[K - 1]; loIndex = K - 1; loSign = 1 } else if (g >= 1) {
    lo = cuts[g - 1]; loIndex = g - 1; loSign = 1; hi = cuts[g]; hiIndex = g; hiSign = 1
  } else if (g === 0) {
    lo = -cuts[0]; loIndex = 0; loSign = -1; hi = cuts[0]; hiIndex = 0; hiSign = 1
  } else if (g > -K) {
    lo = -cuts[-g]; loIndex = -g; loSign = -1; hi = -cuts[-g - 1]; hiIndex = -g - 1; hiSign = -1
  } else { hi = -cuts[K - 1]; hiIndex = K - 1; hiSign = -1 }
  const u = lo === -Infinity ? 1 : 1 / (1 + Math.exp(-(x - lo)))
  const v = hi === Infinity ? 0 : 1 / (1 + Math.exp(-(x - hi)))
  // P = u − v, computed without cancellation where both are finite.
  const p = lo !== -Infinity && hi !== Infinity
    ? Math.exp(-x) * (Math.exp(hi) - Math.exp(lo)) / ((1 + Math.exp(lo - x)) * (1 + Math.exp(hi - x)))
    : hi === Infinity ? u : 1 / (1 + Math.exp(x - hi))
  const du = u * (1 - u)
  const dv = v * (1 - v)
  const ddu = du * (1 - 2 * u)
  const ddv = dv * (1 - 2 * v)
  const gx = (du - dv) / p
  out[0] = Math.log(p)
  out[1] = gx
  out[2] = gx * gx - (ddu - ddv) / p
  if (cutGradient !== null) {
    // ∂ln P/∂lo = −du/P, ∂ln P/∂hi = dv/P; lo = loSign·c_loIndex.
    if (loIndex >= 0) cutGradient[loIndex] += loSign * (-du / p)
    if (hiIndex >= 0) cutGradient[hiIndex] += hiSign * (dv / p)
  }
}

function initialCovariance (teamCount: number, p: FilterParameters): Float64Array {
  const n = teamCount + 1
  const c = new Float64Array(n * n)
  for (let i = 0; i < teamCount; i++) c[i * n + i] = p.initialSd ** 2
  c[teamCount * n + teamCount] = p.homeAdvantagePriorSd ** 2
  return c
}

export function initialFilterState (teamCount: number, p: FilterParameters): FilterState {
  const c1 = Math.log((1 + p.drawRateStart) / (1 - p.drawRateStart))
  return {
    mean: new Float64Array(teamCount).fill(1500),
    variance: new Float64Array(teamCount).fill(p.initialSd ** 2),
    lastDay: new Int32Array(teamCount).fill(-1),
    lastSeason: new Int32Array(teamCount).fill(-1),
    homeAdvantage: p.homeAdvantagePrior,
    homeAdvantageVariance: p.homeAdvantagePriorSd ** 2,
    covariance: p.fullCovariance ? initialCovariance(teamCount, p) : null,
    cuts: Float64Array.from({ length: p.goalCap }, (_, k) => c1 + k),
    day: -1
  }
}

/**
 * Runs the filter over the first `count` prepared matches (all when absent). Before each match day
 * the forecasts of that day's matches are written (when `forecasts` is given); then the day's
 * matches are absorbed one by one (a team plays once a day, so only H and the cuts see the order).
 */
export function runFilter (
  prepared: PreparedMatches,
  parameters: FilterParameters,
  count: number = prepared.count,
  forecasts?: FilterForecasts,
  globals?: FilterGlobals
): FilterState {
  const p = parameters
  const s = ELO_SCALE
  const teamCount = prepared.teamIds.length
  const state = initialFilterState(teamCount, p)
  const q = p.driftPerYear ** 2 / 365.25
  const qH = p.homeAdvantageDriftPerYear ** 2 / 365.25
  const K = p.goalCap
  const out = new Float64Array(3)
  const cutGradient = new Float64Array(K)
  const firstSeason = count > 0 ? prepared.season[0] : 0
  // Per season: the teams seen, for the entry prior of the next season's newcomers.
  const seasonTeams = new Map<number, Set<number>>()
  let winCount = 0
  let winFactorSum = 0
  const cov = state.covariance
  const n = teamCount + 1
  const HI = teamCount
  const column = new Float64Array(n)
  /** Adds `amount` (Elo²) to the variance of state index i (a team, or HI for H). */
  const addVariance = (i: number, amount: number): void => {
    if (i === HI) state.homeAdvantageVariance += amount
    else state.variance[i] += amount
    if (cov !== null) cov[i * n + i] += amount
  }
  /** Scales team t's deviation by `factor` (its row and column of the covariance), then sets the mean. */
  const scaleTeam = (t: number, factor: number): void => {
    state.variance[t] *= factor * factor
    if (cov === null) return
    for (let j = 0; j < n; j++) {
      cov[t * n + j] *= factor
      cov[j * n + t] *= factor
    }
  }
  /** Team t restarts from a fresh prior: independent of everything, variance `variance`. */
  const resetTeam = (t: number, variance: number): void => {
    state.variance[t] = variance
    if (cov === null) return
    for (let j = 0; j < n; j++) {
      cov[t * n + j] = 0
      cov[j * n + t] = 0
    }
    cov[t * n + t] = variance
  }
  let m = 0
  while (m < count) {
    const day = prepared.day[m]
    let end = m
    while (end < count && prepared.day[end] === day) end++
    if (state.day >= 0) addVariance(HI, qH * (day - state.day))
    state.day = day
    // Bring each playing team to today: entry, off-season, drift.
    for (let k = m; k < end; k++) {
      const season = prepared.season[k]
      let set = seasonTeams.get(season)
      if (set === undefined) { set = new Set(); seasonTeams.set(season, set) }
      for (const t of [prepared.home[k], prepared.away[k]]) {
        set.add(t)
        if (state.lastSeason[t] === season) {
          addVariance(t, q * (day - state.lastDay[t]))
          state.lastDay[t] = day
          continue
        }
        const previous = seasonTeams.get(season - 1)
        const wasThere = previous?.has(t) === true
        if (state.lastSeason[t] < 0 && season === firstSeason) {
          // The data's first season: the league prior.
        } else if (!wasThere || state.lastSeason[t] < 0) {
          // Newcomer (promoted, or back after a spell away): the previous season's weakest teams.
          const ratings = previous === undefined ? [] : [...previous].map((x) => state.mean[x]).sort((a, b) => a - b)
          const bottom = ratings.slice(0, Math.max(1, Math.min(p.entryBottom, ratings.length)))
          const base = bottom.length > 0 ? bottom.reduce((a, b) => a + b, 0) / bottom.length : 1500
          state.mean[t] = base - p.entryOffset
          resetTeam(t, p.entrySd ** 2)
        } else {
          // Off-season of a team that stays: drift over the break, a jump, a regression to the mean.
          const ratings = [...(previous as Set<number>)].map((x) => state.mean[x])
          const leagueMean = ratings.reduce((a, b) => a + b, 0) / ratings.length
          state.mean[t] = leagueMean + (1 - p.seasonRegression) * (state.mean[t] - leagueMean)
          scaleTeam(t, 1 - p.seasonRegression)
          addVariance(t, q * (day - state.lastDay[t]) + p.seasonJumpSd ** 2)
        }
        state.lastSeason[t] = season
        state.lastDay[t] = day
      }
    }
    const external = globals !== undefined && !Number.isNaN(globals.homeAdvantage[m])
    if (external) {
      state.homeAdvantage = globals.homeAdvantage[m]
      for (let c = 0; c < K; c++) state.cuts[c] = globals.cuts[m * K + c]
      state.homeAdvantageVariance = 0
      if (cov !== null) {
        for (let j = 0; j < n; j++) {
          cov[HI * n + j] = 0
          cov[j * n + HI] = 0
        }
      }
    }
    if (forecasts !== undefined) {
      const drawRate = Math.tanh(state.cuts[0] / 2)
      for (let k = m; k < end; k++) {
        const h = prepared.home[k]
        const a = prepared.away[k]
        forecasts.diff[k] = state.mean[h] + state.homeAdvantage - state.mean[a]
        // The difference's own variance: with the full covariance, the two teams' correlation counts.
        const variance = cov === null
          ? state.variance[h] + state.variance[a]
          : cov[h * n + h] + cov[a * n + a] - 2 * cov[h * n + a]
        forecasts.sd[k] = Math.sqrt(Math.max(0, variance))
        forecasts.drawRate[k] = drawRate
      }
    }
    for (let k = m; k < end; k++) {
      const h = prepared.home[k]
      const a = prepared.away[k]
      const o = prepared.outcome[k]
      const margin = prepared.margin[k]
      const signed = o === 0 ? Math.min(margin, K) : o === 2 ? -Math.min(margin, K) : 0
      // Margin weight, normalised by the running mean over the wins so far.
      let w = 1
      if (p.marginExponent > 0 && margin > 0) {
        const factor = (margin + 1) ** p.marginExponent
        winCount++
        winFactorSum += factor
        w = factor / (winFactorSum / winCount)
      }
      // x = θ_h − θ_a + η (units of s) has prior N(m0, v0); P·c is the covariance of the state with x (Elo²).
      let pcH: number
      let pcA: number
      let pcHA: number
      if (cov === null) {
        pcH = state.variance[h]
        pcA = -state.variance[a]
        pcHA = state.homeAdvantageVariance
      } else {
        for (let j = 0; j < n; j++) column[j] = cov[j * n + h] - cov[j * n + a] + cov[j * n + HI]
        pcH = column[h]
        pcA = column[a]
        pcHA = column[HI]
      }
      const v0 = (pcH - pcA + pcHA) / (s * s)
      const m0 = (state.mean[h] - state.mean[a] + state.homeAdvantage) / s
      // Laplace: the mode of N(x; m0, v0)·P(g | x)^w by Newton, the curvature there.
      let x = m0
      for (let it = 0; it < p.laplaceIterations; it++) {
        categoryDerivatives(x, signed, state.cuts, out, null)
        x += (w * out[1] - (x - m0) / v0) / (w * out[2] + 1 / v0)
      }
      categoryDerivatives(x, signed, state.cuts, out, null)
      const vPost = 1 / (w * out[2] + 1 / v0)
      // E[state | x] moves by P·c·(x − m0)/v0; Var shrinks by P·c·cᵀ·P·(v0 − vPost)/v0².
      const shift = (x - m0) / v0 / s
      const shrink = (v0 - vPost) / (v0 * v0) / (s * s)
      if (cov === null) {
        state.mean[h] += pcH * shift
        state.mean[a] += pcA * shift
        state.homeAdvantage += pcHA * shift
        state.variance[h] -= pcH * pcH * shrink
        state.variance[a] -= pcA * pcA * shrink
        state.homeAdvantageVariance -= pcHA * pcHA * shrink
      } else {
        for (let i = 0; i < teamCount; i++) state.mean[i] += column[i] * shift
        state.homeAdvantage += column[HI] * shift
        for (let i = 0; i < n; i++) {
          const ci = column[i] * shrink
          if (ci === 0) continue
          for (let j = 0; j < n; j++) cov[i * n + j] -= ci * column[j]
        }
        for (let i = 0; i < teamCount; i++) state.variance[i] = cov[i * n + i]
        state.homeAdvantageVariance = cov[HI * n + HI]
      }
      // The cut-points: one stochastic-gradient step of the match's log-likelihood at the prior mean.
      if (p.cutLearningRate > 0 && !external) {
        cutGradient.fill(0)
        categoryDerivatives(m0, signed, state.cuts, out, cutGradient)
        for (let c = 0; c < K; c++) state.cuts[c] += p.cutLearningRate * w * cutGradient[c]
        if (state.cuts[0] < 0.05) state.cuts[0] = 0.05
        for (let c = 1; c < K; c++) if (state.cuts[c] < state.cuts[c - 1] + 0.05) state.cuts[c] = state.cuts[c - 1] + 0.05
      }
    }
    m = end
  }
  return state
}

export function filterForecasts (prepared: PreparedMatches, parameters: FilterParameters, globals?: FilterGlobals): FilterForecasts {
  const forecasts: FilterForecasts = {
    diff: new Float64Array(prepared.count),
    sd: new Float64Array(prepared.count),
    drawRate: new Float64Array(prepared.count)
  }
  runFilter(prepared, parameters, prepared.count, forecasts, globals)
  return forecasts
}

/**
 * Standard deviation (Elo) of each of `teams`' rating minus the mean of `teams`' ratings — the part
 * of the uncertainty that matters for a rating difference (the league's common level is only
 * anchored by the prior). Needs the full covariance.
 */
export function deviationSd (state: FilterState, teams: readonly number[]): Float64Array {
  const cov = state.covariance
  if (cov === null) throw new RangeError('deviationSd needs the filter run with fullCovariance')
  const n = state.mean.length + 1
  const T = teams.length
  let overall = 0
  const rowMean = new Float64Array(T)
  teams.forEach((i, a) => {
    for (const j of teams) rowMean[a] += cov[i * n + j] / T
    overall += rowMean[a] / T
  })
  return Float64Array.from(teams, (i, a) => Math.sqrt(Math.max(0, cov[i * n + i] - 2 * rowMean[a] + overall)))
}
