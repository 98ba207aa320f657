import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdempotencyHeaders } from '../../../schemas/headers.js'
import { performance } from 'node:perf_hooks'
import { problemResponses } from '../../../schemas/common.js'
import { LeagueParams, SeasonAnswer, SeasonBody } from '../../../schemas/leagues.js'
import { SEASON_OUTLOOK, tierCost } from '../../../billing/prices.js'
import { simulationMeta } from '../../../simulation/meta.js'

/**
 * POST /api/v2/leagues/{league_id}/season (SPEC §13.4; docs/API.md "Leagues"): the season outlook,
 * a paid tier charged by the billing service exactly like a depth — entitlement per fingerprint
 * (which includes the league's data version) for 24 h, idempotency, 402 with the cost, and the
 * refund of the billing plugin when the answer is not a 2xx.
 */
const leagueSeasonRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v2/leagues/:league_id/season', {
    preValidation: async (request) => { request.body ??= {} },
    config: { auth: 'optional', idempotent: true, charged: true, rateLimitPolicy: 'simulation' },
    schema: {
      operationId: 'simulateLeagueSeason',
      summary: 'Simulate the rest of a league\'s season',
      description: `Costs ${tierCost(SEASON_OUTLOOK)} tokens (tier ${SEASON_OUTLOOK} in GET /api/v2/tiers), charged once per inputs per 24 h. ` +
        'Each iteration draws every team\'s rating once from its fitted uncertainty, then every remaining fixture by the §3.2 model. Deterministic with a seed; cached by fingerprint; runs on a worker thread.',
      tags: ['leagues'],
      security: [{ bearerAuth: [] }],
      params: LeagueParams,
      body: SeasonBody,
      headers: IdempotencyHeaders,
      response: { 200: SeasonAnswer, ...problemResponses(400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500, 503) }
    }
  }, async (request) => {
    // Everything that can be refused is refused before the charge, the worker pool's queue over its
    // bound (503 overloaded) included.
    const plan = await app.leagues.outlookPlan(request.params.league_id, request.body ?? {})
    const reservation = app.leagues.reserveOutlook(plan)
    let charge
    try {
      charge = await app.billing.charge({
        actorId: request.actor?.actor_id ?? null,
        purchase: { kind: 'entitlement', tier: SEASON_OUTLOOK, fingerprint: plan.fingerprint },
        eventId: null,
        requestId: request.id,
        idempotency: request.idempotency
      })
    } catch (err) {
      reservation.cancel()
      throw err
    }
    request.charge = charge
    const started = performance.now()
    const { view, cacheHit } = await reservation.run()
    return {
      ...view,
      cost_tokens: tierCost(SEASON_OUTLOOK),
      execution_time_ms: Number((performance.now() - started).toFixed(3)),
      meta: simulationMeta(request.id, { fingerprint: plan.fingerprint, cacheHit, charge }),
      ...(charge.transaction_id !== null ? { transaction_id: charge.transaction_id } : {})
    }
  })
}

export default leagueSeasonRoutes
