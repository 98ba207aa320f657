import t from 'tap'
import { buildApp } from '../../helper.js'

t.test('an allowed origin gets Access-Control-Allow-Origin', async (t) => {
  const { app } = await buildApp(t, { corsOrigins: ['https://app.example.org', 'https://admin.example.org'] })
  const res = await app.inject({ url: '/health', headers: { origin: 'https://admin.example.org' } })
  t.equal(res.headers['access-control-allow-origin'], 'https://admin.example.org')
  t.match(res.headers['access-control-expose-headers'], /X-Request-ID/)
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/api/v2/health',
    headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.org')
  t.match(preflight.headers['access-control-allow-headers'], /Idempotency-Key/)
})

t.test('a refused origin gets no CORS headers', async (t) => {
  const { app } = await buildApp(t, { corsOrigins: ['https://app.example.org'] })
  const res = await app.inject({ url: '/health', headers: { origin: 'https://evil.example.com' } })
  t.equal(res.headers['access-control-allow-origin'], undefined)
  const preflight = await app.inject({
    method: 'OPTIONS', url: '/health', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' }
  })
  t.equal(preflight.headers['access-control-allow-origin'], undefined)
})

t.test('no CORS_ORIGINS: no CORS headers at all', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ url: '/health', headers: { origin: 'https://app.example.org' } })
  t.equal(res.headers['access-control-allow-origin'], undefined)
})
