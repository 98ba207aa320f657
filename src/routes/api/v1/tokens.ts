import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import { BalanceV1 } from '../../../schemas/tokens.js'
import type { Actor } from '../../../ledger/index.js'

const actorSecurity = [{ bearerAuth: [] }]

/** The v1 balance (and its legacy alias): the actor's own tokens in the v1 shape. */
const v1TokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const balanceV1 = {
    config: { auth: 'actor' as const, v1Successor: '/api/v2/tokens/balance' },
    schema: {
      summary: 'Token balance (v1 shape)',
      tags: ['tokens'],
      security: actorSecurity,
      response: { 200: BalanceV1, ...problemResponses(400, 401, 403, 410, 429, 503) }
    }
  }
  const handleBalanceV1 = async (request: { actor: Actor | null }) => {
    const actor = request.actor as Actor
    return await app.storage.ledger.balance(actor.actor_id)
  }
  app.get('/api/balance', { ...balanceV1, schema: { ...balanceV1.schema, operationId: 'getBalanceLegacy', description: 'Legacy alias of GET /api/v1/balance.' } }, handleBalanceV1)
  app.get('/api/v1/balance', { ...balanceV1, schema: { ...balanceV1.schema, operationId: 'getBalanceV1' } }, handleBalanceV1)
}

export default v1TokenRoutes
