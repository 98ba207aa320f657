/** The charts a person can explore (issue 21): values on hover and focus, and what each paid depth adds. */
import t from 'tap'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, screenshot, signUpByApi, startWebServer, until, watchedPage } from './browser.js'

const ADMIN_TOKEN = 'web-test-admin-token-0123456789abcdef'
const server = await startWebServer(t, { ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_BURST: '1000' })
const context = await openBrowser(t)
const base = server.baseUrl
const withoutLab = await labProbeFailures(base)

const actor = await signUpByApi(base)
const topup = await fetch(`${base}/api/v2/tokens/topup`, {
  method: 'POST',
  headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
  body: JSON.stringify({ user_id: actor.actorId, amount: 100, payment_id: 'web-charts-test' })
})
if (topup.status !== 200) throw new Error(`top-up failed: ${topup.status}`)

async function signIn (page: Page): Promise<void> {
  await page.goto(`${base}/account`)
  if (await page.getByTestId('sign-out').count() === 0) {
    await page.getByTestId('api-key-input').fill(actor.apiKey)
    await page.getByRole('button', { name: 'Use this key' }).click()
  }
  await page.getByTestId('balance').filter({ hasText: /^\d+$/ }).waitFor()
}

/** What the service answers for a body, called directly with the same key (a repeat is not charged again). */
async function direct (body: object): Promise<Record<string, any>> {
  const res = await fetch(`${base}/api/v2/simulate`, { method: 'POST', headers: { authorization: `Bearer ${actor.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return await res.json() as Record<string, any>
}

const readout = (page: Page, chart: string) => async () => await page.getByTestId(chart).getByTestId('chart-readout').innerText()
const pct = (v: number) => `${(v * 100).toFixed(1)}%`

t.test('the distribution and the scenarios show their values on hover and on keyboard focus', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await signIn(page)
  await page.goto(`${base}/explore?depth=full_distribution&event=der-klassiker&seed=11`)
  await page.getByTestId('run-simulation').click()
  const chart = page.getByTestId('distribution-chart')
  t.equal(await until(async () => await chart.locator('rect.bar').count(), (n) => n === 20), 20)
  const api = await direct({ event_id: 'der-klassiker', depth: 'full_distribution', config: { seed: 11 } })
  t.equal(await page.getByTestId('fingerprint').getAttribute('title'), api.meta.fingerprint, 'the page shows the API\'s answer')

  const medianBin = chart.locator('rect.bar.median-bin')
  t.equal(await medianBin.count(), 1, 'the median\'s bin is highlighted')
  const bins: number[] = api.histogram.bins
  const index = bins.findIndex((edge, i) => i < 20 && api.percentiles.p50 >= edge && api.percentiles.p50 < bins[i + 1])
  t.equal(await chart.locator('rect.bar').nth(index).getAttribute('class'), 'bar median-bin', 'the bin that holds the median')

  await chart.locator('rect.bar').nth(index).hover()
  t.equal(await until(readout(page, 'distribution-chart'), (s) => s.startsWith('Home-win')),
    `Home-win probability ${pct(bins[index])} – ${pct(bins[index + 1])}: ${pct(api.histogram.frequencies[index])} of simulations (the median’s bin)`, 'hover reads the bar')
  await chart.locator('rect.bar').nth(index + 1).focus()
  t.equal(await until(readout(page, 'distribution-chart'), (s) => s.includes(pct(bins[index + 2]))),
    `Home-win probability ${pct(bins[index + 1])} – ${pct(bins[index + 2])}: ${pct(api.histogram.frequencies[index + 1])} of simulations`, 'keyboard focus reads the bar')
  await page.keyboard.press('Tab')
  t.match(await until(readout(page, 'distribution-chart'), (s) => s.includes(pct(bins[index + 3]))), new RegExp(`^Home-win probability ${pct(bins[index + 2]).replace('.', '\\.')}`), 'Tab moves to the next bar')

  const scenarios = page.getByTestId('scenario-chart')
  t.equal(await scenarios.locator('line.grid').count(), 5, 'gridlines every 25%')
  t.ok(await scenarios.locator('text.seg-label').count() >= 6, 'value labels on the bars')
  await scenarios.locator('rect.seg').first().focus()
  const base0 = api.scenarios[0]
  t.equal(await until(readout(page, 'scenario-chart'), (s) => s.includes('scenario')), `Conservative scenario: Bayern Munich win in ${pct(base0.prob_home)} of simulations`, 'a scenario segment reads its share')
  t.match(await page.getByTestId('median-explained').innerText(), /not equal/, 'the share of outcomes and the median probability are told apart')
  await page.locator('.scenario-notes summary').click()
  t.match(await page.locator('.scenario-notes').innerText(), /middle 90%[\s\S]*95% interval/, 'the two ranges are explained')
  t.notMatch(await page.locator('main').innerText(), /prob_home|prob_draw|prob_away/, 'no field names in the text')
  await checkAccessibility(t, page, 'Explore with a full distribution (charts)')
  t.same(errors(), [])
  await page.close()
})

t.test('scenario extremes give what they cost: the outcome ranges, both extreme scenarios and a headline', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await signIn(page)
  await page.goto(`${base}/explore?depth=scenario_extremes&event=chiefs-eagles`)
  await page.getByTestId('run-simulation').click()
  const ranges = page.getByTestId('outcome-ranges')
  t.equal(await until(async () => await ranges.locator('tbody tr').count(), (n) => n === 3), 3, 'a row per outcome')
  const api = await direct({ event_id: 'chiefs-eagles', depth: 'scenario_extremes' })
  const cells = await ranges.locator('tbody tr').first().locator('td').allInnerTexts()
  t.same(cells.slice(0, 2), [pct(api.bounds.prob_home_range[0]), pct(api.bounds.prob_home_range[1])], 'prob_home_range as the API gives it')
  t.equal(await page.getByTestId('extremes-chart').locator('rect.range-bar').count(), 3, 'drawn as ranges')
  t.equal(await page.locator('.missing').count(), 0, 'no empty panel')
  t.match(await page.getByTestId('headline-result').innerText(), /Between the scenarios, Kansas City Chiefs win in \d/)
  t.equal(await page.getByTestId('scenario-chart').locator('tbody tr').count(), 2, 'the conservative and aggressive scenarios in full')
  t.notMatch(await page.locator('main').innerText(), /chiefs-eagles/, 'the event by its name, not its id')
  await checkAccessibility(t, page, 'Explore with scenario extremes')
  await checkLanguage(t, page, 'Explore (scenario extremes)')
  t.same(errors(), [])
  await page.close()
})

t.test('the deep dive draws the sensitivity as a tornado and the convergence as a plot; charts download as SVG', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await signIn(page)
  await page.goto(`${base}/explore?depth=deep_dive_educational&event=lakers-celtics`)
  await page.getByTestId('run-simulation').click()
  const tornado = page.getByTestId('tornado-chart')
  t.equal(await until(async () => await tornado.locator('rect.seg').count(), (n) => n === 6), 6, 'two bars (−50, +50) per input')
  await tornado.locator('rect.seg').first().focus()
  t.match(await until(readout(page, 'tornado-chart'), (s) => s.includes('points')), /^(Home advantage|Home rating|Away rating) [+−]50 points: home-win probability \d+\.\d% \([+−]\d+\.\d pts\)$/)
  const plot = page.getByTestId('convergence-plot')
  t.equal(await plot.locator('polyline').count(), 3, 'a standard-error curve per outcome')
  await plot.locator('circle.point').first().focus()
  t.match(await until(readout(page, 'convergence-plot'), (s) => s.startsWith('Home win')), /^Home win: standard error ± 0\.\d{4} at 1,000 simulations; ± 0\.\d{4} at 4,000$/)

  const downloads: string[] = []
  page.on('download', (download) => { void download.path().then((path) => downloads.push(readFileSync(path, 'utf8'))) })
  await page.getByTestId('download-svg').click()
  const charts = await page.locator('.result svg[data-chart]').count()
  t.equal(await until(async () => downloads.length, (n) => n === charts), charts, `one SVG file per chart (${charts})`)
  t.ok(downloads.every((svg) => svg.startsWith('<?xml') && svg.includes('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"') && /fill="rgb/.test(svg)), 'standalone SVG with its colours')
  await checkAccessibility(t, page, 'Explore with a deep dive (charts)')
  t.same(errors(), [])
  await page.close()
})

t.test('a comparative analysis draws each event\'s range side by side', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await signIn(page)
  await page.goto(`${base}/explore?depth=comparative_analysis&events=el-clasico,chiefs-eagles,lakers-celtics`)
  await page.getByTestId('run-simulation').click()
  const chart = page.getByTestId('comparison-chart')
  t.equal(await until(async () => await chart.locator('rect.range-bar').count(), (n) => n === 3), 3)
  await chart.locator('rect.range-bar').nth(1).hover()
  t.match(await until(readout(page, 'comparison-chart'), (s) => s.includes(' v ')), /^.+ v .+: home-win probability, middle 90% \d+\.\d% – \d+\.\d%, median \d+\.\d%$/)
  t.match(await page.getByTestId('headline-result').locator('..').innerText(), /Most uncertain: [^\n]+ v /, 'the most uncertain event by name')
  await checkAccessibility(t, page, 'Explore with a comparative analysis (chart)')
  await screenshot(page, 'explore-comparison')
  t.same(errors(), [])
  await page.close()
})
