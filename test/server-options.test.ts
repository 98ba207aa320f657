import t from 'tap'
import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { buildApp, testConfig } from './helper.js'
import { serverOptions } from '../src/server-options.js'
import { parseResponse, portOf } from './raw-http.js'

t.test('REQUEST_TIMEOUT_MS defaults to 30 s for both the headers and the whole request', async (t) => {
  const options = serverOptions(testConfig(t.testdir()))
  t.equal(options.requestTimeout, 30_000)
  t.equal(options.http?.headersTimeout, 30_000)
  t.ok((options.http?.connectionsCheckingInterval ?? Infinity) <= 1000, 'deadlines are checked at least every second')
})

/** Opens a connection, writes `partial` and records what the server answers and when it closes. */
async function slowClient (port: number, partial: string): Promise<{ socket: Socket, closed: Promise<{ afterMs: number, answer: string }> }> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  const started = Date.now()
  let answer = ''
  socket.on('data', (chunk) => { answer += String(chunk) })
  socket.on('error', () => {})
  socket.write(partial)
  const closed = once(socket, 'close').then(() => ({ afterMs: Date.now() - started, answer }))
  return { socket, closed }
}

t.test('slow clients: half a request is answered 408 problem+json and cut off; other clients are served meanwhile', async (t) => {
  const timeoutMs = 800
  const { app } = await buildApp(t, { requestTimeoutMs: timeoutMs })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = portOf(app)

  const halfHeaders = await slowClient(port, 'POST /api/v2/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl')
  const halfBody = await slowClient(port, 'POST /api/v2/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"home_team":')

  // While both hang, other clients are answered at once, again and again.
  let served = 0
  while (served < 5) {
    const res = await fetch(`http://127.0.0.1:${port}/health`)
    t.equal(res.status, 200)
    served++
  }

  for (const [name, client] of [['half the headers', halfHeaders], ['half the body', halfBody]] as const) {
    const { afterMs, answer } = await client.closed
    t.ok(afterMs >= timeoutMs - 50, `${name}: not cut off before the timeout (${afterMs} ms)`)
    t.ok(afterMs < timeoutMs + 10_000, `${name}: cut off soon after it (${afterMs} ms)`)
    const res = parseResponse(answer)
    t.equal(res.status, 408, `${name}: 408`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(JSON.parse(res.body), { status: 408, error: 'request_timeout' })
  }
  t.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200, 'the server is still serving')
})
