import { randomFillSync } from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { ULIDFactory } from 'ulid'

/**
 * A monotonic ULID factory fed from a pooled CSPRNG. ulid's default PRNG calls
 * crypto.getRandomValues once per character, about 35 µs per id in a new millisecond — more than
 * the rest of a spend; drawing the same bytes from a 4 KiB pool costs under 1 µs.
 */
export function ulidFactory (): ULIDFactory {
  const pool = Buffer.alloc(4096)
  let offset = pool.length
  return monotonicFactory(() => {
    if (offset === pool.length) {
      randomFillSync(pool)
      offset = 0
    }
    return pool[offset++] / 256
  })
}
