import { Value } from '@sinclair/typebox/value'
import type { TSchema } from '@sinclair/typebox'
import fc from 'fast-check'
import Fastify from 'fastify'
import t from 'tap'
import { FORBIDDEN, textsOf } from '../fixtures/language.js'
import { listCatalogEvents } from '../../src/catalog/events.js'
import { normaliseSimulation, relabelResult, simulate, type EventInput, type SimulationResult } from '../../src/engine/index.js'
import { comparativeAnalysisView } from '../../src/simulation/views/comparative-analysis.js'
import { deepDiveView } from '../../src/simulation/views/deep-dive.js'
import { fullDistributionView } from '../../src/simulation/views/full-distribution.js'
import { headlinePickView, pickConfidence } from '../../src/simulation/views/headline-pick.js'
import { scenarioExtremesView } from '../../src/simulation/views/scenario-extremes.js'
import { v1View } from '../../src/simulation/views/v1.js'
import {
  ComparativeAnalysisView,
  DeepDiveView,
  FullDistributionView,
  HeadlinePickView,
  ScenarioExtremesView,
  simulationViewSchemas,
  V1SimulationView
} from '../../src/schemas/simulation-views.js'

const classic: EventInput = { sport: 'football', home_team: 'Real Madrid', away_team: 'FC Barcelona', home_rating: 2100, away_rating: 2050, home_advantage: 100 }
const run = (event: EventInput, seed = 11, n = 2_000): SimulationResult => simulate(normaliseSimulation(event, { n_simulations: n, seed }))

const singleViews: Array<[string, TSchema, (r: SimulationResult) => unknown]> = [
  ['headline_pick', HeadlinePickView, headlinePickView],
  ['full_distribution', FullDistributionView, fullDistributionView],
  ['scenario_extremes', ScenarioExtremesView, scenarioExtremesView],
  ['deep_dive_educational', DeepDiveView, deepDiveView],
  ['v1', V1SimulationView, v1View]
]

function schemaErrors (schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, simulationViewSchemas, value)].map((e) => `${e.path}: ${e.message}`)
}

t.test('every view validates against its schema', async (t) => {
  const results = [run(classic), run({ ...classic, sport: 'tennis', rating_uncertainty: 0 }), run({ ...classic, home_rating: 900, draw_rate: 0.5 })]
  const check = (name: string, schema: TSchema, value: unknown): void => {
    t.ok(Value.Check(schema, simulationViewSchemas, value), name)
    t.same(schemaErrors(schema, value), [], `${name}: no schema errors`)
  }
  for (const r of results) {
    for (const [name, schema, view] of singleViews) check(name, schema, view(r))
  }
  check('comparative_analysis', ComparativeAnalysisView, comparativeAnalysisView(results))
})

t.test('every schema object is closed and every property is described', async (t) => {
  const problems: string[] = []
  const visit = (schema: Record<string, unknown>, path: string): void => {
    if (schema.type === 'object') {
      if (schema.additionalProperties !== false) problems.push(`${path} allows additional properties`)
      for (const [key, property] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
        if (typeof property.description !== 'string' || property.description === '') problems.push(`${path}.${key} has no description`)
        visit(property, `${path}.${key}`)
      }
    }
    if (schema.type === 'array') visit(schema.items as Record<string, unknown>, `${path}[]`)
  }
  for (const schema of simulationViewSchemas) {
    t.type(schema.$id, 'string')
    visit(schema as Record<string, unknown>, schema.$id as string)
  }
  t.same(problems, [])
})

t.test('the schemas compose in Fastify through $ref once registered', async (t) => {
  const app = Fastify()
  for (const schema of simulationViewSchemas) app.addSchema(schema)
  const r = run(classic)
  app.get('/deep', { schema: { response: { 200: DeepDiveView } } }, async () => deepDiveView(r))
  app.get('/v1', { schema: { response: { 200: V1SimulationView } } }, async () => v1View(r))
  t.teardown(() => app.close())
  const deep = await app.inject('/deep')
  t.equal(deep.statusCode, 200)
  t.same(deep.json(), JSON.parse(JSON.stringify(deepDiveView(r))), 'serialised without loss')
  t.same((await app.inject('/v1')).json(), JSON.parse(JSON.stringify(v1View(r))))
})

t.test('views project one result without recomputing it', async (t) => {
  const r = run(classic)
  const full = fullDistributionView(r)
  const deep = deepDiveView(r)
  t.equal(full.prob_home, r.scenarios.base.prob_home)
  t.same(full.scenarios.map((s) => s.name), ['conservative', 'base', 'aggressive'])
  t.same(deep.scenarios, full.scenarios)
  t.same(deep.conservative, scenarioExtremesView(r).conservative)
  t.equal(deep.histogram.frequencies.reduce((a, b) => a + b, 0).toFixed(12), '1.000000000000')
  t.same(deep.convergence.closed_form, { prob_home: r.closed_form.home, prob_draw: r.closed_form.draw, prob_away: r.closed_form.away })
  t.same(v1View(r).confidence_intervals['95'], r.scenarios.base.intervals['95'])
  const bounds = scenarioExtremesView(r).bounds
  const all = Object.values(r.scenarios)
  t.equal(bounds.lower, Math.min(...all.map((s) => s.percentiles.p5)))
  t.equal(bounds.upper, Math.max(...all.map((s) => s.percentiles.p95)))
  t.same(bounds.prob_home_range, [Math.min(...all.map((s) => s.prob_home)), Math.max(...all.map((s) => s.prob_home))])
})

t.test('the headline pick is the most frequent outcome with its median probability', async (t) => {
  const r = run(classic)
  const { pick } = headlinePickView(r)
  t.equal(pick.predicted_outcome, 'home')
  t.equal(pick.median_probability, r.median_probabilities.home)
  const underdog = headlinePickView(run({ ...classic, home_rating: 1700 }))
  t.equal(underdog.pick.predicted_outcome, 'away')
})

t.test('pick confidence follows the documented rule', async (t) => {
  const tennis: EventInput = { sport: 'tennis', home_team: 'First', away_team: 'Second', home_rating: 2000, away_rating: 2000, home_advantage: 0 }
  t.equal(pickConfidence(run({ ...classic, home_rating: 2400, rating_uncertainty: 20 }, 1, 5_000)), 'high', 'wide margin, low volatility')
  t.equal(pickConfidence(run({ ...classic, home_rating: 2120, away_rating: 1950 }, 1, 5_000)), 'high', 'the largest classic gap')
  t.equal(pickConfidence(run(classic, 1, 5_000)), 'moderate', 'a 59 % favourite in a three-way market')
  t.equal(pickConfidence(run(tennis, 1, 5_000)), 'low', 'even contest')
  t.equal(pickConfidence(run({ ...tennis, home_rating: 2060 }, 1, 100)), 'low', 'a 22-point margin is within 3 standard errors at 100 simulations')
  t.equal(pickConfidence(run({ ...tennis, home_rating: 2300, rating_uncertainty: 300 }, 1, 5_000)), 'low', 'volatility of 60 or more')
})

t.test('the comparison is ordered by volatility and names the extremes', async (t) => {
  const results = [
    run({ ...classic, rating_uncertainty: 10 }),
    run({ ...classic, event_id: 'volatile-one', home_team: 'Alpha', away_team: 'Beta', rating_uncertainty: 300 }),
    run({ ...classic, home_team: 'Gamma', away_team: 'Delta', rating_uncertainty: 100 })
  ]
  const view = comparativeAnalysisView(results)
  t.same(view.events.map((e) => e.label), ['Real Madrid v FC Barcelona', 'volatile-one', 'Gamma v Delta'], 'events in request order')
  t.same(view.comparison.map((row) => row.label), ['volatile-one', 'Gamma v Delta', 'Real Madrid v FC Barcelona'])
  t.equal(view.most_uncertain, 'volatile-one')
  t.equal(view.least_uncertain, 'Real Madrid v FC Barcelona')
  t.throws(() => comparativeAnalysisView(results.slice(0, 1)), RangeError)
  t.throws(() => comparativeAnalysisView(Array(11).fill(results[0])), RangeError)
})

t.test('a relabelled result reads as the new request and keeps its numbers', async (t) => {
  const r = run(classic)
  const relabelled = relabelResult(r, { home_team: 'Blue', away_team: 'Red', event_id: null })
  const view = deepDiveView(relabelled)
  t.match(view.explanation.summary, /Blue/)
  t.notMatch(JSON.stringify(view), /Real Madrid|Barcelona/)
  t.equal(view.prob_home, deepDiveView(r).prob_home)
  t.equal(r.inputs.event.home_team, 'Real Madrid', 'the cached result is not mutated')
})

t.test('no generated text uses gambling language (SPEC §1.8)', async (t) => {
  const offending = new Set<string>()
  const check = (value: unknown): void => { for (const text of textsOf(value)) if (FORBIDDEN.test(text)) offending.add(text) }
  fc.assert(fc.property(
    fc.constantFrom('football', 'basketball', 'american_football', 'tennis', 'mma'),
    fc.integer({ min: 0, max: 4000 }),
    fc.integer({ min: 0, max: 4000 }),
    fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
    fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    fc.integer({ min: 100, max: 1_500 }),
    fc.record({ data_age_days: fc.integer({ min: 0, max: 100 }), sample_size: fc.integer({ min: 0, max: 5_000 }), features_present: fc.dictionary(fc.constantFrom('form', 'lineups'), fc.boolean()) }, { requiredKeys: [] }),
    (sport, homeRating, awayRating, drawRate, uncertainty, n, context) => {
      const event = { sport, home_team: 'Home', away_team: 'Away', home_rating: homeRating, away_rating: awayRating, draw_rate: drawRate, rating_uncertainty: uncertainty }
      const r = simulate(normaliseSimulation(event, { n_simulations: n }, context))
      for (const [, , view] of singleViews) check(view(r))
      check(comparativeAnalysisView([r, r]))
      check(r)
    }
  ), { numRuns: 200 })
  check(listCatalogEvents())
  t.same([...offending], [])
  t.ok(FORBIDDEN.test('a sure thing') && FORBIDDEN.test("can't lose") && FORBIDDEN.test('Odds'), 'the pattern itself works')
})
