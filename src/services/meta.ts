import { MODEL_VERSION } from '../engine/index.js'
import type { SimulationMeta } from '../schemas/simulation.js'
import type { SimulationOutcome } from '../../plugins/app/simulation.js'

/** `meta` of every simulation answer (docs/API.md, "Simulation answers"). A replay flips idempotency_replay when it is served. */
export function simulationMeta (requestId: string, outcome: SimulationOutcome): SimulationMeta {
  return {
    request_id: requestId,
    fingerprint: outcome.fingerprint,
    model_version: MODEL_VERSION,
    cache_hit: outcome.cacheHit,
    idempotency_replay: false,
    tokens_charged: outcome.charge.tokens_charged,
    ...(outcome.charge.balance_after !== null ? { balance_after: outcome.charge.balance_after } : {}),
    entitlement_reused: outcome.charge.already_owned
  }
}
