import { connect } from 'node:net'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helper.js'
import { signUp } from '../../routes/api/helpers.js'

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 }

/** One raw HTTP/1.1 request, written as is (no URL normalisation), and the status line and body of its answer. */
async function raw (app: FastifyInstance, request: string): Promise<{ status: number, body: string }> {
  const { port } = app.server.address() as { port: number }
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.end(request)
  let text = ''
  socket.setEncoding('utf8').on('data', (chunk: string) => { text += chunk })
  await once(socket, 'close')
  return { status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) }
}

t.test('one documented code per situation (docs/API.md, "Errors")', async (t) => {
  const dir = t.testdir()
  const webRoot = join(dir, 'web')
  mkdirSync(webRoot)
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  mkdirSync(join(webRoot, 'assets'))
  writeFileSync(join(webRoot, 'assets', 'a.js'), 'export {}')
  const { app } = await buildApp(t, {}, { webRoot, dataDir: join(dir, 'data') })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { headers } = await signUp(app)

  for (const key of ['k'.repeat(256), 'é', 'k'.repeat(1000)]) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { ...headers, 'idempotency-key': key }, payload: SIM })
    t.equal(res.statusCode, 400)
    t.equal(res.json().error, 'invalid_idempotency_key', `a ${key.length}-character bad key`)
  }

  for (const payload of ['{"__proto__":{"x":1},"home_team":"Rovers"}', '{"constructor":{"prototype":{"x":1}}}']) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'application/json' }, payload })
    t.equal(res.statusCode, 400)
    t.equal(res.json().error, 'validation_error', 'valid JSON with a forbidden key is a validation error, not invalid_json')
    t.match(res.json().errors, [{ pointer: '/body', message: /__proto__/ }])
  }
  t.equal((await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'application/json' }, payload: '{"a":' })).json().error, 'invalid_json')

  const range = await app.inject({ url: '/favicon.svg', headers: { range: 'bytes=999999-' } })
  t.equal(range.statusCode, 416)
  t.match(range.json(), { error: 'range_not_satisfiable', title: 'Range Not Satisfiable' })

  const traversal = await raw(app, 'GET /assets/%2e%2e/%2e%2e/package.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
  t.equal(traversal.status, 404, 'a path climbing out of the assets is not found, as any missing file')
  t.match(JSON.parse(traversal.body), { error: 'not_found' })
  t.notMatch(traversal.body, /forbidden/)

  const star = await raw(app, 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
  t.equal(star.status, 404)
  t.match(JSON.parse(star.body), { error: 'not_found' })
})
