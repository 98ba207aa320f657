import t from 'tap'
import { buildApp } from '../../helper.js'

t.test('thousands of unknown keys: a 400 that lists 100 and counts the rest, far smaller than the body (docs/API.md, "Errors")', async (t) => {
  const { app } = await buildApp(t)
  const payload = JSON.stringify(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 1])))
  t.ok(payload.length > 50_000)
  const res = await app.inject({ method: 'POST', url: '/api/v2/actors', headers: { 'content-type': 'application/json' }, payload })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.equal(body.error, 'validation_error')
  t.equal(body.errors.length, 100)
  t.equal(body.errors_omitted, 5900)
  t.match(body.detail, /\/body\/k0 is not a recognised field; .*; and 5990 more \(see errors\)\.$/)
  t.ok(res.body.length < 20_000, `answer of ${res.body.length} bytes for a body of ${payload.length}`)

  const few = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: { a: 1, b: 2 } })
  t.same(few.json().errors.map((e: { pointer: string }) => e.pointer), ['/body/a', '/body/b'])
  t.notOk('errors_omitted' in few.json())
})
