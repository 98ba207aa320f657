/** Account pages beyond sign-up: ledger paging, the deeper depths, sign-out and the 429 countdown. */
import t from 'tap'
import type { Page } from 'playwright-core'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, screenshot, signUpByApi, startWebServer, until, watchedPage } from './browser.js'

const ADMIN_TOKEN = 'web-test-admin-token-0123456789abcdef'
const server = await startWebServer(t, { ADMIN_TOKEN })
const context = await openBrowser(t)
const base = server.baseUrl
/** Empty when the service runs the Lab (the app then probes it without an error). */
const withoutLab = await labProbeFailures(base)

async function balanceOnAccountPage (page: Page): Promise<number> {
  await page.goto(`${base}/account`)
  const balance = page.getByTestId('balance')
  await balance.filter({ hasText: /^\d+$/ }).waitFor()
  return Number(await balance.innerText())
}

t.test('the ledger pages with next_cursor', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/account`)
  const actor = await signUpByApi(base)
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${base}/api/v2/tokens/topup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: actor.actorId, amount: 1, payment_id: `web-test-${i}` })
    })
    t.equal(res.status, 200)
  }
  await page.getByTestId('api-key-input').fill(actor.apiKey)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByTestId('balance').filter({ hasText: /^17$/ }).waitFor()
  t.pass('a pasted key signs in: 12 top-ups and the daily grant')
  // Each wait is on the asserted state itself: the page number and the row count together.
  const shown = async () => await page.evaluate<string>(`(() => {
    const table = document.querySelector('[data-testid="ledger-table"]')
    return table === null ? 'none' : 'page ' + table.getAttribute('data-page') + ': ' + table.querySelectorAll('tbody tr').length + ' rows'
  })()`)
  t.equal(await until(shown, (s) => s === 'page 1: 10 rows'), 'page 1: 10 rows', 'first page: 10 entries')
  await page.getByRole('button', { name: 'Older entries' }).click()
  t.equal(await until(shown, (s) => s === 'page 2: 3 rows'), 'page 2: 3 rows', 'second page: the 3 older entries')
  t.ok(await page.getByRole('button', { name: 'Older entries' }).isDisabled(), 'no page after the last')
  await page.getByRole('button', { name: 'Newer entries' }).click()
  t.equal(await until(shown, (s) => s === 'page 1: 10 rows'), 'page 1: 10 rows', 'back to the first page: 10 entries')
  await checkAccessibility(t, page, 'Account (signed in, ledger)')
  t.same(errors(), [])
  await page.close()
})

t.test('a comparative analysis and a deep dive render their tables and readings', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  t.ok(await balanceOnAccountPage(page) >= 8, 'the actor of the ledger test can pay for both')
  await page.goto(`${base}/explore?depth=comparative_analysis&events=el-clasico,der-klassiker,lakers-celtics`)
  await page.getByTestId('run-simulation').click()
  const table = page.getByTestId('comparison-table')
  t.equal(await until(async () => await table.locator('tbody tr').count(), (n) => n === 3), 3, 'one row per event')
  t.equal(await page.getByTestId('comparison-chart').locator('rect.range-bar').count(), 3, 'a chart of each event\'s 5th–95th range, side by side')
  t.match(await page.getByTestId('headline-result').innerText(), /Comparative analysis: 3 events/)
  await checkAccessibility(t, page, 'Explore with a comparative analysis')

  await page.goto(`${base}/explore?depth=deep_dive_educational&event=north-west-derby`)
  await page.getByTestId('run-simulation').click()
  await page.getByRole('heading', { name: 'Reading the simulation' }).waitFor()
  t.equal(await until(async () => await page.getByTestId('distribution-chart').locator('rect.bar').count(), (n) => n === 20), 20)
  t.equal(await page.getByRole('table', { name: /moving one input by 50 Elo points/ }).locator('tbody tr').count(), 6, 'sensitivity to each input ±50')
  t.equal(await page.getByRole('table', { name: /Monte Carlo standard errors/ }).locator('tbody tr').count(), 3, 'convergence per outcome')
  t.equal(await page.getByTestId('scenario-chart').locator('tbody tr').count(), 3)
  await checkAccessibility(t, page, 'Explore with a deep dive')
  await checkLanguage(t, page, 'Explore (deep dive)')
  await screenshot(page, 'explore-deep-dive-dark', { dark: true })
  t.same(errors(), [])
  await page.close()
})

t.test('sign-out forgets the key; a 429 counts down Retry-After', async (t) => {
  const { page, errors } = await watchedPage(context, [...withoutLab, 429])
  await page.goto(`${base}/account`)
  await page.getByTestId('sign-out').click()
  t.equal(await until(async () => await page.evaluate<number>('Object.keys(localStorage).length'), (n) => n === 0), 0, 'nothing left in the browser storage')
  // Sign-up allows 5 per hour per IP; this file's service has seen 1 so far.
  let countdown: string | null = null
  for (let attempt = 0; attempt < 8 && countdown === null; attempt++) {
    await page.getByTestId('create-actor').click()
    await page.getByTestId('api-key').or(page.getByTestId('problem')).waitFor()
    if (await page.getByTestId('problem').count() > 0) {
      countdown = await page.getByTestId('retry-countdown').innerText()
    } else {
      await page.getByTestId('sign-out').click()
    }
  }
  t.match(countdown, /you can retry in \d+ (min|s)/, 'the 429 shows a countdown')
  t.match(await page.getByTestId('problem').innerText(), /\(429\)[\s\S]*Request id:/)
  const timer = page.getByTestId('retry-countdown')
  const first = Number(await timer.getAttribute('data-seconds'))
  const later = await until(async () => Number(await timer.getAttribute('data-seconds')), (s) => s < first, 5000)
  t.ok(later < first, `the countdown runs (${first} s, then ${later} s)`)
  t.same(errors(), [], 'no console error besides the 429 itself')
  await page.close()
})
