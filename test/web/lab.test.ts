import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Page } from 'playwright-core'
import { PROJECT_ROOT } from '../../src/paths.js'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, screenshot, signUpByApi, startWebServer, until, watchedPage } from './browser.js'

/** A free module, and a paid one whose only prerequisite is that free module (content/lab/). */
const FREE = 'monte-carlo-basics'
const PAID = 'elo-and-draws'

interface ModuleFile {
  cost_tokens: number
  prerequisites: string[]
  quiz: Array<{ question_id: string, correct_choice_id: string }>
}
const moduleFile = (id: string): ModuleFile => parse(readFileSync(join(PROJECT_ROOT, 'content', 'lab', `${id}.yaml`), 'utf8')) as ModuleFile

const ADMIN_TOKEN = 'web-test-admin-token-0123456789abcdef'
const server = await startWebServer(t, { ADMIN_TOKEN })
const context = await openBrowser(t)
const base = server.baseUrl

/** Answers every question of the page's quiz right, submits it and returns the result line. */
async function passQuiz (page: Page, moduleId: string): Promise<string> {
  for (const question of moduleFile(moduleId).quiz) {
    await page.locator(`#${question.question_id}-${question.correct_choice_id}`).check()
  }
  await page.getByTestId('quiz-submit').click()
  const result = page.getByTestId('quiz-result')
  await result.waitFor()
  return await result.innerText()
}

t.test('the module list shows cost, access, prerequisites and progress', async (t) => {
  t.equal(moduleFile(FREE).cost_tokens, 0)
  t.same(moduleFile(PAID).prerequisites, [FREE])
  const { page, errors } = await watchedPage(context)
  await page.goto(`${base}/lab`)
  const list = page.getByTestId('lab-modules')
  await list.waitFor()
  t.ok(await list.locator('li').count() >= 7, 'every module is listed')
  t.match(await page.getByTestId(`lab-module-${FREE}`).innerText(), /free · open/)
  t.match(await page.getByTestId(`lab-module-${PAID}`).innerText(), /2 tokens · sign in to unlock[\s\S]*Complete first: /)
  await checkAccessibility(t, page, 'Lab (signed out)')
  await checkLanguage(t, page, 'Lab')
  t.same(errors(), [])
  await page.close()
})

t.test('a free module: sections, an inline try-it with the explorer\'s charts, and a passed quiz', async (t) => {
  const { page, errors } = await watchedPage(context)
  const actor = await signUpByApi(base)
  const topup = await fetch(`${base}/api/v2/tokens/topup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: actor.actorId, amount: 10, payment_id: 'web-lab-test' })
  })
  t.equal(topup.status, 200)
  await page.goto(`${base}/account`)
  await page.getByTestId('api-key-input').fill(actor.apiKey)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByTestId('balance').filter({ hasText: /^15$/ }).waitFor()

  await page.goto(`${base}/lab`)
  t.equal(await until(async () => await page.getByTestId('session-badge').innerText(), (text) => /\d+ tokens/.test(text)), 'Signed in · 15 tokens', 'a Lab page shows the balance in the header')
  await page.getByTestId(`lab-module-${FREE}`).getByRole('link').click()
  await page.waitForURL(new RegExp(`/lab/${FREE}$`))
  await page.locator('.lab-section').nth(2).waitFor()
  t.pass('every section of a free module')
  t.equal(await page.locator('.markdown strong').count() > 0, true, 'Markdown is rendered')
  await page.locator('.try-it button').first().click()
  await page.locator('.try-it').first().getByTestId('headline-result').waitFor()
  t.pass('a try-it runs inline and shows its result')
  t.equal(await page.locator('.try-it').first().getByRole('heading', { level: 3 }).count() > 0, true, 'a try-it result\'s headings sit under the section\'s h2 (h3)')
  t.equal(await page.locator('.try-it h2').count(), 0, 'no try-it heading at the level of the sections')

  let quizRequests = 0
  page.on('request', (request) => { if (request.url().endsWith('/quiz')) quizRequests++ })
  await page.getByTestId('quiz-submit').click()
  const unanswered = await until(async () => await page.getByTestId('quiz-unanswered').count() > 0 ? await page.getByTestId('quiz-unanswered').innerText() : '', (text) => text !== '')
  t.match(unanswered, /^Please answer questions 1, 2(, \d+)* and \d+ before checking\.$/, 'an unanswered quiz names the questions by number')
  t.equal(quizRequests, 0, 'and is not sent')
  t.match(await passQuiz(page, FREE), /Passed/)
  await checkAccessibility(t, page, `Lab module ${FREE}`)
  t.same(errors(), [])
  await page.close()
})

t.test('a paid module unlocks after a confirmation that shows the cost and the balance, then its quiz is passed', async (t) => {
  const { page, errors } = await watchedPage(context)
  await page.goto(`${base}/lab/${PAID}`)
  await page.getByTestId('unlock-module').waitFor()
  t.equal(await page.locator('.lab-section').count(), 1, 'a locked module shows its first section as a preview')
  t.equal(await page.getByTestId('quiz-submit').count(), 0, 'and no quiz')
  await page.getByTestId('unlock-module').click()
  const confirm = page.getByTestId('confirm-unlock')
  await confirm.waitFor()
  t.match(await page.locator('.confirm').innerText(), /costs 2 tokens\. Your balance is 15 tokens; afterwards it will be 13 tokens\./, 'cost and balance before confirming')
  await confirm.click()
  await page.getByTestId('quiz-submit').waitFor()
  t.ok(await page.locator('.lab-section').count() >= 3, 'unlocked: every section')
  t.equal(await page.getByTestId('unlock-module').count(), 0)
  await page.locator('.try-it button').last().click()
  await page.locator('.try-it').last().getByTestId('headline-result').waitFor()
  t.match(await passQuiz(page, PAID), /Passed/)
  const feedback = await page.locator('.verdict').allInnerTexts()
  t.equal(feedback.length, moduleFile(PAID).quiz.length, 'feedback for every question')
  t.ok(feedback.every((line) => line.startsWith('Correct.')))
  await checkAccessibility(t, page, `Lab module ${PAID} (unlocked, quiz graded)`)
  await checkLanguage(t, page, `Lab module ${PAID}`)
  await screenshot(page, 'lab-module')

  const homeAdvantage = page.locator('#section-home-advantage + .markdown')
  t.equal(await homeAdvantage.locator('li').count(), 0, 'the formula of section 2 is a sentence, not a bullet')
  t.match(await homeAdvantage.locator('code').first().innerText(), /^diff = home_rating \+ home_advantage − away_rating$/, 'the formula reads whole')

  await page.goto(`${base}/lab`)
  const card = page.getByTestId(`lab-module-${PAID}`)
  t.match(await until(async () => await card.innerText(), (text) => /completed/.test(text)), /completed/, 'progress shows in the list')
  t.notMatch(await card.innerText(), /Complete first/, 'a completed prerequisite is no longer asked for')
  t.match(await card.innerText(), /Prerequisite completed: /)
  await page.goto(`${base}/account`)
  t.match(await until(async () => await page.getByTestId('ledger-table').innerText(), (text) => text.includes('Lab module “')), /Lab module “Elo ratings[^”]*”\s+−2/, 'the unlock is in the ledger, by the module\'s title')
  t.same(errors(), [])
  await page.close()
})

t.test('unlock says what stops it before it asks to spend: a missing prerequisite, then too few tokens', async (t) => {
  const { page, errors } = await watchedPage(context)
  const actor = await signUpByApi(base)
  await page.goto(`${base}/account`)
  await page.getByTestId('sign-out').click()
  await page.getByTestId('api-key-input').fill(actor.apiKey)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByTestId('balance').filter({ hasText: /^5$/ }).waitFor()

  await page.goto(`${base}/lab/${PAID}`)
  const blocked = page.getByTestId('unlock-blocked')
  t.match(await until(async () => await blocked.count() > 0 ? await blocked.innerText() : '', (text) => text !== ''), /^Complete first: .+ \(pass its quiz\)/, 'a missing prerequisite is named')
  t.equal(await page.getByTestId('unlock-module').count(), 0, 'and no unlock is offered')
  await checkAccessibility(t, page, `Lab module ${PAID} (prerequisite missing)`)

  // The prerequisite passed and the tokens spent elsewhere (both through the API): now the balance is short.
  const free = moduleFile(FREE)
  const quiz = await fetch(`${base}/api/v2/lab/modules/${FREE}/quiz`, {
    method: 'POST',
    headers: { authorization: `Bearer ${actor.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ answers: free.quiz.map((q) => ({ question_id: q.question_id, choice_id: q.correct_choice_id })) })
  })
  t.equal(quiz.status, 200)
  const spend = await fetch(`${base}/api/v2/simulate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${actor.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event_id: 'el-clasico', depth: 'deep_dive_educational' })
  })
  t.equal(spend.status, 200, 'a deep dive spends the 5 tokens')
  await page.reload()
  t.match(await until(async () => await blocked.count() > 0 ? await blocked.innerText() : '', (text) => text.includes('balance')), /costs 2 tokens and your balance is 0 tokens/, 'too few tokens is said before any confirmation')
  t.equal(await page.getByTestId('unlock-module').count(), 0, 'no unlock button')
  t.equal(await page.getByTestId('confirm-unlock').count(), 0, 'no confirmation')
  t.same(errors(), [], 'no 402 or 409 was provoked')
  await page.close()
})

t.test('an unknown module has a page heading and a way back', async (t) => {
  const { page, errors } = await watchedPage(context, [404])
  await page.goto(`${base}/lab/no-such-module`)
  await page.getByRole('heading', { level: 1, name: 'Module not found' }).waitFor()
  t.equal(await page.getByRole('link', { name: 'See every module' }).count(), 1)
  await checkAccessibility(t, page, 'Lab (unknown module)')
  t.same(errors(), [])
  await page.close()
})

t.test('with LAB_ENABLED=false the app hides the Lab', async (t) => {
  const hidden = await startWebServer(t, { LAB_ENABLED: 'false' })
  const { page, errors } = await watchedPage(context, await labProbeFailures(hidden.baseUrl))
  await page.goto(`${hidden.baseUrl}/lab`)
  await page.getByRole('heading', { name: 'The Lab is not available' }).waitFor()
  t.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).count(), 0, 'no Lab link')
  t.same(errors(), [], 'no console error besides the 404 of the Lab probe')
  await page.close()
})
