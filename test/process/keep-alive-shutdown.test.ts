import t from 'tap'
import { spawnSync } from 'node:child_process'
import { Agent, request, type IncomingMessage } from 'node:http'
import { once } from 'node:events'
import { startServer } from '../helper.js'
import { PROJECT_ROOT } from '../../src/paths.js'

// Compiling the service takes a while on a busy machine.
t.setTimeout(300_000)

/** The image's command line (Dockerfile CMD), without tap's NODE_OPTIONS instrumentation. */
const COMPILED_SERVER = ['env', '-u', 'NODE_OPTIONS', process.execPath, '--max-semi-space-size=4', 'dist/src/server.js']

async function text (res: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of res) body += String(chunk)
  return body
}

t.test('SIGTERM with busy keep-alive connections: the request in flight is answered, then the process exits 0 at once', async (t) => {
  const build = spawnSync('npm', ['run', 'build:server'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  t.equal(build.status, 0, `npm run build:server: ${build.stderr}`)
  const server = await startServer(t, { DATA_DIR: t.testdir() }, { command: COMPILED_SERVER })

  // Two keep-alive connections: one left idle after a request, one with a request in flight.
  const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 })
  const busyAgent = new Agent({ keepAlive: true, maxSockets: 1 })
  t.teardown(() => { idleAgent.destroy(); busyAgent.destroy() })
  for (const agent of [idleAgent, busyAgent]) {
    const warmup = request(`${server.baseUrl}/health`, { agent })
    warmup.end()
    const [res] = await once(warmup, 'response') as [IncomingMessage]
    t.equal(res.headers.connection, 'keep-alive')
    await text(res)
  }

  const body = JSON.stringify({ home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 })
  const inFlight = request(`${server.baseUrl}/api/v2/simulate`, {
    method: 'POST',
    agent: busyAgent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
  })
  const responded = once(inFlight, 'response') as Promise<[IncomingMessage]>
  inFlight.write(body.slice(0, 20))
  await new Promise((resolve) => setTimeout(resolve, 200))

  const exited = once(server.child, 'exit')
  const signalledAt = Date.now()
  server.child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(server.child.exitCode, null, 'still running while a request is in flight')
  inFlight.end(body.slice(20))

  const [res] = await responded
  t.equal(res.statusCode, 200, 'the request in flight is answered')
  t.equal(res.headers.connection, 'close', 'with Connection: close, so its keep-alive connection ends with it')
  t.equal(JSON.parse(await text(res)).depth, 'headline_pick')

  const [code, signal] = await exited
  const tookMs = Date.now() - signalledAt
  t.equal(code, 0, 'exit code 0')
  t.equal(signal, null)
  t.ok(tookMs < 5000, `exited ${tookMs} ms after SIGTERM, well within the 10 s force timeout`)
  t.notMatch(server.stderr(), /killed by timeout/)
})
