import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import {
  BalanceV2, LedgerPage, LedgerQuery, LedgerTransaction, RefundBody, TiersResponse, TopupBody, TopupResponse, UndeliveredCharges
} from '../../../schemas/tokens.js'
import { DEPTHS, DEPTH_COST, DEPTH_DESCRIPTION, ENTITLEMENT_HOURS, SEASON_OUTLOOK, SEASON_OUTLOOK_COST, SEASON_OUTLOOK_DESCRIPTION, V1_SIMULATION_COST } from '../../../billing/prices.js'
import type { Actor } from '../../../ledger/index.js'

const actorSecurity = [{ bearerAuth: [] }]
const adminSecurity = [{ adminAuth: [] }]

/** The v2 balance, the ledger, top-ups, refunds and the tier table. An actor only ever sees its own tokens. */
const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v2/tokens/balance', {
    config: { auth: 'actor' },
    schema: {
      operationId: 'getTokenBalance',
      summary: 'Token balance',
      description: 'The calling actor\'s balance. The first authenticated request of each UTC day adds the daily grant first.',
      tags: ['tokens'],
      security: actorSecurity,
      response: { 200: BalanceV2, ...problemResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    const balance = await app.storage.ledger.balance((request.actor as Actor).actor_id)
    return { user_id: balance.actor_id, balance: balance.balance, last_updated: balance.last_updated }
  })

  app.get('/api/v2/tokens/ledger', {
    config: { auth: 'actor' },
    schema: {
      operationId: 'getTokenLedger',
      summary: 'Ledger of the calling actor',
      description: 'Every grant, spend, refund, top-up and denied attempt of the calling actor, newest first, cursor-paginated.',
      tags: ['tokens'],
      security: actorSecurity,
      querystring: LedgerQuery,
      response: { 200: LedgerPage, ...problemResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    const actorId = (request.actor as Actor).actor_id
    const page = await app.storage.ledger.history(actorId, { limit: request.query.limit, cursor: request.query.cursor })
    return { user_id: actorId, transactions: page.entries, next_cursor: page.next_cursor }
  })

  app.post('/api/v2/tokens/topup', {
    config: { auth: 'admin', idempotent: true },
    schema: {
      operationId: 'topUpTokens',
      summary: 'Add tokens to an actor (admin)',
      description: 'Credits an actor after a payment. A repeated payment_id never adds twice: it returns the original result with replayed=true.',
      tags: ['tokens'],
      security: adminSecurity,
      body: TopupBody,
      response: { 200: TopupResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request) => {
    const { user_id: actorId, amount, payment_id: paymentId } = request.body
    const result = await app.billing.topup({ actorId, amount, paymentId, requestId: request.id, idempotency: request.idempotency })
    return {
      user_id: actorId,
      balance: result.entry.balance_after,
      amount_added: result.entry.amount,
      transaction_id: result.entry.transaction_id,
      timestamp: result.entry.timestamp,
      replayed: result.replayed
    }
  })

  app.post('/api/v2/tokens/refund', {
    config: { auth: 'admin', idempotent: true },
    schema: {
      operationId: 'refundTokens',
      summary: 'Refund a spend (admin)',
      description: 'Writes a refund entry that gives back the tokens of one spend. A spend can be refunded once (409 already_refunded); grants, top-ups and refunds cannot be refunded (422 not_refundable).',
      tags: ['tokens'],
      security: adminSecurity,
      body: RefundBody,
      response: { 200: LedgerTransaction, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request) => {
    return await app.billing.refund({
      transactionId: request.body.transaction_id,
      reason: request.body.reason,
      requestId: request.id,
      idempotency: request.idempotency
    })
  })

  app.get('/api/v2/admin/charges/undelivered', {
    config: { auth: 'admin' },
    schema: {
      operationId: 'listUndeliveredCharges',
      summary: 'Charges never delivered (admin)',
      description: 'Simulation charges past their lease (CHARGE_LEASE_MS) with neither a delivery mark nor a refund: ' +
        'the database failed between the charge and the answer, or the process died there. The sweeper refunds them ' +
        'at start and periodically; a charge listed here for long means its refund keeps failing (docs/LEDGER.md, "Delivery").',
      tags: ['tokens'],
      security: adminSecurity,
      response: { 200: UndeliveredCharges, ...problemResponses(401, 403, 429, 503) }
    }
  }, async () => {
    return { lease_ms: app.config.chargeLeaseMs, charges: await app.billing.undelivered(app.config.chargeLeaseMs) }
  })

  app.get('/api/v2/tiers', {
    config: { auth: 'none' },
    schema: {
      operationId: 'getTiers',
      summary: 'Depth tiers and their costs',
      tags: ['tokens'],
      security: [],
      response: { 200: TiersResponse, ...problemResponses(429) }
    }
  }, async () => ({
    tiers: [
      ...DEPTHS.map((depth) => ({ depth, cost_tokens: DEPTH_COST[depth], requires_actor: DEPTH_COST[depth] > 0, description: DEPTH_DESCRIPTION[depth] })),
      { depth: SEASON_OUTLOOK, cost_tokens: SEASON_OUTLOOK_COST, requires_actor: true, description: `${SEASON_OUTLOOK_DESCRIPTION} POST /api/v2/leagues/{league_id}/season.` }
    ],
    v1_simulation_cost: V1_SIMULATION_COST,
    daily_grant: app.config.dailyTokens,
    entitlement_hours: ENTITLEMENT_HOURS,
    note: 'Tokens unlock depth of analysis, never certainty: every depth describes the same uncertain simulation in more detail.'
  }))
}

export default tokenRoutes
