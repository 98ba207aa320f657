import { createHash, timingSafeEqual } from 'node:crypto'

/** The credential of an `Authorization: Bearer <token>` header, or null when absent or malformed. */
export function bearerToken (header: string | undefined): string | null {
  if (header === undefined) return null
  const match = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(header)
  return match === null ? null : match[1]
}

/**
 * Constant-time comparison of two secrets. Both sides are hashed first so neither the content
 * nor the length of the expected secret leaks through timing.
 */
export function secretsEqual (given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}
