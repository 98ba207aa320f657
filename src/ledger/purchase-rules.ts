/**
 * The two purchase rules the ledger's own checks need (src/ledger/verify.ts): stated here, on the
 * storage floor, so that the ledger need not import billing, which re-exports them as its own
 * (src/billing/prices.ts) and applies them.
 */

/** A paid (fingerprint, depth) is not charged again for this long. */
export const ENTITLEMENT_HOURS = 24

/** The ledger feature of a Lab module starts with this, and names the module after it. */
export const LAB_FEATURE_PREFIX = 'lab_module:'
