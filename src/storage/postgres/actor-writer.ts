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
 * arrive while a transaction of that actor runs share the next one, each inside a SAVEPOINT (a unit
 * that throws rolls back alone), and pay for one commit together. A unit's promise settles only
 * after the COMMIT. Different actors run in parallel on different pooled connections.
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
    try {
      const outcomes = await this.runBatch(actorId, batch)
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) batch[i].resolve(outcome.value)
        else batch[i].reject(outcome.error)
      })
    } catch (error) {
      for (const unit of batch) unit.reject(error)
    } finally {
      queue.busy = false
      if (queue.units.length > 0) setImmediate(() => { void this.flush(actorId) })
      else this.queues.delete(actorId)
    }
  }

  private async runBatch (actorId: string, batch: PendingUnit[]): Promise<Outcome[]> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const locked = await client.query<LockedActorRow>(LOCK_ACTOR, [actorId])
      const session: ActorSession = { client, state: locked.rows[0] ?? null }
      if (batch.length === 1) {
        // Alone in its transaction, a unit needs no savepoint: when it throws, the whole transaction rolls back.
        try {
          const value = await batch[0].work(session)
          await client.query('COMMIT')
          return [{ ok: true, value }]
        } catch (error) {
          await client.query('ROLLBACK')
          return [{ ok: false, error }]
        }
      }
      const outcomes: Outcome[] = []
      for (const unit of batch) {
        const before = session.state === null ? null : { ...session.state }
        await client.query('SAVEPOINT unit')
        try {
          const value = await unit.work(session)
          await client.query('RELEASE SAVEPOINT unit')
          outcomes.push({ ok: true, value })
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT unit')
          session.state = before
          outcomes.push({ ok: false, error })
        }
      }
      await client.query('COMMIT')
      return outcomes
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError })
      throw error
    } finally {
      client.release(broken)
    }
  }
}
