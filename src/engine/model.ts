/**
 * The closed form of the model (docs/ENGINE.md, "Model"): an Elo logistic model with a symmetric draw band.
 * Everything here is a pure function of numbers; the Monte Carlo loop in simulate.ts inlines the
 * same algebra for speed and is tested against these functions.
 */

/** Changes whenever a result for the same inputs and seed could change. Part of every fingerprint. */
export const MODEL_VERSION = 'elo-draw-mc-1.0.0'

/** The Elo logistic scale `s = 400 / ln 10`: without draws, a 400-point gap makes a win ten times as likely as a loss. */
export const ELO_SCALE = 400 / Math.LN10

export type ScenarioName = 'conservative' | 'base' | 'aggressive'

export interface ScenarioDefinition {
  name: ScenarioName
  /** Multiplies the logistic scale `s` (and with it the draw band T, which is defined in units of s). */
  scale_multiplier: number
  /** Multiplies the variance σ² of the rating perturbation. */
  variance_multiplier: number
}

export const SCENARIOS: readonly ScenarioDefinition[] = [
  { name: 'conservative', scale_multiplier: 0.8, variance_multiplier: 0.7 },
  { name: 'base', scale_multiplier: 1, variance_multiplier: 1 },
  { name: 'aggressive', scale_multiplier: 1.2, variance_multiplier: 1.3 }
]

export type Outcome = 'home' | 'draw' | 'away'
export const OUTCOMES: readonly Outcome[] = ['home', 'draw', 'away']

export interface OutcomeProbabilities {
  home: number
  draw: number
  away: number
}

/** The model inputs of an event once defaults are filled in. */
export interface ModelParameters {
  home_rating: number
  away_rating: number
  home_advantage: number
  draw_rate: number
  rating_uncertainty: number
}

export function ratingDifference (p: ModelParameters): number {
  return p.home_rating + p.home_advantage - p.away_rating
}

/**
 * The draw band's half-width is `T = −s · ln((1 − d)/(1 + d))`, so that equal teams draw with
 * probability d (SPEC §3.2); only `exp(T/s) = (1 + d)/(1 − d)` is ever needed. T is proportional
 * to s, so this ratio is the same for every scenario and lets P(home) and P(away) share a single
 * `exp` per evaluation.
 */
export function drawBandRatio (drawRate: number): number {
  return (1 + drawRate) / (1 - drawRate)
}

/** Standard deviation of the rating-difference perturbation: σ = u·√2 (two teams), times √variance_multiplier. */
export function perturbationSigma (ratingUncertainty: number, varianceMultiplier = 1): number {
  return ratingUncertainty * Math.SQRT2 * Math.sqrt(varianceMultiplier)
}

/**
 * Closed-form outcome probabilities at a known rating difference.
 * With `e = exp(−diff/s)` and `k = exp(T/s)`:
 * `P(home) = 1 − F(T) = 1/(1 + k·e)` and `P(away) = F(−T) = 1/(1 + k/e)`.
 * Written this way an overflowing or vanishing `e` still gives 0 or 1, never NaN.
 * Without a draw band (k = 1) the draw probability is exactly 0, not a rounding residue.
 * `diff/s` is taken as `diff · (1/s)`, the form the Monte Carlo loop uses (a division there sits on
 * the latency chain into `exp`), so that both give the same doubles.
 */
export function closedFormProbabilities (diff: number, drawRate: number, scale: number = ELO_SCALE): OutcomeProbabilities {
  const ratio = drawBandRatio(drawRate)
  const e = Math.exp(-diff * (1 / scale))
  const home = 1 / (1 + ratio * e)
  const away = 1 / (1 + ratio / e)
  const draw = ratio === 1 ? 0 : Math.max(0, 1 - home - away)
  return { home, draw, away }
}
