/**
 * The Lab's rules (docs/LAB.md), pure: what a caller may see of a module, which prerequisites are
 * missing, and how a quiz is graded. Answers and explanations leave this file only in a graded result.
 */
import type { Level } from '../schemas/lab.js'
import type { LabCatalog, LabModule, LabSection } from './content.js'
import type { LabActorRecord } from '../storage/lab.js'
import type { FieldIssue } from '../errors.js'

/** score / total at or above this passes (and completes the module for good). */
export const PASS_NUMERATOR = 4
export const PASS_DENOMINATOR = 5

/** What an actor holds: modules paid for and modules completed. Null stands for an anonymous caller. */
export interface LabStanding {
  unlocked: ReadonlySet<string>
  completed: ReadonlySet<string>
}

export function standingOf (record: LabActorRecord): LabStanding {
  return {
    unlocked: new Set(record.unlocks.map((u) => u.module_id)),
    completed: new Set(record.completions.map((c) => c.module_id))
  }
}

export function isFree (module: LabModule): boolean {
  return module.cost_tokens === 0
}

/** Free modules are open to everyone; a paid one to the actors who unlocked it. */
export function isUnlocked (module: LabModule, standing: LabStanding | null): boolean {
  return isFree(module) || (standing?.unlocked.has(module.module_id) ?? false)
}

export interface LabModuleSummary {
  module_id: string
  title: string
  summary: string
  level: Level
  cost_tokens: number
  prerequisites: string[]
  estimated_minutes: number
  section_count: number
  question_count: number
  unlocked: boolean | null
  completed: boolean | null
}

export function moduleSummary (module: LabModule, standing: LabStanding | null): LabModuleSummary {
  return {
    module_id: module.module_id,
    title: module.title,
    summary: module.summary,
    level: module.level,
    cost_tokens: module.cost_tokens,
    prerequisites: [...module.prerequisites],
    estimated_minutes: module.estimated_minutes,
    section_count: module.sections.length,
    question_count: module.quiz.length,
    unlocked: standing === null ? null : isUnlocked(module, standing),
    completed: standing === null ? null : standing.completed.has(module.module_id)
  }
}

/** A quiz question as it is asked: prompt and choices, never the right choice or the explanation. */
export interface QuizQuestionView {
  question_id: string
  prompt: string
  choices: Array<{ choice_id: string, text: string }>
}

export interface LabModuleView extends LabModuleSummary {
  locked: boolean
  sections: LabSection[]
  quiz: QuizQuestionView[]
}

/** The whole module when the caller may read it; otherwise a preview: the first section and no quiz. */
export function moduleView (module: LabModule, standing: LabStanding | null): LabModuleView {
  const locked = !isUnlocked(module, standing)
  return {
    ...moduleSummary(module, standing),
    locked,
    sections: locked ? module.sections.slice(0, 1) : module.sections,
    quiz: locked
      ? []
      : module.quiz.map((q) => ({
        question_id: q.question_id,
        prompt: q.prompt,
        choices: q.choices.map((c) => ({ choice_id: c.choice_id, text: c.text }))
      }))
  }
}

/** The prerequisites not completed yet, in the module's order. */
export function missingPrerequisites (module: LabModule, standing: LabStanding): string[] {
  return module.prerequisites.filter((id) => !standing.completed.has(id))
}

export interface QuizAnswer {
  question_id: string
  choice_id: string
}

export interface QuizGrade {
  score: number
  total: number
  passed: boolean
  results: Array<{ question_id: string, correct: boolean, explanation: string }>
}

export type GradeOutcome = { ok: true, grade: QuizGrade } | { ok: false, issues: FieldIssue[] }

/**
 * Grades a submission that answers every question exactly once with one of its choices; otherwise
 * lists every unknown or repeated question, unknown choice and missing answer.
 */
export function gradeQuiz (module: LabModule, answers: readonly QuizAnswer[]): GradeOutcome {
  const questions = new Map(module.quiz.map((q) => [q.question_id, q]))
  const chosen = new Map<string, string>()
  const issues: FieldIssue[] = []
  answers.forEach((answer, i) => {
    const question = questions.get(answer.question_id)
    if (question === undefined) {
      issues.push({ pointer: `/body/answers/${i}/question_id`, message: `is not a question of module ${module.module_id}` })
    } else if (chosen.has(answer.question_id)) {
      issues.push({ pointer: `/body/answers/${i}/question_id`, message: `answers question ${answer.question_id} a second time` })
    } else {
      chosen.set(answer.question_id, answer.choice_id)
      if (!question.choices.some((c) => c.choice_id === answer.choice_id)) {
        issues.push({ pointer: `/body/answers/${i}/choice_id`, message: `is not a choice of question ${answer.question_id}` })
      }
    }
  })
  for (const question of module.quiz) {
    if (!chosen.has(question.question_id)) issues.push({ pointer: '/body/answers', message: `has no answer for question ${question.question_id}` })
  }
  if (issues.length > 0) return { ok: false, issues }

  const results = module.quiz.map((q) => ({ question_id: q.question_id, correct: chosen.get(q.question_id) === q.correct_choice_id, explanation: q.explanation }))
  const score = results.filter((r) => r.correct).length
  const total = results.length
  return { ok: true, grade: { score, total, passed: score * PASS_DENOMINATOR >= total * PASS_NUMERATOR, results } }
}

export interface ModuleProgress {
  module_id: string
  unlocked: boolean
  completed: boolean
  best_score: number | null
  attempts: number
  completed_at: string | null
}

/** Every module in teaching order with what the actor has done in it. */
export function progressOf (catalog: LabCatalog, record: LabActorRecord): ModuleProgress[] {
  const standing = standingOf(record)
  const attempts = new Map(record.attempts.map((a) => [a.module_id, a]))
  const completions = new Map(record.completions.map((c) => [c.module_id, c]))
  return catalog.modules.map((module) => ({
    module_id: module.module_id,
    unlocked: isUnlocked(module, standing),
    completed: completions.has(module.module_id),
    best_score: attempts.get(module.module_id)?.best_score ?? null,
    attempts: attempts.get(module.module_id)?.attempts ?? 0,
    completed_at: completions.get(module.module_id)?.completed_at ?? null
  }))
}
