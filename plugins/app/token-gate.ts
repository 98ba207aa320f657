import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError, unauthorized } from '../../src/errors.js'
import { ENTITLEMENT_HOURS } from '../../src/tiers.js'

/** What a request paid, as reported in `meta` and `transaction_id`. */
export interface Charge {
  tokens_charged: number
  transaction_id: string | null
  entitlement_reused: boolean
  balance_after: number | null
}

export interface ChargeInput {
  /** The feature priced: a v2 depth, or v1_simulation. */
  feature: string
  cost: number
  fingerprint: string
  eventId: string | null
}

declare module 'fastify' {
  interface FastifyInstance {
    tokenGate: {
      /** Decides whether the request may see the feature and charges it atomically (401/402 otherwise). */
      charge: (request: FastifyRequest, input: ChargeInput) => Promise<Charge>
      /** Gives the tokens of a charge back when the computation it paid for failed. */
      refundFailed: (request: FastifyRequest, charge: Charge) => Promise<void>
    }
  }
}

/**
 * Token gating (SPEC §5.1): free features pass; paid ones need an actor, reuse an entitlement
 * bought in the last 24 h, or spend in one transaction that also records the idempotency key.
 * A refused spend leaves a `denied` audit entry and answers 402.
 */
async function tokenGatePlugin (app: FastifyInstance): Promise<void> {
  async function balanceOf (request: FastifyRequest): Promise<number | null> {
    return request.actor === null ? null : (await app.ledger.balance(request.actor.actor_id)).balance
  }

  async function charge (request: FastifyRequest, input: ChargeInput): Promise<Charge> {
    const { actor } = request
    if (input.cost === 0) {
      return { tokens_charged: 0, transaction_id: null, entitlement_reused: false, balance_after: await balanceOf(request) }
    }
    if (actor === null) {
      throw unauthorized(`${input.feature} costs ${input.cost} tokens and needs an actor: send Authorization: Bearer <api_key> (create one with POST /api/v2/actors). headline_pick is free without one.`)
    }
    // A retry that took over a crashed attempt which had already paid: the charge stands, once.
    const resumed = request.idempotency?.resumedCharge ?? null
    if (resumed !== null) {
      return { tokens_charged: input.cost, transaction_id: resumed, entitlement_reused: false, balance_after: await balanceOf(request) }
    }
    const since = new Date(app.now().getTime() - ENTITLEMENT_HOURS * 3_600_000)
    const entitlement = await app.ledger.findEntitlement(actor.actor_id, input.fingerprint, input.feature, since)
    if (entitlement !== null) {
      return { tokens_charged: 0, transaction_id: null, entitlement_reused: true, balance_after: await balanceOf(request) }
    }
    const spent = await app.ledger.spend({
      actorId: actor.actor_id,
      amount: input.cost,
      feature: input.feature,
      reason: 'simulation',
      eventId: input.eventId ?? undefined,
      fingerprint: input.fingerprint,
      requestId: request.id,
      idempotencyKey: request.idempotency?.key,
      inTransaction: request.idempotencyHook
    })
    if (!spent.ok) {
      app.metrics.tokenDenials.inc({ feature: input.feature })
      throw new ProblemError(402, 'insufficient_tokens',
        `${input.feature} costs ${spent.required} tokens and the balance is ${spent.available}. Top up, wait for the daily grant, or use headline_pick, which is free.`,
        { required_tokens: spent.required, available_tokens: spent.available, feature: input.feature })
    }
    app.metrics.tokensSpent.inc({ feature: input.feature }, input.cost)
    return { tokens_charged: input.cost, transaction_id: spent.entry.transaction_id, entitlement_reused: false, balance_after: spent.entry.balance_after }
  }

  async function refundFailed (request: FastifyRequest, paid: Charge): Promise<void> {
    if (paid.transaction_id === null) return
    const entry = await app.ledger.refund({ transactionId: paid.transaction_id, reason: 'simulation_failed', requestId: request.id })
    app.metrics.tokensRefunded.inc({ reason: 'simulation_failed' }, entry.amount)
  }

  app.decorate('tokenGate', { charge, refundFailed })
}

export default fp(tokenGatePlugin, { name: 'token-gate', dependencies: ['ledger', 'metrics', 'auth', 'idempotency'] })
