import { DEPTHS, type Depth } from '../simulation-constants.js'
import { ENTITLEMENT_HOURS, LAB_FEATURE_PREFIX } from '../ledger/purchase-rules.js'

export { DEPTHS, type Depth }

/** The depth → cost table: the one place prices live (GET /api/v2/tiers shows it; docs/API.md). */
export const DEPTH_COST: Readonly<Record<Depth, number>> = {
  headline_pick: 0,
  full_distribution: 2,
  scenario_extremes: 3,
  comparative_analysis: 3,
  deep_dive_educational: 5
}

export const DEPTH_DESCRIPTION: Readonly<Record<Depth, string>> = {
  headline_pick: 'The most likely outcome with a confidence band and the median probability. Free, no account needed.',
  full_distribution: 'The distribution of the home-side probability: percentiles, moments, the three scenarios and uncertainty metrics.',
  scenario_extremes: 'The conservative and aggressive scenarios in full, with the bounds of every outcome probability across scenarios.',
  comparative_analysis: 'Two to ten events side by side, ordered by volatility, with the most and least uncertain event.',
  deep_dive_educational: 'Everything above plus histogram, risk assessment, explanation with sensitivity, and convergence diagnostics.'
}

/** POST /api/v1/simulate spends this many tokens per fresh request. */
export const V1_SIMULATION_COST = 1
export const V1_FEATURE = 'v1_simulation'

export { ENTITLEMENT_HOURS, LAB_FEATURE_PREFIX }

/** Lab modules are priced by their content file; their ledger feature names the module. */
export function labFeature (moduleId: string): string {
  return `${LAB_FEATURE_PREFIX}${moduleId}`
}

/** The season outlook of a league (SPEC §13.4): a tier of its own, bought per inputs like a depth (entitlement for 24 h). */
export const SEASON_OUTLOOK = 'season_outlook'
export const SEASON_OUTLOOK_COST = 3
export const SEASON_OUTLOOK_DESCRIPTION = 'The rest of a league\'s season simulated: each team\'s final points, the probability of every final position and of each zone, with standard errors.'

/** What is bought per inputs, free again for ENTITLEMENT_HOURS: a v2 depth, the v1 simulation or the season outlook. */
export type Tier = Depth | typeof V1_FEATURE | typeof SEASON_OUTLOOK

const TIER_COST: Readonly<Record<Tier, number>> = {
  ...DEPTH_COST,
  [V1_FEATURE]: V1_SIMULATION_COST,
  [SEASON_OUTLOOK]: SEASON_OUTLOOK_COST
}

/** The price of a tier in tokens. */
export function tierCost (tier: Tier): number {
  return TIER_COST[tier]
}

/** A Lab module as its content file prices it (src/lab/content.ts). */
export interface PricedModule {
  module_id: string
  cost_tokens: number
}

/** What a paid action buys, and so what makes a second purchase of it free. */
export type Purchase =
  /** A tier: free again for 24 h for the same inputs (fingerprint). */
  | { kind: 'entitlement', tier: Tier, fingerprint: string }
  /** A Lab module: paid once per actor, ever. */
  | { kind: 'unlock', module: PricedModule }

/** The ledger feature and the price of a purchase: the one place a purchase is priced. */
export function priceOf (purchase: Purchase): { feature: string, cost: number } {
  return purchase.kind === 'unlock'
    ? { feature: labFeature(purchase.module.module_id), cost: purchase.module.cost_tokens }
    : { feature: purchase.tier, cost: tierCost(purchase.tier) }
}
