import type pg from 'pg'
import { LOCK_ACTOR, type LockedActorRow } from './sql.js'

/** What one unit of work sees: the transaction's connection and the actor's locked row. */
export interface ActorSession {
  readonly client: pg.PoolClient
  /** The actor's row as locked, kept current by the unit's writes; null when the actor does not exist. */
  state: LockedActorRow | null
}

interface PendingUnit {
  work: (session: ActorSession) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

type Outcome = { ok: true, value: unknown } | { ok: false, error: unknown }

/** Units of one actor that share a transaction at most; bounds how long the actor's lock is held. */
const MAX_BATCH = 256

/**
 * Serialised, group-committed transactions per actor (docs/LEDGER.md, "Charging once").
 *
 * A unit of work runs in a transaction that first locks the actor's balance row (FOR UPDATE), so a
 * check and the write it guards cannot be split by another request of the same actor — in this
 * process or in another instance. In this process the units of one actor queue: the units that
 * arrive while a transaction of that actor runs share the next one and pay for one commit together.
 * When a unit of a shared transaction throws, the whole transaction rolls back and its units are
 * replayed one transaction each, so a unit that throws rolls back alone. A unit's promise settles
 * only after the COMMIT. Different actors run in parallel on different pooled connections.
 */
export class PostgresActorWriter {
  private readonly queues = new Map<string, { units: PendingUnit[], busy: boolean }>()

  constructor (private readonly pool: pg.Pool) {}

  async run<T>(actorId: string, work: (session: ActorSession) => Promise<T>): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(actorId)
      if (queue === undefined) {
        queue = { units: [], busy: false }
        this.queues.set(actorId, queue)
      }
      queue.units.push({ work, resolve: resolve as (value: unknown) => void, reject })
      // The first unit waits one turn of the event loop, so the units requested in that turn share its transaction.
      if (queue.units.length === 1 && !queue.busy) setImmediate(() => { void this.flush(actorId) })
    })
  }

  private async flush (actorId: string): Promise<void> {
    const queue = this.queues.get(actorId)
    if (queue === undefined) return
    const batch = queue.units.splice(0, MAX_BATCH)
    queue.busy = true
    let outcomes: Outcome[] | undefined
    let failure: unknown
    try {
      outcomes = await this.runBatch(actorId, batch)
    } catch (error) {
      failure = error
    }
    queue.busy = false
    // The units that queued meanwhile start their transaction before this batch's callers resume:
    // their BEGIN is on its way to the server while this process runs what the callers do next.
    if (queue.units.length > 0) void this.flush(actorId)
    else this.queues.delete(actorId)
    batch.forEach((unit, i) => {
      const outcome = outcomes?.[i] ?? { ok: false, error: failure }
      if (outcome.ok) unit.resolve(outcome.value)
      else unit.reject(outcome.error)
    })
  }

  private async runBatch (actorId: string, batch: PendingUnit[]): Promise<Outcome[]> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      if (batch.length > 1) {
        const together = await this.tryTogether(client, actorId, batch)
        if (together !== null) return together
      }
      // Alone, or replayed one by one because a unit of the batch threw: each unit in its own transaction.
      const outcomes: Outcome[] = []
      for (const unit of batch) outcomes.push(await this.runAlone(client, actorId, unit))
      return outcomes
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError })
      throw error
    } finally {
      client.release(broken)
    }
  }

  /**
   * Every unit of the batch in one transaction, without savepoints (they would cost two round trips
   * per unit). Null when a unit threw: the transaction is rolled back and the caller replays the
   * units one by one, which is why a unit may run more than once and must touch nothing but `tx`.
   */
  private async tryTogether (client: pg.PoolClient, actorId: string, batch: PendingUnit[]): Promise<Outcome[] | null> {
    const session = await this.begin(client, actorId)
    const outcomes: Outcome[] = []
    for (const unit of batch) {
      try {
        outcomes.push({ ok: true, value: await unit.work(session) })
      } catch {
        await client.query('ROLLBACK')
        return null
      }
    }
    await client.query('COMMIT')
    return outcomes
  }

  private async runAlone (client: pg.PoolClient, actorId: string, unit: PendingUnit): Promise<Outcome> {
    const session = await this.begin(client, actorId)
    let value: unknown
    try {
      value = await unit.work(session)
    } catch (error) {
      await client.query('ROLLBACK')
      return { ok: false, error }
    }
    await client.query('COMMIT')
    return { ok: true, value }
  }

  /**
   * BEGIN and the actor's lock in one round trip: one simple-protocol query of two statements (the
   * extended protocol, which binds parameters, takes one statement per round trip), so the actor id
   * is sent as an escaped literal.
   */
  private async begin (client: pg.PoolClient, actorId: string): Promise<ActorSession> {
    const results = await client.query(`BEGIN; ${LOCK_ACTOR.replace('$1', client.escapeLiteral(actorId))}`) as unknown as [pg.QueryResult, pg.QueryResult<LockedActorRow>]
    return { client, state: results[1].rows[0] ?? null }
  }
}
