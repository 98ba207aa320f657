export { BillingService } from './service.js'
export type { BillingEvents, SweepResult, Charge, PaidAction, Purchase, RefundAction, TopupAction } from './service.js'
export { BillingError } from './errors.js'
export type { BillingErrorCode } from './errors.js'
export {
  DEPTHS, DEPTH_COST, DEPTH_DESCRIPTION, ENTITLEMENT_HOURS, V1_FEATURE, V1_SIMULATION_COST, labFeature
} from './prices.js'
export type { Depth } from './prices.js'
