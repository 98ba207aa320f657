import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import { ActorSignupBody, AdminActorBody, CreatedActor } from '../../../schemas/tokens.js'

const KEY_NOTE = 'Keep this key secret: it is shown once and stored only as a hash. ' +
  'Send it as Authorization: Bearer <api_key>. Each UTC day your first authenticated request adds the daily token grant.'

/** Actor creation: public self sign-up (strictly rate limited) and admin creation. */
const actorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v2/actors', {
    // The body is optional: a bare POST creates an unlabelled actor.
    preValidation: async (request) => { request.body ??= {} },
    config: { auth: 'none', idempotent: true, idempotencyRedact: ['api_key'], rateLimitPolicy: 'signup' },
    schema: {
      operationId: 'createActor',
      summary: 'Create an actor (self sign-up)',
      description: 'Creates an actor and returns its API key once. Limited to 5 sign-ups per hour per IP. ' +
        'An idempotent replay returns the same actor_id with api_key null: the key is never stored in clear, so it cannot be shown twice.',
      tags: ['actors'],
      security: [],
      body: ActorSignupBody,
      response: { 201: CreatedActor, ...problemResponses(400, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const created = await app.storage.ledger.createActor({ label: request.body?.label })
    return reply.code(201).send({ ...created, note: KEY_NOTE })
  })

  app.post('/api/v2/admin/actors', {
    preValidation: async (request) => { request.body ??= {} },
    config: { auth: 'admin', idempotent: true, idempotencyRedact: ['api_key'] },
    schema: {
      operationId: 'adminCreateActor',
      summary: 'Create an actor (admin)',
      description: 'Creates an actor, optionally with a chosen id, and returns its API key once.',
      tags: ['actors'],
      security: [{ adminAuth: [] }],
      body: AdminActorBody,
      response: { 201: CreatedActor, ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const created = await app.storage.ledger.createActor({ label: request.body?.label, actorId: request.body?.actor_id })
    return reply.code(201).send({ ...created, note: KEY_NOTE })
  })
}

export default actorRoutes
