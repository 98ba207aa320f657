import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import t from 'tap'
import { RandomStream } from '../../src/engine/rng.js'

t.test('uniforms are pure-rand xoroshiro128+ / uniformFloat64 after a 16-draw warm-up', async (t) => {
  const generator = xoroshiro128plus(42)
  for (let i = 0; i < 16; i++) generator.next()
  const expected = Array.from({ length: 1_000 }, () => uniformFloat64(generator))
  const uniforms = new Float64Array(1_000)
  new RandomStream(42).fillUniforms(uniforms)
  t.same(Array.from(uniforms), expected)
})

t.test('the same seed gives the same doubles; nearby seeds do not', async (t) => {
  const draw = (seed: number): number[] => {
    const stream = new RandomStream(seed)
    const normals = new Float64Array(101)
    const uniforms = new Float64Array(100)
    stream.fillStandardNormals(normals)
    stream.fillUniforms(uniforms)
    return [...normals, ...uniforms]
  }
  t.strictSame(draw(7), draw(7))
  const a = draw(1)
  const b = draw(2)
  t.ok(a.every((x, i) => x !== b[i]), 'seeds 1 and 2 share no draw')
})

t.test('the first draws of a fixed seed never change (cross-machine reference)', async (t) => {
  const stream = new RandomStream(20240601)
  const normals = new Float64Array(3)
  const uniforms = new Float64Array(3)
  stream.fillStandardNormals(normals)
  stream.fillUniforms(uniforms)
  t.same([...normals, ...uniforms], [
    -1.2745253845085744,
    0.5826591719443803,
    -0.5597639661740795,
    0.2850091002593367,
    0.9618883213929889,
    0.19829116170690508
  ])
})

t.test('uniforms lie in [0, 1) and normals look standard', async (t) => {
  const n = 200_000
  const uniforms = new Float64Array(n)
  const normals = new Float64Array(n)
  const stream = new RandomStream(5)
  stream.fillUniforms(uniforms)
  stream.fillStandardNormals(normals)
  t.ok(uniforms.every((u) => u >= 0 && u < 1))
  const mean = normals.reduce((a, b) => a + b, 0) / n
  const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)
  // Standard errors: 1/√n ≈ 0.0022 for the mean and √(2/n) ≈ 0.0032 for the variance.
  t.ok(Math.abs(mean) < 4 * 0.0023, `mean ${mean}`)
  t.ok(Math.abs(variance - 1) < 4 * 0.0032, `variance ${variance}`)
  const withinOneSd = normals.filter((z) => Math.abs(z) < 1).length / n
  t.ok(Math.abs(withinOneSd - 0.6827) < 4 * Math.sqrt(0.6827 * 0.3173 / n), `P(|z| < 1) = ${withinOneSd}`)
})
