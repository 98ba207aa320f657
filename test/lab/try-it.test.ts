import t from 'tap'
import { join } from 'node:path'
import { buildApp } from '../helper.js'
import { ADMIN_TOKEN, signUp, topUp } from '../routes/api/helpers.js'
import { loadLabContent } from '../../src/lab/content.js'
import { PROJECT_ROOT } from '../../src/paths.js'

const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
const tryIts = catalog.modules.flatMap((module) => module.sections
  .filter((section) => section.try_it !== undefined)
  .map((section) => ({ where: `${module.module_id}/${section.section_id}`, body: section.try_it as Record<string, unknown> })))

/** The figures a section quotes from its try_it: outcome shares and the base percentiles, or the headline. */
function quotedFigures (answer: Record<string, any>): Record<string, unknown> {
  if (answer.depth === 'headline_pick') return { pick: answer.pick, notes: answer.notes }
  const base = answer.scenarios?.find((s: { name: string }) => s.name === 'base')
  return {
    outcomes: answer.prob_home === undefined ? null : [answer.prob_home, answer.prob_draw, answer.prob_away],
    percentiles: base?.percentiles ?? null,
    conservative: answer.conservative?.percentiles ?? null,
    aggressive: answer.aggressive?.percentiles ?? null,
    bounds: answer.bounds ?? null,
    uncertainty: answer.uncertainty === undefined ? null : { ...answer.uncertainty, notes: undefined },
    convergence: answer.convergence ?? null
  }
}

t.test('the content has a try_it in most sections', async (t) => {
  t.ok(tryIts.length >= catalog.modules.length * 2, `${tryIts.length} try_it requests`)
})

t.test('every try_it is a valid POST /api/v2/simulate body that answers 200', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, rateLimitBurst: 1000, rateLimitPerMinute: 1000 })
  const actor = await signUp(app)
  await topUp(app, actor.actorId, 1000)
  const figures: Record<string, unknown> = {}
  for (const { where, body } of tryIts) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: actor.headers, payload: body })
    t.equal(res.statusCode, 200, `${where}: ${res.statusCode === 200 ? 'ok' : res.body}`)
    figures[where] = quotedFigures(res.json())
  }
  // The sections quote these numbers. When the snapshot changes (a model change), re-read every
  // section whose figures moved and update its text, then `npx tap --snapshot test/lab/try-it.test.ts`.
  t.matchSnapshot(figures, 'the figures the sections quote')
})
