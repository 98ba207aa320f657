import t from 'tap'
import { buildApp } from '../../../helper.js'
import { signUp } from '../helpers.js'
import { answersFor, moduleOf, pass, quizUrl, unlockUrl } from './lab-helpers.js'

t.test('a free module with prerequisites: unlock and quiz are 409 prerequisites_incomplete until they are completed (SPEC §8)', async (t) => {
  t.equal(moduleOf('reading-distributions').cost_tokens, 0, 'a free module')
  t.same(moduleOf('reading-distributions').prerequisites, ['monte-carlo-basics'])
  const { app } = await buildApp(t)
  const { headers } = await signUp(app)
  const unlocked = await app.inject({ method: 'POST', url: unlockUrl('reading-distributions'), headers })
  t.equal(unlocked.statusCode, 409)
  t.match(unlocked.json(), { error: 'prerequisites_incomplete', missing: ['monte-carlo-basics'] })
  const quiz = await app.inject({ method: 'POST', url: quizUrl('reading-distributions'), headers, payload: { answers: answersFor('reading-distributions') } })
  t.equal(quiz.statusCode, 409)
  t.match(quiz.json(), { error: 'prerequisites_incomplete', missing: ['monte-carlo-basics'] })
  const progress = (await app.inject({ url: '/api/v2/lab/progress', headers })).json()
  t.match(progress.modules.find((m: { module_id: string }) => m.module_id === 'reading-distributions'), { completed: false, attempts: 0 })

  await pass(app, headers, 'monte-carlo-basics')
  t.match((await app.inject({ method: 'POST', url: unlockUrl('reading-distributions'), headers })).json(), { unlocked: true, tokens_charged: 0 })
  t.match((await app.inject({ method: 'POST', url: quizUrl('reading-distributions'), headers, payload: { answers: answersFor('reading-distributions') } })).json(), { passed: true, completed: true })
})
