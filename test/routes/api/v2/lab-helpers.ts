import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { signUp } from '../helpers.js'
import { loadLabContent, type LabModule } from '../../../../src/lab/content.js'
import { PROJECT_ROOT } from '../../../../src/paths.js'

/** The shipped Lab content: the tests know the right answers, the API never tells them. */
export const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
export const modulesUrl = '/api/v2/lab/modules'
export const unlockUrl = (id: string): string => `${modulesUrl}/${id}/unlock`
export const quizUrl = (id: string): string => `${modulesUrl}/${id}/quiz`

export function moduleOf (id: string): LabModule {
  return catalog.byId.get(id) as LabModule
}

/** Answers to a module's quiz: the first `right` questions answered right, the others wrong. */
export function answersFor (id: string, right = Infinity): Array<{ question_id: string, choice_id: string }> {
  return moduleOf(id).quiz.map((q, i) => ({
    question_id: q.question_id,
    choice_id: i < right ? q.correct_choice_id : (q.choices.find((c) => c.choice_id !== q.correct_choice_id) as { choice_id: string }).choice_id
  }))
}

export async function pass (app: FastifyInstance, headers: Record<string, string>, id: string): Promise<void> {
  const res = await app.inject({ method: 'POST', url: quizUrl(id), headers, payload: { answers: answersFor(id) } })
  if (res.statusCode !== 200 || res.json().passed !== true) throw new Error(`could not pass ${id}: ${res.statusCode} ${res.body}`)
}

export async function unlock (app: FastifyInstance, headers: Record<string, string>, id: string) {
  return await app.inject({ method: 'POST', url: unlockUrl(id), headers })
}

export async function ledgerOf (app: FastifyInstance, headers: Record<string, string>): Promise<Array<Record<string, any>>> {
  return (await app.inject({ url: '/api/v2/tokens/ledger?limit=500', headers })).json().transactions
}

/** An actor who completed the two free modules and elo-and-draws (unlocked with 2 of its 5 daily tokens). */
export async function actorReadyForRatingUncertainty (app: FastifyInstance) {
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  await pass(app, actor.headers, 'reading-distributions')
  const unlocked = await unlock(app, actor.headers, 'elo-and-draws')
  if (unlocked.statusCode !== 200) throw new Error(`could not unlock elo-and-draws: ${unlocked.body}`)
  await pass(app, actor.headers, 'elo-and-draws')
  return actor
}
