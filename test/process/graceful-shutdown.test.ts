import t from 'tap'
import { request } from 'node:http'
import { once } from 'node:events'
import { startServer } from '../helper.js'

t.test('SIGTERM: stop accepting, finish the in-flight request, close the database, exit 0', async (t) => {
  const server = await startServer(t, { DATA_DIR: t.testdir() })
  const body = JSON.stringify({ home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 })
  const req = request(`${server.baseUrl}/api/v2/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }
  })
  const responded = once(req, 'response')
  // Half the body now: the request is in flight when the signal arrives.
  req.write(body.slice(0, 20))
  await new Promise((resolve) => setTimeout(resolve, 200))
  server.child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(server.child.exitCode, null, 'still running while a request is in flight')

  let refused = false
  try {
    await fetch(`${server.baseUrl}/health`)
  } catch {
    refused = true
  }
  t.ok(refused, 'new connections are refused once shutdown began')

  req.end(body.slice(20))
  const [res] = await responded
  let text = ''
  for await (const chunk of res) text += String(chunk)
  t.equal(res.statusCode, 200, 'the in-flight request completed')
  t.equal(JSON.parse(text).depth, 'headline_pick')

  const [code] = await once(server.child, 'exit')
  t.equal(code, 0, 'clean exit')
  t.match(server.stdout(), /shutting down: draining in-flight requests/)
})
