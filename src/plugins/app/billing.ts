import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { BillingService, type Charge } from '../../billing/index.js'
import { appendRouteHook } from '../../route-hooks.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Prices, entitlements, charges and refunds (src/billing/service.ts). */
    billing: BillingService
  }
  interface FastifyContextConfig {
    /** The route may charge tokens: a charge that does not end in a 2xx is refunded. */
    charged?: boolean
  }
  interface FastifyRequest {
    /** What this request paid, set by the route once the billing service charged it. */
    charge: Charge | null
  }
}

/**
 * Decorates the app with the billing service, its counters wired to /metrics, and one guarantee on
 * the routes that declare `config.charged`: whatever fails after the charge — engine, view,
 * serialisation — the answer is not a 2xx and the charge is refunded before the answer leaves
 * (docs/API.md, "A charge stands only for a delivered 2xx"). Registered before the idempotency
 * plugin, so the refund commits before a failed attempt's key is released for a retry.
 */
async function billingPlugin (app: FastifyInstance): Promise<void> {
  const { metrics } = app
  app.decorate('billing', new BillingService(app.storage, app.now, {
    spent: (feature, tokens) => metrics.tokensSpent.inc({ feature }, tokens),
    denied: (feature) => metrics.tokenDenials.inc({ feature }),
    refunded: (reason, tokens) => metrics.tokensRefunded.inc({ reason }, tokens),
    toppedUp: (tokens) => metrics.tokensGranted.inc({ reason: 'topup' }, tokens),
    granted: (tokens) => metrics.tokensGranted.inc({ reason: 'grant_daily' }, tokens),
    undeliveredRefunded: () => metrics.undeliveredRefunds.inc()
  }))
  app.decorateRequest('charge', null)

  app.addHook('onRoute', (route) => {
    if (route.config?.charged !== true) return
    appendRouteHook(route, 'onSend', refundUndelivered)
    appendRouteHook(route, 'onResponse', markDelivered)
  })

  // The delivery mark is written after the answer left, batched with the other marks of the turn:
  // a 2xx pays no extra round trip before its answer. Until the mark lands the charge's lease makes
  // it safe (docs/LEDGER.md, "Delivery"): only a charge older than CHARGE_LEASE_MS is swept.
  function markDelivered (request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const { charge } = request
    if (charge !== null && charge.transaction_id !== null && reply.statusCode >= 200 && reply.statusCode < 300) {
      const transactionId = charge.transaction_id
      app.storage.deliveries.markDelivered(transactionId).catch((err: unknown) => {
        request.log.error({ err, transaction_id: transactionId }, 'delivery mark not written; the sweeper will refund this delivered charge after its lease')
      })
    }
    done()
  }

  // The sweeper: at start and then every quarter lease (at most 30 s), refunds the charges past
  // their lease that were never delivered, and releases their idempotency keys.
  const leaseMs = app.config.chargeLeaseMs
  let sweeping: Promise<void> | null = null
  const sweep = async (): Promise<void> => {
    sweeping ??= app.billing.sweepUndelivered(leaseMs, `sweep-${app.now().getTime()}`).then((result) => {
      metrics.undeliveredPending.set(result.pending)
      if (result.refunded > 0) app.log.warn({ refunded: result.refunded }, 'undelivered charges refunded')
      if (result.error !== null) app.log.error({ err: result.error, pending: result.pending }, 'undelivered charges pending; retried at the next sweep')
    }, (err: unknown) => {
      app.log.error({ err }, 'undelivered-charge sweep failed; retried at the next sweep')
    }).finally(() => { sweeping = null })
    await sweeping
  }
  const timer = setInterval(() => { void sweep() }, Math.min(30_000, Math.max(250, leaseMs / 4)))
  timer.unref()
  app.addHook('onReady', sweep)
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await sweeping
  })

  function refundUndelivered (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void {
    const { charge } = request
    if (charge === null || charge.transaction_id === null || (reply.statusCode >= 200 && reply.statusCode < 300)) return done(null, payload)
    request.charge = null
    request.log.warn({ transaction_id: charge.transaction_id, status: reply.statusCode }, 'answer not delivered; refunding its charge')
    app.billing.refundUndelivered(charge, request.id).then(() => done(null, payload), (err: unknown) => {
      // The client already gets an error; the unrefunded spend is what ledger:verify's operator needs to see.
      request.log.error({ err, transaction_id: charge.transaction_id }, 'refund of an undelivered charge failed')
      done(null, payload)
    })
  }
}

export default fp(billingPlugin, { name: 'billing', dependencies: ['storage', 'metrics', 'config'] })
