import type pg from 'pg'
import type {
  LabActorRecord, LabAttemptSummary, LabCompletion, LabStore, LabUnlock, NewAttempt, RecordedAttempt
} from '../lab.js'
import { inTransaction } from './pool.js'

const UNLOCK_OF = 'SELECT module_id, transaction_id, request_id, unlocked_at FROM lab_unlocks WHERE actor_id = $1 AND module_id = $2'
const UNLOCKS_OF = 'SELECT module_id, transaction_id, request_id, unlocked_at FROM lab_unlocks WHERE actor_id = $1 ORDER BY unlocked_at, module_id'
const ATTEMPTS_OF = `SELECT module_id, count(*)::int AS attempts, max(score)::int AS best_score
  FROM lab_attempts WHERE actor_id = $1 GROUP BY module_id ORDER BY module_id`
const COMPLETIONS_OF = 'SELECT module_id, attempt_id, completed_at FROM lab_completions WHERE actor_id = $1 ORDER BY completed_at, module_id'
// Refund entries copy nothing into lab_unlocks; they point at the spend through refund_of.
const TOKENS_SPENT_BY = `SELECT
  coalesce((SELECT -sum(e.amount) FROM lab_unlocks u JOIN ledger_entries e ON e.id = u.transaction_id WHERE u.actor_id = $1), 0)
  - coalesce((SELECT sum(r.amount) FROM lab_unlocks u JOIN ledger_entries r ON r.refund_of = u.transaction_id WHERE u.actor_id = $1), 0)
  AS tokens_spent`
const INSERT_ATTEMPT = `INSERT INTO lab_attempts (actor_id, module_id, score, total, passed, answers, request_id, attempted_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING attempt_id`
const INSERT_COMPLETION = `INSERT INTO lab_completions (actor_id, module_id, attempt_id, completed_at)
  VALUES ($1, $2, $3, $4) ON CONFLICT (actor_id, module_id) DO NOTHING`
const COMPLETION_OF = 'SELECT completed_at FROM lab_completions WHERE actor_id = $1 AND module_id = $2'

/** The Lab store on PostgreSQL (migrations-pg/003_lab.sql), shared by every instance. */
export class PostgresLabStore implements LabStore {
  constructor (private readonly pool: pg.Pool, private readonly now: () => Date) {}

  async findUnlock (actorId: string, moduleId: string): Promise<LabUnlock | null> {
    return (await this.pool.query<LabUnlock>(UNLOCK_OF, [actorId, moduleId])).rows[0] ?? null
  }

  async actorRecord (actorId: string): Promise<LabActorRecord> {
    // One snapshot: the four answers describe the same moment.
    return await inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      return {
        unlocks: (await client.query<LabUnlock>(UNLOCKS_OF, [actorId])).rows,
        attempts: (await client.query<LabAttemptSummary>(ATTEMPTS_OF, [actorId])).rows,
        completions: (await client.query<LabCompletion>(COMPLETIONS_OF, [actorId])).rows,
        tokens_spent: (await client.query<{ tokens_spent: number }>(TOKENS_SPENT_BY, [actorId])).rows[0].tokens_spent
      }
    })
  }

  async recordAttempt (attempt: NewAttempt): Promise<RecordedAttempt> {
    const at = this.now().toISOString()
    return await inTransaction(this.pool, async (client) => {
      const answers = JSON.stringify(attempt.answers.map((a) => ({ question_id: a.question_id, choice_id: a.choice_id })))
      const { rows: [{ attempt_id: attemptId }] } = await client.query<{ attempt_id: number }>(INSERT_ATTEMPT, [
        attempt.actorId, attempt.moduleId, attempt.score, attempt.total, attempt.passed, answers, attempt.requestId, at
      ])
      if (attempt.passed) await client.query(INSERT_COMPLETION, [attempt.actorId, attempt.moduleId, attemptId, at])
      const completed = (await client.query<{ completed_at: string }>(COMPLETION_OF, [attempt.actorId, attempt.moduleId])).rows[0]
      return { attempt_id: attemptId, completed_at: completed?.completed_at ?? null }
    })
  }
}
