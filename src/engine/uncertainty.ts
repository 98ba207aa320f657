import { percent } from './format.js'
import type { NormalisedContext } from './input.js'
import type { Moments, Percentiles } from './stats.js'

/** Every input of the metrics, as used; null where the request did not say. */
export interface UncertaintyFactors {
  /** stdev / |mean| of the base-scenario home-side probability. */
  distribution_cv: number
  data_age_days: number | null
  /** Share of the listed features that are present, 0–1; null when none were listed. */
  feature_coverage: number | null
  sample_size: number | null
  event_horizon_days: number
}

export interface UncertaintyMetrics {
  volatility_score: number
  data_quality_index: number
  confidence_decay: number
  factors: UncertaintyFactors
  notes: string[]
}

type DistributionSummary = Pick<Moments, 'mean' | 'stdev' | 'kurtosis'> & { percentiles: Percentiles }

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value))

function coefficientOfVariation ({ mean, stdev }: DistributionSummary): number {
  return stdev === 0 ? 0 : stdev / Math.abs(mean)
}

/**
 * volatility_score (docs/ENGINE.md), 0–100: min(CV·100, 50) + min(IQR·50, 25)
 * + clamp((tail_weight − 2.5)·7.5, 0, 15) + min(|kurtosis|·5, 10); 0 for a constant distribution.
 */
function volatilityScore (distribution: DistributionSummary): number {
  if (distribution.stdev === 0) return 0
  const { p5, p25, p75, p95 } = distribution.percentiles
  const iqr = p75 - p25
  const tailWeight = (p95 - p5) / (iqr + 1e-10)
  return Math.min(coefficientOfVariation(distribution) * 100, 50) +
    Math.min(iqr * 50, 25) +
    clamp((tailWeight - 2.5) * 7.5, 0, 15) +
    Math.min(Math.abs(distribution.kurtosis) * 5, 10)
}

function featureCoverage (context: NormalisedContext): number | null {
  if (context.features_present === null) return null
  const flags = Object.values(context.features_present)
  return flags.filter(Boolean).length / flags.length
}

/** 30 · 0.5^(age/14), written with exp because V8's exp is the deterministic fdlibm routine. */
function recencyPoints (dataAgeDays: number | null): number {
  return dataAgeDays === null ? 15 : 30 * Math.exp(-Math.LN2 * dataAgeDays / 14)
}

function sampleSizePoints (sampleSize: number | null): number {
  return sampleSize === null ? 10 : Math.min(20, 5 * Math.log10(sampleSize + 1))
}

/** data_quality_index (docs/ENGINE.md), 0–100: coverage (0–50) + recency (0–30) + sample size (0–20). */
export function dataQualityIndex (context: NormalisedContext): number {
  const coverage = featureCoverage(context)
  return (coverage === null ? 25 : coverage * 50) + recencyPoints(context.data_age_days) + sampleSizePoints(context.sample_size)
}

function stalenessFactor (dataAgeDays: number | null): number {
  if (dataAgeDays === null || dataAgeDays <= 2) return 1
  if (dataAgeDays <= 7) return 1.2
  if (dataAgeDays <= 30) return 1.5
  return 2
}

function proximityFactor (eventHorizonDays: number): number {
  if (eventHorizonDays > 14) return 0.8
  if (eventHorizonDays >= 7) return 1
  return 1.3
}

/** confidence_decay per day (docs/ENGINE.md): (0.03 + volatility/100 · 0.12) × staleness × proximity, in [0, 1]. */
export function confidenceDecay (volatility: number, context: NormalisedContext): number {
  return clamp((0.03 + volatility / 100 * 0.12) * stalenessFactor(context.data_age_days) * proximityFactor(context.event_horizon_days), 0, 1)
}

function explainDrivers (volatility: number, decay: number, factors: UncertaintyFactors, context: NormalisedContext): string[] {
  const notes: string[] = []
  notes.push(volatility === 0
    ? 'The simulated home-side probability does not vary (no rating uncertainty), so volatility is 0.'
    : `Volatility ${volatility.toFixed(1)}/100: the simulated home-side probability varies with a coefficient of variation of ${percent(factors.distribution_cv)}.`)
  if (factors.feature_coverage === null) {
    notes.push('No feature list was given, so data coverage counts as neutral (25 of 50 points).')
  } else {
    const listed = Object.keys(context.features_present ?? {}).length
    notes.push(`${percent(factors.feature_coverage)} of the ${listed} listed features are present.`)
  }
  notes.push(factors.data_age_days === null
    ? 'The age of the rating data is unknown, so recency counts as neutral (15 of 30 points).'
    : `The rating data is ${factors.data_age_days} days old; recency loses half its weight every 14 days.`)
  notes.push(factors.sample_size === null
    ? 'The number of matches behind the ratings is unknown, so sample size counts as neutral (10 of 20 points).'
    : `The ratings rest on ${factors.sample_size} historical matches.`)
  notes.push(`With the event ${factors.event_horizon_days} days away, confidence in these numbers decays by about ${percent(decay)} per day.`)
  return notes
}

/** The uncertainty metrics (docs/ENGINE.md), computed on the base-scenario distribution. */
export function uncertaintyMetrics (distribution: DistributionSummary, context: NormalisedContext): UncertaintyMetrics {
  const volatility = volatilityScore(distribution)
  const decay = confidenceDecay(volatility, context)
  const factors: UncertaintyFactors = {
    distribution_cv: coefficientOfVariation(distribution),
    data_age_days: context.data_age_days,
    feature_coverage: featureCoverage(context),
    sample_size: context.sample_size,
    event_horizon_days: context.event_horizon_days
  }
  return {
    volatility_score: volatility,
    data_quality_index: dataQualityIndex(context),
    confidence_decay: decay,
    factors,
    notes: explainDrivers(volatility, decay, factors, context)
  }
}
