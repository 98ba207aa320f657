/**
 * Canonical JSON and the SHA-256 fingerprint built on it. Two callers rely on the same bytes: the
 * engine fingerprints the maths inputs of a simulation (the cache and entitlement key), and the
 * idempotency layer compares request bodies. docs/ENGINE.md ("Fingerprint and seed") defines both.
 */
import { createHash } from 'node:crypto'

/**
 * Canonical JSON: object keys sorted (UTF-16 code-unit order) at every level, `undefined` members
 * dropped, numbers in ECMAScript's shortest round-trip form (so `1500` and `1500.0` are the same
 * token, and `-0` prints as `0`). Values JSON cannot represent faithfully are refused rather than
 * silently coerced, because two different inputs must never share a fingerprint.
 */
export function canonicalJson (value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise non-finite number ${value}`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
      const record = value as Record<string, unknown>
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      return `{${members.join(',')}}`
    }
    default:
      throw new TypeError(`cannot canonicalise a value of type ${typeof value}`)
  }
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function fingerprintOf (value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}
