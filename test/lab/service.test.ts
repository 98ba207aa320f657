/**
 * LabService without Fastify (src/lab/service.ts): the real content, an in-memory Lab store and a
 * billing stand-in that records what it is asked. Its refusals are LabError with their status.
 */
import t from 'tap'
import { join } from 'node:path'
import { priceOf, type Charge, type PaidAction } from '../../src/billing/index.js'
import { loadLabContent, type LabModule } from '../../src/lab/content.js'
import { LabError } from '../../src/lab/errors.js'
import { LabService } from '../../src/lab/service.js'
import { PROJECT_ROOT } from '../../src/paths.js'
import type { LabActorRecord, LabStore, LabUnlock } from '../../src/storage/lab.js'

const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
const free = catalog.modules.find((m) => m.cost_tokens === 0 && m.prerequisites.length === 0) as LabModule
const paid = catalog.modules.find((m) => m.cost_tokens > 0 && m.prerequisites.length > 0) as LabModule
const caller = { actorId: 'act_1', requestId: 'req-1', idempotency: null }

function fixture () {
  const unlocks: LabUnlock[] = []
  const completed = new Set<string>()
  const asked: PaidAction[] = []
  const events: string[] = []
  const store: LabStore = {
    findUnlock: async (_actorId, moduleId) => unlocks.find((u) => u.module_id === moduleId) ?? null,
    actorRecord: async (): Promise<LabActorRecord> => ({
      unlocks,
      attempts: [],
      completions: [...completed].map((moduleId, i) => ({ module_id: moduleId, attempt_id: i + 1, completed_at: '2026-01-01T00:00:00.000Z' })),
      tokens_spent: 0
    }),
    recordAttempt: async (attempt) => {
      if (attempt.passed) completed.add(attempt.moduleId)
      return { attempt_id: 1, completed_at: completed.has(attempt.moduleId) ? '2026-01-01T00:00:00.000Z' : null }
    }
  }
  const billing = {
    charge: async (action: PaidAction): Promise<Charge> => {
      asked.push(action)
      return { actor_id: action.actorId, tokens_charged: priceOf(action.purchase).cost, transaction_id: 'tx_1', already_owned: false, balance_after: 4 }
    }
  }
  const ledger = { balance: async () => ({ actor_id: caller.actorId, balance: 9 }) } as unknown as ConstructorParameters<typeof LabService>[2]
  const service = new LabService(catalog, store, ledger, billing, {
    unlocked: (moduleId) => events.push(`unlocked ${moduleId}`),
    quizGraded: (moduleId, passed) => events.push(`quiz ${moduleId} ${passed ? 'passed' : 'failed'}`)
  })
  return { service, completed, asked, events }
}

const rightAnswers = (module: LabModule) => module.quiz.map((q) => ({ question_id: q.question_id, choice_id: q.correct_choice_id }))

t.test('an unknown module is LabError module_not_found (404)', async (t) => {
  const { service } = fixture()
  t.throws(() => service.module('no-such-module'), new LabError('module_not_found', 'No Lab module "no-such-module". GET /api/v2/lab/modules lists them.'))
  t.equal(new LabError('module_not_found', '').status, 404)
  t.equal(service.module(free.module_id), free)
})

t.test('a paid module: 409 before its prerequisites, 403 for its quiz before the unlock, then charged through billing', async (t) => {
  const { service, completed, asked, events } = fixture()
  const refused = await service.unlock(caller, paid).catch((err: unknown) => err)
  t.ok(refused instanceof LabError && refused.code === 'prerequisites_incomplete' && refused.status === 409, 'prerequisites first')
  t.same((refused as LabError).extra, { missing: paid.prerequisites })
  const locked = await service.submitQuiz(caller, paid, rightAnswers(paid)).catch((err: unknown) => err)
  t.ok(locked instanceof LabError && locked.code === 'module_locked' && locked.status === 403)
  t.same(asked, [], 'nothing charged')

  for (const id of paid.prerequisites) completed.add(id)
  const answer = await service.unlock(caller, paid)
  t.same(answer, { module_id: paid.module_id, unlocked: true, tokens_charged: paid.cost_tokens, already_unlocked: false, transaction_id: 'tx_1', balance_after: 4 })
  t.match(asked, [{ actorId: 'act_1', purchase: { kind: 'unlock', module: { module_id: paid.module_id } }, requestId: 'req-1' }])
  t.same(priceOf(asked[0].purchase), { feature: `lab_module:${paid.module_id}`, cost: paid.cost_tokens }, 'billing prices it as the module')
  t.same(events, [`unlocked ${paid.module_id}`])
})

t.test('a free module is unlocked without billing, and its quiz is graded and recorded', async (t) => {
  const { service, asked, events } = fixture()
  t.same(await service.unlock(caller, free), { module_id: free.module_id, unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 9 })
  const sheet = await service.submitQuiz(caller, free, rightAnswers(free))
  t.match(sheet, { module_id: free.module_id, score: free.quiz.length, total: free.quiz.length, passed: true, completed: true })
  t.same(asked, [])
  t.same(events, [`quiz ${free.module_id} passed`])
  t.same(await service.standingFor(null), null, 'anonymous: no standing')
  t.ok((await service.standingFor('act_1'))?.completed.has(free.module_id))
})
