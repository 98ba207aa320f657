/**
 * What the Lab keeps per actor (migrations/003_lab.sql), behind an async interface so a PostgreSQL
 * backend can implement it next to the ledger's. The SQLite implementation is
 * src/storage/sqlite/lab.ts; the storage port hands it out as `storage.lab`.
 */

export interface LabUnlock {
  actor_id: string
  module_id: string
  /** The spend that paid for it; null for a free module. */
  transaction_id: string | null
  unlocked_at: string
}

export interface LabAttemptSummary {
  module_id: string
  attempts: number
  /** The highest score (right answers) of any attempt. */
  best_score: number
}

export interface LabCompletion {
  module_id: string
  /** The first passing attempt. */
  attempt_id: number
  completed_at: string
}

/** Everything the Lab stores about one actor. */
export interface LabActorRecord {
  unlocks: LabUnlock[]
  attempts: LabAttemptSummary[]
  completions: LabCompletion[]
  /** Tokens of the actor's unlock spends, net of any refund of them. */
  tokens_spent: number
}

export interface NewAttempt {
  actorId: string
  moduleId: string
  score: number
  total: number
  passed: boolean
  answers: ReadonlyArray<{ question_id: string, choice_id: string }>
  requestId: string
}

export interface RecordedAttempt {
  attempt_id: number
  /** When the module was completed: by this attempt or an earlier one; null while it is not. */
  completed_at: string | null
}

/**
 * Reads of unlocks, attempts and completions, and the one Lab write outside money: a graded
 * attempt. Unlocks are written by the billing service, inside the unit of work of their charge
 * (src/storage/port.ts, `ActorTransaction.insertUnlock`).
 */
export interface LabStore {
  findUnlock (actorId: string, moduleId: string): Promise<LabUnlock | null>
  actorRecord (actorId: string): Promise<LabActorRecord>
  /** Appends the attempt and, when it passed, the module's completion if it has none yet, in one transaction. */
  recordAttempt (attempt: NewAttempt): Promise<RecordedAttempt>
}
