/**
 * The embedded synthetic league (SPEC §13.6; docs/ENGINE.md "Leagues"): twenty made-up clubs with
 * known true ratings, a full previous season and a current season half played (the rest are
 * fixtures), every result drawn from the §3.2 model with a fixed seed. Nothing in it is real.
 * The true strengths may drift between matches (a Gaussian random walk, `driftPerYear` Elo points
 * per √year), which is how real strengths behave and what the fit's uncertainty allows for;
 * `trueRating` is then each team's strength at the last played round. By default the drift is the
 * one the fit assumes (DEFAULT_FIT_PARAMETERS.driftPerYear), so the embedded league is a sample of
 * exactly the process the fit's uncertainty describes.
 * Goal differences come from the same model the fit's likelihood uses: the goal-difference
 * ordered logit (docs/ENGINE.md "Leagues") with the §3.2 draw band as its inner cut-point and
 * fixed outer ones (`SYNTHETIC_GOAL_CUTS`), so the result is drawn by §3.2 exactly and the margin
 * given the result by the ordered logit; the loser's goals (which the model does not describe) and
 * the margin beyond the last cut-point come from small fixed distributions.
 */
import { closedFormProbabilities, ELO_SCALE, RandomStream } from '../engine/index.js'
import { dateOfDay, dayNumber, DEFAULT_FIT_PARAMETERS } from './fit.js'
import type { LeagueMatch } from './model.js'

export const SYNTHETIC_SEED = 20_260_301
export const SYNTHETIC_HOME_ADVANTAGE = 60
export const SYNTHETIC_DRAW_RATE = 0.26
/**
 * Outer cut-points c₂, c₃ of the goal-difference ordered logit (units of the Elo scale s; c₁ is the
 * draw band of SYNTHETIC_DRAW_RATE, 0.532): close to what the fit finds on the shared EPL and
 * Bundesliga seasons (c₁ ≈ 0.57–0.60, c₂ ≈ 1.54–1.62, c₃ ≈ 2.52–2.70).
 */
export const SYNTHETIC_GOAL_CUTS: readonly number[] = [1.6, 2.6]

const CLUB_NAMES = [
  'Amberfield Otters', 'Brindle Vale Wanderers', 'Cobalt Harbour', 'Dunmore Lanterns',
  'Elderbrook Athletic', 'Fennwick Comets', 'Glasspool Rangers', 'Hollowmere Foxes',
  'Ironmoss United', 'Juniper Cross', 'Kestrel Bay', 'Lowmarsh Rovers',
  'Marrowgate Town', 'Nettlecombe Stars', 'Oakhollow Albion', 'Pebblestone Vikings',
  'Quillbridge Wolves', 'Ravensmoor City', 'Saltmarsh Pioneers', 'Thistledown Borough'
] as const

export interface SyntheticTeam {
  team: string
  name: string
  trueRating: number
}

export interface SyntheticLeague {
  name: string
  season: string
  previousSeason: string
  homeAdvantage: number
  drawRate: number
  teams: SyntheticTeam[]
  matches: LeagueMatch[]
}

function teamIdOf (name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

/** Double round robin by the circle method: 2·(n − 1) rounds, each team home in about half. */
function doubleRoundRobin (n: number): Array<Array<[number, number]>> {
  const rounds: Array<Array<[number, number]>> = []
  const ring = Array.from({ length: n }, (_, i) => i)
  for (let r = 0; r < n - 1; r++) {
    const round: Array<[number, number]> = []
    for (let k = 0; k < n / 2; k++) {
      const a = ring[k]
      const b = ring[n - 1 - k]
      round.push(r % 2 === 0 ? [a, b] : [b, a])
    }
    rounds.push(round)
    ring.splice(1, 0, ring.pop() as number)
  }
  return [...rounds, ...rounds.map((round) => round.map(([a, b]) => [b, a] as [number, number]))]
}

/** Inverse of a discrete distribution given as probabilities of 0, 1, 2, … */
function pick (u: number, probabilities: readonly number[]): number {
  let cumulative = 0
  for (let k = 0; k < probabilities.length; k++) {
    cumulative += probabilities[k]
    if (u < cumulative) return k
  }
  return probabilities.length - 1
}

const DRAW_GOALS = [0.3, 0.45, 0.2, 0.05]
const LOSER_GOALS = [0.5, 0.35, 0.12, 0.03]
/** The margin beyond the last cut-point (3 goals or more): 3, 4, 5, 6. */
const MARGIN_BEYOND = [0.65, 0.24, 0.08, 0.03]

function logistic (z: number): number {
  return 1 / (1 + Math.exp(-z))
}

/**
 * The winner's margin from the uniform `u` that §3.2 turned into a win: `u` is uniform on
 * [0, pWin), and the win is by at least k goals with probability σ(x − c_k), so the margin is
 * the number of the cut-points (c₁ = the draw band, then SYNTHETIC_GOAL_CUTS) that `u` lies below,
 * capped at 3 and extended past it by `beyond`.
 */
function marginOf (u: number, x: number, beyond: number): number {
  let margin = 1
  for (const cut of SYNTHETIC_GOAL_CUTS) if (u < logistic(x - cut)) margin++
  return margin < 1 + SYNTHETIC_GOAL_CUTS.length ? margin : margin + pick(beyond, MARGIN_BEYOND)
}

/** Standard normal quantiles at (i + ½)/n: an evenly spread league of known strengths. */
function spreadRatings (n: number, sd: number): number[] {
  // Φ from Abramowitz–Stegun 7.1.26 (error < 1.5·10⁻⁷), inverted by bisection: enough for a spread.
  const phi = (z: number): number => {
    const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2)
    const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z / 2)
    return z >= 0 ? (1 + y) / 2 : (1 - y) / 2
  }
  return Array.from({ length: n }, (_, i) => {
    const target = (n - i - 0.5) / n
    let low = -6
    let high = 6
    for (let k = 0; k < 60; k++) {
      const mid = (low + high) / 2
      if (phi(mid) < target) low = mid
      else high = mid
    }
    return 1500 + sd * (low + high) / 2
  })
}

/**
 * A synthetic league. `seed` fixes everything; `driftPerYear` (default: the fit's) lets the true strengths
 * move; `ratingSd` (default 110) is the spread of the true ratings around 1500.
 */
export function syntheticLeague (
  seed: number = SYNTHETIC_SEED,
  options: { driftPerYear?: number, ratingSd?: number } = {}
): SyntheticLeague {
  const stream = new RandomStream(seed)
  const teamCount = CLUB_NAMES.length
  const drift = options.driftPerYear ?? DEFAULT_FIT_PARAMETERS.driftPerYear
  const start = spreadRatings(teamCount, options.ratingSd ?? 110)
  // Which club gets which strength depends on the seed (a draw per club, sorted).
  const order = new Float64Array(teamCount)
  stream.fillUniforms(order)
  const ranking = Array.from({ length: teamCount }, (_, i) => i).sort((a, b) => order[a] - order[b] || a - b)
  const strength = new Float64Array(teamCount)
  ranking.forEach((club, rank) => { strength[club] = start[rank] })
  const ids = CLUB_NAMES.map(teamIdOf)

  const rounds = doubleRoundRobin(teamCount)
  const seasons = [
    { season: '2024-25', firstDay: dayNumber('2024-08-17'), played: rounds.length },
    { season: '2025-26', firstDay: dayNumber('2025-08-16'), played: rounds.length / 2 }
  ]
  const matches: LeagueMatch[] = []
  const uniforms = new Float64Array(3)
  const normals = new Float64Array(teamCount)
  let lastDay = seasons[0].firstDay
  for (const { season, firstDay, played } of seasons) {
    rounds.forEach((round, r) => {
      // A round a week, on Saturdays; the strengths move by a week's random walk before it.
      const day = firstDay + 7 * r
      const isPlayed = r < played
      if (drift > 0 && isPlayed) {
        stream.fillStandardNormals(normals)
        const step = drift * Math.sqrt((day - lastDay) / 365.25)
        for (let t = 0; t < teamCount; t++) strength[t] += step * normals[t]
      }
      if (isPlayed) lastDay = day
      for (const [home, away] of round) {
        const match: LeagueMatch = { season, date: dateOfDay(day), home: ids[home], away: ids[away], homeGoals: null, awayGoals: null }
        if (isPlayed) {
          stream.fillUniforms(uniforms)
          const diff = strength[home] + SYNTHETIC_HOME_ADVANTAGE - strength[away]
          const p = closedFormProbabilities(diff, SYNTHETIC_DRAW_RATE)
          const x = diff / ELO_SCALE
          if (uniforms[0] < p.home) {
            const loser = pick(uniforms[1], LOSER_GOALS)
            match.homeGoals = loser + marginOf(uniforms[0], x, uniforms[2])
            match.awayGoals = loser
          } else if (uniforms[0] < p.home + p.draw) {
            match.homeGoals = match.awayGoals = pick(uniforms[1], DRAW_GOALS)
          } else {
            // Uniform on [0, pAway) again, for the away side's margin (the model is symmetric).
            const loser = pick(uniforms[1], LOSER_GOALS)
            match.homeGoals = loser
            match.awayGoals = loser + marginOf(uniforms[0] - p.home - p.draw, -x, uniforms[2])
          }
        }
        matches.push(match)
      }
    })
  }
  // The strengths drifted on until the last round played; the current ones are what a fit estimates.
  const teams = CLUB_NAMES.map((name, i) => ({ team: ids[i], name, trueRating: strength[i] }))
    .sort((a, b) => b.trueRating - a.trueRating || (a.team < b.team ? -1 : 1))
  return {
    name: 'Synthetic League (generated, not real clubs)',
    season: seasons[1].season,
    previousSeason: seasons[0].season,
    homeAdvantage: SYNTHETIC_HOME_ADVANTAGE,
    drawRate: SYNTHETIC_DRAW_RATE,
    teams,
    matches
  }
}
