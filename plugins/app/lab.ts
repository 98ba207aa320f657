import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError, validationFailed } from '../../src/errors.js'
import type { LabCatalog, LabModule } from '../../src/lab/content.js'
import {
  gradeQuiz, isFree, missingPrerequisites, standingOf, type LabStanding, type QuizAnswer, type QuizGrade
} from '../../src/lab/rules.js'
import type { LabActorRecord } from '../../src/lab/store.js'
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
 * The Trickster Lab (docs/LAB.md): the modules, progress in the Lab store, and the unlock, charged
 * once per actor ever by the billing service.
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

  async function balanceOf (actorId: string): Promise<number> {
    return (await app.storage.ledger.balance(actorId)).balance
  }

  /**
   * Prerequisites first (completions are never undone, so this read cannot go stale); then the
   * billing service, which in one unit of work finds an earlier unlock, or debits and records the
   * unlock with the idempotency record — once per actor, ever, under any concurrency.
   */
  async function unlock (request: FastifyRequest, module: LabModule): Promise<UnlockAnswer> {
    const actorId = (request.actor as Actor).actor_id
    // SPEC §8: unlocking needs every prerequisite completed, free modules included.
    if (isFree(module) || await store.findUnlock(actorId, module.module_id) === null) await requirePrerequisites(actorId, module, 'unlocking')
    if (isFree(module)) {
      return { module_id: module.module_id, unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: await balanceOf(actorId) }
    }
    const charge = await app.billing.charge({
      actorId,
      purchase: { kind: 'unlock', module },
      eventId: null,
      requestId: request.id,
      idempotency: request.idempotency
    })
    if (!charge.already_owned) app.metrics.labUnlocks.inc({ module_id: module.module_id })
    return {
      module_id: module.module_id,
      unlocked: true,
      tokens_charged: charge.tokens_charged,
      already_unlocked: charge.already_owned,
      transaction_id: charge.transaction_id,
      balance_after: charge.balance_after ?? await balanceOf(actorId)
    }
  }

  /** 409 prerequisites_incomplete unless every prerequisite of `module` is completed. */
  async function requirePrerequisites (actorId: string, module: LabModule, action: string): Promise<void> {
    if (module.prerequisites.length === 0) return
    const missing = missingPrerequisites(module, standingOf(await store.actorRecord(actorId)))
    if (missing.length > 0) {
      throw new ProblemError(409, 'prerequisites_incomplete',
        `Pass the quiz of ${missing.join(' and ')} before ${action} ${module.module_id}.`, { missing })
    }
  }

  async function submitQuiz (request: FastifyRequest, module: LabModule, answers: readonly QuizAnswer[]): Promise<QuizAnswerSheet> {
    const actorId = (request.actor as Actor).actor_id
    if (!isFree(module) && await store.findUnlock(actorId, module.module_id) === null) {
      throw new ProblemError(403, 'module_locked', `Unlock ${module.module_id} (POST /api/v2/lab/modules/${module.module_id}/unlock) before taking its quiz.`)
    }
    // A free module needs no unlock, so its quiz is where its prerequisites are enforced (SPEC §8).
    if (isFree(module)) await requirePrerequisites(actorId, module, 'taking the quiz of')
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
