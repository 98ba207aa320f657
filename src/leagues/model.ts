/**
 * The types of the leagues maths (SPEC §13, docs/ENGINE.md "Leagues: the fit, the backtest, the
 * outlook"): plain data in, plain data out. The fit, the backtest and the outlook are pure
 * functions of these, like the engine: no I/O, no clock, deterministic.
 */

/** One match of a league. Both goals null means a fixture still to be played. */
export interface LeagueMatch {
  season: string
  /** YYYY-MM-DD */
  date: string
  /** Team id. */
  home: string
  away: string
  homeGoals: number | null
  awayGoals: number | null
}

/**
 * The knobs of the fit (docs/ENGINE.md explains each and how the defaults were chosen).
 * Every field has a default in fit.ts (`DEFAULT_FIT_PARAMETERS`).
 */
export interface FitParameters {
  /** A match `h` days before the fit date weighs `0.5^(h / halfLifeDays)` in the likelihood. */
  halfLifeDays: number
  /**
   * A second, slower component of the decay: the weight is
   * `0.5^(h / halfLifeDays) + longWeight · 0.5^(h / longHalfLifeDays)` (longWeight 0: one exponential).
   */
  longHalfLifeDays: number
  longWeight: number
  /** Mean of the Gaussian prior of an established team's rating (the league's anchor). */
  priorMean: number
  /** Standard deviation of that prior, Elo points. */
  priorSd: number
  /** Promoted teams (first seen after the league's first season) start at priorMean − promotedOffset. */
  promotedOffset: number
  /** Standard deviation of the promoted teams' prior, Elo points. */
  promotedPriorSd: number
  /**
   * Drift of a team's strength: a random walk with this standard deviation per √365 days,
   * added in quadrature to the Laplace standard deviation for the time since the team's
   * weighted-mean match date (the fit describes the team then; the rating is used now).
   */
  driftPerYear: number
  /** Gaussian prior on the first season's home advantage (Elo points): mean and standard deviation. */
  homeAdvantagePrior: number
  homeAdvantagePriorSd: number
  /**
   * Each season has its own home advantage, a random walk from the previous season's with this
   * standard deviation (Elo points); the fit reports the current season's.
   */
  homeAdvantageSeasonSd: number
  /** Centre of the weak prior on the draw rate, and its starting value (the draw rate is fitted). */
  drawRateStart: number
  /** Standard deviation of that prior on the draw band `c = ln((1 + d)/(1 − d))` (unitless). */
  drawBandPriorSd: number
  /** Newton iterations at most (each solves the full system). */
  maxIterations: number
}

export interface TeamRating {
  team: string
  rating: number
  /** One standard deviation, Elo points. */
  ratingUncertainty: number
  matches: number
  lastMatchDate: string | null
}

export interface RatingFit {
  /** The fit used matches strictly before this date; null = all matches. */
  asOf: string | null
  homeAdvantage: number
  drawRate: number
  /**
   * The cut-points of the goal-difference ordered logit in Elo points, `T = c₁·s` (the §3.2 draw
   * band half-width) first, then `c₂·s … c_K·s` (one entry when the fit uses results only).
   */
  goalCuts: number[]
  /** Sorted by rating, highest first (ties by team id). */
  teams: TeamRating[]
  matchesUsed: number
  lastMatchDate: string | null
  parameters: FitParameters
}

export type Outcome = 'home' | 'draw' | 'away'

export interface Prediction {
  date: string
  home: string
  away: string
  probHome: number
  probDraw: number
  probAway: number
  outcome: Outcome
  /** The base-rate baseline's forecast: home/draw/away shares of the played matches before `date`. */
  baseRateHome: number
  baseRateDraw: number
  baseRateAway: number
}

export interface Scores {
  rps: number
  brier: number
  logLoss: number
}

export interface ReliabilityBin {
  binLower: number
  binUpper: number
  count: number
  meanPredicted: number | null
  observed: number | null
  ciLower: number | null
  ciUpper: number | null
}

export interface BacktestResult {
  from: string
  n: number
  model: Scores
  baselines: { uniform: Scores, baseRates: Scores }
  reliability: Record<Outcome, ReliabilityBin[]>
  ece: Record<Outcome, number>
  predictions: Prediction[]
}

export interface OutlookInput {
  fit: RatingFit
  /** The season's teams. */
  teams: string[]
  /** This season's results counted in the table. */
  played: LeagueMatch[]
  fixtures: Array<{ date: string, home: string, away: string }>
  nSimulations: number
  seed: number
  /** 1-based inclusive positions, e.g. `{ top4: [1, 4] }`. */
  zones: Record<string, [number, number]>
  points?: { win: number, draw: number, loss: number }
}

export interface TeamOutlook {
  team: string
  points: number
  played: number
  goalDifference: number
  finalPoints: { mean: number, p5: number, p50: number, p95: number }
  /** P(1st), …, P(last). */
  positions: number[]
  positionStandardErrors: number[]
  zones: Record<string, number>
  zoneStandardErrors: Record<string, number>
}

export interface SeasonOutlook {
  nSimulations: number
  seed: number
  remainingFixtures: number
  /** Ordered by the current table. */
  teams: TeamOutlook[]
  notes: string[]
}
