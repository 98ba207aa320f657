import t from 'tap'
import { readFileSync } from 'node:fs'
import { buildApp } from '../../../helper.js'
import { databaseFile } from '../../../../src/db/database.js'
import { ADMIN_TOKEN, admin, bearer, signUp } from '../helpers.js'

t.test('POST /api/v2/actors creates an actor and shows its key once', async (t) => {
  const { app, config } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: { label: 'analyst' } })
  t.equal(res.statusCode, 201)
  const body = res.json()
  t.match(body.actor_id, /^act_[0-9A-HJKMNP-TV-Z]{26}$/)
  t.match(body.api_key, /^tko_[A-Za-z0-9_-]{43}$/)
  t.match(body.note, /shown once/)
  // The key works…
  t.equal((await app.inject({ url: '/api/v2/tokens/balance', headers: bearer(body.api_key) })).statusCode, 200)
  // …and is not in the database file in clear.
  app.db.pragma('wal_checkpoint(TRUNCATE)')
  t.notOk(readFileSync(databaseFile(config.dataDir)).includes(body.api_key), 'clear key not stored')
})

t.test('a bare POST (no body) creates an unlabelled actor', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url: '/api/v2/actors' })
  t.equal(res.statusCode, 201)
})

t.test('sign-up validates its body', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: { label: '', admin: true } })
  t.equal(res.statusCode, 400)
  t.same(res.json().errors.map((e: { pointer: string }) => e.pointer).sort(), ['/body/admin', '/body/label'])
})

t.test('an idempotent sign-up replay returns the same actor without the key', async (t) => {
  const { app, config } = await buildApp(t)
  const headers = { 'idempotency-key': 'signup-1' }
  const first = await app.inject({ method: 'POST', url: '/api/v2/actors', headers, payload: { label: 'x' } })
  const second = await app.inject({ method: 'POST', url: '/api/v2/actors', headers, payload: { label: 'x' } })
  t.equal(second.statusCode, 201)
  t.equal(second.headers['idempotent-replayed'], 'true')
  t.equal(second.json().actor_id, first.json().actor_id)
  t.equal(second.json().api_key, null, 'the key is never stored, so a replay cannot show it')
  app.db.pragma('wal_checkpoint(TRUNCATE)')
  t.notOk(readFileSync(databaseFile(config.dataDir)).includes(first.json().api_key), 'clear key not in the idempotency store')
})

t.test('POST /api/v2/admin/actors', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const created = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: admin, payload: { actor_id: 'partner-7', label: 'Partner' } })
  t.equal(created.statusCode, 201)
  t.equal(created.json().actor_id, 'partner-7')
  const again = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: admin, payload: { actor_id: 'partner-7' } })
  t.equal(again.statusCode, 409)
  t.equal(again.json().error, 'actor_exists')
  const { headers } = await signUp(app)
  const asActor = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers, payload: {} })
  t.equal(asActor.statusCode, 403, 'an actor key is a credential without the right')
  t.equal(asActor.json().error, 'admin_required')
  const anonymous = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', payload: {} })
  t.equal(anonymous.statusCode, 401)
  t.match(anonymous.headers['www-authenticate'], /^Bearer/)
  const wrong = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: bearer('not-the-admin-token'), payload: {} })
  t.equal(wrong.statusCode, 401)
})

t.test('admin routes answer 503 admin_disabled without ADMIN_TOKEN', async (t) => {
  const { app } = await buildApp(t, { adminToken: null })
  const res = await app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: admin, payload: {} })
  t.equal(res.statusCode, 503)
  t.equal(res.json().error, 'admin_disabled')
  t.match(res.headers['content-type'], /problem\+json/)
})
