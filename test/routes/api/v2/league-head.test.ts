import t from 'tap'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../helper.js'

// docs/API.md, "HEAD": HEAD of a league read answers the GET's status and Content-Type without
// computing the fit or the backtest whose body it would throw away (issue 17, item 10).
t.test('HEAD of the league reads computes nothing: status and Content-Type of the GET, no body, no Content-Length', async (t) => {
  const { app } = await buildApp(t, { rateLimitApiPerMinute: 1000 })
  const service = app.leagues as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const calls: Record<string, number> = {}
  for (const name of ['league', 'backtest', 'predictions', 'fixtures']) {
    const original = service[name].bind(app.leagues)
    calls[name] = 0
    service[name] = async (...args: unknown[]) => { calls[name]++; return await original(...args) }
  }
  const routes = [
    { url: '/api/v2/leagues/synthetic', work: 'league' },
    { url: '/api/v2/leagues/synthetic/backtest', work: 'backtest' },
    { url: '/api/v2/leagues/synthetic/backtest/predictions', work: 'predictions' },
    { url: '/api/v2/leagues/synthetic/backtest/predictions', work: 'predictions', accept: 'text/csv' },
    { url: '/api/v2/leagues/synthetic/fixtures', work: 'fixtures' }
  ]
  for (const { url, work, accept } of routes) {
    const headers = accept === undefined ? {} : { accept }
    const head = await app.inject({ method: 'HEAD', url, headers })
    t.equal(head.statusCode, 200, `HEAD ${url} ${accept ?? ''}: 200`)
    t.equal(head.body, '', 'no body')
    t.equal(head.headers['content-length'], undefined, 'no Content-Length (the GET\'s body is not empty)')
    t.equal(calls[work], 0, `HEAD ${url}: ${work} not computed`)
    const get = await app.inject({ method: 'GET', url, headers })
    t.equal(get.statusCode, 200)
    t.equal(head.headers['content-type'], get.headers['content-type'], `the GET's Content-Type (${get.headers['content-type']})`)
    t.ok(get.body.length > 0)
    t.ok(calls[work] > 0, `GET ${url}: ${work} computed`)
    calls[work] = 0
  }

  for (const url of ['/api/v2/leagues/nope', '/api/v2/leagues/nope/backtest', '/api/v2/leagues/nope/backtest/predictions', '/api/v2/leagues/nope/fixtures']) {
    const [head, get] = await Promise.all(['HEAD', 'GET'].map(async (method) => await app.inject({ method: method as 'GET' | 'HEAD', url })))
    t.equal(get.statusCode, 404)
    t.equal(head.statusCode, 404, `HEAD ${url}: 404 like the GET`)
    t.match(head.headers['content-type'], /^application\/problem\+json/)
  }
  for (const name of Object.keys(calls)) calls[name] = 0
  for (const url of ['/api/v2/leagues/nope', '/api/v2/leagues/synthetic/backtest']) await app.inject({ method: 'HEAD', url })
  const badQuery = await app.inject({ method: 'HEAD', url: '/api/v2/leagues/synthetic?as_of=yesterday' })
  t.equal(badQuery.statusCode, (await app.inject({ url: '/api/v2/leagues/synthetic?as_of=yesterday' })).statusCode, 'a bad query string: the GET\'s 400')
  t.equal(badQuery.statusCode, 400)
  t.same(calls, { league: 0, backtest: 0, predictions: 0, fixtures: 0 }, 'no HEAD computed anything')
})

t.test('no GET route (so no HEAD) is charged or takes an Idempotency-Key (docs/API.md, "HEAD")', async (t) => {
  const routes: Array<{ method: string, url: string, config: Record<string, unknown> }> = []
  const collect = fp((app: FastifyInstance, _opts: unknown, done: () => void) => {
    app.addHook('onRoute', (route) => { routes.push({ method: [route.method].flat().join(','), url: route.url, config: (route.config ?? {}) as Record<string, unknown> }) })
    done()
  })
  await buildApp(t, {}, { instrumentation: collect })
  const gets = routes.filter((r) => /\b(GET|HEAD)\b/.test(r.method))
  t.ok(gets.length > 20, `${gets.length} GET/HEAD routes seen`)
  t.ok(routes.some((r) => r.config.charged === true), 'the collector sees charged routes (POST /api/v2/simulate)')
  for (const route of gets) {
    t.notOk(route.config.charged === true || route.config.idempotent === true, `${route.method} ${route.url}: neither charged nor idempotent`)
  }
})
