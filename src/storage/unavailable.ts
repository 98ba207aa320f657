/**
 * Whether an error is the storage being unavailable (a retry may succeed) rather than a bug:
 * src/plugins/app/errors.ts answers it 503 `storage_unavailable` with Retry-After (docs/API.md, "Errors").
 * Both backends: SQLite's file-level failures, and PostgreSQL's connection-level ones — the socket
 * (refused, reset, timed out), node-postgres's own codeless errors (pool timeout, a connection that
 * ended, a query timeout) and the server's error classes 08 (connection), 53 (insufficient
 * resources), 57P (operator intervention: shutdown, crash) and 57014 (statement_timeout).
 */
const SQLITE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOMEM)/
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED'])
const PG_SQLSTATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P[0-9A-Z]{2}|57014)$/
const PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'connection timeout',
  'Connection ended'
]

function unavailableHere (err: { code?: unknown, message?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : ''
  if (SQLITE.test(code) || SOCKET.has(code) || PG_SQLSTATE.test(code)) return true
  const message = typeof err.message === 'string' ? err.message : ''
  return PG_MESSAGES.some((m) => message.includes(m))
}

export function isStorageUnavailable (err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 5) return false
  const e = err as { code?: unknown, message?: unknown, cause?: unknown, errors?: unknown }
  if (unavailableHere(e)) return true
  if (Array.isArray(e.errors) && e.errors.some((inner) => isStorageUnavailable(inner, depth + 1))) return true
  return isStorageUnavailable(e.cause, depth + 1)
}

/** Seconds a client should wait before retrying a request the storage could not serve. */
export const STORAGE_RETRY_AFTER_S = 5
