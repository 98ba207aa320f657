import t from 'tap'
import { normaliseSimulation, resolveSport, UnknownSportError } from '../../src/engine/input.js'

const event = { sport: 'football', home_team: 'North', away_team: 'South', home_rating: 1500, away_rating: 1450 }

t.test('defaults are filled per sport and the soccer alias resolves to football', async (t) => {
  const soccer = normaliseSimulation({ ...event, sport: 'soccer' })
  t.same(soccer.event, { ...event, sport: 'football', home_advantage: 100, draw_rate: 0.25, rating_uncertainty: 60, event_id: null })
  t.same(soccer.config.n_simulations, 1000)
  t.same(soccer.config.ci_level, 0.95)
  t.same(soccer.context, { data_age_days: null, event_horizon_days: 7, sample_size: null, features_present: null })
  t.equal(soccer.fingerprint, normaliseSimulation(event).fingerprint, 'soccer and football share the fingerprint')
  t.equal(resolveSport(undefined), 'football')
  const defaults = ['basketball', 'american_football', 'tennis', 'mma'].map((sport) => {
    const { home_advantage: homeAdvantage, draw_rate: drawRate } = normaliseSimulation({ ...event, sport }).event
    return [sport, homeAdvantage, drawRate]
  })
  t.same(defaults, [['basketball', 100, 0], ['american_football', 65, 0], ['tennis', 0, 0], ['mma', 0, 0]])
  t.throws(() => resolveSport('curling'), UnknownSportError)
})

t.test('a sport named like an Object.prototype member is unknown, not an inherited alias', async (t) => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    t.throws(() => resolveSport(name), UnknownSportError, name)
  }
})

t.test('key order and number formatting do not change the fingerprint', async (t) => {
  const reordered = JSON.parse('{"away_rating":1450.0,"home_rating":1500.00,"away_team":"South","home_team":"North","sport":"football"}')
  const a = normaliseSimulation(event, { seed: 7, n_simulations: 2000 })
  const b = normaliseSimulation(reordered, JSON.parse('{"n_simulations":2000.0,"seed":7}'))
  t.equal(a.fingerprint, b.fingerprint)
})

t.test('labels do not change the fingerprint, maths inputs do', async (t) => {
  const base = normaliseSimulation(event, { seed: 1 }).fingerprint
  t.equal(normaliseSimulation({ ...event, home_team: 'Other', away_team: 'Names', event_id: 'some-id' }, { seed: 1 }).fingerprint, base)
  t.not(normaliseSimulation({ ...event, home_rating: 1501 }, { seed: 1 }).fingerprint, base)
  t.not(normaliseSimulation(event, { seed: 2 }).fingerprint, base)
  t.not(normaliseSimulation(event, { seed: 1, ci_level: 0.9 }).fingerprint, base)
  t.not(normaliseSimulation(event, { seed: 1 }, { data_age_days: 3 }).fingerprint, base, 'context changes the uncertainty metrics')
  t.equal(normaliseSimulation(event, { seed: 1 }, { event_horizon_days: 7 }).fingerprint, base, 'a default given explicitly is the same input')
  t.equal(normaliseSimulation(event, { seed: 1 }, { features_present: {} }).fingerprint, base, 'an empty feature map counts as none')
  t.equal(
    normaliseSimulation(event, { seed: 1 }, { features_present: { form: true, injuries: false } }).fingerprint,
    normaliseSimulation(event, { seed: 1 }, { features_present: { injuries: false, form: true } }).fingerprint
  )
})

t.test('an omitted seed is derived from the other inputs; sending it explicitly gives the same fingerprint', async (t) => {
  const derived = normaliseSimulation(event)
  t.ok(derived.seedWasDerived)
  t.ok(Number.isInteger(derived.config.seed) && derived.config.seed >= 0 && derived.config.seed <= 0xffffffff)
  t.equal(normaliseSimulation(event).config.seed, derived.config.seed, 'deterministic')
  t.not(normaliseSimulation({ ...event, away_rating: 1451 }).config.seed, derived.config.seed, 'depends on the inputs')
  const explicit = normaliseSimulation(event, { seed: derived.config.seed })
  t.notOk(explicit.seedWasDerived)
  t.equal(explicit.fingerprint, derived.fingerprint)
})
