import t from 'tap'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, signUp, topUp } from '../helpers.js'
import { actorReadyForRatingUncertainty, answersFor, modulesUrl, moduleOf, pass, quizUrl, unlock } from './lab-helpers.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

// Lab quizzes and progress: order of failures, answer validation, grading, completion, restarts (docs/LAB.md).

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
