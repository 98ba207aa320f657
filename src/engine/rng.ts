import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

/**
 * xoroshiro128+ seeded from 32 bits starts from a low-entropy state: seeds 1 and 2 give
 * first outputs that differ in 2 bits out of 32, and the outputs only look independent after about
 * six steps (measured). Skipping a few more than that costs nothing and keeps nearby seeds apart.
 */
const WARM_UP_DRAWS = 16
/** 2⁻³²: a 32-bit output as a fraction of [0, 1). */
const UNIT_32 = 2 ** -32

/**
 * The engine's only source of randomness: a pure-rand xoroshiro128+ stream.
 * Every operation is integer arithmetic, IEEE-754 basic arithmetic or V8's software (fdlibm)
 * `Math.log`, so a seed yields the same doubles on every machine.
 * Draws are made in bulk into typed arrays: the simulation needs all of them anyway, and tight
 * fill loops are what lets V8 inline the generator.
 */
export class RandomStream {
  private readonly generator: RandomGenerator

  constructor (seed: number) {
    this.generator = xoroshiro128plus(seed)
    for (let i = 0; i < WARM_UP_DRAWS; i++) this.generator.next()
  }

  /** Uniform doubles in [0, 1): multiples of 2⁻⁵³, each built from two 32-bit outputs. */
  fillUniforms (target: Float64Array): void {
    const generator = this.generator
    for (let i = 0; i < target.length; i++) target[i] = uniformFloat64(generator)
  }

  /**
   * Uniform doubles in [0, 1) from one 32-bit output each: multiples of 2⁻³², half the generator
   * steps of `fillUniforms`. For draws compared against probabilities whose own precision is far
   * coarser (the season outlook's fixtures and tie-breaks), 2⁻³² is resolution enough.
   */
  fillUniforms32 (target: Float64Array): void {
    const generator = this.generator
    for (let i = 0; i < target.length; i++) target[i] = (generator.next() >>> 0) * UNIT_32
  }

  /**
   * Standard normals by Marsaglia's polar method: no trigonometry, only `log` and `sqrt`. Normals
   * come in pairs; for an odd length the second normal of the last pair is dropped.
   */
  fillStandardNormals (target: Float64Array): void {
    const generator = this.generator
    for (let i = 0; i < target.length; i += 2) {
      let u: number
      let v: number
      let radiusSquared: number
      do {
        u = 2 * uniformFloat64(generator) - 1
        v = 2 * uniformFloat64(generator) - 1
        radiusSquared = u * u + v * v
      } while (radiusSquared >= 1 || radiusSquared === 0)
      const factor = Math.sqrt(-2 * Math.log(radiusSquared) / radiusSquared)
      target[i] = u * factor
      if (i + 1 < target.length) target[i + 1] = v * factor
    }
  }
}
