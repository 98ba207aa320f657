import pg from 'pg'

/** How long a request waits for a pooled connection before it fails (and /ready reports it), by default. */
const CONNECT_TIMEOUT_MS = 5_000

export interface PoolOptions {
  /** Connections per instance; each instance of the service opens its own pool. */
  max?: number
  /** Name shown in pg_stat_activity. */
  applicationName?: string
  /**
   * Bounds a frozen or overloaded server (DATABASE_TIMEOUT_MS): the wait for a connection, and each
   * query client-side (query_timeout, which also covers a server that stopped answering); the
   * server aborts a slow statement a little earlier (statement_timeout, 57014). Unset: no query
   * bound (migrations, scripts).
   */
  timeoutMs?: number
}

// BIGINT (int8) columns hold token amounts, balances and epoch-ms timestamps: far below 2^53, so
// they are read as numbers rather than node-postgres's default strings.
const INT8_OID = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
}

/** A node-postgres pool for `DATABASE_URL` (postgres://user:password@host:port/database). */
export function createPool (connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    connectionTimeoutMillis: options.timeoutMs ?? CONNECT_TIMEOUT_MS,
    ...(options.timeoutMs === undefined ? {} : { query_timeout: options.timeoutMs, statement_timeout: Math.max(100, options.timeoutMs - 250) }),
    application_name: options.applicationName ?? 'trickster-oracle-api',
    types
  })
  // An idle connection that the server drops (restart, failover) emits 'error' on the pool; without
  // a listener that would crash the process. The next query opens a fresh connection.
  pool.on('error', () => {})
  // A connection dropped while it is checked out (inside a transaction, between two of its queries)
  // emits 'error' on its client, where the pool listens only while it is idle: without a listener of
  // its own, a PostgreSQL cut in mid-traffic crashed the process (uncaught 'Connection terminated
  // unexpectedly'). The error is not lost: the client's next query rejects ("not queryable"), the
  // unit of work fails with it (503 storage_unavailable) and the client is released as broken.
  pool.on('connect', (client) => { client.on('error', () => {}) })
  return pool
}

/** Runs `work` in BEGIN … COMMIT on one pooled connection (ROLLBACK when it throws). */
export async function inTransaction<T> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError })
    throw error
  } finally {
    client.release(broken)
  }
}
