import { actorDisabled } from '../ledger/arguments.js'
import { LedgerError } from '../ledger/errors.js'
import type { GrantResult, LedgerEntry, TopupResult } from '../ledger/types.js'
import type { LabUnlock } from '../storage/lab.js'
import type { ActorTransaction, EntitlementPurchase, IdempotencyRef, Purchased, SpendEntryInput, Storage, UndeliveredCharge } from '../storage/port.js'
import { purchase } from '../storage/purchase.js'
import { BillingError } from './errors.js'
import { ENTITLEMENT_HOURS, priceOf, type Purchase } from './prices.js'
import { inSpan } from '../telemetry/spans.js'

export interface PaidAction {
  /** The caller; null when anonymous (then only free actions pass). */
  actorId: string | null
  /** What is bought; the billing service prices it (src/billing/prices.ts, priceOf). */
  purchase: Purchase
  /** The catalog event, recorded on the ledger entry. */
  eventId: string | null
  requestId: string
  /** The request's idempotency record, which records the charge in the same transaction. */
  idempotency: IdempotencyRef | null
}

/** What a request paid, as reported in `meta`, `transaction_id` and the unlock answer. */
export interface Charge {
  actor_id: string | null
  tokens_charged: number
  transaction_id: string | null
  /** An earlier purchase covered it: an entitlement within 24 h, or a module already unlocked. */
  already_owned: boolean
  balance_after: number | null
}

/** Counters the billing service reports to (the metrics plugin wires them to /metrics). */
export interface BillingEvents {
  spent: (feature: string, tokens: number) => void
  denied: (feature: string) => void
  refunded: (reason: string, tokens: number) => void
  toppedUp: (tokens: number) => void
  /** A daily grant was credited. */
  granted: (tokens: number) => void
  /** The sweeper refunded a charge that was never delivered. */
  undeliveredRefunded: (tokens: number) => void
}

/** What one sweep of undelivered charges did. */
export interface SweepResult {
  refunded: number
  /** Past their lease and still neither delivered nor refunded (a refund failed: retried next sweep). */
  pending: number
  /** Why the sweep stopped early, or null. */
  error: unknown
}

/** Charges one sweep looks at; the next sweep takes the rest. */
const SWEEP_BATCH = 200

export interface TopupAction {
  actorId: string
  amount: number
  paymentId: string
  requestId: string
  idempotency: IdempotencyRef | null
}

export interface GrantAction {
  actorId: string
  /** DAILY_TOKENS: credited once per actor per UTC day. */
  amount: number
  requestId: string
}

export interface RefundAction {
  transactionId: string
  reason: string
  requestId: string
  idempotency: IdempotencyRef | null
}

/** A paid action with its price: the ledger feature (a tier, or `lab_module:<id>`) and its cost. */
type PricedAction = PaidAction & { feature: string, cost: number }

/** What a purchase did (src/storage/port.ts): an entitlement, or a Lab unlock (owned: the earlier unlock). */
type Bought = EntitlementPurchase | Purchased<LabUnlock>

type Settlement =
  | { kind: 'charged', transactionId: string, balanceAfter: number, fresh: boolean }
  | { kind: 'owned', balanceAfter: number }
  | { kind: 'denied', available: number }

function settlementOf (bought: Bought): Settlement {
  switch (bought.outcome) {
    case 'owned':
      return { kind: 'owned', balanceAfter: bought.balance }
    case 'denied':
      return { kind: 'denied', available: bought.balance }
    case 'spent':
      return { kind: 'charged', transactionId: bought.entry.transaction_id, balanceAfter: bought.balance, fresh: true }
  }
}

/**
 * The money path in one place (docs/LEDGER.md, "Charging once"): prices are applied, entitlements
 * and unlocks honoured, balances debited, `denied` audits written, idempotency records tied to their
 * charge, and failed deliveries refunded — each decision and the write it guards in ONE transaction
 * serialised per actor, so concurrent identical requests are charged once by construction.
 * Fastify-free: src/plugins/app/billing.ts decorates the app with it.
 */
export class BillingService {
  constructor (
    private readonly storage: Storage,
    private readonly now: () => Date,
    private readonly events: BillingEvents
  ) {}

  /** Charges a paid action, or proves it is owned already; throws BillingError 401/402 otherwise. A free action is never written. */
  async charge (paid: PaidAction): Promise<Charge> {
    const action: PricedAction = { ...paid, ...priceOf(paid.purchase) }
    return await inSpan('billing.charge', { 'trickster.feature': action.feature, 'trickster.cost': action.cost, 'trickster.purchase': action.purchase.kind }, async (span) => {
      const charge = await this.chargeInSpan(action)
      span.setAttributes({ 'trickster.tokens_charged': charge.tokens_charged, 'trickster.already_owned': charge.already_owned })
      return charge
    })
  }

  private async chargeInSpan (action: PricedAction): Promise<Charge> {
    const { actorId } = action
    if (action.cost === 0) {
      const balance = actorId === null ? null : (await this.storage.ledger.balance(actorId)).balance
      return { actor_id: actorId, tokens_charged: 0, transaction_id: null, already_owned: false, balance_after: balance }
    }
    if (actorId === null) {
      throw new BillingError('actor_required', `${action.feature} costs ${action.cost} tokens and needs an actor: send Authorization: Bearer <api_key> (create one with POST /api/v2/actors). ${action.purchase.kind === 'unlock' ? 'The free Lab modules need no tokens.' : 'headline_pick is free without one.'}`)
    }
    // Without an idempotency record to consult and attach, buying a simulation depth is one storage
    // step, which PostgreSQL group-commits across actors; everything else is a unit of work here.
    const settled = action.purchase.kind === 'entitlement' && action.idempotency === null
      ? settlementOf(await this.storage.purchaseEntitlement(actorId, this.spendInput(action, action.purchase.fingerprint), this.entitlementSince()))
      : await this.storage.withActorTransaction(actorId, async (tx) => await this.settle(tx, action))
    switch (settled.kind) {
      case 'denied':
        this.events.denied(action.feature)
        throw new BillingError('insufficient_tokens',
          `${action.feature} costs ${action.cost} tokens and the balance is ${settled.available}. Top up, wait for the daily grant, or ${action.purchase.kind === 'unlock' ? 'continue with the free Lab modules.' : 'use headline_pick, which is free.'}`,
          { required_tokens: action.cost, available_tokens: settled.available, feature: action.feature })
      case 'owned':
        return { actor_id: actorId, tokens_charged: 0, transaction_id: null, already_owned: true, balance_after: settled.balanceAfter }
      case 'charged':
        if (settled.fresh) this.events.spent(action.feature, action.cost)
        return { actor_id: actorId, tokens_charged: action.cost, transaction_id: settled.transactionId, already_owned: false, balance_after: settled.balanceAfter }
    }
  }

  /** The decision and its writes, inside the actor's transaction. */
  private async settle (tx: ActorTransaction, action: PricedAction): Promise<Settlement> {
    const actor = await tx.actor()
    if (actor.disabled) throw actorDisabled(actor.actor_id)
    // A retry that took over a crashed attempt which had already paid: the charge stands, once.
    const resumed = action.idempotency === null ? null : await tx.idempotentCharge(action.idempotency)
    if (resumed !== null) return { kind: 'charged', transactionId: resumed, balanceAfter: actor.balance, fresh: false }
    const bought = action.purchase.kind === 'unlock'
      ? await this.buyUnlock(tx, action.purchase.module.module_id, this.spendInput(action, null), actor.balance)
      : await tx.purchaseEntitlement(this.spendInput(action, action.purchase.fingerprint), this.entitlementSince())
    if (bought.outcome === 'spent' && action.idempotency !== null) await tx.attachToIdempotency(action.idempotency, bought.entry.transaction_id)
    return settlementOf(bought)
  }

  /** The ledger entry a paid action writes (its spend, or its `denied` audit). */
  private spendInput<F extends string | null> (action: PricedAction, fingerprint: F): SpendEntryInput & { fingerprint: F } {
    return {
      amount: action.cost,
      feature: action.feature,
      reason: action.purchase.kind === 'unlock' ? 'lab_unlock' : 'simulation',
      eventId: action.eventId,
      fingerprint,
      requestId: action.requestId,
      idempotencyKey: action.idempotency?.key ?? null
    }
  }

  /** The start of the window in which an earlier spend of the same inputs makes a simulation depth free. */
  private entitlementSince (): Date {
    return new Date(this.now().getTime() - ENTITLEMENT_HOURS * 3_600_000)
  }

  /** A Lab module: owned once unlocked (src/storage/purchase.ts); a spend records the unlock row in the same unit. */
  private async buyUnlock (tx: ActorTransaction, moduleId: string, input: SpendEntryInput, balance: number): Promise<Bought> {
    const bought = await purchase(tx, input, balance, await tx.findUnlock(moduleId))
    if (bought.outcome === 'spent') await tx.insertUnlock(moduleId, bought.entry.transaction_id, input.requestId)
    return bought
  }

  /**
   * Gives a charge back because what it paid for was not delivered (a failure after the charge:
   * engine, view, serialisation — docs/API.md, "A charge stands only for a delivered 2xx").
   */
  async refundUndelivered (charge: Charge, requestId: string): Promise<LedgerEntry | null> {
    if (charge.transaction_id === null || charge.actor_id === null) return null
    const spendId = charge.transaction_id
    const entry = await this.storage.withActorTransaction(charge.actor_id, async (tx) => await tx.appendRefund(spendId, 'simulation_failed', requestId))
    this.events.refunded('simulation_failed', entry.amount)
    return entry
  }

  /** Simulation charges past their lease, neither delivered nor refunded (GET /api/v2/admin/charges/undelivered). */
  async undelivered (leaseMs: number, limit = SWEEP_BATCH): Promise<UndeliveredCharge[]> {
    return await this.storage.deliveries.undelivered(new Date(this.now().getTime() - leaseMs), limit)
  }

  /**
   * Refunds every simulation charge older than `leaseMs` that was neither marked delivered nor
   * refunded — the database failed between the charge and the answer, or the process died there —
   * and releases its in-flight idempotency record in the same transaction, so the key may be retried
   * (docs/LEDGER.md, "Delivery"). A refund that fails stays pending and is retried by the next sweep.
   */
  async sweepUndelivered (leaseMs: number, requestId: string): Promise<SweepResult> {
    const due = await this.undelivered(leaseMs)
    let refunded = 0
    for (const charge of due) {
      try {
        const entry = await this.storage.withActorTransaction(charge.actor_id, async (tx) => {
          const refund = await tx.appendRefund(charge.transaction_id, 'undelivered', requestId)
          await tx.releaseIdempotencyOf(charge.transaction_id)
          return refund
        })
        refunded++
        this.events.refunded('undelivered', entry.amount)
        this.events.undeliveredRefunded(entry.amount)
      } catch (err) {
        // Refunded meanwhile (the request's own refund, an admin): settled all the same.
        if (err instanceof LedgerError && err.code === 'already_refunded') { refunded++; continue }
        // The storage failed (it is likely down): the rest waits for the next sweep.
        return { refunded, pending: due.length - refunded, error: err }
      }
    }
    return { refunded, pending: due.length - refunded, error: null }
  }

  /** The daily grant: `amount` once per actor per UTC day (the storage's UNIQUE(actor, day) decides); later calls that day grant nothing. */
  async grantDaily (action: GrantAction): Promise<GrantResult> {
    const result = await this.storage.ledger.grantDaily(action.actorId, { amount: action.amount, requestId: action.requestId })
    if (result.granted) this.events.granted(action.amount)
    return result
  }

  /** Admin top-up; a repeated payment id returns the original credit and adds nothing. */
  async topup (action: TopupAction): Promise<TopupResult> {
    const result = await this.storage.withActorTransaction(action.actorId, async (tx) => {
      await tx.actor()
      const credited = await tx.appendTopup({ amount: action.amount, paymentId: action.paymentId, requestId: action.requestId })
      if (action.idempotency !== null) await tx.attachToIdempotency(action.idempotency, credited.entry.transaction_id)
      return credited
    })
    if (!result.replayed) this.events.toppedUp(action.amount)
    return result
  }

  /** Admin refund of a spend (once per spend). */
  async refund (action: RefundAction): Promise<LedgerEntry> {
    const spend = await this.storage.ledger.getEntry(action.transactionId)
    if (spend === null) throw new LedgerError('transaction_not_found', `transaction ${action.transactionId} not found`)
    const entry = await this.storage.withActorTransaction(spend.actor_id, async (tx) => {
      const refunded = await tx.appendRefund(action.transactionId, action.reason, action.requestId)
      if (action.idempotency !== null) await tx.attachToIdempotency(action.idempotency, refunded.transaction_id)
      return refunded
    })
    this.events.refunded('admin', entry.amount)
    return entry
  }
}
