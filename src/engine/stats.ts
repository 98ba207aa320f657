/**
 * The statistics of SPEC §3.3, defined to agree with numpy/scipy defaults
 * (numpy.percentile "linear", numpy.std ddof=1, scipy.stats.skew/kurtosis bias=True, and
 * numpy.histogram with the edges i/20).
 * test/fixtures/engine/stats-reference.json holds numbers produced by those libraries.
 */

export interface Percentiles {
  p5: number
  p25: number
  p50: number
  p75: number
  p95: number
}

export interface Interval {
  lower: number
  upper: number
}

export interface Moments {
  mean: number
  /** Sample standard deviation (divisor n − 1); 0 for a single value. */
  stdev: number
  /** Biased Fisher–Pearson g1 = m3 / m2^1.5; 0 when the values do not vary. */
  skew: number
  /** Biased excess kurtosis g2 = m4 / m2² − 3; 0 when the values do not vary. */
  kurtosis: number
}

export interface Histogram {
  /** binCount + 1 edges, i / binCount. */
  bins: number[]
  /** Values per bin: bin k holds bins[k] ≤ x < bins[k+1]; the last bin also holds x = 1. */
  counts: number[]
}

export const PERCENTILE_PROBABILITIES: Readonly<Record<keyof Percentiles, number>> = {
  p5: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95
}

/** Cumulative probabilities bounding a central percentile interval: (1 − level)/2 and (1 + level)/2. */
export function intervalProbabilities (level: number): [number, number] {
  return [(1 - level) / 2, (1 + level) / 2]
}

/** Monte Carlo standard error of a frequency p estimated from n independent draws. */
export function monteCarloStandardError (p: number, n: number): number {
  return Math.sqrt(p * (1 - p) / n)
}

/**
 * numpy's `_lerp`: interpolating from the nearer end keeps the result exact at t = 0 and t = 1
 * and within the bracket [a, b].
 */
function lerp (a: number, b: number, t: number): number {
  const span = b - a
  return t >= 0.5 ? b - span * (1 - t) : a + span * t
}

const INSERTION_SORT_MAX = 32

function insertionSort (a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const value = a[i]
    let j = i - 1
    while (j >= left && a[j] > value) {
      a[j + 1] = a[j]
      j--
    }
    a[j + 1] = value
  }
}

/**
 * Hoare partition around the median of the first, middle and last values.
 * Returns j with a[left..j] ≤ pivot ≤ a[j+1..right]; both sides are non-empty because the
 * median of three is neither a strict minimum nor a strict maximum of a segment longer than two.
 * Equal values stop both scans, so runs of ties split evenly instead of degrading to O(n²).
 */
function partition (a: Float64Array, left: number, right: number): number {
  const x = a[left]
  const y = a[(left + right) >>> 1]
  const z = a[right]
  const pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y))
  let i = left - 1
  let j = right + 1
  for (;;) {
    do i++; while (a[i] < pivot)
    do j--; while (a[j] > pivot)
    if (i >= j) return j
    const swap = a[i]
    a[i] = a[j]
    a[j] = swap
  }
}

/**
 * Multi-rank quickselect (introselect): afterwards, a[r] holds the value of rank r for every
 * requested rank, as if the buffer had been sorted. One pass serves all quantiles of a buffer,
 * which costs O(n · log(#ranks)) instead of the O(n log n) of a full sort. Hand-written because no
 * installed library selects several ranks of a Float64Array in place. Segments that keep
 * partitioning badly fall back to the built-in numeric sort, bounding the worst case at O(n log n).
 */
function selectRanks (a: Float64Array, ranks: Int32Array): void {
  const depthLimit = 2 * Math.ceil(Math.log2(a.length + 1)) + 8
  // Work items of five numbers: left, right, first rank index, last rank index, depth.
  const stack: number[] = [0, a.length - 1, 0, ranks.length - 1, 0]
  while (stack.length > 0) {
    const depth = stack.pop() as number
    const lastRank = stack.pop() as number
    const firstRank = stack.pop() as number
    const right = stack.pop() as number
    const left = stack.pop() as number
    if (right - left < INSERTION_SORT_MAX) {
      insertionSort(a, left, right)
      continue
    }
    if (depth > depthLimit) {
      a.subarray(left, right + 1).sort()
      continue
    }
    const split = partition(a, left, right)
    let firstRight = firstRank
    while (firstRight <= lastRank && ranks[firstRight] <= split) firstRight++
    if (firstRight > firstRank) stack.push(left, split, firstRank, firstRight - 1, depth + 1)
    if (firstRight <= lastRank) stack.push(split + 1, right, firstRight, lastRank, depth + 1)
  }
}

/** Below this many values, copying and partitioning is as fast as counting passes. */
const BUCKET_SELECT_MIN_LENGTH = 128
/**
 * Equal-width value buckets of bucket selection: about 8 values per bucket, at most 4096 buckets
 * (a 16 KiB count table that stays in L1 cache; ~25 values per bucket at n = 100 000).
 */
const bucketCountFor = (n: number): number => Math.min(4096, n >>> 3)

/** Values of the given ranks (ascending, distinct) by introselect on a copy. */
function valuesOfRanksByPartition (values: ArrayLike<number>, ranks: readonly number[]): number[] {
  const copy = Float64Array.from(values)
  selectRanks(copy, Int32Array.from(ranks))
  return ranks.map((rank) => copy[rank])
}

/**
 * Values of the given ranks (ascending, distinct) of values spanning [min, max].
 *
 * Large samples use bucket selection, O(n) without reordering the input: count the values per
 * equal-width bucket of [min, max], locate each rank's bucket from the cumulative counts, copy out
 * only those buckets' values and select within them. The bucket index `(x − min)·scale` truncated is
 * non-decreasing in x, so each bucket is a contiguous run of the sorted order. Partitioning the whole
 * array instead costs a mispredicted branch for about every other value, per rank group; at
 * n = 100 000 and eleven quantiles this is about six times faster. Hand-written because no installed
 * library selects ranks of a Float64Array.
 */
function valuesOfRanks (values: ArrayLike<number>, ranks: readonly number[], min: number, max: number): number[] {
  const n = values.length
  if (min === max) return ranks.map(() => min)
  const bucketCount = bucketCountFor(n)
  const scale = bucketCount / (max - min)
  // A range of subnormal width makes the scale infinite, and 0 · ∞ would be NaN.
  if (n < BUCKET_SELECT_MIN_LENGTH || !Number.isFinite(scale)) return valuesOfRanksByPartition(values, ranks)
  // (x − min)·scale lies in [0, bucketCount] (the maximum may round onto bucketCount itself), so
  // truncation with `| 0` is the floor and one spare bucket replaces a clamp in the hot loops.
  const bucketTotal = bucketCount + 1
  const bucketStarts = new Int32Array(bucketTotal + 1)
  for (let i = 0; i < n; i++) bucketStarts[((values[i] - min) * scale | 0) + 1]++
  for (let b = 0; b < bucketTotal; b++) bucketStarts[b + 1] += bucketStarts[b]

  // Each wanted bucket gets a slot: a segment of `collected` and the ranks that fall in it.
  const slotOfBucket = new Int32Array(bucketTotal).fill(-1)
  const slotBuckets: number[] = []
  const slotRanks: number[][] = []
  let bucket = 0
  for (const rank of ranks) {
    while (bucketStarts[bucket + 1] <= rank) bucket++
    if (slotOfBucket[bucket] === -1) {
      slotOfBucket[bucket] = slotBuckets.length
      slotBuckets.push(bucket)
      slotRanks.push([])
    }
    slotRanks[slotOfBucket[bucket]].push(rank - bucketStarts[bucket])
  }
  const slotOffsets = new Int32Array(slotBuckets.length + 1)
  slotBuckets.forEach((b, slot) => { slotOffsets[slot + 1] = slotOffsets[slot] + bucketStarts[b + 1] - bucketStarts[b] })
  const collected = new Float64Array(slotOffsets[slotBuckets.length])
  const nextWrite = slotOffsets.slice(0, slotBuckets.length)
  for (let i = 0; i < n; i++) {
    const x = values[i]
    const slot = slotOfBucket[(x - min) * scale | 0]
    if (slot >= 0) collected[nextWrite[slot]++] = x
  }

  const result: number[] = []
  for (let slot = 0; slot < slotBuckets.length; slot++) {
    const start = slotOffsets[slot]
    const end = slotOffsets[slot + 1]
    // Most buckets hold a few dozen values: sorting them outright beats setting up a selection.
    if (end - start <= INSERTION_SORT_MAX) insertionSort(collected, start, end - 1)
    else selectRanks(collected.subarray(start, end), Int32Array.from(slotRanks[slot]))
    for (const localRank of slotRanks[slot]) result.push(collected[start + localRank])
  }
  return result
}

/**
 * Type-7 quantiles (numpy's default "linear" method) of values spanning [min, max]:
 * h = (n − 1)·q, interpolating between the values of ranks ⌊h⌋ and ⌊h⌋ + 1.
 * Results are made non-decreasing in q: type 7 is monotone mathematically, and taking the running
 * maximum removes the one-ulp dips rounding can cause.
 */
function quantilesWithin (values: ArrayLike<number>, probabilities: readonly number[], min: number, max: number): number[] {
  const n = values.length
  const wanted = new Set<number>()
  for (const q of probabilities) {
    const h = (n - 1) * q
    if (h >= n - 1) {
      wanted.add(n - 1)
    } else {
      const below = Math.floor(h)
      wanted.add(below)
      wanted.add(below + 1)
    }
  }
  const ranks = [...wanted].sort((a, b) => a - b)
  const rankValues = valuesOfRanks(values, ranks, min, max)
  const valueOfRank = new Map(ranks.map((rank, i) => [rank, rankValues[i]]))

  const order = probabilities.map((_, index) => index).sort((i, j) => probabilities[i] - probabilities[j])
  const results = new Array<number>(probabilities.length)
  let previous = -Infinity
  for (const index of order) {
    const h = (n - 1) * probabilities[index]
    let value: number
    if (h >= n - 1) {
      value = valueOfRank.get(n - 1) as number
    } else {
      const below = Math.floor(h)
      value = lerp(valueOfRank.get(below) as number, valueOfRank.get(below + 1) as number, h - below)
    }
    previous = Math.max(previous, value)
    results[index] = previous
  }
  return results
}

function assertNotEmpty (values: ArrayLike<number>): void {
  if (values.length === 0) throw new RangeError('statistics of an empty sample are undefined')
}

/** Type-7 quantiles of finite values, which are left untouched. */
export function quantiles (values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  assertNotEmpty(values)
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (x < min) min = x
    if (x > max) max = x
  }
  return quantilesWithin(values, probabilities, min, max)
}

/**
 * scipy treats a second moment below (1e-15 · mean)² as rounding noise and returns NaN for skew
 * and kurtosis; the SPEC reports 0 for a distribution that does not vary.
 */
const FLOAT64_RESOLUTION = 1e-15

export interface SampleSummary extends Moments {
  /** Type-7 quantiles, in the order of the requested probabilities. */
  quantiles: number[]
  /** Equal-width histogram on [0, 1]; values outside it are not counted (numpy's `range`). */
  histogram: Histogram
}

/**
 * Moments, quantiles and a [0, 1] histogram of finite values in one go, sharing passes over the
 * data: the first pass sums, finds the range and bins; the second takes central sums (two-pass
 * moments avoid the cancellation of raw power sums); quantile selection reuses the range.
 */
export function summariseSample (values: ArrayLike<number>, probabilities: readonly number[], binCount: number): SampleSummary {
  assertNotEmpty(values)
  const n = values.length
  const edges = new Float64Array(binCount + 1)
  for (let i = 0; i <= binCount; i++) edges[i] = i / binCount
  const binCounts = new Int32Array(binCount)
  const lastBin = binCount - 1
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const x = values[i]
    sum += x
    if (x < min) min = x
    if (x > max) max = x
    if (x >= 0 && x <= 1) {
      // x·binCount lies in [0, binCount], so `| 0` is the floor; the product can land one bin off
      // within an ulp of an edge, hence the checks against the published edges.
      let k = Math.min(x * binCount | 0, lastBin)
      if (x < edges[k]) k--
      else if (k < lastBin && x >= edges[k + 1]) k++
      binCounts[k]++
    }
  }
  const summary = {
    quantiles: quantilesWithin(values, probabilities, min, max),
    histogram: { bins: Array.from(edges), counts: Array.from(binCounts) }
  }
  // A constant sample: its rounded mean could differ from the value and fake a spread.
  if (min === max) return { mean: min, stdev: 0, skew: 0, kurtosis: 0, ...summary }
  const mean = sum / n
  let sum2 = 0
  let sum3 = 0
  let sum4 = 0
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean
    const d2 = d * d
    sum2 += d2
    sum3 += d2 * d
    sum4 += d2 * d2
  }
  const m2 = sum2 / n
  const stdev = Math.sqrt(sum2 / (n - 1))
  if (m2 <= (FLOAT64_RESOLUTION * mean) ** 2) return { mean, stdev, skew: 0, kurtosis: 0, ...summary }
  return {
    mean,
    stdev,
    skew: (sum3 / n) / (m2 * Math.sqrt(m2)),
    kurtosis: (sum4 / n) / (m2 * m2) - 3,
    ...summary
  }
}
