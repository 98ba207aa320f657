import t from 'tap'
import { normaliseSimulation, simulate, simulateHeadline } from '../../src/engine/index.js'
import { headlinePickView } from '../../src/simulation/views/headline-pick.js'

// A headline-only run (docs/ENGINE.md, "Headline-only runs") computes the base scenario alone: every
// number it returns must be the one the full run gives, bit for bit.
const EVENTS = [
  { sport: 'football', home_team: 'Home', away_team: 'Away', home_rating: 2150, away_rating: 2080 },
  { sport: 'basketball', home_team: 'Home', away_team: 'Away', home_rating: 1500, away_rating: 1620, rating_uncertainty: 120 },
  { sport: 'tennis', home_team: 'Home', away_team: 'Away', home_rating: 2000, away_rating: 2000, rating_uncertainty: 0 }
]

t.test('the base scenario, medians, uncertainty and the headline view are bit-identical to a full run', async (t) => {
  for (const event of EVENTS) {
    for (const [n, seed] of [[100, 1], [1_000, 42], [20_000, 2 ** 32 - 1]]) {
      const normalised = normaliseSimulation(event, { n_simulations: n, seed }, { data_age_days: 3, sample_size: 40 })
      const full = simulate(normalised)
      const headline = simulateHeadline(normalised)
      const label = `${event.sport} n=${n} seed=${seed}`
      t.equal(headline.scope, 'headline')
      t.strictSame(headline.scenarios.base, full.scenarios.base, `${label}: base scenario`)
      t.strictSame(headline.median_probabilities, full.median_probabilities, `${label}: medians`)
      t.strictSame(headline.uncertainty, full.uncertainty, `${label}: uncertainty`)
      t.strictSame([headline.fingerprint, headline.seed, headline.n_simulations, headline.ci_level, headline.inputs],
        [full.fingerprint, full.seed, full.n_simulations, full.ci_level, full.inputs], `${label}: identity`)
      t.equal(JSON.stringify(headlinePickView(headline)), JSON.stringify(headlinePickView(full)), `${label}: the answer, byte for byte`)
    }
  }
})

t.test('a headline-only run holds no deeper data', async (t) => {
  const headline = simulateHeadline(normaliseSimulation(EVENTS[0], { n_simulations: 500, seed: 3 }))
  t.same(Object.keys(headline.scenarios), ['base'])
  t.notOk('risk' in headline || 'sensitivity' in headline || 'closed_form' in headline)
})
