/** Explore's inputs and actions (issue 21): validation, links, stale results, double presses, 429, focus, seeds, sharing. */
import t from 'tap'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, startWebServer, until, watchedPage } from './browser.js'

// Many runs from one address: the per-minute limit is raised for this file (a second service below keeps it low).
const server = await startWebServer(t, { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_BURST: '1000' })
const context = await openBrowser(t)
const base = server.baseUrl
const withoutLab = await labProbeFailures(base)

/** Counts the POST /api/v2/simulate requests the page sends and keeps their bodies. */
function simulateRequests (page: Page): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v2/simulate') && request.method() === 'POST') bodies.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>)
  })
  return bodies
}

const textOf = (page: Page, testId: string) => async () => await page.getByTestId(testId).count() > 0 ? await page.getByTestId(testId).first().innerText() : ''

t.test('mistakes are named next to their fields in plain words, and nothing is sent', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore`)
  await page.getByTestId('event-select').selectOption('custom')
  await page.getByLabel('Home side').fill('H')
  await page.getByLabel('Away side').fill('Hill Rovers')
  await page.getByLabel('Home Elo rating (0–4000)').fill('1650')
  await page.getByLabel('Away Elo rating (0–4000)').fill('99999')
  await page.getByTestId('run-simulation').click()
  t.equal(await until(textOf(page, 'error-homeTeam'), (s) => s !== ''), 'Enter a name of 2 to 80 characters.')
  t.equal(await page.getByTestId('error-awayRating').innerText(), 'Enter a number from 0 to 4,000.')
  t.equal(await page.getByLabel('Home side').getAttribute('aria-invalid'), 'true', 'the field is marked invalid')
  t.equal(await page.getByLabel('Home side').getAttribute('aria-describedby'), 'homeTeam-error', 'and points at its message')
  t.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'home-team', 'the focus goes to the first mistake')
  t.notMatch(await page.locator('main').innerText(), /\/body\/|must NOT/, 'no JSON pointer or validator wording')
  t.equal(sent.length, 0, 'no request was sent')
  await checkAccessibility(t, page, 'Explore with field errors')
  await page.getByLabel('Home side').fill('Harbour Town')
  await page.getByLabel('Away Elo rating (0–4000)').fill('1720')
  t.equal(await until(async () => await page.locator('[aria-invalid="true"]').count(), (n) => n === 0), 0, 'corrected fields lose their marks')
  await page.getByTestId('run-simulation').click()
  await page.getByTestId('headline-result').waitFor()
  t.equal(sent.length, 1)
  t.same(errors(), [])
  await page.close()
})

t.test('the free depth\'s cap of 1 000 simulations is enforced in the form', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore`)
  await page.getByTestId('depth-select').selectOption('headline_pick')
  await page.locator('summary', { hasText: 'Simulation settings' }).click()
  await page.getByLabel(/Number of simulations/).fill('5000')
  await page.getByTestId('run-simulation').click()
  t.match(await until(textOf(page, 'error-nSimulations'), (s) => s !== ''), /free depth allows up to 1,000 simulations/)
  t.equal(sent.length, 0)
  t.same(errors(), [])
  await page.close()
})

t.test('a link with a seed that is not a number shows the mistake instead of sending null', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore?depth=headline_pick&event=el-clasico&seed=abc`)
  t.equal(await until(textOf(page, 'error-seed'), (s) => s !== ''), 'Enter a number (digits only).')
  t.equal(await page.getByLabel(/^Seed/).inputValue(), 'abc', 'the field shows what the link said')
  t.equal(sent.length, 0, 'nothing was sent (no "seed": null)')
  t.same(errors(), [])
  await page.close()
})

t.test('a link naming an unknown event says so, and Run sends what the form shows', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore?depth=headline_pick&event=no-such-event`)
  t.match(await until(textOf(page, 'link-notice'), (s) => s !== ''), /catalog does not have \(“no-such-event”\)/)
  t.equal(sent.length, 0, 'nothing ran with the unknown id')
  const shown = await page.getByTestId('event-select').inputValue()
  await page.getByTestId('run-simulation').click()
  await page.getByTestId('headline-result').waitFor()
  t.equal(sent.length, 1)
  t.equal(sent[0].event_id, shown, 'the request used the event the form shows')
  t.same(errors(), [])
  await page.close()
})

t.test('a result under changed inputs is marked stale; two quick presses send one request', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore?depth=headline_pick&event=der-klassiker`)
  await page.getByTestId('headline-result').waitFor()
  t.equal(await page.getByTestId('result').getAttribute('data-stale'), 'false')
  await page.getByTestId('event-select').selectOption('lakers-celtics')
  t.equal(await until(async () => await page.getByTestId('result').getAttribute('data-stale'), (s) => s === 'true'), 'true', 'marked stale')
  t.match(await page.getByTestId('stale-note').innerText(), /no longer matches/)
  const before = sent.length
  // Two clicks in one task: the second comes before any re-render could disable the button.
  await page.evaluate(`(() => {
    const button = document.querySelector('[data-testid="run-simulation"]')
    button.click()
    button.click()
  })()`)
  t.match(await until(async () => await page.getByTestId('headline-result').innerText().catch(() => ''), (s) => s.includes('Lakers')), /Los Angeles Lakers v Boston Celtics/)
  t.equal(await page.getByTestId('result').getAttribute('data-stale'), 'false', 'fresh again')
  t.equal(sent.length - before, 1, 'one request for two presses')
  t.equal(await page.getByTestId('problem').count(), 0, 'and no problem shown')
  t.same(errors(), [])
  await page.close()
})

t.test('focus follows the run, page changes are announced, headings do not skip levels', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/explore`)
  await page.getByTestId('run-simulation').click()
  t.equal(await until(async () => await page.evaluate<string>("document.activeElement?.id ?? ''"), (id) => id === 'explore-headline'), 'explore-headline', 'after Run the focus is on the result\'s heading')
  const levels = await page.evaluate<number[]>("Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5')).map((h) => Number(h.tagName[1]))")
  t.equal(levels[0], 1)
  t.ok(levels.every((level, i) => i === 0 || level <= levels[i - 1] + 1), `no heading level skipped (${levels.join(' ')})`)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click()
  t.equal(await until(textOf(page, 'page-announcement'), (s) => s !== ''), 'Account page', 'the page change is announced')
  t.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'main', 'and the focus moves to the content')
  t.same(errors(), [])
  await page.close()
})

t.test('run again with another seed shows how much the numbers wobble', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const sent = simulateRequests(page)
  await page.goto(`${base}/explore?depth=headline_pick&event=el-clasico&seed=7`)
  await page.getByTestId('headline-result').waitFor()
  await page.getByTestId('run-another-seed').click()
  const table = page.getByTestId('seed-wobble')
  t.equal(await until(async () => await table.locator('tbody tr').count(), (n) => n > 0), 1, 'one number compared for the headline depth')
  t.equal(sent.length, 2)
  const seed = (sent[1].config as { seed: number }).seed
  t.not(seed, 7, 'a different seed')
  t.match(page.url(), new RegExp(`seed=${seed}`), 'the new seed is in the link')
  t.match(await table.locator('thead').innerText(), new RegExp(`Seed 7\\s+Seed ${seed}`))
  t.match(await page.getByTestId('wobble-summary').innerText(), /largest difference is \d+\.\d percentage points/)
  await checkAccessibility(t, page, 'Explore with a seed comparison')
  await checkLanguage(t, page, 'Explore (seed comparison)')
  t.same(errors(), [])
  await page.close()
})

t.test('share: copy the link, download JSON and CSV, show as curl', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
  await page.goto(`${base}/explore?depth=headline_pick&event=north-west-derby&n_simulations=500`)
  await page.getByTestId('headline-result').waitFor()
  const fingerprint = await page.getByTestId('fingerprint').getAttribute('title')

  await page.getByTestId('copy-link').click()
  t.match(await until(textOf(page, 'tools-status'), (s) => s !== ''), /^Link copied/)
  t.equal(await page.evaluate<string>('navigator.clipboard.readText()'), page.url(), 'the clipboard holds the link')

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()])
  const answer = JSON.parse(readFileSync(await json.path(), 'utf8')) as { meta: { fingerprint: string }, depth: string }
  t.equal(answer.meta.fingerprint, fingerprint, 'the JSON is the answer on the page')
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()])
  const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n')
  t.equal(rows[0], 'field,value')
  t.ok(rows.includes(`meta.fingerprint,${fingerprint}`), 'the CSV has every field, the fingerprint included')
  t.match(csv.suggestedFilename(), /^trickster-headline_pick-[0-9a-f]{12}\.csv$/)

  await page.locator('summary', { hasText: 'Show as curl' }).click()
  const curl = await page.getByTestId('curl').innerText()
  t.match(curl, new RegExp(`^curl -sS -X POST '${base}/api/v2/simulate'`))
  const body = /-d '(.*)'$/m.exec(curl)?.[1] ?? ''
  const res = await fetch(`${base}/api/v2/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  t.equal((await res.json() as { meta: { fingerprint: string } }).meta.fingerprint, fingerprint, 'the curl command reproduces the result')
  t.same(errors(), [])
  await page.close()
})

t.test('during a 429 countdown Run waits', async (t) => {
  const limited = await startWebServer(t, { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '1' })
  const { page, errors } = await watchedPage(context, [...(await labProbeFailures(limited.baseUrl)), 429])
  await page.goto(`${limited.baseUrl}/explore?depth=headline_pick&event=el-clasico`)
  await page.getByTestId('headline-result').waitFor()
  let status = ''
  for (let i = 0; i < 5 && status === ''; i++) {
    await page.getByTestId('run-simulation').click()
    status = await until(async () => await page.getByTestId('retry-countdown').count() > 0 ? 'limited' : await page.getByTestId('run-simulation').isEnabled() ? 'ran' : '', (s) => s !== '', 10_000)
    if (status === 'ran') status = ''
  }
  t.equal(status, 'limited', 'the service answered 429')
  const button = page.getByTestId('run-simulation')
  t.equal(await button.isDisabled(), true, 'Run is disabled while the countdown runs')
  t.match(await button.innerText(), /^Wait \d+ s before running again$/)
  await checkAccessibility(t, page, 'Explore during a 429')
  t.same(errors(), [], 'no console error besides the 429')
  await page.close()
})
