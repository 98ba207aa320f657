import t from 'tap'
import { buildApp } from '../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from './helpers.js'

/** Names every plain object inherits: looked up on an object literal, they find a member. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']
const EVENT = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

/** Each enum-like field of a simulate body, holding `name`, on a request that would otherwise be charged. */
const CASES: Array<{ field: string, url: string, body: (name: string) => Record<string, unknown> }> = [
  { field: 'v2 market', url: '/api/v2/simulate', body: (name) => ({ event_id: 'el-clasico', depth: 'full_distribution', market: name }) },
  { field: 'v2 sport', url: '/api/v2/simulate', body: (name) => ({ ...EVENT, depth: 'full_distribution', sport: name }) },
  { field: 'v2 event_id', url: '/api/v2/simulate', body: (name) => ({ event_id: name, depth: 'full_distribution' }) },
  { field: 'v2 depth', url: '/api/v2/simulate', body: (name) => ({ event_id: 'el-clasico', depth: name }) },
  { field: 'v2 events[].sport', url: '/api/v2/simulate', body: (name) => ({ depth: 'comparative_analysis', events: [{ ...EVENT, sport: name }, { event_id: 'el-clasico' }] }) },
  { field: 'v2 events[].event_id', url: '/api/v2/simulate', body: (name) => ({ depth: 'comparative_analysis', events: [{ event_id: name }, { event_id: 'el-clasico' }] }) },
  { field: 'v1 event.sport', url: '/api/v1/simulate', body: (name) => ({ event: { ...EVENT, sport: name } }) },
  { field: 'v1 event_id', url: '/api/v1/simulate', body: (name) => ({ event_id: name }) }
]

t.test('enum-like fields holding Object.prototype names answer 4xx like any unknown value and charge nothing', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, rateLimitBurst: 1000, rateLimitHourlyActor: 1000 })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 50)
  const before = await balanceOf(app, actor.headers)
  const ledgerBefore = (await app.inject({ url: '/api/v2/tokens/ledger', headers: actor.headers })).json().transactions.length
  for (const { field, url, body } of CASES) {
    for (const name of PROTOTYPE_NAMES) {
      const res = await app.inject({ method: 'POST', url, headers: actor.headers, payload: body(name) })
      t.ok(res.statusCode === 400 || res.statusCode === 404, `${field} = ${name}: ${res.statusCode} ${res.json().error}`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
    }
  }
  t.equal(await balanceOf(app, actor.headers), before, 'no token was charged')
  const ledgerAfter = (await app.inject({ url: '/api/v2/tokens/ledger', headers: actor.headers })).json().transactions.length
  t.equal(ledgerAfter, ledgerBefore, 'nothing was written to the ledger')
})

t.test('GET /api/v2/events/:id with an Object.prototype name is 404 event_not_found', async (t) => {
  const { app } = await buildApp(t)
  for (const name of PROTOTYPE_NAMES) {
    const res = await app.inject({ url: `/api/v2/events/${name}` })
    t.equal(res.statusCode, 404, name)
    t.equal(res.json().error, 'event_not_found')
  }
})

t.test('Lab module, question and choice ids holding Object.prototype names are 404/400 and charge nothing', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 50)
  const before = await balanceOf(app, actor.headers)
  const modules = (await app.inject({ url: '/api/v2/lab/modules', headers: actor.headers })).json().modules as Array<{ module_id: string, cost_tokens: number }>
  const free = modules.find((m) => m.cost_tokens === 0)
  t.ok(free !== undefined, 'a free module to submit quizzes to')
  for (const name of PROTOTYPE_NAMES) {
    const id = encodeURIComponent(name)
    t.equal((await app.inject({ url: `/api/v2/lab/modules/${id}`, headers: actor.headers })).statusCode, 404, `GET module ${name}`)
    t.equal((await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${id}/unlock`, headers: actor.headers })).statusCode, 404, `unlock ${name}`)
    const quiz = await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${free?.module_id ?? ''}/quiz`, headers: actor.headers, payload: { answers: [{ question_id: name, choice_id: name }] } })
    t.equal(quiz.statusCode, 400, `quiz answer ${name}`)
    t.equal(quiz.json().error, 'validation_error')
  }
  t.equal(await balanceOf(app, actor.headers), before, 'no token was charged')
})
