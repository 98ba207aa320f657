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
