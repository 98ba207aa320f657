import t from 'tap'
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib'
import { buildApp } from '../../helper.js'

const EVENT = JSON.stringify({ home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050 })
const url = '/api/v2/simulate'

t.test('application/json, with or without charset=utf-8 in any case, is read', async (t) => {
  const { app } = await buildApp(t)
  for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; Charset="utf-8"']) {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: EVENT })
    t.equal(res.statusCode, 200, type)
  }
  const identity = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, payload: EVENT })
  t.equal(identity.statusCode, 200, 'Content-Encoding: identity')
})

t.test('any other media type is 415 problem+json, never parsed', async (t) => {
  const { app } = await buildApp(t)
  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'application/merge-patch+json', 'application/octet-stream']) {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: EVENT })
    t.equal(res.statusCode, 415, type)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().error, 'unsupported_media_type')
  }
  const untyped = await app.inject({ method: 'POST', url, headers: { 'content-length': String(EVENT.length) }, payload: EVENT })
  t.equal(untyped.statusCode, 415, 'a body without Content-Type')
})

t.test('a charset other than utf-8, or another parameter, is 415', async (t) => {
  const { app } = await buildApp(t)
  const utf16 = Buffer.from(`\ufeff${EVENT}`, 'utf16le')
  for (const [type, payload] of [['application/json; charset=utf-16', utf16], ['application/json; charset=UTF-16LE', utf16], ['application/json; charset=iso-8859-1', EVENT], ['application/json; version=2', EVENT]] as const) {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload })
    t.equal(res.statusCode, 415, type)
    t.equal(res.json().error, 'unsupported_media_type')
  }
})

t.test('a Content-Encoding other than identity is 415, whatever the body', async (t) => {
  const { app } = await buildApp(t)
  for (const [encoding, payload] of [['gzip', gzipSync(EVENT)], ['deflate', deflateSync(EVENT)], ['br', brotliCompressSync(EVENT)], ['GZIP', gzipSync(EVENT)], ['gzip', EVENT], ['x-unknown', EVENT]] as const) {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'content-encoding': encoding }, payload })
    t.equal(res.statusCode, 415, `Content-Encoding: ${encoding}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().error, 'unsupported_media_type')
  }
})

t.test('prototype-poisoning keys are still refused by the JSON parser', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1},"home_team":"Rovers"}' })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
})

t.test('a number literal too large for a double is a 400 validation_error on every route, with or without a body schema', async (t) => {
  const { app } = await buildApp(t)
  const actor = (await app.inject({ method: 'POST', url: '/api/v2/actors', payload: {} })).json()
  const headers = { authorization: `Bearer ${actor.api_key as string}`, 'content-type': 'application/json', 'idempotency-key': 'k-1' }
  // The unlock route takes no body, so no schema ever looks at it; its idempotency fingerprint does.
  const unlock = await app.inject({ method: 'POST', url: '/api/v2/lab/modules/monte-carlo-basics/unlock', headers, payload: '{"events":[{"home_rating":1e400}],"x":-1e999}' })
  t.equal(unlock.statusCode, 400)
  t.match(unlock.headers['content-type'], /^application\/problem\+json/)
  t.same(unlock.json().errors, [
    { pointer: '/body/events/0/home_rating', message: 'must be a finite number' },
    { pointer: '/body/x', message: 'must be a finite number' }
  ])
  const tiny = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: EVENT.replace('"home_rating":2100', '"home_rating":2100,"draw_rate":1e-400') })
  t.equal(tiny.statusCode, 200, '1e-400 is a finite number (0): accepted')
})
