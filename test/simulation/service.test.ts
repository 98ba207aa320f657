/**
 * SimulationService without Fastify (src/simulation/service.ts): a plain caller, a billing stand-in
 * that records what it is asked, the real cache and runner.
 */
import t from 'tap'
import { BillingError, priceOf, type Charge, type PaidAction } from '../../src/billing/index.js'
import { createSimulationCache } from '../../src/simulation/cache.js'
import { createSimulationRunner } from '../../src/simulation/runner.js'
import { SimulationService } from '../../src/simulation/service.js'

const event = { sport: 'football', home_team: 'Home', away_team: 'Away', home_rating: 2150, away_rating: 2080 }
const anonymous = { actorId: null, requestId: 'req-1', idempotency: null }
const actor = { actorId: 'act_1', requestId: 'req-2', idempotency: null }

function fixture (charge: (action: PaidAction) => Promise<Charge>) {
  const asked: PaidAction[] = []
  const computed: Array<[string, number]> = []
  const admissions = { admitted: 0, cancelled: 0 }
  const runner = createSimulationRunner()
  const service = new SimulationService({
    cache: createSimulationCache({ maxEntries: 10, ttlSeconds: 60, shared: null, onHit: () => {}, onMiss: () => {} }),
    runner: {
      admit: (list, scope) => {
        admissions.admitted++
        const admission = runner.admit(list, scope)
        return { ...admission, cancel: () => { admissions.cancelled++; admission.cancel() } }
      }
    },
    billing: { charge: async (action) => { asked.push(action); return await charge(action) } },
    onComputed: (feature, count) => computed.push([feature, count])
  })
  return { service, asked, computed, admissions }
}

const paid = async (action: PaidAction): Promise<Charge> =>
  ({ actor_id: action.actorId, tokens_charged: priceOf(action.purchase).cost, transaction_id: 'tx_1', already_owned: false, balance_after: 7 })

t.test('a free request of an anonymous caller is never billed, computed once, then a cache hit', async (t) => {
  const { service, asked, computed } = fixture(paid)
  const plan = { feature: 'headline_pick' as const, simulations: [service.normalise(event, { seed: 1 }, {})], eventId: null, scope: 'headline' as const }
  const charged: Charge[] = []
  const first = await service.execute(anonymous, plan, (c) => charged.push(c))
  const again = await service.execute(anonymous, plan, (c) => charged.push(c))
  t.same([first.cacheHit, again.cacheHit], [false, true])
  t.same(again.charge, { actor_id: null, tokens_charged: 0, transaction_id: null, already_owned: false, balance_after: null })
  t.same(asked, [], 'billing was not asked')
  t.same(charged, [], 'no charge handed on')
  t.same(computed, [['headline_pick', 1]], 'computed once')
  t.equal(again.answers !== undefined, true, 'one simulation: its serialised answers travel with the outcome')
})

t.test('a paid request is billed for its fingerprint, and the charge is handed to onCharged', async (t) => {
  const { service, asked } = fixture(paid)
  const simulation = service.normalise(event, { seed: 2 }, {})
  t.equal(service.normalise(event, { seed: 2 }, {}), simulation, 'repeated inputs reuse the normalised simulation')
  const charged: Charge[] = []
  const outcome = await service.execute(actor, { feature: 'full_distribution', simulations: [simulation], eventId: 'e1', scope: 'full' }, (c) => charged.push(c))
  t.match(asked, [{ actorId: 'act_1', purchase: { kind: 'entitlement', tier: 'full_distribution', fingerprint: simulation.fingerprint }, eventId: 'e1', requestId: 'req-2' }])
  t.same(charged, [outcome.charge])
  t.equal(outcome.charge.transaction_id, 'tx_1')
})

t.test('a refused charge gives the admission back and computes nothing', async (t) => {
  const { service, computed, admissions } = fixture(async () => { throw new BillingError('insufficient_tokens', 'short') })
  const plan = { feature: 'full_distribution' as const, simulations: [service.normalise(event, { seed: 3 }, {})], eventId: null, scope: 'full' as const }
  await t.rejects(service.execute(actor, plan), BillingError)
  t.same(admissions, { admitted: 1, cancelled: 1 })
  t.same(computed, [])
})
