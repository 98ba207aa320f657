import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../../db/database.js'
import { inSpan } from '../../telemetry/spans.js'

interface PendingUnit {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

type Outcome = { ok: true, value: unknown } | { ok: false, error: unknown }

const SQLITE_SPAN = { 'db.system.name': 'sqlite' }

/**
 * The one door through which this process writes to the SQLite file (docs/LEDGER.md, "Group
 * commit"). Units of work requested during one turn of the event loop run one after the other in
 * ONE `BEGIN IMMEDIATE` transaction, each inside its own SAVEPOINT: a unit that throws rolls back
 * alone, the others commit together and pay for one fsync. A unit's promise settles only after the
 * COMMIT, so nobody sees a result that could still be lost.
 *
 * better-sqlite3 is synchronous and has one connection: a write outside this writer would join
 * whatever transaction is open, so every write of the storage goes through `run`. A unit must await
 * only statements on this connection — never the network or a timer — or it holds the write lock.
 */
export class SqliteWriter {
  private queue: PendingUnit[] = []
  private busy = false
  private readonly begin: Statement
  private readonly commit: Statement
  private readonly rollback: Statement
  private readonly savepoint: Statement
  private readonly release: Statement
  private readonly rollbackToSavepoint: Statement

  constructor (private readonly db: SqliteDatabase) {
    this.begin = db.prepare('BEGIN IMMEDIATE')
    this.commit = db.prepare('COMMIT')
    this.rollback = db.prepare('ROLLBACK')
    this.savepoint = db.prepare('SAVEPOINT unit')
    this.release = db.prepare('RELEASE unit')
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO unit')
  }

  /** Runs `work` in the next group transaction and settles with its result once that has committed. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    // The span times the wait for the group, the unit and the COMMIT (docs/OPERATIONS.md, "Traces").
    return await inSpan('sqlite.transaction', SQLITE_SPAN, async () => await new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (this.queue.length === 1 && !this.busy) setImmediate(() => { void this.flush() })
    }))
  }

  private async flush (): Promise<void> {
    const batch = this.queue
    this.queue = []
    this.busy = true
    try {
      const outcomes = await this.runBatch(batch)
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) batch[i].resolve(outcome.value)
        else batch[i].reject(outcome.error)
      })
    } catch (error) {
      for (const unit of batch) unit.reject(error)
    } finally {
      this.busy = false
      if (this.queue.length > 0) setImmediate(() => { void this.flush() })
    }
  }

  private async runBatch (batch: PendingUnit[]): Promise<Outcome[]> {
    this.begin.run()
    const outcomes: Outcome[] = []
    try {
      for (const unit of batch) {
        this.savepoint.run()
        try {
          const value = await unit.work()
          this.release.run()
          outcomes.push({ ok: true, value })
        } catch (error) {
          this.rollbackToSavepoint.run()
          this.release.run()
          outcomes.push({ ok: false, error })
        }
      }
      this.commit.run()
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run()
      throw error
    }
    return outcomes
  }
}
