/**
 * A match's probabilities from a fit, as §3.2 simulates them: the closed form averaged over the
 * rating difference's uncertainty. The Monte Carlo of §3.2 draws `δ ~ Normal(0, u·√2)`; here the
 * two teams' own uncertainties give `sd = √(u_home² + u_away²)` (the same when they are equal),
 * and the average is taken by Gauss–Hermite quadrature instead of sampling, so it is exact to
 * ~1e-12 and deterministic (docs/ENGINE.md "Leagues").
 */
import { closedFormProbabilities } from '../engine/index.js'

const NODE_COUNT = 24

/**
 * Nodes and weights of Gauss–Hermite quadrature for ∫ f(z) φ(z) dz with φ the standard normal
 * density (Golub–Welsch would need an eigen solver; Newton on the Hermite recurrence, as in
 * Numerical Recipes' `gauher`, converges in a few steps from its classic starting guesses).
 */
function gaussHermite (n: number): { nodes: Float64Array, weights: Float64Array } {
  const x = new Float64Array(n)
  const w = new Float64Array(n)
  const pim4 = Math.PI ** -0.25
  const m = (n + 1) >> 1
  let z = 0
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667
    else if (i === 1) z -= 1.14 * n ** 0.426 / z
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]
    else z = 2 * z - x[i - 2]
    let pp = 0
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = pim4
      let p2 = 0
      for (let j = 0; j < n; j++) {
        const p3 = p2
        p2 = p1
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3
      }
      pp = Math.sqrt(2 * n) * p2
      const z1 = z
      z = z1 - p1 / pp
      if (Math.abs(z - z1) <= 1e-14) break
    }
    x[i] = z
    x[n - 1 - i] = -z
    w[i] = 2 / (pp * pp)
    w[n - 1 - i] = w[i]
  }
  // Physicists' weight e^(−t²) → standard normal: z = t·√2, weights / √π.
  const nodes = Float64Array.from(x, (t) => t * Math.SQRT2)
  const weights = Float64Array.from(w, (v) => v / Math.sqrt(Math.PI))
  return { nodes, weights }
}

const QUADRATURE = gaussHermite(NODE_COUNT)

export interface MatchProbabilities {
  home: number
  draw: number
  away: number
}

/**
 * Expected closed-form probabilities at `diff + δ`, δ ~ Normal(0, sd). They sum to 1 up to
 * rounding; the draw is taken as the rest so that the sum is exactly 1.
 */
export function expectedProbabilities (diff: number, sd: number, drawRate: number): MatchProbabilities {
  if (sd === 0) return closedFormProbabilities(diff, drawRate)
  let home = 0
  let away = 0
  for (let k = 0; k < NODE_COUNT; k++) {
    const p = closedFormProbabilities(diff + sd * QUADRATURE.nodes[k], drawRate)
    home += QUADRATURE.weights[k] * p.home
    away += QUADRATURE.weights[k] * p.away
  }
  return { home, draw: Math.max(0, 1 - home - away), away }
}
