export { BillingService } from './service.js'
export type { BillingEvents, SweepResult, Charge, GrantAction, PaidAction, RefundAction, TopupAction } from './service.js'
export { BillingError } from './errors.js'
export type { BillingErrorCode } from './errors.js'
export {
  DEPTHS, DEPTH_COST, DEPTH_DESCRIPTION, ENTITLEMENT_HOURS, LAB_FEATURE_PREFIX, V1_FEATURE, V1_SIMULATION_COST, labFeature, priceOf, tierCost
} from './prices.js'
export type { Depth, PricedModule, Purchase, Tier } from './prices.js'
