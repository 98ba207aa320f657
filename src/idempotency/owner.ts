import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { IdempotencyRecord } from '../storage/idempotency.js'

/** An in-flight record older than this is abandoned whatever its owner: no request runs this long. */
export const IN_FLIGHT_LEASE_MS = 5 * 60_000

/** Who holds an in-flight record: host, pid and a per-process nonce (pids are reused, e.g. PID 1 in containers). */
export function processOwner (): string {
  return `${hostname()}|${process.pid}|${randomUUID()}`
}

/**
 * Whether the process that started an in-flight attempt is gone, so a retry may take it over
 * (after a crash or kill -9 nobody else would ever finish it).
 */
export function isAbandoned (record: IdempotencyRecord, self: string, now: number): boolean {
  if (now - record.created_at > IN_FLIGHT_LEASE_MS) return true
  const [host, pid] = record.owner.split('|')
  const [myHost, myPid] = self.split('|')
  if (host !== myHost) return false
  if (pid === myPid) return record.owner !== self
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
