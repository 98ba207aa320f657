import t from 'tap'
import { buildApp } from './helper.js'
import { signUp } from './routes/api/helpers.js'

t.test('schema-less routes refuse an overflowing number literal and a deeply nested body with a 400, never a 500 (issue 17, item 4)', async (t) => {
  const { app } = await buildApp(t)
  const { headers } = await signUp(app)
  const keyed = { ...headers, 'idempotency-key': 'hostile-body', 'content-type': 'application/json' }
  const url = '/api/v2/lab/modules/monte-carlo-basics/unlock'
  const overflow = await app.inject({ method: 'POST', url, headers: keyed, payload: `[2${'0'.repeat(210)}e99]` })
  t.equal(overflow.statusCode, 400, overflow.body.slice(0, 160))
  t.equal(overflow.json().error, 'validation_error')
  t.match(overflow.json().errors, [{ pointer: '/body/0', message: 'must be a finite number' }])
  const deep = await app.inject({ method: 'POST', url, headers: { ...keyed, 'idempotency-key': 'deep' }, payload: '['.repeat(6000) + ']'.repeat(6000) })
  t.equal(deep.statusCode, 400, deep.body.slice(0, 160))
  t.equal(deep.json().error, 'validation_error')
  const brackets = await app.inject({ method: 'POST', url: '/api/v2/actors', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ label: '['.repeat(70) }) })
  t.equal(brackets.statusCode, 201, 'brackets inside a string are text, not nesting')
  const big = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers: { 'content-type': 'application/json' }, payload: '{"home_team":"A","away_team":"B","home_rating":12345678901234567890,"away_rating":2000}' })
  t.equal(big.statusCode, 400, 'a large but finite number meets the schema, as before')
})
