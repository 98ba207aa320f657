import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LabIdempotencyHeaders } from '../../../schemas/headers.js'
import { problemResponses } from '../../../schemas/common.js'
import { LabModuleDetail, LabModuleList, LabModuleParams, LabProgress, LabQuizBody, LabQuizResult, LabUnlockResponse } from '../../../schemas/lab.js'
import { moduleSummary, moduleView, progressOf } from '../../../lab/rules.js'
import type { Actor } from '../../../ledger/index.js'
import type { LabCaller } from '../../../lab/service.js'
import type { FastifyRequest } from 'fastify'

/** The caller of a route with `config.auth: 'actor'` (the auth hook has set the actor). */
const callerOf = (request: FastifyRequest): LabCaller => ({ actorId: (request.actor as Actor).actor_id, requestId: request.id, idempotency: request.idempotency })

const optionalActor: Array<Record<string, string[]>> = [{}, { bearerAuth: [] }]
const actorSecurity = [{ bearerAuth: [] }]

/**
 * The Trickster Lab (docs/LAB.md): modules, their locked previews, unlocks, quizzes and progress.
 * Failures come in this order: 401, 404, 403 (quiz on a locked module), 409 (prerequisites),
 * 400 (the answers), 402 (tokens).
 */
const labRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v2/lab/modules', {
    config: { auth: 'optional' },
    schema: {
      operationId: 'listLabModules',
      summary: 'List the Lab modules',
      description: 'Every learning module in teaching order. With an actor, `unlocked` and `completed` are that actor\'s; anonymously they are null.',
      tags: ['lab'],
      security: optionalActor,
      response: { 200: LabModuleList, ...problemResponses(400, 401, 403, 429, 500) }
    }
  }, async (request) => {
    const standing = await app.lab.standingFor(request.actor?.actor_id ?? null)
    return { modules: app.lab.catalog.modules.map((module) => moduleSummary(module, standing)) }
  })

  app.get('/api/v2/lab/modules/:module_id', {
    config: { auth: 'optional' },
    schema: {
      operationId: 'getLabModule',
      summary: 'Read a Lab module',
      description: 'The whole module when it is free or unlocked by the calling actor; otherwise `locked: true` with the first section as a preview and an empty quiz. Quiz questions never carry their answers.',
      tags: ['lab'],
      security: optionalActor,
      params: LabModuleParams,
      response: { 200: LabModuleDetail, ...problemResponses(400, 401, 403, 404, 429, 500) }
    }
  }, async (request) => {
    const module = app.lab.module(request.params.module_id)
    return moduleView(module, await app.lab.standingFor(request.actor?.actor_id ?? null))
  })

  app.post('/api/v2/lab/modules/:module_id/unlock', {
    config: { auth: 'actor', idempotent: true },
    schema: {
      operationId: 'unlockLabModule',
      summary: 'Unlock a paid Lab module',
      description: 'Spends the module\'s cost_tokens once per actor, ever (ledger feature `lab_module:<module_id>`), after every prerequisite is completed. ' +
        'A second unlock, or the unlock of a free module, answers 200 with `already_unlocked: true` and charges nothing. Send Idempotency-Key to make retries safe.',
      tags: ['lab'],
      security: actorSecurity,
      params: LabModuleParams,
      headers: LabIdempotencyHeaders,
      response: { 200: LabUnlockResponse, ...problemResponses(400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500) }
    }
  }, async (request) => {
    return await app.lab.unlock(callerOf(request), app.lab.module(request.params.module_id))
  })

  app.post('/api/v2/lab/modules/:module_id/quiz', {
    config: { auth: 'actor', idempotent: true },
    schema: {
      operationId: 'submitLabQuiz',
      summary: 'Submit a Lab quiz',
      description: 'Grades one answer per question. Passing (score / total ≥ 0.8) completes the module for good; every attempt is kept. ' +
        'The module must be free or unlocked (403 module_locked). Unknown or repeated questions, unknown choices and missing answers are 400 validation_error, each named.',
      tags: ['lab'],
      security: actorSecurity,
      params: LabModuleParams,
      headers: LabIdempotencyHeaders,
      body: LabQuizBody,
      response: { 200: LabQuizResult, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 500) }
    }
  }, async (request) => {
    return await app.lab.submitQuiz(callerOf(request), app.lab.module(request.params.module_id), request.body.answers)
  })

  app.get('/api/v2/lab/progress', {
    config: { auth: 'actor' },
    schema: {
      operationId: 'getLabProgress',
      summary: 'Progress through the Lab',
      description: 'Per module: unlocked, completed, best score, attempts and completion time; and the tokens spent on unlocks.',
      tags: ['lab'],
      security: actorSecurity,
      response: { 200: LabProgress, ...problemResponses(400, 401, 403, 429, 500) }
    }
  }, async (request) => {
    const actor = request.actor as Actor
    const record = await app.lab.recordOf(actor.actor_id)
    return { user_id: actor.actor_id, modules: progressOf(app.lab.catalog, record), tokens_spent_on_lab: record.tokens_spent }
  })
}

export default labRoutes
