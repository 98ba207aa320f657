import t from 'tap'
import type { Test } from 'tap'
import { buildApp } from './helper.js'
import { portOf, rawRequest, type RawResponse } from './raw-http.js'

const JSON_HEADERS = 'Host: 127.0.0.1\r\nContent-Type: application/json\r\n'

/** Requests Node's HTTP parser refuses before the router sees them, and the status each earns. */
const MALFORMED: Array<{ name: string, request: string, status: number, error: string }> = [
  { name: 'oversized header block', request: `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, error: 'headers_too_large' },
  { name: 'duplicate Content-Length (different values)', request: `POST /api/v2/simulate HTTP/1.1\r\n${JSON_HEADERS}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, status: 400, error: 'malformed_request' },
  { name: 'duplicate Content-Length (same value)', request: `POST /api/v2/simulate HTTP/1.1\r\n${JSON_HEADERS}Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}`, status: 400, error: 'malformed_request' },
  { name: 'Content-Length with Transfer-Encoding', request: `POST /api/v2/simulate HTTP/1.1\r\n${JSON_HEADERS}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`, status: 400, error: 'malformed_request' },
  { name: 'bad chunk size', request: `POST /api/v2/simulate HTTP/1.1\r\n${JSON_HEADERS}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, status: 400, error: 'malformed_request' },
  { name: 'bare LF line endings', request: 'POST /api/v2/simulate HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nContent-Length: 2\n\n{}', status: 400, error: 'malformed_request' },
  { name: 'garbage request line', request: 'GARBAGE\r\n\r\n', status: 400, error: 'malformed_request' },
  { name: 'invalid header name', request: 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n', status: 400, error: 'malformed_request' }
]

function assertProblem (t: Test, res: RawResponse, status: number, error: string): void {
  t.equal(res.status, status, 'status')
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'problem+json')
  t.equal(res.headers.connection, 'close')
  const body = JSON.parse(res.body)
  t.match(body, { type: `urn:trickster-oracle:problem:${error}`, status, error, title: String, detail: String, message: body.detail })
  t.match(body.request_id, /^[0-9a-f-]{36}$/)
  t.equal(res.headers['x-request-id'], body.request_id, 'X-Request-ID names the same id')
  t.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body))
  t.notMatch(res.body, /\/work\/|node:internal|\bat [A-Za-z.]+ \(/, 'no path or stack')
}

t.test('protocol-level errors answer problem+json on the socket, then close it', async (t) => {
  const { app, logs } = await buildApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = portOf(app)
  for (const { name, request, status, error } of MALFORMED) {
    await t.test(name, async (t) => {
      const res = await rawRequest(port, request)
      assertProblem(t, res, status, error)
      t.ok(logs.some((line) => line.request_id === JSON.parse(res.body).request_id && line.status === status), 'logged with the request id')
    })
  }
  const healthy = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
  t.equal(healthy.status, 200, 'the server still answers well-formed requests')
})

t.test('a URL the router cannot decode, or an over-long path parameter, is problem+json too', async (t) => {
  const { app } = await buildApp(t)
  for (const [url, status, error] of [['/api/v2/events/%zz', 400, 'invalid_url'], ['/%', 400, 'invalid_url'], [`/api/v2/events/${'a'.repeat(200)}`, 414, 'uri_too_long']] as const) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, status, url.slice(0, 30))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { status, error, request_id: res.headers['x-request-id'] })
  }
})
