import t from 'tap'
import { buildApp } from './helper.js'
import { ADMIN_TOKEN, signUp, topUp } from './routes/api/helpers.js'
import { FORBIDDEN, textsOf } from './fixtures/language.js'
import { join } from 'node:path'
import { readdirSync, readFileSync } from 'node:fs'
import { loadLabContent } from '../src/lab/content.js'
import { PROJECT_ROOT } from '../src/paths.js'

const LAB_CONTENT = join(PROJECT_ROOT, 'content', 'lab')

t.test('no gambling vocabulary in any answer, error or document the service generates', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, rateLimitBurst: 1000, rateLimitPerMinute: 1000 })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 1000)
  const bodies: unknown[] = []
  const catalog = (await app.inject('/api/v2/events')).json().events as Array<{ event_id: string }>
  bodies.push(catalog)
  const inline = [
    { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 },
    { home_team: 'Underdogs', away_team: 'Giants', home_rating: 1200, away_rating: 2600, rating_uncertainty: 0 },
    { home_team: 'Even', away_team: 'Steven', home_rating: 1500, away_rating: 1500, draw_rate: 0, sport: 'tennis', rating_uncertainty: 400 },
    { home_team: 'Home', away_team: 'Away', home_rating: 3900, away_rating: 100, home_advantage: 500, draw_rate: 0.5 }
  ]
  const events = [...catalog.map((e) => ({ event_id: e.event_id })), ...inline]
  for (const event of events) {
    for (const depth of ['headline_pick', 'full_distribution', 'scenario_extremes', 'deep_dive_educational']) {
      const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: actor.headers, payload: { ...event, depth, context: { data_age_days: 40, sample_size: 3, features_present: { form: true, injuries: false } } } })
      t.equal(res.statusCode, 200)
      bodies.push(res.json())
    }
  }
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: actor.headers, payload: { depth: 'comparative_analysis', events: events.slice(0, 10) } })).json())
  bodies.push((await app.inject({ method: 'POST', url: '/api/v1/simulate', headers: actor.headers, payload: { event: inline[0] } })).json())
  for (const url of ['/version', '/api/v2/tiers', '/api/v2/health', '/openapi/v1.json', '/openapi/v2.json', '/nope']) bodies.push((await app.inject(url)).json())
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { home_rating: 9000 } })).json())
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { ...inline[0], depth: 'full_distribution' } })).json())

  const texts = bodies.flatMap((body) => textsOf(body))
  t.ok(texts.length > 500, `scanned ${texts.length} strings`)
  const offending = texts.filter((text) => FORBIDDEN.test(text))
  t.same(offending, [], 'no forbidden word')
})

t.test('no gambling vocabulary in the Lab: its content files and every Lab answer and error', async (t) => {
  const files = readdirSync(LAB_CONTENT).filter((name) => name.endsWith('.yaml'))
  const offendingLines = files.flatMap((name) => readFileSync(join(LAB_CONTENT, name), 'utf8').split('\n')
    .filter((line) => FORBIDDEN.test(line)).map((line) => `${name}: ${line.trim()}`))
  t.same(offendingLines, [], 'no forbidden word in any content file')

  const catalog = loadLabContent(LAB_CONTENT)
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 1000)
  const bodies: unknown[] = [(await app.inject('/api/v2/lab/modules')).json()]
  const quizOf = (moduleId: string, right: boolean) => ({
    answers: (catalog.byId.get(moduleId)?.quiz ?? []).map((q) => ({
      question_id: q.question_id,
      choice_id: right ? q.correct_choice_id : (q.choices.find((c) => c.choice_id !== q.correct_choice_id) as { choice_id: string }).choice_id
    }))
  })
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/lab/modules/rating-uncertainty/unlock', headers: actor.headers })).json())
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/lab/modules/elo-and-draws/quiz', headers: actor.headers, payload: quizOf('elo-and-draws', true) })).json())
  for (const module of catalog.modules) {
    bodies.push((await app.inject(`/api/v2/lab/modules/${module.module_id}`)).json())
    bodies.push((await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${module.module_id}/unlock`, headers: actor.headers })).json())
    bodies.push((await app.inject({ url: `/api/v2/lab/modules/${module.module_id}`, headers: actor.headers })).json())
    bodies.push((await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${module.module_id}/quiz`, headers: actor.headers, payload: quizOf(module.module_id, false) })).json())
    bodies.push((await app.inject({ method: 'POST', url: `/api/v2/lab/modules/${module.module_id}/quiz`, headers: actor.headers, payload: quizOf(module.module_id, true) })).json())
  }
  bodies.push((await app.inject({ url: '/api/v2/lab/progress', headers: actor.headers })).json())
  bodies.push((await app.inject({ url: '/api/v2/lab/modules/nope' })).json())
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/lab/modules/monte-carlo-basics/quiz', headers: actor.headers, payload: { answers: [{ question_id: 'x', choice_id: 'y' }] } })).json())
  const poor = await signUp(app, 'poor')
  bodies.push((await app.inject({ method: 'POST', url: '/api/v2/lab/modules/elo-and-draws/quiz', headers: poor.headers, payload: quizOf('elo-and-draws', true) })).json())
  const { app: stingy } = await buildApp(t, { dailyTokens: 1 })
  const short = await signUp(stingy, 'short of tokens')
  await stingy.inject({ method: 'POST', url: '/api/v2/lab/modules/monte-carlo-basics/quiz', headers: short.headers, payload: quizOf('monte-carlo-basics', true) })
  const denied = await stingy.inject({ method: 'POST', url: '/api/v2/lab/modules/elo-and-draws/unlock', headers: short.headers })
  t.equal(denied.statusCode, 402)
  bodies.push(denied.json())

  const texts = bodies.flatMap((body) => textsOf(body))
  t.ok(texts.length > 300, `scanned ${texts.length} strings`)
  t.ok(texts.some((text) => text.includes('gambler')), 'the graded explanations are among them')
  t.same(texts.filter((text) => FORBIDDEN.test(text)), [], 'no forbidden word')
})

t.test('the scanner itself catches the forbidden words', async (t) => {
  for (const phrase of ['Place a bet', 'the odds are', 'a sure thing', "you can't lose", 'guaranteed result', 'profit', 'bookmaker', 'lock of the week', 'parlay', 'bankroll', 'stake', 'tipster']) {
    t.ok(FORBIDDEN.test(phrase), phrase)
  }
  t.notOk(FORBIDDEN.test('tokens unlock depth; better; alphabet; blocked'), 'only whole words')
})
