import t from 'tap'
import type { InjectOptions } from 'fastify'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, signUp, topUp } from '../helpers.js'
import { answersFor, catalog, modulesUrl, moduleOf, pass, quizUrl, unlock, unlockUrl } from './lab-helpers.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

// Reading the Lab: the list, modules and their locked previews, who may call what (docs/LAB.md).

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
