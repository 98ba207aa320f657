import { LedgerError } from './errors.js'

/** Limits every storage backend applies before writing (docs/LEDGER.md). */
export const HISTORY_DEFAULT_LIMIT = 100
export const HISTORY_MAX_LIMIT = 500
const MAX_ID_LENGTH = 128
const MAX_TEXT_LENGTH = 255

export function requireAmount (amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new LedgerError('invalid_amount', 'amount must be a positive integer')
  }
}

export function requireId (name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new LedgerError('invalid_argument', `${name} must be 1 to ${MAX_ID_LENGTH} characters`)
  }
  refuseNul(name, value)
}

export function requireText (name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT_LENGTH) {
    throw new LedgerError('invalid_argument', `${name} must be 1 to ${MAX_TEXT_LENGTH} characters`)
  }
  refuseNul(name, value)
}

// PostgreSQL TEXT cannot hold NUL (22021, a 500) and SQLite would keep it: both refuse it here alike.
function refuseNul (name: string, value: string): void {
  if (value.includes('\u0000')) throw new LedgerError('invalid_argument', `${name} must not contain NUL`)
}

export function requireHistoryLimit (limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_MAX_LIMIT) {
    throw new LedgerError('invalid_argument', `limit must be an integer from 1 to ${HISTORY_MAX_LIMIT}`)
  }
}

// The cursor is the seq of the last entry shown: new entries get higher seqs, so pages never shift.
export function encodeCursor (seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url')
}

export function decodeCursor (cursor: string): number {
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (match === null) throw new LedgerError('invalid_cursor', 'cursor is not one this API issued')
  return Number(match[1])
}

export function actorNotFound (actorId: string): LedgerError {
  return new LedgerError('actor_not_found', `actor ${actorId} not found`)
}

export function actorDisabled (actorId: string): LedgerError {
  return new LedgerError('actor_disabled', `actor ${actorId} is disabled`)
}
