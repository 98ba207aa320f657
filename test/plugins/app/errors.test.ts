import t from 'tap'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { Writable } from 'node:stream'
import type { Test } from 'tap'
import { build } from '../../../src/app.js'
import type { AppConfig } from '../../../src/config.js'
import { testConfig } from '../../helper.js'

/** A route used only to exercise the error plugin: a body schema with several constraints, and one that throws. */
async function withFixtureRoutes (app: FastifyInstance): Promise<void> {
  app.post('/fixture/echo', {
    schema: {
      body: Type.Object({
        name: Type.String({ minLength: 2 }),
        rating: Type.Number({ minimum: 0, maximum: 4000 }),
        sport: Type.Optional(Type.String({ enum: ['football', 'tennis'] }))
      }, { additionalProperties: false })
    }
  }, async (request) => request.body)
  app.get('/fixture/boom', async () => {
    throw new Error('SELECT secret FROM internal /srv/app/src/file.ts')
  })
}

/** The real app plus the fixture routes, registered before ready(). */
async function fixtureApp (t: Test, overrides: Partial<AppConfig> = {}, logStream?: Writable): Promise<FastifyInstance> {
  const app = await build(testConfig(t.testdir(), { logLevel: 'silent', ...overrides }), { logStream })
  await withFixtureRoutes(app)
  t.teardown(() => app.close())
  return app
}

t.test('problem+json shape', async (t) => {
  const app = await fixtureApp(t)
  const res = await app.inject({ method: 'GET', url: '/does-not-exist' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  const body = res.json()
  t.match(body, { type: 'urn:trickster-oracle:problem:not_found', title: 'Not Found', status: 404, error: 'not_found' })
  t.equal(body.message, body.detail)
  t.equal(body.request_id, res.headers['x-request-id'])
})

t.test('405 for a known path with the wrong method, with Allow', async (t) => {
  const app = await fixtureApp(t)
  const res = await app.inject({ method: 'DELETE', url: '/health' })
  t.equal(res.statusCode, 405)
  t.equal(res.json().error, 'method_not_allowed')
  t.match(res.headers.allow, /GET/)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
})

t.test('validation errors: 400, every failing field listed with a JSON pointer', async (t) => {
  const fresh = await fixtureApp(t)
  const res = await fresh.inject({ method: 'POST', url: '/fixture/echo', payload: { name: 'x', rating: 5000, sport: 'chess', extra: 1 } })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.equal(body.error, 'validation_error')
  const pointers = body.errors.map((e: { pointer: string }) => e.pointer).sort()
  t.same(pointers, ['/body/extra', '/body/name', '/body/rating', '/body/sport'])
  t.match(body.errors.find((e: { pointer: string }) => e.pointer === '/body/sport').message, /football, tennis/)

  const missing = await fresh.inject({ method: 'POST', url: '/fixture/echo', payload: {} })
  t.same(missing.json().errors.map((e: { pointer: string }) => e.pointer).sort(), ['/body/name', '/body/rating'])
  t.equal(missing.json().errors[0].message, 'is required')

  const malformed = await fresh.inject({ method: 'POST', url: '/fixture/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": ' })
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().error, 'invalid_json')
  t.match(malformed.headers['content-type'], /problem\+json/)

  const unsupported = await fresh.inject({ method: 'POST', url: '/fixture/echo', headers: { 'content-type': 'text/csv' }, payload: 'a,b' })
  t.equal(unsupported.statusCode, 415)
  t.equal(unsupported.json().error, 'unsupported_media_type')

  const big = await fresh.inject({ method: 'POST', url: '/fixture/echo', payload: { name: 'x'.repeat(70 * 1024), rating: 1 } })
  t.equal(big.statusCode, 413)
  t.equal(big.json().error, 'payload_too_large')

  const boom = await fresh.inject({ method: 'GET', url: '/fixture/boom' })
  t.equal(boom.statusCode, 500)
  t.equal(boom.json().error, 'internal_error')
  t.notMatch(boom.body, /SELECT|\/srv|file\.ts|at /, 'no SQL, path or stack trace outside development')
  t.equal(boom.json().request_id, boom.headers['x-request-id'])
})

t.test('a 500 is logged with its request id and the error', async (t) => {
  const lines: string[] = []
  const app = await fixtureApp(t, { logLevel: 'info' }, new Writable({ write (c, _e, d) { lines.push(String(c)); d() } }))
  const res = await app.inject({ method: 'GET', url: '/fixture/boom', headers: { 'x-request-id': 'boom-1' } })
  t.equal(res.statusCode, 500)
  const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed')
  t.equal(logged?.request_id, 'boom-1')
  t.match(logged?.err?.message, /SELECT secret/)
})

t.test('no stack, SQL or path in a 500 in any ENV, development included; the log has them with the request id', async (t) => {
  for (const env of ['development', 'test', 'staging', 'production'] as const) {
    const lines: string[] = []
    const app = await fixtureApp(t, { env, logLevel: 'info' }, new Writable({ write (c, _e, d) { lines.push(String(c)); d() } }))
    const res = await app.inject({ method: 'GET', url: '/fixture/boom' })
    t.equal(res.statusCode, 500, env)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.notMatch(res.body, /SELECT|\/srv|\/work\/|file\.ts|\bat |node:internal|Error:/, `${env}: nothing internal in the answer`)
    t.match(res.json(), { error: 'internal_error', detail: /Quote the request_id/ })
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed')
    t.equal(logged?.request_id, res.json().request_id, `${env}: logged with the request id`)
    t.match(logged?.err?.stack, /SELECT secret[\s\S]*\bat /, `${env}: the log has the message and the stack`)
  }
})
