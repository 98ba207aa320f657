/**
 * The statistics of docs/ENGINE.md ("Statistics"), defined to agree with numpy/scipy defaults
 * (numpy.percentile "linear", numpy.std ddof=1, scipy.stats.skew/kurtosis bias=True, and
 * numpy.histogram with the edges i/20).
 * test/fixtures/engine/stats-reference.json holds numbers produced by those libraries.
 * The samples summarised here are probabilities, so they are known to lie in [0, 1].
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
 * (a 16 KiB count table that stays in L1 cache; ~25 values per bucket at n = 100 000 on [0, 1]).
 */
const bucketCountFor = (n: number): number => Math.min(4096, n >>> 3)

/**
 * Bucket selection, O(n) without reordering the input and with few mispredicted branches:
 * count the values per equal-width bucket of a known range, locate each wanted rank's bucket from
 * the cumulative counts, copy out only those buckets' values and select within them. The bucket
 * index `trunc((x − low)·scale)` is non-decreasing in x, so each bucket is a contiguous run of the
 * sorted order. Partitioning the whole array instead (quickselect) mispredicts a branch for about
 * every other value and rank group; at n = 100 000 and eleven quantiles bucket selection is about
 * six times faster. Hand-written because no installed library selects ranks of a Float64Array.
 *
 * `(x − low)·scale` lies in [0, bucketCount] for x in [low, high] (the top may round onto
 * bucketCount itself), so `| 0` is the floor and one spare bucket replaces a clamp in hot loops.
 */
interface BucketPlan {
  low: number
  scale: number
  /** Slot of each bucket that holds a wanted rank, else −1. */
  slotOfBucket: Int32Array
  /** Start of each slot's values in the collection buffer; one extra entry for the end. */
  slotOffsets: Int32Array
  /** Wanted ranks of each slot, relative to the slot's first rank. */
  slotRanks: number[][]
}

/** From cumulative bucket counts (bucketStarts[b] = values in buckets before b), the slots to collect. */
function planBuckets (bucketStarts: Int32Array, ranks: readonly number[], low: number, scale: number): BucketPlan {
  const slotOfBucket = new Int32Array(bucketStarts.length - 1).fill(-1)
  const slotSizes: number[] = []
  const slotRanks: number[][] = []
  let bucket = 0
  for (const rank of ranks) {
    while (bucketStarts[bucket + 1] <= rank) bucket++
    if (slotOfBucket[bucket] === -1) {
      slotOfBucket[bucket] = slotSizes.length
      slotSizes.push(bucketStarts[bucket + 1] - bucketStarts[bucket])
      slotRanks.push([])
    }
    slotRanks[slotOfBucket[bucket]].push(rank - bucketStarts[bucket])
  }
  const slotOffsets = new Int32Array(slotSizes.length + 1)
  slotSizes.forEach((size, slot) => { slotOffsets[slot + 1] = slotOffsets[slot] + size })
  return { low, scale, slotOfBucket, slotOffsets, slotRanks }
}

function cumulativeCounts (bucketStarts: Int32Array): void {
  for (let b = 1; b < bucketStarts.length; b++) bucketStarts[b] += bucketStarts[b - 1]
}

/** Copies the values of the planned buckets into one buffer, grouped by slot. */
function collectPlannedBuckets (values: ArrayLike<number>, plan: BucketPlan): Float64Array {
  const { low, scale, slotOfBucket, slotOffsets } = plan
  const collected = new Float64Array(slotOffsets[slotOffsets.length - 1])
  const nextWrite = slotOffsets.slice(0, -1)
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    const slot = slotOfBucket[(x - low) * scale | 0]
    if (slot >= 0) collected[nextWrite[slot]++] = x
  }
  return collected
}

/** The wanted values, slot by slot: small slots are sorted, large ones selected recursively. */
function valuesOfPlannedRanks (collected: Float64Array, plan: BucketPlan): number[] {
  const result: number[] = []
  plan.slotRanks.forEach((localRanks, slot) => {
    const start = plan.slotOffsets[slot]
    const end = plan.slotOffsets[slot + 1]
    if (end - start <= INSERTION_SORT_MAX) {
      insertionSort(collected, start, end - 1)
      for (const rank of localRanks) result.push(collected[start + rank])
    } else {
      const segment = collected.subarray(start, end)
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < segment.length; i++) {
        if (segment[i] < min) min = segment[i]
        if (segment[i] > max) max = segment[i]
      }
      result.push(...valuesOfRanks(segment, localRanks, min, max))
    }
  })
  return result
}

/** Caller-supplied bounds are a promise the selection relies on; a broken one is an error. */
function assertWithin (x: number, low: number, high: number): void {
  if (!(x >= low && x <= high)) throw new RangeError(`value ${x} lies outside [${low}, ${high}]`)
}

/** Values per bucket, shifted by one (entry b + 1 counts bucket b) for the cumulative sums. */
function countBuckets (values: ArrayLike<number>, low: number, high: number, scale: number, bucketCount: number): Int32Array {
  const bucketStarts = new Int32Array(bucketCount + 2)
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    // Checked in the counting pass, where a value outside the bounds would miscount.
    assertWithin(x, low, high)
    bucketStarts[((x - low) * scale | 0) + 1]++
  }
  return bucketStarts
}

/**
 * Values of the given ranks (ascending, distinct) of values lying in [low, high]: introselect on a
 * copy for small samples or ranges too narrow to scale, bucket selection otherwise.
 */
function valuesOfRanks (values: ArrayLike<number>, ranks: readonly number[], low: number, high: number): number[] {
  const n = values.length
  if (low === high) return ranks.map(() => low)
  const bucketCount = bucketCountFor(n)
  const scale = bucketCount / (high - low)
  // A range of subnormal width makes the scale infinite, and 0 · ∞ would be NaN.
  if (n < BUCKET_SELECT_MIN_LENGTH || !Number.isFinite(scale)) {
    const copy = values instanceof Float64Array ? values.slice() : Float64Array.from(values)
    for (let i = 0; i < n; i++) assertWithin(copy[i], low, high)
    selectRanks(copy, Int32Array.from(ranks))
    return ranks.map((rank) => copy[rank])
  }
  const bucketStarts = countBuckets(values, low, high, scale, bucketCount)
  cumulativeCounts(bucketStarts)
  const plan = planBuckets(bucketStarts, ranks, low, scale)
  return valuesOfPlannedRanks(collectPlannedBuckets(values, plan), plan)
}

/** The ranks type-7 interpolation reads for these probabilities: ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)·q. */
function ranksFor (n: number, probabilities: readonly number[]): number[] {
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
  return [...wanted].sort((a, b) => a - b)
}

/**
 * Type-7 quantiles (numpy's default "linear" method) from the values of their ranks.
 * Results are made non-decreasing in q: type 7 is monotone mathematically, and taking the running
 * maximum removes the one-ulp dips rounding can cause.
 */
function interpolateQuantiles (n: number, probabilities: readonly number[], ranks: readonly number[], rankValues: readonly number[]): number[] {
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

/**
 * Type-7 quantiles (h = (n − 1)·q, interpolating between ranks ⌊h⌋ and ⌊h⌋ + 1) of finite values,
 * which are left untouched. `bounds`, when the caller knows them, saves a pass over the values;
 * a value outside them is an error.
 */
export function quantiles (values: ArrayLike<number>, probabilities: readonly number[], bounds?: { min: number, max: number }): number[] {
  assertNotEmpty(values)
  let low = Infinity
  let high = -Infinity
  if (bounds === undefined) {
    for (let i = 0; i < values.length; i++) {
      const x = values[i]
      if (x < low) low = x
      if (x > high) high = x
    }
  } else {
    ({ min: low, max: high } = bounds)
  }
  const ranks = ranksFor(values.length, probabilities)
  return interpolateQuantiles(values.length, probabilities, ranks, valuesOfRanks(values, ranks, low, high))
}

/**
 * scipy treats a second moment below (1e-15 · mean)² as rounding noise and returns NaN for skew
 * and kurtosis; the contract reports 0 for a distribution that does not vary.
 */
const FLOAT64_RESOLUTION = 1e-15

export interface ProbabilitySummary extends Moments {
  /** Type-7 quantiles, in the order of the requested probabilities. */
  quantiles: number[]
  /** Equal-width histogram on [0, 1]. */
  histogram: Histogram
}

interface FirstPass {
  sum: number
  min: number
  max: number
}

/**
 * The first pass over a sample of probabilities: sum, range, histogram bins and selection-bucket
 * counts. Each hot loop lives in its own small function: V8 then optimises it whole, instead of
 * compiling a long function on-stack mid-loop and throwing that code away at the loop's exit.
 */
function scanProbabilities (values: ArrayLike<number>, edges: Float64Array, binCounts: Int32Array, bucketCount: number, bucketStarts: Int32Array): FirstPass {
  const binCount = binCounts.length
  const lastBin = binCount - 1
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (!(x >= 0 && x <= 1)) throw new RangeError(`value ${x} is not a probability`)
    sum += x
    if (x < min) min = x
    if (x > max) max = x
    // x·binCount lies in [0, binCount], so `| 0` is the floor; the product can land one bin off
    // within an ulp of an edge, hence the checks against the published edges.
    let k = Math.min(x * binCount | 0, lastBin)
    if (x < edges[k]) k--
    else if (k < lastBin && x >= edges[k + 1]) k++
    binCounts[k]++
    bucketStarts[(x * bucketCount | 0) + 1]++
  }
  return { sum, min, max }
}

/** Sums of the 2nd, 3rd and 4th powers of the deviations from the mean (two-pass moments avoid the cancellation of raw power sums). */
function centralPowerSums (values: ArrayLike<number>, mean: number): [number, number, number] {
  let sum2 = 0
  let sum3 = 0
  let sum4 = 0
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean
    const d2 = d * d
    sum2 += d2
    sum3 += d2 * d
    sum4 += d2 * d2
  }
  return [sum2, sum3, sum4]
}

/**
 * Moments, quantiles and a [0, 1] histogram of a sample of probabilities, sharing passes over the
 * data: the first pass sums, finds the range, bins, and counts the selection buckets (the range
 * [0, 1] is known in advance); the second takes central sums; the third collects the buckets
 * holding the wanted ranks.
 */
export function summariseProbabilities (values: ArrayLike<number>, probabilities: readonly number[], binCount: number): ProbabilitySummary {
  assertNotEmpty(values)
  const n = values.length
  const edges = Float64Array.from({ length: binCount + 1 }, (_, i) => i / binCount)
  const binCounts = new Int32Array(binCount)
  const bucketCount = n < BUCKET_SELECT_MIN_LENGTH ? 0 : bucketCountFor(n)
  const bucketStarts = new Int32Array(bucketCount + 2)
  const { sum, min, max } = scanProbabilities(values, edges, binCounts, bucketCount, bucketStarts)
  const histogram = { bins: Array.from(edges), counts: Array.from(binCounts) }
  // A constant sample: its rounded mean could differ from the value and fake a spread.
  if (min === max) return { mean: min, stdev: 0, skew: 0, kurtosis: 0, quantiles: probabilities.map(() => min), histogram }

  const mean = sum / n
  const [sum2, sum3, sum4] = centralPowerSums(values, mean)

  const ranks = ranksFor(n, probabilities)
  let rankValues: number[]
  if (bucketCount === 0) {
    rankValues = valuesOfRanks(values, ranks, min, max)
  } else {
    cumulativeCounts(bucketStarts)
    const plan = planBuckets(bucketStarts, ranks, 0, bucketCount)
    rankValues = valuesOfPlannedRanks(collectPlannedBuckets(values, plan), plan)
  }
  const quantileValues = interpolateQuantiles(n, probabilities, ranks, rankValues)

  const m2 = sum2 / n
  const stdev = Math.sqrt(sum2 / (n - 1))
  const shapeIsNoise = m2 <= (FLOAT64_RESOLUTION * mean) ** 2
  return {
    mean,
    stdev,
    skew: shapeIsNoise ? 0 : (sum3 / n) / (m2 * Math.sqrt(m2)),
    kurtosis: shapeIsNoise ? 0 : (sum4 / n) / (m2 * m2) - 3,
    quantiles: quantileValues,
    histogram
  }
}
