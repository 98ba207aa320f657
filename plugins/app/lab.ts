import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError, validationFailed } from '../../src/errors.js'
import type { LabCatalog, LabModule } from '../../src/lab/content.js'
import {
  gradeQuiz, isFree, missingPrerequisites, standingOf, type LabStanding, type QuizAnswer, type QuizGrade
} from '../../src/lab/rules.js'
import type { LabActorRecord } from '../../src/lab/store.js'
import { labFeature, type Charge } from '../../src/billing/index.js'
import type { Actor } from '../../src/ledger/index.js'

/** The answer of POST /api/v2/lab/modules/{module_id}/unlock. */
export interface UnlockAnswer {
  module_id: string
  unlocked: true
  tokens_charged: number
  already_unlocked: boolean
  transaction_id: string | null
  balance_after: number
}

/** The answer of POST /api/v2/lab/modules/{module_id}/quiz. */
export interface QuizAnswerSheet extends QuizGrade {
  module_id: string
  completed: boolean
}

export interface Lab {
  catalog: LabCatalog
  /** The module, or 404 module_not_found. */
  moduleOr404: (moduleId: string) => LabModule
  /** What the caller holds; null for an anonymous caller. */
  standingFor: (actor: Actor | null) => Promise<LabStanding | null>
  /** Everything stored about the actor (progress). */
  recordOf: (actor: Actor) => Promise<LabActorRecord>
  /** Unlocks a module for the requesting actor, charging it once ever (409 / 402 otherwise). */
  unlock: (request: FastifyRequest, module: LabModule) => Promise<UnlockAnswer>
  /** Grades and records a quiz attempt of the requesting actor (403 / 400 otherwise). */
  submitQuiz: (request: FastifyRequest, module: LabModule, answers: readonly QuizAnswer[]) => Promise<QuizAnswerSheet>
}

declare module 'fastify' {
  interface FastifyInstance {
    lab: Lab
  }
}

export interface LabPluginOptions {
  /** The modules, loaded and checked at start-up (src/app.ts). */
  catalog: LabCatalog
}

/**
 * The Trickster Lab (docs/LAB.md): the modules, progress in the Lab store (`storage.lab`), and the
 * unlock's charge through the billing service.
 */
async function labPlugin (app: FastifyInstance, { catalog }: LabPluginOptions): Promise<void> {
  const store = app.storage.lab

  function moduleOr404 (moduleId: string): LabModule {
    const module = catalog.byId.get(moduleId)
    if (module === undefined) throw new ProblemError(404, 'module_not_found', `No Lab module "${moduleId}". GET /api/v2/lab/modules lists them.`)
    return module
  }

  async function recordOf (actor: Actor): Promise<LabActorRecord> {
    return await store.actorRecord(actor.actor_id)
  }

  async function standingFor (actor: Actor | null): Promise<LabStanding | null> {
    return actor === null ? null : standingOf(await recordOf(actor))
  }

  /**
   * The unlock's money, in one place: the billing service's unit of work, serialised per actor,
   * finds an earlier unlock (or the charge of a crashed attempt this retry took over), or spends and
   * writes the unlock row and the idempotency record with it; a short balance leaves a `denied`
   * entry and answers 402.
   */
  async function payForUnlock (request: FastifyRequest, actorId: string, module: LabModule): Promise<Charge> {
    return await app.billing.charge({
      actorId,
      feature: labFeature(module.module_id),
      cost: module.cost_tokens,
      purchase: { kind: 'unlock', moduleId: module.module_id },
      eventId: null,
      requestId: request.id,
      idempotency: request.idempotency
    })
  }

  async function unlock (request: FastifyRequest, module: LabModule): Promise<UnlockAnswer> {
    const actorId = (request.actor as Actor).actor_id
    const answer = (charge: Pick<Charge, 'tokens_charged' | 'transaction_id' | 'already_owned'>, balanceAfter: number): UnlockAnswer => ({
      module_id: module.module_id,
      unlocked: true,
      tokens_charged: charge.tokens_charged,
      already_unlocked: charge.already_owned,
      transaction_id: charge.transaction_id,
      balance_after: balanceAfter
    })
    if (isFree(module)) {
      const { balance } = await app.storage.ledger.balance(actorId)
      return answer({ tokens_charged: 0, transaction_id: null, already_owned: true }, balance)
    }
    // Prerequisites guard a purchase; a module unlocked before is the billing service's to confirm.
    if (await store.findUnlock(actorId, module.module_id) === null) {
      const missing = missingPrerequisites(module, standingOf(await store.actorRecord(actorId)))
      if (missing.length > 0) {
        throw new ProblemError(409, 'prerequisites_incomplete',
          `Pass the quiz of ${missing.join(' and ')} before unlocking ${module.module_id}.`, { missing })
      }
    }
    const charge = await payForUnlock(request, actorId, module)
    if (charge.transaction_id !== null) app.metrics.labUnlocks.inc({ module_id: module.module_id })
    return answer(charge, charge.balance_after as number)
  }

  async function submitQuiz (request: FastifyRequest, module: LabModule, answers: readonly QuizAnswer[]): Promise<QuizAnswerSheet> {
    const actorId = (request.actor as Actor).actor_id
    if (!isFree(module) && await store.findUnlock(actorId, module.module_id) === null) {
      throw new ProblemError(403, 'module_locked', `Unlock ${module.module_id} (POST /api/v2/lab/modules/${module.module_id}/unlock) before taking its quiz.`)
    }
    const outcome = gradeQuiz(module, answers)
    if (!outcome.ok) throw validationFailed(outcome.issues)
    const { grade } = outcome
    const recorded = await store.recordAttempt({
      actorId, moduleId: module.module_id, score: grade.score, total: grade.total, passed: grade.passed, answers, requestId: request.id
    })
    app.metrics.labQuizAttempts.inc({ module_id: module.module_id, result: grade.passed ? 'passed' : 'failed' })
    return {
      module_id: module.module_id,
      score: grade.score,
      total: grade.total,
      passed: grade.passed,
      completed: recorded.completed_at !== null,
      results: grade.results
    }
  }

  app.decorate('lab', { catalog, moduleOr404, standingFor, recordOf, unlock, submitQuiz })
}

export default fp(labPlugin, { name: 'lab', dependencies: ['config', 'storage', 'billing', 'auth', 'idempotency', 'metrics'] })
