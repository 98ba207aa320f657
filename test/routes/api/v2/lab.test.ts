import t from 'tap'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'
import { loadLabContent, type LabModule } from '../../../../src/lab/content.js'
import { verifyLedger } from '../../../../src/ledger/index.js'
import { PROJECT_ROOT } from '../../../../src/paths.js'
import { runScript } from '../../../fixtures/ledger/helpers.js'

const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
const withAdmin = { adminToken: ADMIN_TOKEN }
const modulesUrl = '/api/v2/lab/modules'
const unlockUrl = (id: string) => `${modulesUrl}/${id}/unlock`
const quizUrl = (id: string) => `${modulesUrl}/${id}/quiz`

function moduleOf (id: string): LabModule {
  return catalog.byId.get(id) as LabModule
}

/** Answers to a module's quiz: the first `right` questions answered right, the others wrong. */
function answersFor (id: string, right = Infinity): Array<{ question_id: string, choice_id: string }> {
  return moduleOf(id).quiz.map((q, i) => ({
    question_id: q.question_id,
    choice_id: i < right ? q.correct_choice_id : (q.choices.find((c) => c.choice_id !== q.correct_choice_id) as { choice_id: string }).choice_id
  }))
}

async function pass (app: FastifyInstance, headers: Record<string, string>, id: string): Promise<void> {
  const res = await app.inject({ method: 'POST', url: quizUrl(id), headers, payload: { answers: answersFor(id) } })
  if (res.statusCode !== 200 || res.json().passed !== true) throw new Error(`could not pass ${id}: ${res.statusCode} ${res.body}`)
}

async function unlock (app: FastifyInstance, headers: Record<string, string>, id: string) {
  return await app.inject({ method: 'POST', url: unlockUrl(id), headers })
}

async function ledgerOf (app: FastifyInstance, headers: Record<string, string>): Promise<Array<Record<string, any>>> {
  return (await app.inject({ url: '/api/v2/tokens/ledger?limit=500', headers })).json().transactions
}

/** An actor who completed the two free modules and elo-and-draws (unlocked with 2 of its 5 daily tokens). */
async function actorReadyForRatingUncertainty (app: FastifyInstance) {
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  await pass(app, actor.headers, 'reading-distributions')
  const unlocked = await unlock(app, actor.headers, 'elo-and-draws')
  if (unlocked.statusCode !== 200) throw new Error(`could not unlock elo-and-draws: ${unlocked.body}`)
  await pass(app, actor.headers, 'elo-and-draws')
  return actor
}

t.test('the module list is in teaching order; anonymously unlocked and completed are null', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject(modulesUrl)
  t.equal(res.statusCode, 200)
  const { modules } = res.json()
  t.same(modules.map((m: { module_id: string }) => m.module_id), catalog.modules.map((m) => m.module_id))
  for (const module of modules) {
    t.equal(module.unlocked, null)
    t.equal(module.completed, null)
  }
  const elo = moduleOf('elo-and-draws')
  t.same(modules.find((m: { module_id: string }) => m.module_id === 'elo-and-draws'), {
    module_id: 'elo-and-draws',
    title: elo.title,
    summary: elo.summary,
    level: 'core',
    cost_tokens: 2,
    prerequisites: ['monte-carlo-basics'],
    estimated_minutes: elo.estimated_minutes,
    section_count: elo.sections.length,
    question_count: elo.quiz.length,
    unlocked: null,
    completed: null
  })
})

t.test('for an actor the list has booleans: free modules unlocked, paid ones not until bought', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const { modules } = (await app.inject({ url: modulesUrl, headers: actor.headers })).json()
  for (const module of modules) {
    t.equal(module.unlocked, module.cost_tokens === 0, `${module.module_id} unlocked`)
    t.equal(module.completed, false)
  }
})

t.test('a locked module shows only its first section and no quiz; unlocked, all of it', async (t) => {
  const { app } = await buildApp(t)
  const elo = moduleOf('elo-and-draws')
  const actor = await signUp(app)
  for (const headers of [{}, actor.headers]) {
    const res = await app.inject({ url: `${modulesUrl}/elo-and-draws`, headers })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.locked, true)
    t.equal(body.sections.length, 1)
    t.same(body.sections[0], elo.sections[0])
    t.same(body.quiz, [])
    t.equal(body.section_count, elo.sections.length, 'the preview says how much there is')
  }
  const free = (await app.inject(`${modulesUrl}/monte-carlo-basics`)).json()
  t.equal(free.locked, false, 'a free module is open even anonymously')
  t.equal(free.quiz.length, moduleOf('monte-carlo-basics').quiz.length)

  await pass(app, actor.headers, 'monte-carlo-basics')
  t.equal((await unlock(app, actor.headers, 'elo-and-draws')).statusCode, 200)
  const open = (await app.inject({ url: `${modulesUrl}/elo-and-draws`, headers: actor.headers })).json()
  t.equal(open.locked, false)
  t.equal(open.unlocked, true)
  t.same(open.sections, elo.sections)
  t.same(open.quiz, elo.quiz.map((q) => ({ question_id: q.question_id, prompt: q.prompt, choices: q.choices })))
})

t.test('no right answer or explanation appears in any response before grading', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 100)
  const bodies: string[] = []
  const collect = async (options: InjectOptions) => { bodies.push((await app.inject(options)).body) }
  for (const headers of [{}, actor.headers]) {
    await collect({ url: modulesUrl, headers })
    for (const module of catalog.modules) await collect({ url: `${modulesUrl}/${module.module_id}`, headers })
  }
  await collect({ method: 'POST', url: unlockUrl('elo-and-draws'), headers: actor.headers })
  await pass(app, actor.headers, 'monte-carlo-basics')
  for (const module of catalog.modules) {
    await collect({ method: 'POST', url: unlockUrl(module.module_id), headers: actor.headers })
    await collect({ url: `${modulesUrl}/${module.module_id}`, headers: actor.headers })
  }
  await collect({ url: '/api/v2/lab/progress', headers: actor.headers })
  await collect({ url: '/openapi/v2.json' })
  const everything = bodies.join('\n')
  t.notMatch(everything, /correct_choice_id/)
  for (const module of catalog.modules) {
    for (const question of module.quiz) {
      t.notOk(everything.includes(JSON.stringify(question.explanation).slice(1, -1)), `${module.module_id}/${question.question_id}: explanation unseen`)
      const rightAnswer = JSON.stringify({ question_id: question.question_id, choice_id: question.correct_choice_id })
      t.notOk(everything.includes(rightAnswer), `${module.module_id}/${question.question_id}: right answer unseen, examples included`)
    }
  }
  t.ok(bodies.some((body) => body.includes(moduleOf('elo-and-draws').quiz[0].prompt)), 'the questions themselves were shown')
})

t.test('unknown module ids are 404 module_not_found, prototype names included', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  for (const id of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'ELO-AND-DRAWS']) {
    const get = await app.inject({ url: `${modulesUrl}/${id}`, headers: actor.headers })
    t.equal(get.statusCode, 404, `GET ${id}`)
    t.equal(get.json().error, 'module_not_found')
    t.equal(get.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal((await unlock(app, actor.headers, id)).json().error, 'module_not_found', `unlock ${id}`)
    t.equal((await app.inject({ method: 'POST', url: quizUrl(id), headers: actor.headers, payload: { answers: [] } })).json().error, 'module_not_found', `quiz ${id}`)
  }
})

t.test('unlock, quiz and progress need an actor: 401 with WWW-Authenticate', async (t) => {
  const { app } = await buildApp(t)
  for (const request of [
    { method: 'POST' as const, url: unlockUrl('elo-and-draws') },
    { method: 'POST' as const, url: quizUrl('monte-carlo-basics'), payload: { answers: answersFor('monte-carlo-basics') } },
    { method: 'GET' as const, url: '/api/v2/lab/progress' },
    { method: 'POST' as const, url: unlockUrl('no-such-module') }
  ]) {
    const res = await app.inject(request)
    t.equal(res.statusCode, 401, `${request.method} ${request.url}`)
    t.equal(res.json().error, 'unauthorized')
    t.match(res.headers['www-authenticate'], /^Bearer/)
  }
})

t.test('unlock without completed prerequisites is 409 prerequisites_incomplete with missing, and charges nothing', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const res = await unlock(app, actor.headers, 'rating-uncertainty')
  t.equal(res.statusCode, 409)
  t.match(res.json(), { error: 'prerequisites_incomplete', missing: ['reading-distributions', 'elo-and-draws'] })
  await pass(app, actor.headers, 'reading-distributions')
  t.same((await unlock(app, actor.headers, 'rating-uncertainty')).json().missing, ['elo-and-draws'])
  t.equal(await balanceOf(app, actor.headers), 5)
  t.same((await ledgerOf(app, actor.headers)).map((e) => e.kind), ['grant_daily'], 'no spend, no denied entry')
})

t.test('unlock with too few tokens is 402 with a denied ledger entry, and nothing is unlocked', async (t) => {
  const { app } = await buildApp(t, { dailyTokens: 2 })
  const actor = await actorReadyForRatingUncertainty(app)
  t.equal(await balanceOf(app, actor.headers), 0)
  const res = await unlock(app, actor.headers, 'rating-uncertainty')
  t.equal(res.statusCode, 402)
  t.match(res.json(), { error: 'insufficient_tokens', required_tokens: 3, available_tokens: 0, feature: 'lab_module:rating-uncertainty' })
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  const [denied] = await ledgerOf(app, actor.headers)
  t.match(denied, { kind: 'denied', status: 'denied', amount: 0, feature: 'lab_module:rating-uncertainty', reason: 'lab_unlock', request_id: res.headers['x-request-id'] })
  const module = (await app.inject({ url: `${modulesUrl}/rating-uncertainty`, headers: actor.headers })).json()
  t.equal(module.locked, true)
  t.equal((await app.inject({ method: 'POST', url: quizUrl('rating-uncertainty'), headers: actor.headers, payload: { answers: answersFor('rating-uncertainty') } })).statusCode, 403)
})

t.test('an unlock is one ledger spend; the second unlock is free with already_unlocked and no transaction', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const first = await unlock(app, actor.headers, 'elo-and-draws')
  t.equal(first.statusCode, 200)
  const body = first.json()
  t.match(body, { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 2, already_unlocked: false, balance_after: 3 })
  t.match(body.transaction_id, /^[0-9A-Z]{26}$/)
  const [spend] = await ledgerOf(app, actor.headers)
  t.match(spend, { transaction_id: body.transaction_id, kind: 'spend', amount: -2, cost: 2, feature: 'lab_module:elo-and-draws', reason: 'lab_unlock', balance_after: 3, request_id: first.headers['x-request-id'] })

  const second = await unlock(app, actor.headers, 'elo-and-draws')
  t.equal(second.statusCode, 200)
  t.same(second.json(), { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 3 })
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
})

t.test('unlocking a free module answers 200 with nothing charged', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const res = await unlock(app, actor.headers, 'reading-distributions')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { module_id: 'reading-distributions', unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 5 })
  t.same((await ledgerOf(app, actor.headers)).map((e) => e.kind), ['grant_daily'])
})

t.test('20 simultaneous unlocks of one module by one actor: one charge, twenty 200s', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  // 5 tokens would pay for two unlocks at 2: exactly one charge proves once-only, not a short balance.
  const answers = await Promise.all(Array.from({ length: 20 }, () => unlock(app, actor.headers, 'elo-and-draws')))
  t.same(answers.map((res) => res.statusCode), Array(20).fill(200))
  const bodies = answers.map((res) => res.json())
  t.equal(bodies.filter((b) => !b.already_unlocked).length, 1, 'one fresh unlock')
  t.equal(bodies.filter((b) => b.tokens_charged === 2).length, 1, 'one charge')
  t.ok(bodies.every((b) => b.balance_after === 3))
  const entries = await ledgerOf(app, actor.headers)
  t.same(entries.map((e) => e.kind), ['spend', 'grant_daily'], 'one spend, no denied entry')
  t.equal(await balanceOf(app, actor.headers), 3)
  t.same(verifyLedger(app.db), { ok: true, actors: 1, entries: 2, violations: [] })
})

t.test('simultaneous unlocks through two app instances on one database: still one charge', async (t) => {
  const dataDir = t.testdir()
  const { app: first } = await buildApp(t, withAdmin, { dataDir })
  const { app: second } = await buildApp(t, withAdmin, { dataDir })
  const actor = await signUp(first)
  await topUp(first, actor.actorId, 100)
  await pass(first, actor.headers, 'monte-carlo-basics')
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => unlock(i % 2 === 0 ? first : second, actor.headers, 'elo-and-draws')))
  t.same(answers.map((res) => res.statusCode), Array(20).fill(200))
  t.equal(answers.filter((res) => res.json().tokens_charged === 2).length, 1)
  t.equal((await ledgerOf(first, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
  t.equal(await balanceOf(second, actor.headers), 103)
  t.ok(verifyLedger(first.db).ok)
})

t.test('an unlock with an Idempotency-Key is replayed, never charged twice', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const headers = { ...actor.headers, 'idempotency-key': 'unlock-elo-1' }
  const first = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  const replay = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  t.equal(replay.statusCode, 200)
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal(replay.body, first.body, 'the same answer, byte for byte')
  t.equal(replay.json().tokens_charged, 2)
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
  const [spend] = await ledgerOf(app, actor.headers)
  t.equal(spend.idempotency_key, 'unlock-elo-1')
  t.equal(await balanceOf(app, actor.headers), 3)
  const bad = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers: { ...actor.headers, 'idempotency-key': 'x'.repeat(256) } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json(), { error: 'validation_error', errors: [{ pointer: '/headers/idempotency-key' }] })
})

t.test('a retry that takes over a crashed unlock whose charge committed answers as that unlock, without charging again', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const headers = { ...actor.headers, 'idempotency-key': 'crash-1' }
  const original = (await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })).json()
  // What a kill -9 between the commit and the stored response leaves: the charge, the unlock and an
  // in-flight record (with the charge attached) whose owner is gone.
  app.db.prepare(`UPDATE idempotency_records SET state = 'in_flight', status_code = NULL, headers = NULL, body = NULL,
    owner = 'gone-host|1|dead', created_at = created_at - 3600000 WHERE idempotency_key = 'crash-1'`).run()
  const retry = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  t.equal(retry.statusCode, 200)
  t.notOk(retry.headers['idempotent-replayed'])
  t.same(retry.json(), original)
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
})

t.test('a quiz on a locked module is 403 module_locked, before the answers are looked at', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  for (const answers of [answersFor('elo-and-draws'), [{ question_id: 'nope', choice_id: 'z' }]]) {
    const res = await app.inject({ method: 'POST', url: quizUrl('elo-and-draws'), headers: actor.headers, payload: { answers } })
    t.equal(res.statusCode, 403)
    t.equal(res.json().error, 'module_locked')
  }
  t.equal((await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json().modules.find((m: { module_id: string }) => m.module_id === 'elo-and-draws').attempts, 0, 'no attempt recorded')
})

t.test('failures come in the order 401, 404, 403, 409, 400, 402', async (t) => {
  const { app } = await buildApp(t, { dailyTokens: 0 })
  const actor = await signUp(app)
  const bad = { answers: [{ question_id: 'nope', choice_id: 'z' }] }
  t.equal((await app.inject({ method: 'POST', url: quizUrl('nope'), payload: bad })).statusCode, 401, 'unauthenticated before unknown')
  t.equal((await app.inject({ method: 'POST', url: quizUrl('nope'), headers: actor.headers, payload: bad })).statusCode, 404, 'unknown before anything else')
  t.equal((await app.inject({ method: 'POST', url: quizUrl('elo-and-draws'), headers: actor.headers, payload: bad })).statusCode, 403, 'locked before bad answers')
  t.equal((await unlock(app, actor.headers, 'elo-and-draws')).statusCode, 409, 'prerequisites before tokens (the balance is 0)')
  t.equal((await app.inject({ method: 'POST', url: quizUrl('monte-carlo-basics'), headers: actor.headers, payload: bad })).statusCode, 400, 'bad answers')
  await pass(app, actor.headers, 'monte-carlo-basics')
  t.equal((await unlock(app, actor.headers, 'elo-and-draws')).statusCode, 402, 'tokens last')
})

t.test('answers are validated: unknown, repeated and missing questions and unknown choices, each named', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const [q1, q2, q3] = moduleOf('monte-carlo-basics').quiz
  const res = await app.inject({
    method: 'POST',
    url: quizUrl('monte-carlo-basics'),
    headers: actor.headers,
    payload: { answers: [{ question_id: q1.question_id, choice_id: q1.correct_choice_id }, { question_id: 'made-up', choice_id: 'a' }, { question_id: q1.question_id, choice_id: 'a' }, { question_id: q2.question_id, choice_id: 'zz' }] }
  })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.equal(body.error, 'validation_error')
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.same(body.errors.map((e: { pointer: string }) => e.pointer), ['/body/answers/1/question_id', '/body/answers/2/question_id', '/body/answers/3/choice_id', '/body/answers', '/body/answers'])
  t.match(body.errors[3].message, q3.question_id)
  t.match(body.detail, /answers question .* a second time/)
  const shape = await app.inject({ method: 'POST', url: quizUrl('monte-carlo-basics'), headers: actor.headers, payload: { answers: [{ question_id: q1.question_id }], extra: 1 } })
  t.equal(shape.statusCode, 400)
  t.same(shape.json().errors.map((e: { pointer: string }) => e.pointer).sort(), ['/body/answers/0/choice_id', '/body/extra'])
  t.equal((await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json().modules[0].attempts, 0, 'an invalid submission is not an attempt')
})

t.test('passing at 80 % completes the module; a later failure keeps it completed', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const free = 'monte-carlo-basics'
  const four = moduleOf(free).quiz.length
  const fail = await app.inject({ method: 'POST', url: quizUrl(free), headers: actor.headers, payload: { answers: answersFor(free, four - 1) } })
  t.match(fail.json(), { module_id: free, score: four - 1, total: four, passed: false, completed: false })
  t.equal(fail.json().results.length, four)
  t.same(fail.json().results.map((r: { correct: boolean }) => r.correct), [...Array(four - 1).fill(true), false])
  t.same(fail.json().results.map((r: { explanation: string }) => r.explanation), moduleOf(free).quiz.map((q) => q.explanation), 'explanations after grading')
  const passed = await app.inject({ method: 'POST', url: quizUrl(free), headers: actor.headers, payload: { answers: answersFor(free) } })
  t.match(passed.json(), { score: four, total: four, passed: true, completed: true })
  const completedAt = (await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json().modules[0].completed_at
  const later = await app.inject({ method: 'POST', url: quizUrl(free), headers: actor.headers, payload: { answers: answersFor(free, 0) } })
  t.match(later.json(), { score: 0, passed: false, completed: true })
  const progress = (await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json().modules[0]
  t.same(progress, { module_id: free, unlocked: true, completed: true, best_score: four, attempts: 3, completed_at: completedAt })
  t.equal((await app.inject({ url: modulesUrl, headers: actor.headers })).json().modules[0].completed, true)
})

t.test('80 % of a five-question quiz passes, 60 % does not', async (t) => {
  t.equal(moduleOf('thinking-traps').quiz.length, 5, 'five questions: 4 right is exactly 0.8')
  const { app } = await buildApp(t, withAdmin)
  const actor = await actorReadyForRatingUncertainty(app)
  await topUp(app, actor.actorId, 100)
  for (const id of ['rating-uncertainty', 'three-scenarios', 'volatility-and-data-quality']) {
    t.equal((await unlock(app, actor.headers, id)).statusCode, 200, id)
    await pass(app, actor.headers, id)
  }
  t.equal((await unlock(app, actor.headers, 'thinking-traps')).statusCode, 200)
  const three = await app.inject({ method: 'POST', url: quizUrl('thinking-traps'), headers: actor.headers, payload: { answers: answersFor('thinking-traps', 3) } })
  t.match(three.json(), { score: 3, total: 5, passed: false, completed: false })
  const four = await app.inject({ method: 'POST', url: quizUrl('thinking-traps'), headers: actor.headers, payload: { answers: answersFor('thinking-traps', 4) } })
  t.match(four.json(), { score: 4, total: 5, passed: true, completed: true })
})

t.test('progress (best score, attempts, completion, tokens spent) survives a restart', async (t) => {
  const dataDir = t.testdir()
  const before = await buildApp(t, {}, { dataDir })
  const actor = await actorReadyForRatingUncertainty(before.app)
  await before.app.inject({ method: 'POST', url: quizUrl('reading-distributions'), headers: actor.headers, payload: { answers: answersFor('reading-distributions', 1) } })
  const progress = (await before.app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json()
  t.equal(progress.user_id, actor.actorId)
  t.equal(progress.tokens_spent_on_lab, 2)
  t.match(progress.modules.find((m: { module_id: string }) => m.module_id === 'reading-distributions'), { completed: true, attempts: 2, best_score: moduleOf('reading-distributions').quiz.length })
  t.match(progress.modules.find((m: { module_id: string }) => m.module_id === 'elo-and-draws'), { unlocked: true, completed: true, attempts: 1 })
  t.match(progress.modules.find((m: { module_id: string }) => m.module_id === 'rating-uncertainty'), { unlocked: false, completed: false, attempts: 0, best_score: null, completed_at: null })
  await before.app.close()

  const after = await buildApp(t, {}, { dataDir })
  t.same((await after.app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json(), progress)
  t.equal((await unlock(after.app, actor.headers, 'elo-and-draws')).json().already_unlocked, true)
})

t.test('tokens_spent_on_lab counts unlocks only, net of an admin refund', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const actor = await actorReadyForRatingUncertainty(app)
  await topUp(app, actor.actorId, 10)
  await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: actor.headers, payload: { event_id: 'el-clasico', depth: 'full_distribution' } })
  const paid = (await unlock(app, actor.headers, 'rating-uncertainty')).json()
  const progress = async () => (await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json().tokens_spent_on_lab
  t.equal(await progress(), 5)
  await app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: { transaction_id: paid.transaction_id, reason: 'support' } })
  t.equal(await progress(), 2)
})

t.test('/metrics counts unlocks and quiz attempts by module', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await app.inject({ method: 'POST', url: quizUrl('monte-carlo-basics'), headers: actor.headers, payload: { answers: answersFor('monte-carlo-basics', 0) } })
  await pass(app, actor.headers, 'monte-carlo-basics')
  await unlock(app, actor.headers, 'elo-and-draws')
  await unlock(app, actor.headers, 'elo-and-draws')
  const metrics = (await app.inject('/metrics')).body
  t.match(metrics, /trickster_lab_unlocks_total\{module_id="elo-and-draws"\} 1\n/)
  t.match(metrics, /trickster_lab_quiz_attempts_total\{module_id="monte-carlo-basics",result="failed"\} 1\n/)
  t.match(metrics, /trickster_lab_quiz_attempts_total\{module_id="monte-carlo-basics",result="passed"\} 1\n/)
  t.match(metrics, /trickster_tokens_spent_total\{feature="lab_module:elo-and-draws"\} 2\n/)
})

t.test('LAB_ENABLED=false: every Lab route is 404', async (t) => {
  const { app } = await buildApp(t, { labEnabled: false })
  const actor = await signUp(app)
  for (const request of [
    { method: 'GET' as const, url: modulesUrl },
    { method: 'GET' as const, url: `${modulesUrl}/monte-carlo-basics` },
    { method: 'POST' as const, url: unlockUrl('elo-and-draws') },
    { method: 'POST' as const, url: quizUrl('monte-carlo-basics'), payload: { answers: [] } },
    { method: 'GET' as const, url: '/api/v2/lab/progress' }
  ]) {
    const res = await app.inject({ ...request, headers: actor.headers })
    t.equal(res.statusCode, 404, `${request.method} ${request.url}`)
    t.equal(res.json().error, 'not_found')
  }
  t.notOk(Object.keys(app.openapi('v2').paths).some((path) => path.startsWith('/api/v2/lab')), 'and they are not documented')
})

t.test('npm run ledger:verify is clean after unlocks, denials, refunds and concurrent unlocks', async (t) => {
  const dataDir = t.testdir()
  const { app } = await buildApp(t, { ...withAdmin, dailyTokens: 2 }, { dataDir })
  const actor = await actorReadyForRatingUncertainty(app)
  t.equal((await unlock(app, actor.headers, 'rating-uncertainty')).statusCode, 402)
  await topUp(app, actor.actorId, 3)
  await Promise.all(Array.from({ length: 10 }, () => unlock(app, actor.headers, 'rating-uncertainty')))
  t.equal(await balanceOf(app, actor.headers), 0)
  await app.close()
  const result = await runScript('scripts/ledger-verify.ts', ['--db', join(dataDir, 'trickster.db')])
  t.equal(result.code, 0, result.stdout + result.stderr)
})
