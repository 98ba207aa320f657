export interface LabUnlock {
  module_id: string
  /** The ledger spend that paid for it. */
  transaction_id: string
  request_id: string
  unlocked_at: string
}

export interface LabAttemptSummary {
  module_id: string
  attempts: number
  /** The highest score (correct answers) of any attempt. */
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
 * The Lab's storage (migrations/003_lab.sql), Promise-returning so that a PostgreSQL backend can
 * implement it. Unlocks are written only by the billing service, inside the charge's unit of work
 * (`ActorTransaction.insertUnlock`, src/storage/port.ts), so the charge and the unlock commit together.
 */
export interface LabStore {
  findUnlock (actorId: string, moduleId: string): Promise<LabUnlock | null>
  actorRecord (actorId: string): Promise<LabActorRecord>
  /** Appends the attempt and, when it passed, the module's completion if it has none yet, in one transaction. */
  recordAttempt (attempt: NewAttempt): Promise<RecordedAttempt>
}
