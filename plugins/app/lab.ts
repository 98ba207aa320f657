import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError, validationFailed } from '../../src/errors.js'
import type { LabCatalog, LabModule } from '../../src/lab/content.js'
import {
  gradeQuiz, isFree, missingPrerequisites, standingOf, type LabStanding, type QuizAnswer, type QuizGrade
} from '../../src/lab/rules.js'
import { SqliteLabStore, type LabActorRecord, type LabUnlock } from '../../src/lab/store.js'
import type { Actor, LedgerEntry } from '../../src/ledger/index.js'

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

/** Thrown inside the spend's transaction when the unlock row exists already: rolls the charge back. */
class ModuleAlreadyUnlocked extends Error {
  override name = 'ModuleAlreadyUnlocked'

  constructor (readonly unlock: LabUnlock) {
    super(`module ${unlock.module_id} is already unlocked`)
  }
}

type Payment =
  | { kind: 'paid', entry: LedgerEntry }
  | { kind: 'already_unlocked', unlock: LabUnlock }
  | { kind: 'denied', required: number, available: number }

export interface LabPluginOptions {
  /** The modules, loaded and checked at start-up (src/app.ts). */
  catalog: LabCatalog
}

/**
 * The Trickster Lab (docs/LAB.md): the modules, progress in the Lab store, and the unlock's
 * charge through the token ledger.
 */
async function labPlugin (app: FastifyInstance, { catalog }: LabPluginOptions): Promise<void> {
  const store = new SqliteLabStore(app.db, { now: app.now })

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
    return (await app.ledger.balance(actorId)).balance
  }

  /**
   * The unlock's money, in one place: a ledger spend whose transaction also writes the unlock row
   * (its primary key makes a second unlock roll the spend back) and the idempotency record.
   * A short balance leaves the ledger's `denied` entry.
   */
  async function payForUnlock (request: FastifyRequest, actorId: string, module: LabModule): Promise<Payment> {
    try {
      const spent = await app.ledger.spend({
        actorId,
        amount: module.cost_tokens,
        feature: `lab_module:${module.module_id}`,
        reason: 'lab_unlock',
        requestId: request.id,
        idempotencyKey: request.idempotency?.key,
        inTransaction: (tx, entry) => {
          const existing = store.insertUnlockInTransaction(tx, {
            actorId, moduleId: module.module_id, transactionId: entry.transaction_id, requestId: request.id, unlockedAt: entry.timestamp
          })
          if (existing !== null) throw new ModuleAlreadyUnlocked(existing)
          request.idempotencyHook?.(tx, entry)
        }
      })
      if (!spent.ok) return { kind: 'denied', required: spent.required, available: spent.available }
      app.metrics.tokensSpent.inc({ feature: spent.entry.feature as string }, spent.entry.cost)
      return { kind: 'paid', entry: spent.entry }
    } catch (err) {
      if (err instanceof ModuleAlreadyUnlocked) return { kind: 'already_unlocked', unlock: err.unlock }
      throw err
    }
  }

  // An actor's unlocks run one after another in this process, so concurrent requests for one module
  // find the first one's unlock instead of all reaching the ledger (where a short balance would
  // answer 402 to a module that is in fact being unlocked). The primary key is what makes it exact.
  const unlockQueues = new Map<string, Promise<void>>()
  async function oneAtATime<T> (actorId: string, task: () => Promise<T>): Promise<T> {
    const run = (unlockQueues.get(actorId) ?? Promise.resolve()).then(task)
    const settled = run.then(() => undefined, () => undefined)
    unlockQueues.set(actorId, settled)
    try {
      return await run
    } finally {
      if (unlockQueues.get(actorId) === settled) unlockQueues.delete(actorId)
    }
  }

  async function unlockedEarlier (request: FastifyRequest, actorId: string, unlock: LabUnlock): Promise<UnlockAnswer> {
    // A retry that took over a crashed attempt whose charge (and so this unlock) had committed: answer as that attempt would have.
    const resumed = request.idempotency?.resumedCharge ?? null
    const entry = resumed === unlock.transaction_id ? await app.ledger.getEntry(resumed) : null
    return {
      module_id: unlock.module_id,
      unlocked: true,
      tokens_charged: entry?.cost ?? 0,
      already_unlocked: entry === null,
      transaction_id: entry?.transaction_id ?? null,
      balance_after: await balanceOf(actorId)
    }
  }

  async function unlock (request: FastifyRequest, module: LabModule): Promise<UnlockAnswer> {
    const actorId = (request.actor as Actor).actor_id
    if (isFree(module)) {
      return { module_id: module.module_id, unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: await balanceOf(actorId) }
    }
    return await oneAtATime(actorId, async () => {
      const earlier = await store.findUnlock(actorId, module.module_id)
      if (earlier !== null) return await unlockedEarlier(request, actorId, earlier)
      const missing = missingPrerequisites(module, standingOf(await store.actorRecord(actorId)))
      if (missing.length > 0) {
        throw new ProblemError(409, 'prerequisites_incomplete',
          `Pass the quiz of ${missing.join(' and ')} before unlocking ${module.module_id}.`, { missing })
      }
      const payment = await payForUnlock(request, actorId, module)
      if (payment.kind === 'paid') {
        app.metrics.labUnlocks.inc({ module_id: module.module_id })
        return {
          module_id: module.module_id,
          unlocked: true,
          tokens_charged: payment.entry.cost,
          already_unlocked: false,
          transaction_id: payment.entry.transaction_id,
          balance_after: payment.entry.balance_after
        }
      }
      // Another process unlocked it between our look-up and the spend.
      if (payment.kind === 'already_unlocked') return await unlockedEarlier(request, actorId, payment.unlock)
      const meanwhile = await store.findUnlock(actorId, module.module_id)
      if (meanwhile !== null) return await unlockedEarlier(request, actorId, meanwhile)
      app.metrics.tokenDenials.inc({ feature: `lab_module:${module.module_id}` })
      throw new ProblemError(402, 'insufficient_tokens',
        `Unlocking ${module.module_id} costs ${payment.required} tokens and the balance is ${payment.available}. Top up or wait for the daily grant; the free modules stay open.`,
        { required_tokens: payment.required, available_tokens: payment.available, feature: `lab_module:${module.module_id}` })
    })
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

export default fp(labPlugin, { name: 'lab', dependencies: ['config', 'db', 'ledger', 'auth', 'idempotency', 'metrics'] })
