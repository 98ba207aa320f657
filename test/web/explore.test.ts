import t from 'tap'
import { gzipSync } from 'node:zlib'
import { checkAccessibility, checkLanguage, labProbeFailures, openBrowser, startWebServer, watchedPage } from './browser.js'
import type { Response } from 'playwright-core'

const server = await startWebServer(t)
const context = await openBrowser(t)
const base = server.baseUrl
/** Empty when the service runs the Lab (the app then probes it without an error). */
const withoutLab = await labProbeFailures(base)

t.test('a free headline on a catalog event, without an account', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/`)
  await page.getByTestId('event-select').selectOption('north-west-derby')
  await page.getByTestId('depth-select').selectOption('headline_pick')
  await t.resolves(page.getByTestId('run-simulation').getByText('free').waitFor(), 'the button says the depth is free')
  await page.getByTestId('run-simulation').click()
  const headline = page.getByTestId('headline-result')
  await headline.waitFor()
  t.match(await headline.innerText(), /Most frequent simulated outcome: Liverpool \(home\)/)
  t.match(await headline.innerText(), /How to read this/, 'the notes come with the headline')
  t.match(page.url(), /\/explore\?.*event=north-west-derby/, 'the inputs are in the URL')
  t.equal(await page.getByTestId('distribution-chart').count(), 0, 'the free depth draws no distribution')
  await checkAccessibility(t, page, 'Explore with a headline')
  await checkLanguage(t, page, 'Explore')
  t.same(errors(), [], 'no console error')
  await page.close()
})

t.test('typed teams and ratings run like a catalog event', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/explore`)
  await page.getByTestId('event-select').selectOption('custom')
  await page.getByLabel('Home side').fill('Harbour Town')
  await page.getByLabel('Away side').fill('Hill Rovers')
  await page.getByLabel('Home Elo rating (0–4000)').fill('1650')
  await page.getByLabel('Away Elo rating (0–4000)').fill('1720')
  await page.getByTestId('run-simulation').click()
  await page.getByTestId('headline-result').waitFor()
  t.match(await page.getByTestId('headline-result').innerText(), /Harbour Town v Hill Rovers/)
  t.match(page.url(), /home_team=Harbour\+Town/)
  t.same(errors(), [])
  await page.close()
})

t.test('a deep link reproduces the same fingerprint and numbers on reload', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  const link = `${base}/explore?depth=headline_pick&event=der-klassiker&n_simulations=800&seed=12345`
  await page.goto(link)
  await page.getByTestId('headline-result').waitFor()
  const first = { fingerprint: await page.getByTestId('fingerprint').getAttribute('title'), headline: await page.getByTestId('headline-result').innerText() }
  await page.reload()
  await page.getByTestId('headline-result').waitFor()
  t.equal(await page.getByTestId('fingerprint').getAttribute('title'), first.fingerprint, 'same fingerprint after a reload')
  t.equal(await page.getByTestId('headline-result').innerText(), first.headline, 'same numbers after a reload')
  t.equal(await page.getByLabel(/Number of simulations/).inputValue(), '800', 'the form shows the linked inputs')

  const api = await fetch(`${base}/api/v2/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event_id: 'der-klassiker', depth: 'headline_pick', config: { n_simulations: 800, seed: 12345 } }) })
  t.equal((await api.json() as { meta: { fingerprint: string } }).meta.fingerprint, first.fingerprint, 'the page sent exactly the linked inputs')
  t.same(errors(), [])
  await page.close()
})

t.test('the first load of / ships at most 250 kB of gzipped JavaScript and CSS, under a strict CSP', async (t) => {
  const page = await context.newPage()
  const sizes: Array<{ url: string, gzip: number }> = []
  const bodies: Array<Promise<void>> = []
  const measure = (response: Response): void => {
    const type = response.request().resourceType()
    if (type === 'script' || type === 'stylesheet') {
      bodies.push(response.body().then((body) => { sizes.push({ url: response.url(), gzip: gzipSync(body).length }) }))
    }
  }
  page.on('response', measure)
  const document = await page.goto(`${base}/`, { waitUntil: 'networkidle' })
  await page.getByTestId('event-select').waitFor()
  // Every body read before the sum, and none left pending when the page navigates on or closes
  // (a body read still in flight then rejects, outside this test).
  page.off('response', measure)
  await Promise.all(bodies)
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0)
  t.ok(sizes.length >= 2, `loaded ${sizes.map((s) => `${s.url.replace(base, '')} ${(s.gzip / 1024).toFixed(1)} kB`).join(', ')}`)
  t.ok(total <= 250 * 1024, `first load: ${(total / 1024).toFixed(1)} kB gzipped JS + CSS (budget 250 kB)`)
  t.notOk(sizes.some((s) => /marked|purify|Lab/i.test(s.url)), 'the Lab and its Markdown libraries load lazily')
  t.notOk(sizes.some((s) => /League/i.test(s.url)), 'the league pages (their charts, their CSS) are not in the first load')

  const headers = document?.headers() ?? {}
  t.match(headers['content-security-policy'], /script-src 'self';/)
  t.match(headers['content-security-policy'], /connect-src 'self'/)
  t.notMatch(headers['content-security-policy'], /unsafe-inline/)
  t.equal(headers['cache-control'], 'no-cache', 'index.html is revalidated on every load')
  t.notMatch(await document?.text() ?? '', /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html')

  // Lazy, not merged into the first load: following the Leagues link fetches the page's own chunk.
  const chunk = page.waitForResponse((response) => /\/assets\/LeagueListPage-[^/]*\.js$/.test(response.url()))
  await page.getByRole('link', { name: 'Leagues' }).click()
  t.equal((await chunk).status(), 200, 'the league list arrives as its own chunk when it is opened')
  await page.close()
})

t.test('/docs (Swagger UI) loads without a console error', async (t) => {
  const { page, errors } = await watchedPage(context, withoutLab)
  await page.goto(`${base}/docs`)
  await page.locator('.opblock-summary').first().waitFor()
  await page.locator('.opblock-summary').first().click()
  await page.locator('.opblock-body').first().waitFor()
  t.same(errors(), [], 'no console error (Swagger UI applies inline styles; the /docs policy allows them)')
  await page.close()
})
