import type { Static } from '@sinclair/typebox'
import type { BillingService } from '../billing/index.js'
import { validationFailed } from '../errors.js'
import type { LabQuizResult, LabUnlockResponse } from '../schemas/lab.js'
import type { TokenLedger } from '../ledger/index.js'
import type { IdempotencyRef } from '../storage/port.js'
import type { LabActorRecord, LabStore } from '../storage/lab.js'
import type { LabCatalog, LabModule } from './content.js'
import { LabError } from './errors.js'
import { gradeQuiz, isFree, missingPrerequisites, standingOf, type LabStanding, type QuizAnswer } from './rules.js'

/** The answer of POST /api/v2/lab/modules/{module_id}/unlock. */
export type UnlockAnswer = Static<typeof LabUnlockResponse>

/** The answer of POST /api/v2/lab/modules/{module_id}/quiz. */
export type QuizAnswerSheet = Static<typeof LabQuizResult>

/** Who asks: an actor (the Lab's writes need one), the request id, and the request's idempotency record. */
export interface LabCaller {
  actorId: string
  requestId: string
  idempotency: IdempotencyRef | null
}

/** Counters the Lab reports to (the metrics plugin wires them to /metrics). */
export interface LabEvents {
  /** A paid module was bought (not an earlier unlock found again). */
  unlocked: (moduleId: string) => void
  quizGraded: (moduleId: string, passed: boolean) => void
}

/**
 * The Trickster Lab (docs/LAB.md): the modules, progress in the Lab store, and the unlock, charged
 * once per actor ever by the billing service. Fastify-free: src/plugins/app/lab.ts decorates the app with it.
 */
export class LabService {
  constructor (
    readonly catalog: LabCatalog,
    private readonly store: LabStore,
    private readonly ledger: Pick<TokenLedger, 'balance'>,
    private readonly billing: Pick<BillingService, 'charge'>,
    private readonly events: LabEvents
  ) {}

  /** The module, or LabError module_not_found (404). */
  module (moduleId: string): LabModule {
    const module = this.catalog.byId.get(moduleId)
    if (module === undefined) throw new LabError('module_not_found', `No Lab module "${moduleId}". GET /api/v2/lab/modules lists them.`)
    return module
  }

  /** Everything stored about the actor (progress). */
  async recordOf (actorId: string): Promise<LabActorRecord> {
    return await this.store.actorRecord(actorId)
  }

  /** What the caller holds; null for an anonymous caller. */
  async standingFor (actorId: string | null): Promise<LabStanding | null> {
    return actorId === null ? null : standingOf(await this.recordOf(actorId))
  }

  private async balanceOf (actorId: string): Promise<number> {
    return (await this.ledger.balance(actorId)).balance
  }

  /**
   * Prerequisites first (completions are never undone, so this read cannot go stale); then the
   * billing service, which in one unit of work finds an earlier unlock, or debits and records the
   * unlock with the idempotency record — once per actor, ever, under any concurrency.
   */
  async unlock (caller: LabCaller, module: LabModule): Promise<UnlockAnswer> {
    const { actorId } = caller
    // SPEC §8: unlocking needs every prerequisite completed, free modules included.
    if (isFree(module) || await this.store.findUnlock(actorId, module.module_id) === null) await this.requirePrerequisites(actorId, module, 'unlocking')
    if (isFree(module)) {
      return { module_id: module.module_id, unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: await this.balanceOf(actorId) }
    }
    const charge = await this.billing.charge({
      actorId,
      purchase: { kind: 'unlock', module },
      eventId: null,
      requestId: caller.requestId,
      idempotency: caller.idempotency
    })
    if (!charge.already_owned) this.events.unlocked(module.module_id)
    return {
      module_id: module.module_id,
      unlocked: true,
      tokens_charged: charge.tokens_charged,
      already_unlocked: charge.already_owned,
      transaction_id: charge.transaction_id,
      balance_after: charge.balance_after ?? await this.balanceOf(actorId)
    }
  }

  /** LabError prerequisites_incomplete (409) unless every prerequisite of `module` is completed. */
  private async requirePrerequisites (actorId: string, module: LabModule, action: string): Promise<void> {
    if (module.prerequisites.length === 0) return
    const missing = missingPrerequisites(module, standingOf(await this.store.actorRecord(actorId)))
    if (missing.length > 0) {
      throw new LabError('prerequisites_incomplete', `Pass the quiz of ${missing.join(' and ')} before ${action} ${module.module_id}.`, { missing })
    }
  }

  /** Grades and records a quiz attempt (LabError 403 / 409, 400 validation_error otherwise). */
  async submitQuiz (caller: LabCaller, module: LabModule, answers: readonly QuizAnswer[]): Promise<QuizAnswerSheet> {
    const { actorId } = caller
    if (!isFree(module) && await this.store.findUnlock(actorId, module.module_id) === null) {
      throw new LabError('module_locked', `Unlock ${module.module_id} (POST /api/v2/lab/modules/${module.module_id}/unlock) before taking its quiz.`)
    }
    // A free module needs no unlock, so its quiz is where its prerequisites are enforced (SPEC §8).
    if (isFree(module)) await this.requirePrerequisites(actorId, module, 'taking the quiz of')
    const outcome = gradeQuiz(module, answers)
    if (!outcome.ok) throw validationFailed(outcome.issues)
    const { grade } = outcome
    const recorded = await this.store.recordAttempt({
      actorId, moduleId: module.module_id, score: grade.score, total: grade.total, passed: grade.passed, answers, requestId: caller.requestId
    })
    this.events.quizGraded(module.module_id, grade.passed)
    return {
      module_id: module.module_id,
      score: grade.score,
      total: grade.total,
      passed: grade.passed,
      completed: recorded.completed_at !== null,
      results: grade.results
    }
  }
}
