import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helper.js'
import { ADMIN_TOKEN, admin, bearer } from '../../routes/api/helpers.js'
import { httpRequest, portOf, rawRequest } from '../../raw-http.js'

/** Other spellings of a canonical /api path, as an attacker would send them on the wire. */
const SPELLINGS: Array<{ name: string, spell: (path: string) => string, reachesRoute: boolean }> = [
  { name: 'percent-encoded letter (/%61pi/…)', spell: (p) => p.replace('/api/', '/%61pi/'), reachesRoute: true },
  { name: 'trailing slash', spell: (p) => `${p}/`, reachesRoute: true },
  { name: 'absolute form (POST http://host/api/…)', spell: (p) => `http://127.0.0.1${p}`, reachesRoute: true },
  { name: 'encoded slash (/api%2F…)', spell: (p) => p.replace('/api/', '/api%2F'), reachesRoute: false },
  { name: 'doubled slash (//api/…)', spell: (p) => `/${p}`, reachesRoute: false }
]

interface LimitedRoute {
  name: string
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** Requests the canonical spelling may make before the limit answers 429. */
  limit: number
  /** Headers that give this (route, spelling) pair its own principal. */
  principal: (app: FastifyInstance, n: number) => Promise<Record<string, string>>
}

let ids = 0
/** A fresh actor, created by the admin from its own address so the admin route's limit never interferes. */
async function actorPrincipal (app: FastifyInstance): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: { ...admin, 'x-forwarded-for': `10.1.0.${++ids}` }, payload: {} })
  if (res.statusCode !== 201) throw new Error(`actor creation failed: ${res.body}`)
  return bearer(res.json().api_key)
}

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }
const LIMITED: LimitedRoute[] = [
  { name: 'sign-up', method: 'POST', path: '/api/v2/actors', body: {}, limit: 2, principal: async (_app, n) => ({ 'x-forwarded-for': `10.2.0.${n}` }) },
  { name: 'simulate v2', method: 'POST', path: '/api/v2/simulate', body: SIM, limit: 2, principal: actorPrincipal },
  { name: 'simulate v1', method: 'POST', path: '/api/v1/simulate', body: { event_id: 'el-clasico' }, limit: 2, principal: actorPrincipal },
  { name: 'simulate legacy alias', method: 'POST', path: '/api/simulate', body: { event_id: 'el-clasico' }, limit: 2, principal: actorPrincipal },
  { name: 'general /api route', method: 'GET', path: '/api/v2/tokens/balance', limit: 2, principal: actorPrincipal }
]

t.test('limits follow the route, not the spelling of the URL: every other spelling meets the same limit or 404', async (t) => {
  const { app } = await buildApp(t, {
    adminToken: ADMIN_TOKEN,
    trustProxy: ['127.0.0.1'],
    rateLimitSignupPerHour: 2,
    rateLimitBurst: 2,
    rateLimitPerMinute: 1,
    rateLimitApiPerMinute: 2
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = portOf(app)
  let n = 0
  for (const route of LIMITED) {
    for (const spelling of SPELLINGS) {
      const headers = await route.principal(app, ++n)
      const canonical = httpRequest(route.method, route.path, { body: route.body, headers })
      for (let i = 0; i < route.limit; i++) {
        const ok = await rawRequest(port, canonical)
        t.ok(ok.status >= 200 && ok.status < 300, `${route.name}: canonical request ${i + 1} is within the limit (${ok.status})`)
      }
      const spelled = await rawRequest(port, httpRequest(route.method, spelling.spell(route.path), { body: route.body, headers }))
      t.equal(spelled.status, spelling.reachesRoute ? 429 : 404, `${route.name}, ${spelling.name}: ${spelling.reachesRoute ? 'same limit' : 'no route'}`)
      t.match(spelled.headers['content-type'], /^application\/problem\+json/)
      t.equal(JSON.parse(spelled.body).error, spelling.reachesRoute ? 'rate_limited' : 'not_found')
    }
  }
})

t.test('a spelling that reaches the route spends the same budget as the canonical path', async (t) => {
  const { app } = await buildApp(t, { trustProxy: ['127.0.0.1'], rateLimitSignupPerHour: 2 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = portOf(app)
  const headers = { 'x-forwarded-for': '10.3.0.1' }
  t.equal((await rawRequest(port, httpRequest('POST', '/%61pi/v2/actors', { body: {}, headers }))).status, 201)
  t.equal((await rawRequest(port, httpRequest('POST', 'http://127.0.0.1/api/v2/actors/', { body: {}, headers }))).status, 201)
  const canonical = await rawRequest(port, httpRequest('POST', '/api/v2/actors', { body: {}, headers }))
  t.equal(canonical.status, 429, 'the two spelled sign-ups used up the hourly budget of the IP')
})
