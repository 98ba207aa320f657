export type LedgerErrorCode =
  | 'actor_not_found'
  | 'actor_exists'
  | 'actor_disabled'
  | 'transaction_not_found'
  | 'already_refunded'
  | 'not_refundable'
  | 'payment_id_conflict'
  | 'invalid_amount'
  | 'invalid_argument'
  | 'invalid_cursor'

/** The HTTP status each code stands for, so every route maps ledger errors the same way. */
export const LEDGER_ERROR_STATUS: Readonly<Record<LedgerErrorCode, number>> = {
  actor_not_found: 404,
  actor_exists: 409,
  actor_disabled: 403,
  transaction_not_found: 404,
  already_refunded: 409,
  not_refundable: 422,
  payment_id_conflict: 409,
  invalid_amount: 422,
  invalid_argument: 422,
  invalid_cursor: 400
}

/** A rule of the ledger said no. Its message is safe to show to the client. */
export class LedgerError extends Error {
  constructor (readonly code: LedgerErrorCode, message: string) {
    super(message)
    this.name = 'LedgerError'
  }

  get status (): number {
    return LEDGER_ERROR_STATUS[this.code]
  }
}
