/**
 * The season outlook (SPEC §13.4; docs/ENGINE.md "Leagues"): the remaining fixtures simulated
 * with the §3.2 model. Each iteration draws every team's rating once from Normal(rating,
 * rating_uncertainty) — a team's strength is coherent over its remaining matches — then every
 * fixture's outcome from the closed form with the fit's home advantage and draw rate. Points
 * 3/1/0 by default. The model has no scores, so ties on points are broken by the current goal
 * difference, then by a seeded random draw.
 * Pure and deterministic with the seed (the engine's seeded stream, never Math.random). The loop
 * allocates nothing: typed arrays are sized before it, and `exp` is taken once per team and
 * iteration (e^(−diff/s) factorises into the two teams' terms), not once per fixture.
 */
import { drawBandRatio, ELO_SCALE, monteCarloStandardError, quantiles, RandomStream } from '../engine/index.js'
import type { OutlookInput, SeasonOutlook, TeamOutlook } from './model.js'

const DEFAULT_POINTS = { win: 3, draw: 1, loss: 0 }

export const OUTLOOK_NOTES: readonly string[] = [
  'Each simulated season draws every team\'s strength once from its fitted rating and uncertainty, then every remaining fixture from the same model as a single-match simulation.',
  'The model describes results (home win, draw, away win), not scores: ties on points are separated by the current goal difference, then by a seeded random draw, so goal-difference races are not modelled.',
  'Probabilities are Monte Carlo frequencies; each comes with its standard error √(p(1−p)/n).',
  'Nothing outside the results enters: injuries, transfers, managers and fixture congestion are unknown to the model.'
]

function compareStrings (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function seasonOutlook (input: OutlookInput): SeasonOutlook {
  const n = input.teams.length
  const iterations = input.nSimulations
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('nSimulations must be a positive integer')
  if (n < 2) throw new RangeError('a season needs at least two teams')
  const points = input.points ?? DEFAULT_POINTS
  if (![points.win, points.draw, points.loss].every((x) => Number.isInteger(x) && Math.abs(x) <= 1000)) throw new RangeError('points must be integers within ±1000')
  const index = new Map(input.teams.map((team, i) => [team, i]))
  if (index.size !== n) throw new RangeError('the season\'s teams must be distinct')
  const indexOf = (team: string): number => {
    const i = index.get(team)
    if (i === undefined) throw new RangeError(`${team} is not one of the season's teams`)
    return i
  }

  // The current table.
  const currentPoints = new Float64Array(n)
  const played = new Int32Array(n)
  const goalsFor = new Int32Array(n)
  const goalsAgainst = new Int32Array(n)
  for (const m of input.played) {
    if (m.homeGoals === null || m.awayGoals === null) continue
    const h = indexOf(m.home)
    const a = indexOf(m.away)
    played[h]++
    played[a]++
    goalsFor[h] += m.homeGoals
    goalsAgainst[h] += m.awayGoals
    goalsFor[a] += m.awayGoals
    goalsAgainst[a] += m.homeGoals
    if (m.homeGoals > m.awayGoals) {
      currentPoints[h] += points.win
      currentPoints[a] += points.loss
    } else if (m.homeGoals < m.awayGoals) {
      currentPoints[a] += points.win
      currentPoints[h] += points.loss
    } else {
      currentPoints[h] += points.draw
      currentPoints[a] += points.draw
    }
  }
  const goalDifference = Int32Array.from({ length: n }, (_, i) => goalsFor[i] - goalsAgainst[i])

  // Ratings from the fit, in units of the logistic scale.
  const fitted = new Map(input.fit.teams.map((x) => [x.team, x]))
  const mean = new Float64Array(n)
  const sd = new Float64Array(n)
  input.teams.forEach((team, i) => {
    const rating = fitted.get(team)
    if (rating === undefined) throw new RangeError(`${team} has no fitted rating`)
    mean[i] = rating.rating / ELO_SCALE
    sd[i] = rating.ratingUncertainty / ELO_SCALE
  })
  const fixtureCount = input.fixtures.length
  const fixtureHome = Int32Array.from(input.fixtures, (f) => indexOf(f.home))
  const fixtureAway = Int32Array.from(input.fixtures, (f) => indexOf(f.away))
  for (let f = 0; f < fixtureCount; f++) if (fixtureHome[f] === fixtureAway[f]) throw new RangeError('a team cannot play itself')
  // P(home) = 1/(1 + k·e), P(away) = 1/(1 + k/e), e = exp(−(r_h + H − r_a)/s) = g_a / g_h · exp(−H/s).
  const k = drawBandRatio(input.fit.drawRate)
  const homeFactor = Math.exp(-input.fit.homeAdvantage / ELO_SCALE)

  const stream = new RandomStream(input.seed)
  const normals = new Float64Array(n + (n % 2))
  const uniforms = new Float64Array(fixtureCount + n)
  const growth = new Float64Array(n)
  const homeTerm = new Float64Array(n)
  const total = new Float64Array(n)
  const key = new Float64Array(n)
  const keyScale = n + 1
  // The goal-difference rank: how many teams have a smaller current difference.
  const goalDifferenceRank = Float64Array.from(goalDifference, (mine) => goalDifference.reduce((below, other) => below + Number(other < mine), 0))
  const tieBreak = new Float64Array(n)
  const positionCounts = new Float64Array(n * n)
  const finalPoints = input.teams.map(() => new Float64Array(iterations))
  const pointSums = new Float64Array(n)
  const { win, draw, loss } = points

  for (let it = 0; it < iterations; it++) {
    stream.fillStandardNormals(normals)
    stream.fillUniforms32(uniforms)
    for (let i = 0; i < n; i++) {
      growth[i] = Math.exp(mean[i] + sd[i] * normals[i])
      homeTerm[i] = homeFactor / growth[i]
      total[i] = currentPoints[i]
      tieBreak[i] = uniforms[fixtureCount + i]
    }
    for (let f = 0; f < fixtureCount; f++) {
      const h = fixtureHome[f]
      const a = fixtureAway[f]
      // With e = g_a/g_h·e^(−H/s): home when u < 1/(1 + k·e); away when u ≥ 1 − e/(e + k) = k/(e + k).
      // Compared by multiplication, so the loop divides nothing.
      const e = growth[a] * homeTerm[h]
      const u = uniforms[f]
      // Branch-free (the outcome is random, so a branch would be mispredicted half the time):
      // `homeWins`, `awayWins` are 0 or 1, never both.
      const homeWins = Number(u * (1 + k * e) < 1)
      const awayWins = Number(u * (e + k) >= k) * (1 - homeWins)
      total[h] += draw + homeWins * (win - draw) + awayWins * (loss - draw)
      total[a] += draw + awayWins * (win - draw) + homeWins * (loss - draw)
    }
    // Rank: points, then current goal difference, then the seeded draw. With integer points the
    // three fold into one exact double: points·(n + 1) + the goal-difference rank (0 … n − 1) +
    // the draw (a multiple of 2⁻³² in [0, 1)), far below 2⁵³. A team's position is the number of
    // teams whose key is higher (an equal key, which two equal draws could give, counts the
    // lower index first): n² branch-free comparisons, cheaper than a sort's unpredictable ones.
    for (let i = 0; i < n; i++) key[i] = total[i] * keyScale + goalDifferenceRank[i] + tieBreak[i]
    for (let i = 0; i < n; i++) {
      const mine = key[i]
      let above = 0
      for (let j = 0; j < i; j++) above += Number(key[j] >= mine)
      for (let j = i + 1; j < n; j++) above += Number(key[j] > mine)
      positionCounts[i * n + above]++
    }
    for (let i = 0; i < n; i++) {
      finalPoints[i][it] = total[i]
      pointSums[i] += total[i]
    }
  }

  const zones = Object.entries(input.zones)
  for (const [name, [first, last]] of zones) {
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > n || first > last) {
      throw new RangeError(`zone ${name} must be positions a…b within 1…${n}`)
    }
  }
  const outlooks: TeamOutlook[] = input.teams.map((team, i) => {
    const positions = Array.from({ length: n }, (_, p) => positionCounts[i * n + p] / iterations)
    const [p5, p50, p95] = quantiles(finalPoints[i], [0.05, 0.5, 0.95])
    const zoneProbabilities: Record<string, number> = {}
    const zoneErrors: Record<string, number> = {}
    for (const [name, [first, last]] of zones) {
      let count = 0
      for (let p = first - 1; p < last; p++) count += positionCounts[i * n + p]
      const probability = count / iterations
      zoneProbabilities[name] = probability
      zoneErrors[name] = monteCarloStandardError(probability, iterations)
    }
    return {
      team,
      points: currentPoints[i],
      played: played[i],
      goalDifference: goalDifference[i],
      finalPoints: { mean: pointSums[i] / iterations, p5, p50, p95 },
      positions,
      positionStandardErrors: positions.map((p) => monteCarloStandardError(p, iterations)),
      zones: zoneProbabilities,
      zoneStandardErrors: zoneErrors
    }
  })
  // The current table: points, goal difference, goals scored, then id.
  const current = input.teams.map((_, i) => i).sort((a, b) =>
    currentPoints[b] - currentPoints[a] || goalDifference[b] - goalDifference[a] || goalsFor[b] - goalsFor[a] || compareStrings(input.teams[a], input.teams[b]))
  return {
    nSimulations: iterations,
    seed: input.seed,
    remainingFixtures: fixtureCount,
    teams: current.map((i) => outlooks[i]),
    notes: [...OUTLOOK_NOTES]
  }
}
