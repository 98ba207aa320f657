import { MODEL_VERSION } from '../engine/index.js'
import type { Charge } from '../billing/index.js'
import type { SimulationMeta } from '../schemas/simulation.js'

/** What `meta` reports of how an answer was computed and paid for. */
export interface AnswerProvenance {
  fingerprint: string
  cacheHit: boolean
  charge: Pick<Charge, 'tokens_charged' | 'balance_after' | 'already_owned'>
}

/** `meta` of every simulation answer (docs/API.md, "Simulation answers"). A replay flips idempotency_replay when it is served. */
export function simulationMeta (requestId: string, outcome: AnswerProvenance): SimulationMeta {
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
