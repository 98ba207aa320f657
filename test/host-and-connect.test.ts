import t from 'tap'
import { buildApp } from './helper.js'
import { portOf, rawRequest } from './raw-http.js'

// Issue 17, item 7: two requests Node answered on its own, outside the problem+json contract.
t.test('a request without Host, and CONNECT, answer problem+json on a real socket', async (t) => {
  const { app, logs } = await buildApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = portOf(app)

  await t.test('HTTP/1.1 without Host: 400 malformed_request, not Node\'s bare 400', async (t) => {
    for (const target of ['/health', '/api/v2/tokens/balance', '/no/such/route']) {
      const res = await rawRequest(port, `GET ${target} HTTP/1.1\r\nConnection: close\r\n\r\n`)
      t.equal(res.status, 400, `${target}: 400`)
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${target}: problem+json (${res.raw.slice(0, 60)})`)
      const body = JSON.parse(res.body)
      t.match(body, { type: 'urn:trickster-oracle:problem:malformed_request', status: 400, error: 'malformed_request', detail: /Host header/ })
      t.equal(res.headers['x-request-id'], body.request_id)
    }
    const post = await rawRequest(port, 'POST /api/v2/simulate HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}')
    t.equal(post.status, 400)
    t.equal(JSON.parse(post.body).error, 'malformed_request', 'checked before the body is validated')
  })

  await t.test('HTTP/1.0 may omit Host', async (t) => {
    const res = await rawRequest(port, 'GET /health HTTP/1.0\r\n\r\n')
    t.equal(res.status, 200)
  })

  await t.test('CONNECT: 405 method_not_allowed as problem+json, then the connection is closed', async (t) => {
    for (const target of ['example.com:443', '127.0.0.1:5432']) {
      const res = await rawRequest(port, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\nX-Request-ID: connect-probe-1\r\n\r\n`, 5000)
      t.equal(res.status, 405, `${target}: 405 (${res.raw.slice(0, 60) || 'nothing written'})`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.equal(res.headers.allow, '', 'Allow: empty — no method on a tunnel target')
      t.equal(res.headers.connection, 'close')
      const body = JSON.parse(res.body)
      t.match(body, { type: 'urn:trickster-oracle:problem:method_not_allowed', status: 405, error: 'method_not_allowed', allowed_methods: [], request_id: 'connect-probe-1' })
      t.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body))
    }
    t.ok(logs.some((line) => line.request_id === 'connect-probe-1' && line.status === 405), 'logged with the request id')
  })

  const healthy = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
  t.equal(healthy.status, 200, 'well-formed requests are still served')
})
