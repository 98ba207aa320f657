import { createHash, randomBytes } from 'node:crypto'

const KEY_PREFIX = 'tko_'
/** Enough of the key to recognise it in a list (`tko_` + 8 characters), far too little to guess it. */
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8

/** A fresh key: `tko_` + 256 random bits in base64url. */
export function generateApiKey (): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url')
}

/**
 * SHA-256 hex. A plain fast hash is enough (no salt, no KDF): the keys carry 256 bits of entropy,
 * so there is nothing to brute-force, and lookups stay one indexed read.
 */
export function hashApiKey (apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex')
}

export function displayPrefix (apiKey: string): string {
  return apiKey.slice(0, DISPLAY_PREFIX_LENGTH)
}
