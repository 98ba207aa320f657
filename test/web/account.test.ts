import t from 'tap'
import type { Page } from 'playwright-core'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, screenshot, startWebServer, until, watchedPage } from './browser.js'

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

t.test('a wrong pasted key is checked with the service and not kept', async (t) => {
  const { page, errors } = await watchedPage(context, [...withoutLab, 401])
  await page.goto(`${base}/account`)
  await page.getByTestId('api-key-input').fill('not-a-real-key-0123456789')
  await page.getByRole('button', { name: 'Use this key' }).click()
  const problem = page.getByTestId('problem')
  const text = await until(async () => await problem.count() > 0 ? await problem.innerText() : '', (s) => s !== '')
  t.match(text, /This key was not accepted \(401\)/, 'the key is refused on the spot')
  t.notMatch(text, /Account page/, 'no advice to go to the page the person is on')
  t.equal(await page.getByTestId('api-key-input').count(), 1, 'the paste field stays')
  t.equal(await page.getByTestId('session-badge').innerText(), 'Not signed in')
  t.equal(await page.evaluate('Object.keys(localStorage).length'), 0, 'nothing was stored')
  await checkAccessibility(t, page, 'Account (key refused)')
  t.same(errors(), [], 'no console error besides the 401 itself')
  await page.close()
})

t.test('sign-up shows the API key once, with a copy button and a warning', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/account`)
  await checkAccessibility(t, page, 'Account (signed out)')
  await page.getByTestId('create-actor').click()
  const key = page.getByTestId('api-key')
  await key.waitFor()
  t.match(await key.innerText(), /^\S{20,}$/, 'the key is shown')
  t.match(await page.getByRole('alert').first().innerText(), /shown only once/)
  t.equal(await page.getByRole('button', { name: 'Copy key' }).count(), 1, 'a copy button')
  await page.getByTestId('balance').filter({ hasText: /^5$/ }).waitFor()
  t.pass('the first signed-in request brought the daily grant of 5 tokens')
  t.match(await page.getByTestId('ledger-table').innerText(), /Daily grant/, 'the ledger lists the grant')
  await checkAccessibility(t, page, 'Account (new key shown)')
  await checkLanguage(t, page, 'Account')
  await screenshot(page, 'account')

  await page.reload()
  await page.getByTestId('balance').filter({ hasText: /^\d+$/ }).waitFor()
  t.equal(await page.getByTestId('api-key').count(), 0, 'after a reload the key is not shown again')
  t.equal(await page.getByTestId('sign-out').count(), 1, 'still signed in: the key is kept in the browser')
  t.same(errors(), [])
  await page.close()
})

t.test('a charged full distribution draws the histogram, the scenarios and the uncertainty panel; the balance goes down by 2', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const before = await balanceOnAccountPage(page)
  await page.goto(`${base}/explore`)
  await page.getByTestId('event-select').selectOption('el-clasico')
  await page.getByTestId('depth-select').selectOption('full_distribution')
  await page.getByTestId('run-simulation').getByText('costs 2 tokens').waitFor()
  await page.getByTestId('run-simulation').click()
  const chart = page.getByTestId('distribution-chart')
  await chart.waitFor()
  t.equal(await chart.locator('rect.bar').count(), 20, 'a histogram of 20 bins')
  t.equal(await chart.locator('rect.band').count(), 1, 'the p5–p95 band')
  t.equal(await chart.locator('line.median').count(), 1, 'the median')
  t.match(await chart.locator('figcaption').innerText(), /median of \d+\.\d%; 90% of the simulated values lie between/, 'a sentence describes the chart')
  t.equal(await page.getByTestId('scenario-chart').locator('tbody tr').count(), 3, 'three scenarios side by side')
  t.match(await page.getByTestId('uncertainty-panel').innerText(), /Volatility[\s\S]*Data quality[\s\S]*Confidence decay/)
  t.match(await page.locator('.meta').innerText(), /charged 2 tokens/)
  await checkAccessibility(t, page, 'Explore with a full distribution')
  await checkLanguage(t, page, 'Explore (full distribution)')
  await screenshot(page, 'explore')

  t.equal(await balanceOnAccountPage(page), before - 2, 'the balance went down by 2')
  t.match(await until(async () => await page.getByTestId('ledger-table').innerText(), (text) => /Spent\s+Full distribution · \S.* v \S/.test(text)), /Spent\s+Full distribution · Real Madrid v FC Barcelona\s+−2/, 'the ledger names the event, not its id')
  t.same(errors(), [])
  await page.close()
})

t.test('a 402 explains how to get tokens', async (t) => {
  const { page, errors } = await watchedPage(context, [...withoutLab, 402])
  const balance = await balanceOnAccountPage(page)
  t.ok(balance < 5, `balance ${balance} is short of the deep dive`)
  await page.goto(`${base}/explore`)
  await page.getByTestId('event-select').waitFor()
  const deepDive = page.getByTestId('depth-select').locator('option[value="deep_dive_educational"]')
  await deepDive.filter({ hasText: 'locked' }).waitFor({ state: 'attached' })
  t.match(await deepDive.innerText(), /locked: needs 5 tokens, you have \d/, 'the depth is marked as locked')
  await page.getByTestId('depth-select').selectOption('deep_dive_educational')
  await page.getByTestId('run-simulation').click()
  const problem = page.getByTestId('problem')
  await problem.waitFor()
  const text = await problem.innerText()
  t.match(text, /\(402\)/)
  t.match(text, /needs 5 tokens; your account holds \d tokens/)
  t.match(text, /How to get tokens/)
  t.match(text, /Request id: \S+/, 'the request id is shown')
  await checkAccessibility(t, page, 'Explore with a 402')
  t.same(errors(), [], 'no console error besides the 402 itself')
  await page.close()
})

t.test('a retried action reuses its Idempotency-Key and is charged once', async (t) => {
  const { page, errors } = await watchedPage(context, [...withoutLab, 'net::ERR_FAILED'])
  const before = await balanceOnAccountPage(page)
  const keys: string[] = []
  let replayed: string | undefined
  await page.route('**/api/v2/simulate', async (route) => {
    keys.push(route.request().headers()['idempotency-key'])
    if (keys.length === 1) {
      await route.fetch() // the service answers (and charges) …
      await route.abort('failed') // … but the answer is lost on the way
      return
    }
    const response = await route.fetch()
    replayed = response.headers()['idempotent-replayed']
    await route.fulfill({ response })
  })
  await page.goto(`${base}/explore?depth=scenario_extremes&event=lakers-celtics`)
  await page.getByTestId('run-simulation').click()
  await page.getByTestId('problem').getByText('could not be reached').waitFor()
  await page.getByTestId('run-simulation').click()
  await page.getByTestId('scenario-chart').waitFor()
  t.equal(keys.length, 2)
  t.ok(keys[0] !== undefined && keys[0].length > 0, 'the action carries an Idempotency-Key')
  t.equal(keys[1], keys[0], 'the retry reuses it')
  t.equal(replayed, 'true', 'the service replayed the stored answer')
  await page.unroute('**/api/v2/simulate')
  t.equal(await balanceOnAccountPage(page), before - 3, 'charged once for two attempts')
  t.same(errors(), [])
  await page.close()
})
