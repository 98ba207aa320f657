import type pg from 'pg'
import { LOCK_ACTORS, statementName } from './sql.js'

interface PendingStatement {
  actorId: string
  text: string
  values: readonly unknown[]
  resolve: (rows: unknown[]) => void
  reject: (error: unknown) => void
}

type Outcome = { ok: true, rows: unknown[] } | { ok: false, error: unknown }

/** Statements that share one transaction at most; bounds how long the batch holds its actors' locks. */
const MAX_BATCH = 256

/**
 * Group commit across actors for units of work that are one statement each (the purchase of a
 * simulation depth, src/storage/port.ts `purchaseEntitlement`; docs/LEDGER.md, "Charging once").
 *
 * The statements requested in one event-loop turn go to the server as ONE query: BEGIN; the lock of
 * every actor in the batch; each statement in the order requested; COMMIT. A batch costs one round
 * trip and one commit however many actors and statements it holds, where a unit of work of
 * `withActorTransaction` pays a round trip per statement on top of its BEGIN and COMMIT. The locks are
 * the same row locks (FOR UPDATE of the actors' balance rows) that `withActorTransaction` takes, taken
 * before any statement reads, so a batch and any other transaction of the same actor — in this
 * process or another instance — run one after the other. They are taken in actor-id order, so two
 * batches that share actors cannot deadlock. One batch runs at a time; the statements requested
 * meanwhile form the next one.
 *
 * node-postgres binds parameters for a one-statement query only, so a batch is a simple-protocol
 * query with its parameters written in as literals (`inlineParameters`; hand-written because no
 * maintained library renders a parameterised statement for a multi-statement query). When a statement
 * of a batch fails, the server runs none of the rest; the batch is rolled back and its statements are
 * run again one transaction each, so a failing statement rejects only its own caller and every other
 * statement takes effect once.
 */
export class PostgresStatementBatcher {
  private pending: PendingStatement[] = []
  private busy = false
  /** The statements each connection has PREPAREd (a server-side prepared statement lives as long as its session). */
  private readonly preparedOn = new WeakMap<pg.PoolClient, Set<string>>()

  constructor (private readonly pool: pg.Pool) {}

  /** Runs `text` with `values` in the next batch, once the actor's lock is held; resolves to its rows after COMMIT. */
  async run<R>(actorId: string, text: string, values: readonly unknown[]): Promise<R[]> {
    return await new Promise<R[]>((resolve, reject) => {
      this.pending.push({ actorId, text, values, resolve: resolve as (rows: unknown[]) => void, reject })
      // The first statement waits one turn of the event loop, so the statements requested in that turn share its batch.
      if (this.pending.length === 1 && !this.busy) setImmediate(() => { void this.flush() })
    })
  }

  private async flush (): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH)
    if (batch.length === 0) return
    this.busy = true
    let outcomes: Outcome[] | undefined
    let failure: unknown
    try {
      outcomes = await this.execute(batch)
    } catch (error) {
      failure = error
    }
    this.busy = false
    // The statements that queued meanwhile go to the server before this batch's callers resume.
    if (this.pending.length > 0) void this.flush()
    batch.forEach((statement, i) => {
      const outcome = outcomes?.[i] ?? { ok: false, error: failure }
      if (outcome.ok) statement.resolve(outcome.rows)
      else statement.reject(outcome.error)
    })
  }

  private async execute (batch: PendingStatement[]): Promise<Outcome[]> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      const together = await this.attempt(client, batch)
      if (together.ok) return together.outcomes
      if (batch.length === 1) return [{ ok: false, error: together.error }]
      const outcomes: Outcome[] = []
      for (const statement of batch) {
        const alone = await this.attempt(client, [statement])
        outcomes.push(alone.ok ? alone.outcomes[0] : { ok: false, error: alone.error })
      }
      return outcomes
    } catch (error) {
      broken = error as Error
      throw error
    } finally {
      client.release(broken)
    }
  }

  /** The statements in one transaction, or the error that rolled it back. */
  private async attempt (client: pg.PoolClient, batch: PendingStatement[]): Promise<{ ok: true, outcomes: Outcome[] } | { ok: false, error: unknown }> {
    const actors = [...new Set(batch.map((s) => s.actorId))].sort()
    const script = ['BEGIN', await this.prepared(client, LOCK_ACTORS, [actors])]
    for (const statement of batch) script.push(await this.prepared(client, statement.text, statement.values))
    script.push('COMMIT')
    let results: pg.QueryResult[]
    try {
      results = await client.query(script.join(';\n')) as unknown as pg.QueryResult[]
    } catch (error) {
      // The server skipped the statements after the failing one, COMMIT included: end the transaction.
      await client.query('ROLLBACK')
      return { ok: false, error }
    }
    return { ok: true, outcomes: batch.map((_, i) => ({ ok: true, rows: results[i + 2].rows })) }
  }

  /**
   * `EXECUTE` of `text` with `values`, PREPAREd on this connection first when it is new to it: the
   * server then parses and plans each statement once per connection, not once per batch (planning
   * the purchase costs about as much as running it).
   */
  private async prepared (client: pg.PoolClient, text: string, values: readonly unknown[]): Promise<string> {
    // Not node-postgres's name for the same text (statementName): it prepares its own, with the
    // extended protocol, on the same pooled connections, and one name cannot be prepared twice.
    const name = `${statementName(text)}_batch`
    let names = this.preparedOn.get(client)
    if (names === undefined) {
      names = new Set()
      this.preparedOn.set(client, names)
    }
    if (!names.has(name)) {
      await client.query(`PREPARE ${name} AS ${text}`)
      names.add(name)
    }
    return executeStatement(client, name, values)
  }
}

/**
 * `EXECUTE name(…)` with the values written in as literals: strings through the connection's
 * `escapeLiteral`, safe integers as digits, null as NULL, and arrays of strings as ARRAY[…]::text[].
 * Each literal is parenthesised, so a negative number never meets a minus sign as a `--` comment.
 * Anything else throws: the statements batched here carry only these types.
 */
export function executeStatement (client: Pick<pg.PoolClient, 'escapeLiteral'>, name: string, values: readonly unknown[]): string {
  return `EXECUTE ${name}(${values.map((value) => `(${literal(client, value)})`).join(', ')})`
}

function literal (client: Pick<pg.PoolClient, 'escapeLiteral'>, value: unknown): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return client.escapeLiteral(value)
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `ARRAY[${value.map((v: string) => client.escapeLiteral(v)).join(', ')}]::text[]`
  }
  throw new TypeError(`cannot write a ${typeof value} as an SQL literal`)
}
