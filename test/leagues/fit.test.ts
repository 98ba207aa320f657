import t from 'tap'
import { closedFormProbabilities, ELO_SCALE } from '../../src/engine/index.js'
import { DEFAULT_FIT_PARAMETERS, fitRatings, goalDifferenceProbabilities } from '../../src/leagues/fit.js'
import type { LeagueMatch } from '../../src/leagues/model.js'
import { SYNTHETIC_DRAW_RATE, SYNTHETIC_GOAL_CUTS, syntheticLeague } from '../../src/leagues/synthetic.js'
import { loadLeague } from './real-seasons.js'

const league = syntheticLeague()

t.test('as_of: adding later matches never changes an earlier fit (bit-identical)', async (t) => {
  const asOf = '2025-10-04'
  const before = league.matches.filter((m) => m.date < asOf)
  const reference = fitRatings(before, { asOf })
  // Every later match, played or not, in a shuffled order, plus a new team that appears later.
  const later: LeagueMatch[] = [
    ...league.matches.filter((m) => m.date >= asOf),
    { season: '2025-26', date: '2026-05-30', home: 'newcomer-athletic', away: league.teams[0].team, homeGoals: 5, awayGoals: 0 }
  ]
  const shuffled = [...later, ...before].reverse()
  const withLater = fitRatings(shuffled, { asOf })
  t.same(withLater, reference, 'same teams, ratings, uncertainties, home advantage and draw rate')
  t.equal(reference.matchesUsed, before.filter((m) => m.homeGoals !== null).length)
  t.ok(reference.lastMatchDate !== null && reference.lastMatchDate < asOf, 'the last match used is before as_of')
  // Without as_of the later results do count: the fits differ.
  t.not(fitRatings(shuffled).homeAdvantage, reference.homeAdvantage)
})

t.test('a fit is a function of the set of matches: order of the input does not matter', async (t) => {
  const a = fitRatings(league.matches)
  const b = fitRatings([...league.matches].reverse())
  t.same(a, b)
})

t.test('teams are sorted by rating, with plain finite numbers', async (t) => {
  const fit = fitRatings(league.matches)
  t.equal(fit.teams.length, 20)
  for (let i = 1; i < fit.teams.length; i++) t.ok(fit.teams[i - 1].rating >= fit.teams[i].rating)
  for (const team of fit.teams) {
    t.ok(Number.isFinite(team.rating) && Number.isFinite(team.ratingUncertainty) && team.ratingUncertainty > 0, team.team)
    t.equal(team.matches, 57, `${team.team}: 38 + 19 matches`)
  }
  t.ok(fit.homeAdvantage > 0 && fit.homeAdvantage < 150, `home advantage ${fit.homeAdvantage}`)
  t.ok(fit.drawRate > 0.15 && fit.drawRate < 0.4, `draw rate ${fit.drawRate}`)
  t.same(fit.parameters, DEFAULT_FIT_PARAMETERS)
})

t.test('a team with no matches gets the promoted prior; so does a team back after a season away', async (t) => {
  const fit = fitRatings(league.matches, { teams: ['promoted-town'] })
  const promoted = fit.teams.find((x) => x.team === 'promoted-town')
  t.ok(promoted !== undefined)
  const p = DEFAULT_FIT_PARAMETERS
  // Both priors at full weight: precision-weighted mean of the league and promoted means.
  const w0 = 1 / p.priorSd ** 2
  const wp = 1 / p.promotedPriorSd ** 2
  t.ok(Math.abs((promoted?.rating ?? 0) - (w0 * p.priorMean + wp * (p.priorMean - p.promotedOffset)) / (w0 + wp)) < 1e-6, `rating ${promoted?.rating}`)
  t.ok(Math.abs((promoted?.ratingUncertainty ?? 0) - 1 / Math.sqrt(w0 + wp)) < 1e-6, `uncertainty ${promoted?.ratingUncertainty}`)
  t.equal(promoted?.matches, 0)
  t.equal(promoted?.lastMatchDate, null)

  // A club of the first season only, asked for again two seasons later, starts from the prior too.
  const gone = league.teams[5].team
  const matches: LeagueMatch[] = [
    ...league.matches.filter((m) => m.season === '2024-25'),
    ...league.matches.filter((m) => m.season === '2025-26' && m.home !== gone && m.away !== gone).map((m) => ({ ...m, season: '2025-26' }))
  ]
  const back = fitRatings(matches, { teams: [gone], season: '2026-27' }).teams.find((x) => x.team === gone)
  const stayed = fitRatings(matches, { teams: [gone], season: '2025-26' }).teams.find((x) => x.team === gone)
  t.ok(back !== undefined && stayed !== undefined)
  t.ok((back?.ratingUncertainty ?? 0) < (stayed?.ratingUncertainty ?? 0), 'the entry prior at full weight narrows the uncertainty')
})

t.test('honest uncertainty: 90 % intervals contain the true rating for 85–95 % of teams over many synthetic leagues', async (t) => {
  // Ratings are identified up to a constant (the prior anchors the league near 1500): fitted and
  // true ratings are both compared as deviations from their league's mean (docs/ENGINE.md).
  // The leagues drift as the fit assumes (DEFAULT_FIT_PARAMETERS.driftPerYear); with constant
  // strengths the intervals are conservative instead (measured: 97.8 % over these seeds).
  // The fit uses the default margin weights: the sandwich's middle is the outer product of the
  // weighted scores, so noise in the weights (here margins carry no information) widens the intervals.
  let inside = 0
  let total = 0
  for (let seed = 1; seed <= 60; seed++) {
    const synthetic = syntheticLeague(seed)
    const fit = fitRatings(synthetic.matches)
    const truth = new Map(synthetic.teams.map((x) => [x.team, x.trueRating]))
    const trueMean = synthetic.teams.reduce((s, x) => s + x.trueRating, 0) / synthetic.teams.length
    const fitMean = fit.teams.reduce((s, x) => s + x.rating, 0) / fit.teams.length
    for (const team of fit.teams) {
      const error = (team.rating - fitMean) - ((truth.get(team.team) as number) - trueMean)
      if (Math.abs(error) <= 1.645 * team.ratingUncertainty) inside++
      total++
    }
  }
  const coverage = inside / total
  t.ok(coverage >= 0.85 && coverage <= 0.95, `coverage ${(100 * coverage).toFixed(1)} % of ${total} teams`)
})

t.test('margin weights: a bigger win moves the ratings further; draws and the wins\' total weight are kept', async (t) => {
  const base = league.matches.filter((m) => m.homeGoals !== null)
  // The same results with one win made wider: the outcome is unchanged, only its margin.
  const index = base.findIndex((m) => (m.homeGoals as number) - (m.awayGoals as number) === 1)
  const target = base[index]
  const wider = base.map((m, i) => i === index ? { ...m, homeGoals: (m.awayGoals as number) + 4 } : m)
  const gap = (fit: ReturnType<typeof fitRatings>): number => {
    const rating = new Map(fit.teams.map((x) => [x.team, x.rating]))
    return (rating.get(target.home) as number) - (rating.get(target.away) as number)
  }
  t.ok(gap(fitRatings(wider)) > gap(fitRatings(base)) + 1, 'the 4-goal win separates the two teams more than the 1-goal win')
  const off = { marginExponent: 0, goalCap: 1, goalWeight: 0 }
  t.ok(Math.abs(gap(fitRatings(wider, { parameters: off })) - gap(fitRatings(base, { parameters: off }))) < 1e-9, 'results only, without margin weights: only the outcome counts')
  const goalsOnly = { marginExponent: 0 }
  t.ok(gap(fitRatings(wider, { parameters: goalsOnly })) > gap(fitRatings(base, { parameters: goalsOnly })) + 1, 'the goal-difference likelihood alone also separates them more')
  // Every margin the same: the normalised factor is 1 for every win, the fit that of no margins.
  const flat = base.map((m) => (m.homeGoals as number) > (m.awayGoals as number) ? { ...m, homeGoals: 2, awayGoals: 1 } : (m.homeGoals as number) < (m.awayGoals as number) ? { ...m, homeGoals: 0, awayGoals: 1 } : m)
  const flatWeighted = fitRatings(flat, { parameters: { goalCap: 1, goalWeight: 0 } }).teams
  const flatPlain = fitRatings(flat, { parameters: off }).teams
  t.ok(flatWeighted.every((x, i) => x.team === flatPlain[i].team && Math.abs(x.rating - flatPlain[i].rating) < 1e-6), 'same ratings as without margins')
  t.throws(() => fitRatings(base, { parameters: { marginExponent: -1 } }), RangeError)
  t.throws(() => fitRatings(base, { parameters: { breakAgeShare: 2 } }), RangeError)
})

t.test('goal-difference ordered logit: the W/D/L marginal is the §3.2 closed form; the fit recovers the synthetic cut-points', async (t) => {
  const fit = fitRatings(league.matches)
  t.equal(fit.goalCuts.length, DEFAULT_FIT_PARAMETERS.goalCap)
  // c₁·s is the §3.2 draw band of the fitted draw rate, and the cut-points increase.
  // T = −s·ln((1 − d)/(1 + d)) (SPEC §3.2).
  t.ok(Math.abs(fit.goalCuts[0] + ELO_SCALE * Math.log((1 - fit.drawRate) / (1 + fit.drawRate))) < 1e-9, `T ${fit.goalCuts[0]}`)
  for (let k = 1; k < fit.goalCuts.length; k++) t.ok(fit.goalCuts[k] > fit.goalCuts[k - 1])
  for (const diff of [-250, -40, 0, 65, 300]) {
    const categories = goalDifferenceProbabilities(diff, fit.goalCuts)
    t.equal(categories.length, 2 * fit.goalCuts.length + 1)
    const k = fit.goalCuts.length
    const away = categories.slice(0, k).reduce((a, b) => a + b, 0)
    const home = categories.slice(k + 1).reduce((a, b) => a + b, 0)
    const closed = closedFormProbabilities(diff, fit.drawRate)
    t.ok(Math.abs(home - closed.home) < 1e-12 && Math.abs(away - closed.away) < 1e-12 && Math.abs(categories[k] - closed.draw) < 1e-12, `diff ${diff}: the categories sum to §3.2's home/draw/away`)
    t.ok(categories.every((p) => p > 0) && Math.abs(categories.reduce((a, b) => a + b, 0) - 1) < 1e-12)
  }
  // Synthetic leagues draw their margins from the same ordered logit (src/leagues/synthetic.ts):
  // fitted on many of them (constant strengths) by its plain likelihood, the cut-points come back.
  // (The default margin weights, on top, weigh wide wins more: they pull c₂ and c₃ down, ≈ 1.27
  // and 2.13 here; the outer cut-points are never simulated, the draw band barely moves.)
  const cuts = [0, 0, 0]
  const seeds = 30
  for (let seed = 1; seed <= seeds; seed++) {
    const synthetic = syntheticLeague(seed, { driftPerYear: 0 })
    fitRatings(synthetic.matches, { parameters: { marginExponent: 0 } }).goalCuts.forEach((c, k) => { cuts[k] += c / ELO_SCALE / seeds })
  }
  const expected = [Math.log((1 + SYNTHETIC_DRAW_RATE) / (1 - SYNTHETIC_DRAW_RATE)), ...SYNTHETIC_GOAL_CUTS]
  expected.forEach((c, k) => t.ok(Math.abs(cuts[k] - c) < 0.05, `c${k + 1}: fitted ${cuts[k].toFixed(3)}, true ${c.toFixed(3)}`))
  t.throws(() => fitRatings(league.matches, { parameters: { goalCap: 0 } }), RangeError)
  t.throws(() => fitRatings(league.matches, { parameters: { goalCap: 2.5 } }), RangeError)
  t.throws(() => fitRatings(league.matches, { parameters: { goalWeight: 1.5 } }), RangeError)
})

t.test('the off-season share: with 0 the summer break does not age the data', async (t) => {
  // Fitted for the season after the data (an off-season): share 0 ages nothing over the break,
  // so the earlier season keeps more weight and the ratings spread more.
  const spread = (fit: ReturnType<typeof fitRatings>): number => fit.teams[0].rating - fit.teams[fit.teams.length - 1].rating
  const previous = league.matches.filter((m) => m.season === league.previousSeason)
  const asOf = '2025-08-16'
  const calendar = fitRatings(previous, { asOf, season: league.season, teams: league.teams.map((x) => x.team) })
  const paused = fitRatings(previous, { asOf, season: league.season, teams: league.teams.map((x) => x.team), parameters: { breakAgeShare: 0 } })
  t.ok(spread(paused) > spread(calendar), `spread ${spread(paused)} > ${spread(calendar)}`)
  // Within a season there is no break: the share changes nothing.
  const within = previous.filter((m) => m.date < '2025-01-01')
  t.same(fitRatings(within, { asOf: '2025-01-01', parameters: { breakAgeShare: 0 } }).teams, fitRatings(within, { asOf: '2025-01-01' }).teams)
})

t.test('the whole shared EPL history fits', async (t) => {
  const matches = loadLeague('en.1')
  const fit = fitRatings(matches)
  t.equal(fit.matchesUsed, matches.filter((m) => m.homeGoals !== null).length)
  t.ok(fit.teams.length >= 30)
  t.ok(fit.homeAdvantage > 0 && fit.homeAdvantage < 120)
})

t.test('invalid input is refused', async (t) => {
  t.throws(() => fitRatings([{ season: '2024-25', date: '2024-02-30', home: 'a', away: 'b', homeGoals: 1, awayGoals: 0 }]), RangeError)
  t.throws(() => fitRatings([{ season: '2024-25', date: '2024-02-03', home: 'a', away: 'a', homeGoals: 1, awayGoals: 0 }]), RangeError)
  t.throws(() => fitRatings(league.matches, { parameters: { halfLifeDays: 0 } }), RangeError)
})
