import t from 'tap'
import { buildApp } from '../../helper.js'

t.test('with CORS_ORIGINS, an OPTIONS that is no preflight answers problem+json 404/405, a real preflight still works (issue 17 item 7)', async (t) => {
  const { app } = await buildApp(t, { corsOrigins: ['https://app.example.org'] })
  const unknown = await app.inject({ method: 'OPTIONS', url: '/nowhere' })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(unknown.json().error, 'not_found')
  const known = await app.inject({ method: 'OPTIONS', url: '/api/v2/tiers' })
  t.equal(known.statusCode, 405)
  t.equal(known.json().error, 'method_not_allowed')
  t.match(known.headers.allow, /GET/)
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v2/simulate', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' } })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.org')
})
