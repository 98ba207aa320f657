/** Why the billing service refused a paid action. Messages are safe to show to the client. */
export type BillingErrorCode = 'actor_required' | 'insufficient_tokens'

const STATUS: Readonly<Record<BillingErrorCode, number>> = {
  actor_required: 401,
  insufficient_tokens: 402
}

export class BillingError extends Error {
  constructor (readonly code: BillingErrorCode, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message)
    this.name = 'BillingError'
  }

  get status (): number {
    return STATUS[this.code]
  }
}
