import fc from 'fast-check'
import t from 'tap'
import { closedFormProbabilities, ELO_SCALE, perturbationSigma, SCENARIOS } from '../../src/engine/model.js'

/** Draw band half-width `T = −s · ln((1 − d)/(1 + d))`, so that equal teams draw with probability d. */
function drawBandHalfWidth (drawRate: number, scale: number): number {
  return -scale * Math.log((1 - drawRate) / (1 + drawRate))
}

/** SPEC §3.2 written out literally: F(x) = 1/(1 + exp(−(x − diff)/s)), P(away) = F(−T), P(home) = 1 − F(T). */
function specClosedForm (diff: number, drawRate: number, scale = ELO_SCALE) {
  const T = drawBandHalfWidth(drawRate, scale)
  const F = (x: number): number => 1 / (1 + Math.exp(-(x - diff) / scale))
  const away = F(-T)
  const home = 1 - F(T)
  return { home, draw: 1 - home - away, away }
}

t.test('the closed form equals the SPEC formulas', async (t) => {
  fc.assert(fc.property(
    fc.double({ min: -5000, max: 5000, noNaN: true }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.constantFrom(...SCENARIOS.map((s) => s.scale_multiplier)),
    (diff, drawRate, scaleMultiplier) => {
      const scale = ELO_SCALE * scaleMultiplier
      const ours = closedFormProbabilities(diff, drawRate, scale)
      const spec = specClosedForm(diff, drawRate, scale)
      return Math.abs(ours.home - spec.home) < 1e-12 && Math.abs(ours.away - spec.away) < 1e-12 && Math.abs(ours.draw - spec.draw) < 1e-12
    }
  ))
})

t.test('equal teams draw with probability draw_rate and split the rest', async (t) => {
  for (const drawRate of [0, 0.1, 0.25, 0.5]) {
    const p = closedFormProbabilities(0, drawRate)
    t.ok(Math.abs(p.draw - drawRate) < 1e-15, `draw ${p.draw} for draw_rate ${drawRate}`)
    t.ok(Math.abs(p.home - p.away) < 1e-15)
  }
})

t.test('without a draw band the draw probability is exactly 0', async (t) => {
  fc.assert(fc.property(fc.double({ min: -5000, max: 5000, noNaN: true }), (diff) => closedFormProbabilities(diff, 0).draw === 0))
})

t.test('probabilities stay in [0, 1] and finite even for extreme differences', async (t) => {
  for (const diff of [-1e6, -1e5, 1e5, 1e6]) {
    const p = closedFormProbabilities(diff, 0.25)
    t.ok([p.home, p.draw, p.away].every((x) => x >= 0 && x <= 1), `diff ${diff}: ${JSON.stringify(p)}`)
  }
})

t.test('a 400-point edge without draws is a 10:1 ratio of wins to losses', async (t) => {
  const p = closedFormProbabilities(400, 0)
  t.ok(Math.abs(p.home / p.away - 10) < 1e-12)
})

t.test('raising the home rating never lowers the closed-form P(home)', async (t) => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 4000 }),
    fc.integer({ min: 0, max: 4000 }),
    fc.integer({ min: 1, max: 400 }),
    fc.integer({ min: -500, max: 500 }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    (homeRating, awayRating, raise, homeAdvantage, drawRate) =>
      closedFormProbabilities(homeRating + raise + homeAdvantage - awayRating, drawRate).home >=
        closedFormProbabilities(homeRating + homeAdvantage - awayRating, drawRate).home
  ))
})

t.test('σ is the per-team uncertainty times √2, scaled by √variance_multiplier', async (t) => {
  t.equal(perturbationSigma(60), 60 * Math.SQRT2)
  t.ok(Math.abs(perturbationSigma(60, 1.3) ** 2 - 1.3 * 2 * 60 ** 2) < 1e-9)
  t.same(SCENARIOS.map((s) => [s.name, s.scale_multiplier, s.variance_multiplier]), [
    ['conservative', 0.8, 0.7],
    ['base', 1, 1],
    ['aggressive', 1.2, 1.3]
  ])
})
