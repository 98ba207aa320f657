import { readFileSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import t from 'tap'
import { normaliseSimulation, type ContextInput, type EventInput } from '../../src/engine/input.js'
import { closedFormProbabilities, ELO_SCALE, MODEL_VERSION, SCENARIOS } from '../../src/engine/model.js'
import { frequenciesFromCounts, simulate } from '../../src/engine/simulate.js'

const GOLDEN = new URL('../fixtures/engine/golden-full.json', import.meta.url)

const classic: EventInput = { sport: 'football', home_team: 'Real Madrid', away_team: 'FC Barcelona', home_rating: 2100, away_rating: 2050, home_advantage: 100 }

t.test('with no rating uncertainty, frequencies match the closed form within 4 standard errors', async (t) => {
  for (const gap of [-400, 0, 150, 600]) {
    for (const drawRate of [0, 0.25]) {
      const r = simulate(normaliseSimulation(
        { sport: 'football', home_team: 'Home', away_team: 'Away', home_rating: 2000 + gap, away_rating: 2000, home_advantage: 0, draw_rate: drawRate, rating_uncertainty: 0 },
        { n_simulations: 100_000, seed: 1234 + gap }
      ))
      for (const scenario of SCENARIOS) {
        const expected = closedFormProbabilities(gap, drawRate, ELO_SCALE * scenario.scale_multiplier)
        const observed = r.scenarios[scenario.name]
        for (const outcome of ['home', 'draw', 'away'] as const) {
          const p = expected[outcome]
          const se = Math.sqrt(p * (1 - p) / 100_000)
          const got = observed[`prob_${outcome}`]
          t.ok(Math.abs(got - p) <= 4 * se, `gap ${gap}, draw_rate ${drawRate}, ${scenario.name}, ${outcome}: ${got} vs ${p} (se ${se})`)
        }
      }
    }
  }
})

t.test('with no rating uncertainty, every iteration is the closed form bit for bit', async (t) => {
  const r = simulate(normaliseSimulation({ ...classic, rating_uncertainty: 0 }, { n_simulations: 500, seed: 3 }))
  const base = r.scenarios.base
  t.same(Object.values(base.percentiles), Array(5).fill(r.closed_form.home))
  t.strictSame(r.median_probabilities, r.closed_form)
  t.same([base.stdev, base.skew, base.kurtosis], [0, 0, 0])
  t.equal(r.uncertainty.volatility_score, 0)
})

t.test('the same inputs give bit-identical results', async (t) => {
  const normalised = normaliseSimulation(classic, { n_simulations: 5_000 }, { data_age_days: 4, sample_size: 120 })
  const first = simulate(normalised)
  const second = simulate(normaliseSimulation(classic, { n_simulations: 5_000 }, { data_age_days: 4, sample_size: 120 }))
  t.strictSame(second, first)
  t.equal(JSON.stringify(second), JSON.stringify(first))
})

t.test('results do not depend on what ran before (reused iteration buffers)', async (t) => {
  const small = normaliseSimulation(classic, { n_simulations: 300, seed: 5 })
  const first = simulate(small)
  simulate(normaliseSimulation({ ...classic, home_rating: 1500, rating_uncertainty: 400 }, { n_simulations: 50_000, seed: 6 }))
  t.strictSame(simulate(small), first)
})

t.test('a different seed gives different draws', async (t) => {
  const a = simulate(normaliseSimulation(classic, { seed: 1 }))
  const b = simulate(normaliseSimulation(classic, { seed: 2 }))
  t.not(a.scenarios.base.mean, b.scenarios.base.mean)
})

t.test('a full result equals the golden file exactly', async (t) => {
  const result = simulate(normaliseSimulation(classic, { n_simulations: 2_000, seed: 20240601, ci_level: 0.9 }, { data_age_days: 10, sample_size: 250, features_present: { form: true, injuries: false, lineups: true } }))
  const json = `${JSON.stringify(result, null, 1)}\n`
  // Regenerate deliberately (see test/fixtures/engine/README.md): ENGINE_GOLDEN_UPDATE=1 npx tap test/engine/simulate.test.ts
  if (process.env.ENGINE_GOLDEN_UPDATE === '1') writeFileSync(GOLDEN, json)
  t.equal(json, readFileSync(GOLDEN, 'utf8'))
  t.equal(result.model_version, MODEL_VERSION)
})

t.test('frequencies from counts sum to exactly 1 and stay within an ulp of count/n', async (t) => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 200_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))),
    ([n, a, b]) => {
      const home = Math.min(a, b)
      const draw = Math.max(a, b) - home
      const counts = { home, draw, away: n - home - draw }
      const p = frequenciesFromCounts(counts, n)
      return p.home + p.draw + p.away === 1 &&
        (['home', 'draw', 'away'] as const).every((o) => Math.abs(p[o] - counts[o] / n) <= Number.EPSILON && (counts[o] === 0) === (p[o] === 0))
    }
  ), { numRuns: 5_000 })
})

const eventArbitrary = fc.record({
  sport: fc.constantFrom('football', 'soccer', 'basketball', 'american_football', 'tennis', 'mma'),
  home_team: fc.constant('Home Side'),
  away_team: fc.constant('Away Side'),
  home_rating: fc.integer({ min: 0, max: 4000 }),
  away_rating: fc.integer({ min: 0, max: 4000 }),
  home_advantage: fc.option(fc.integer({ min: -500, max: 500 }), { nil: undefined }),
  draw_rate: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
  rating_uncertainty: fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: undefined })
}, { requiredKeys: ['home_team', 'away_team', 'home_rating', 'away_rating'] })

const contextArbitrary: fc.Arbitrary<ContextInput> = fc.record({
  data_age_days: fc.double({ min: 0, max: 400, noNaN: true }),
  event_horizon_days: fc.double({ min: 0, max: 60, noNaN: true }),
  sample_size: fc.integer({ min: 0, max: 1_000_000 }),
  features_present: fc.dictionary(fc.constantFrom('form', 'injuries', 'lineups', 'weather', 'travel'), fc.boolean())
}, { requiredKeys: [] })

t.test('properties hold for random inputs', async (t) => {
  fc.assert(fc.property(
    eventArbitrary,
    fc.integer({ min: 100, max: 3_000 }),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    contextArbitrary,
    (event, n, seed, ciLevel, context) => {
      const r = simulate(normaliseSimulation(event, { n_simulations: n, seed, ci_level: ciLevel }, context))
      for (const scenario of Object.values(r.scenarios)) {
        if (scenario.prob_home + scenario.prob_draw + scenario.prob_away !== 1) return false
        const p = scenario.percentiles
        const ordered = [scenario.intervals['99'].lower, scenario.intervals['95'].lower, p.p5, p.p25, p.p50, p.p75, p.p95, scenario.intervals['95'].upper, scenario.intervals['99'].upper]
        if (!ordered.every((x, i) => x >= 0 && x <= 1 && (i === 0 || x >= ordered[i - 1]))) return false
        const ci = scenario.confidence_interval
        if (!(ci.lower <= p.p50 && p.p50 <= ci.upper)) return false
        if (scenario.histogram.counts.reduce((a, b) => a + b, 0) !== n) return false
        if (!(scenario.stdev >= 0 && Number.isFinite(scenario.skew) && scenario.kurtosis >= -2 - 1e-9)) return false
        const { home, draw, away } = scenario.outcome_counts
        if (home + draw + away !== n || home < 0 || draw < 0 || away < 0) return false
      }
      const u = r.uncertainty
      const inRange = (x: number, lo: number, hi: number): boolean => x >= lo && x <= hi
      return inRange(u.volatility_score, 0, 100) && inRange(u.data_quality_index, 0, 100) && inRange(u.confidence_decay, 0, 1) &&
        inRange(r.risk.score, 0, 100) &&
        Object.values(r.median_probabilities).every((x) => inRange(x, 0, 1)) &&
        (r.inputs.event.draw_rate > 0 || r.scenarios.base.prob_draw === 0)
    }
  ), { numRuns: 150 })
})
