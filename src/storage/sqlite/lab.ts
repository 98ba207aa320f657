import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../../db/database.js'
import type {
  LabActorRecord, LabAttemptSummary, LabCompletion, LabStore, LabUnlock, NewAttempt, RecordedAttempt
} from '../lab.js'
import type { SqliteWriter } from './writer.js'

export interface SqliteLabStoreOptions {
  /** The clock for attempt and completion times. */
  now?: () => Date
}

/** The Lab store on the app's better-sqlite3 connection; statements are prepared once, writes go through the writer. */
export class SqliteLabStore implements LabStore {
  private readonly now: () => Date
  private readonly unlockOf: Statement<[string, string], LabUnlock>
  private readonly unlocksOf: Statement<[string], LabUnlock>
  private readonly attemptsOf: Statement<[string], LabAttemptSummary>
  private readonly completionsOf: Statement<[string], LabCompletion>
  private readonly tokensSpentBy: Statement<{ actorId: string }, number>
  private readonly insertAttempt: Statement<Record<string, unknown>, number>
  private readonly insertCompletion: Statement<Record<string, unknown>>
  private readonly completionOf: Statement<[string, string], string>
  private readonly readActor: (actorId: string) => LabActorRecord
  private readonly recordAttemptTx: (attempt: NewAttempt, at: string) => RecordedAttempt

  constructor (db: SqliteDatabase, private readonly writer: SqliteWriter, options: SqliteLabStoreOptions = {}) {
    this.now = options.now ?? (() => new Date())
    this.unlockOf = db.prepare(`SELECT module_id, transaction_id, request_id, unlocked_at
      FROM lab_unlocks WHERE actor_id = ? AND module_id = ?`)
    this.unlocksOf = db.prepare(`SELECT module_id, transaction_id, request_id, unlocked_at
      FROM lab_unlocks WHERE actor_id = ? ORDER BY unlocked_at, module_id`)
    this.attemptsOf = db.prepare(`SELECT module_id, COUNT(*) AS attempts, MAX(score) AS best_score
      FROM lab_attempts WHERE actor_id = ? GROUP BY module_id ORDER BY module_id`)
    this.completionsOf = db.prepare(`SELECT module_id, attempt_id, completed_at
      FROM lab_completions WHERE actor_id = ? ORDER BY completed_at, module_id`)
    // Refund entries copy nothing into lab_unlocks; they point at the spend through refund_of.
    this.tokensSpentBy = db.prepare<{ actorId: string }, number>(`SELECT
      coalesce((SELECT -sum(e.amount) FROM lab_unlocks u JOIN ledger_entries e ON e.id = u.transaction_id WHERE u.actor_id = @actorId), 0)
      - coalesce((SELECT sum(r.amount) FROM lab_unlocks u JOIN ledger_entries r ON r.refund_of = u.transaction_id WHERE u.actor_id = @actorId), 0)`).pluck()
    this.insertAttempt = db.prepare<Record<string, unknown>, number>(`INSERT INTO lab_attempts
      (actor_id, module_id, score, total, passed, answers, request_id, attempted_at)
      VALUES (@actorId, @moduleId, @score, @total, @passed, @answers, @requestId, @at)
      RETURNING attempt_id`).pluck()
    this.insertCompletion = db.prepare(`INSERT INTO lab_completions (actor_id, module_id, attempt_id, completed_at)
      VALUES (@actorId, @moduleId, @attemptId, @at)
      ON CONFLICT (actor_id, module_id) DO NOTHING`)
    this.completionOf = db.prepare<[string, string], string>('SELECT completed_at FROM lab_completions WHERE actor_id = ? AND module_id = ?').pluck()

    // One read transaction: the four answers describe the same moment.
    this.readActor = db.transaction((actorId: string): LabActorRecord => ({
      unlocks: this.unlocksOf.all(actorId),
      attempts: this.attemptsOf.all(actorId),
      completions: this.completionsOf.all(actorId),
      tokens_spent: this.tokensSpentBy.get({ actorId }) as number
    }))
    this.recordAttemptTx = (attempt: NewAttempt, at: string): RecordedAttempt => {
      const fields = { actorId: attempt.actorId, moduleId: attempt.moduleId, at }
      const attemptId = this.insertAttempt.get({
        ...fields,
        score: attempt.score,
        total: attempt.total,
        passed: attempt.passed ? 1 : 0,
        answers: JSON.stringify(attempt.answers.map((a) => ({ question_id: a.question_id, choice_id: a.choice_id }))),
        requestId: attempt.requestId
      }) as number
      if (attempt.passed) this.insertCompletion.run({ ...fields, attemptId })
      return { attempt_id: attemptId, completed_at: this.completionOf.get(attempt.actorId, attempt.moduleId) ?? null }
    }
  }

  async findUnlock (actorId: string, moduleId: string): Promise<LabUnlock | null> {
    return this.unlockOf.get(actorId, moduleId) ?? null
  }

  async actorRecord (actorId: string): Promise<LabActorRecord> {
    return this.readActor(actorId)
  }

  async recordAttempt (attempt: NewAttempt): Promise<RecordedAttempt> {
    const at = this.now().toISOString()
    return await this.writer.run(() => this.recordAttemptTx(attempt, at))
  }
}
