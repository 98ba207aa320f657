import t from 'tap'
import { canonicalJson, fingerprintOf } from '../src/fingerprint.js'

t.test('canonical JSON sorts keys at every level and prints numbers one way', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}')
  t.equal(canonicalJson(JSON.parse('{"rating": 1500.0}')), canonicalJson({ rating: 1500 }))
  t.equal(canonicalJson({ x: -0 }), '{"x":0}')
  t.equal(canonicalJson({ x: undefined, y: 1 }), '{"y":1}')
  t.equal(canonicalJson({ x: 1e21, y: 0.1 }), '{"x":1e+21,"y":0.1}')
})

t.test('canonical JSON refuses values it cannot represent faithfully', async (t) => {
  t.throws(() => canonicalJson({ x: Number.NaN }), TypeError)
  t.throws(() => canonicalJson({ x: Infinity }), TypeError)
  t.throws(() => canonicalJson({ x: 1n }), TypeError)
})

t.test('fingerprintOf is the SHA-256 hex of the canonical JSON', async (t) => {
  t.equal(fingerprintOf({}), '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
  t.match(fingerprintOf({ b: 2, a: 1 }), /^[0-9a-f]{64}$/)
  t.equal(fingerprintOf({ b: 2, a: 1 }), fingerprintOf({ a: 1, b: 2 }))
})
