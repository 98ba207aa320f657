import { readFileSync } from 'node:fs'
import t from 'tap'
import { intervalProbabilities, monteCarloStandardError, quantiles, summariseProbabilities } from '../../src/engine/stats.js'

interface ReferenceSample {
  values: number[]
  mean: number
  stdev: number
  skew: number
  kurtosis: number
  quantiles: number[]
  histogram: number[]
}

const reference = JSON.parse(readFileSync(new URL('../fixtures/engine/stats-reference.json', import.meta.url), 'utf8')) as {
  probabilities: number[]
  samples: Record<string, ReferenceSample>
}

/**
 * Relative 1e-12. Quantities that are zero mathematically (the skew of a symmetric pair) come out
 * as ±1e-16 rounding noise in either implementation, so differences below 1e-14 count as equal.
 */
function close (actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected), 1e-2)
}

t.test('statistics match numpy/scipy on every reference sample', async (t) => {
  for (const [name, sample] of Object.entries(reference.samples)) {
    t.test(name, async (t) => {
      const summary = summariseProbabilities(Float64Array.from(sample.values), reference.probabilities, 20)
      for (const field of ['mean', 'stdev', 'skew', 'kurtosis'] as const) {
        t.ok(close(summary[field], sample[field]), `${field}: ${summary[field]} vs numpy/scipy ${sample[field]}`)
      }
      summary.quantiles.forEach((value, i) => {
        t.ok(close(value, sample.quantiles[i]), `quantile ${reference.probabilities[i]}: ${value} vs numpy ${sample.quantiles[i]}`)
      })
      t.same(summary.histogram.counts, sample.histogram, 'histogram counts equal numpy.histogram with edges i/20')
    })
  }
})

t.test('quantiles agree with summariseProbabilities and accept plain arrays', async (t) => {
  const sample = reference.samples.skewed_5000
  t.same(quantiles(sample.values, reference.probabilities), summariseProbabilities(Float64Array.from(sample.values), reference.probabilities, 20).quantiles)
})

t.test('quantiles leave their input untouched', async (t) => {
  const values = Float64Array.from(reference.samples.skewed_5000.values)
  const before = Float64Array.from(values)
  quantiles(values, [0.1, 0.5, 0.9])
  t.same(Array.from(values), Array.from(before))
})

t.test('quantiles are non-decreasing in q whatever the order asked', async (t) => {
  const values = reference.samples.ties_3000.values
  const probabilities = [0.9, 0.1, 0.5, 0.25, 0.75, 0.05, 0.95, 0.5]
  const result = quantiles(values, probabilities)
  const sorted = probabilities.map((q, i) => [q, result[i]]).sort((a, b) => a[0] - b[0])
  for (let i = 1; i < sorted.length; i++) t.ok(sorted[i][1] >= sorted[i - 1][1], `q=${sorted[i][0]}`)
})

t.test('bucket selection handles a sub-ulp range, huge ranges and heavy ties', async (t) => {
  const tiny = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? Number.MIN_VALUE : 0))
  t.same(quantiles(tiny, [0, 0.25, 0.75, 1]), [0, 0, Number.MIN_VALUE, Number.MIN_VALUE])
  const wide = Float64Array.from({ length: 1001 }, (_, i) => (i - 500) * 1e305)
  t.same(quantiles(wide, [0, 0.5, 1]), [-500e305, 0, 500e305])
  const ties = Float64Array.from({ length: 10_000 }, (_, i) => (i < 9_990 ? 0.5 : 0.9))
  // h = 9999·0.999 = 9989.001 straddles the last 0.5 and the first 0.9.
  t.same(quantiles(ties, [0.5, 0.999, 0.9995, 1]), [0.5, 0.5 + (0.9 - 0.5) * (9999 * 0.999 - 9989), 0.9, 0.9])
})

t.test('a constant sample has zero spread and zero shape statistics', async (t) => {
  const summary = summariseProbabilities(new Float64Array(500).fill(0.1), [0.05, 0.95], 20)
  t.same({ mean: summary.mean, stdev: summary.stdev, skew: summary.skew, kurtosis: summary.kurtosis }, { mean: 0.1, stdev: 0, skew: 0, kurtosis: 0 })
  t.same(summary.quantiles, [0.1, 0.1])
})

t.test('the histogram puts 1 in the last bin', async (t) => {
  const { histogram } = summariseProbabilities([1, 0, 0.05, 1], [0.5], 20)
  t.equal(histogram.bins.length, 21)
  t.same([histogram.counts[0], histogram.counts[1], histogram.counts[19]], [1, 1, 2])
})

t.test('values outside [0, 1] or outside the stated bounds are refused', async (t) => {
  t.throws(() => summariseProbabilities([0.5, 1.1], [0.5], 20), RangeError)
  t.throws(() => summariseProbabilities([0.5, Number.NaN], [0.5], 20), RangeError)
  t.throws(() => quantiles([0.5, -0.1], [0.5], { min: 0, max: 1 }), RangeError)
  t.same(quantiles([0.2, 0.4], [0.5], { min: 0, max: 1 }), [0.30000000000000004])
})

t.test('bounded and unbounded quantiles agree', async (t) => {
  const values = reference.samples.skewed_5000.values
  t.same(quantiles(values, reference.probabilities, { min: 0, max: 1 }), quantiles(values, reference.probabilities))
})

t.test('a concentrated sample recurses into its crowded buckets', async (t) => {
  const values = Float64Array.from(reference.samples.skewed_5000.values, (x) => 0.6 + x * 1e-9)
  const expected = Float64Array.from(values).sort()
  const probabilities = [0.05, 0.5, 0.95]
  const got = summariseProbabilities(values, probabilities, 20).quantiles
  probabilities.forEach((q, i) => {
    const h = (values.length - 1) * q
    const below = Math.floor(h)
    t.ok(close(got[i], expected[below] + (expected[below + 1] - expected[below]) * (h - below)), `q=${q}`)
  })
})

t.test('empty samples are refused', async (t) => {
  t.throws(() => quantiles([], [0.5]), RangeError)
  t.throws(() => summariseProbabilities([], [0.5], 20), RangeError)
})

t.test('interval probabilities and the Monte Carlo standard error follow SPEC §3.3', async (t) => {
  t.same(intervalProbabilities(0.9), [(1 - 0.9) / 2, (1 + 0.9) / 2])
  t.equal(monteCarloStandardError(0.5, 10_000), 0.005)
  t.equal(monteCarloStandardError(0, 100), 0)
})
