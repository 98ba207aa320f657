import t from 'tap'
import { join } from 'node:path'
import { loadLabContent, type LabModule } from '../../src/lab/content.js'
import { gradeQuiz, missingPrerequisites, moduleSummary, moduleView, progressOf, standingOf, type LabStanding } from '../../src/lab/rules.js'
import { PROJECT_ROOT } from '../../src/paths.js'

const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
const free = catalog.modules.find((m) => m.cost_tokens === 0) as LabModule
const paid = catalog.modules.find((m) => m.cost_tokens > 0 && m.prerequisites.length > 1) as LabModule
const nobody: LabStanding = { unlocked: new Set(), completed: new Set() }

/** A module whose quiz has `n` questions, each answered right by choice "a". */
function moduleWithQuestions (n: number): LabModule {
  return {
    ...free,
    quiz: Array.from({ length: n }, (_, i) => ({
      question_id: `q${i + 1}`,
      prompt: `Question ${i + 1}?`,
      choices: [{ choice_id: 'a', text: 'right' }, { choice_id: 'b', text: 'wrong' }],
      correct_choice_id: 'a',
      explanation: `Because ${i + 1}.`
    }))
  }
}

function answers (module: LabModule, right: number): Array<{ question_id: string, choice_id: string }> {
  return module.quiz.map((q, i) => ({ question_id: q.question_id, choice_id: i < right ? q.correct_choice_id : (q.choices.find((c) => c.choice_id !== q.correct_choice_id) as { choice_id: string }).choice_id }))
}

t.test('an anonymous summary has unlocked and completed null; an actor\'s has booleans, free modules always unlocked', async (t) => {
  t.match(moduleSummary(paid, null), { unlocked: null, completed: null, section_count: paid.sections.length, question_count: paid.quiz.length })
  t.match(moduleSummary(free, nobody), { unlocked: true, completed: false })
  t.match(moduleSummary(paid, nobody), { unlocked: false, completed: false })
  t.match(moduleSummary(paid, { unlocked: new Set([paid.module_id]), completed: new Set([paid.module_id]) }), { unlocked: true, completed: true })
})

t.test('a locked module shows only its first section and an empty quiz', async (t) => {
  for (const standing of [null, nobody]) {
    const view = moduleView(paid, standing)
    t.equal(view.locked, true)
    t.same(view.sections, [paid.sections[0]])
    t.same(view.quiz, [])
  }
  const open = moduleView(paid, { unlocked: new Set([paid.module_id]), completed: new Set() })
  t.equal(open.locked, false)
  t.equal(open.sections.length, paid.sections.length)
  t.equal(open.quiz.length, paid.quiz.length)
  t.equal(moduleView(free, null).locked, false, 'a free module is open even anonymously')
})

t.test('a quiz is shown as questions and choices only: never the right choice or the explanation', async (t) => {
  for (const module of catalog.modules) {
    const view = moduleView(module, { unlocked: new Set([module.module_id]), completed: new Set() })
    for (const question of view.quiz) {
      t.same(Object.keys(question).sort(), ['choices', 'prompt', 'question_id'])
      for (const choice of question.choices) t.same(Object.keys(choice).sort(), ['choice_id', 'text'])
    }
    const shown = JSON.stringify(view)
    for (const question of module.quiz) t.notOk(shown.includes(question.explanation), `${module.module_id}/${question.question_id}: no explanation`)
    t.notMatch(shown, /correct_choice_id|explanation/)
  }
})

t.test('missing prerequisites are those not completed, in the module\'s order', async (t) => {
  t.same(missingPrerequisites(paid, nobody), paid.prerequisites)
  t.same(missingPrerequisites(paid, { unlocked: new Set(), completed: new Set([paid.prerequisites[0]]) }), paid.prerequisites.slice(1))
  t.same(missingPrerequisites(paid, { unlocked: new Set(paid.prerequisites), completed: new Set() }), paid.prerequisites, 'unlocking is not completing')
  t.same(missingPrerequisites(paid, { unlocked: new Set(), completed: new Set(paid.prerequisites) }), [])
})

t.test('passing is score / total ≥ 0.8', async (t) => {
  const five = moduleWithQuestions(5)
  t.match(gradeQuiz(five, answers(five, 4)), { ok: true, grade: { score: 4, total: 5, passed: true } }, '4/5 = 0.8 passes')
  t.match(gradeQuiz(five, answers(five, 3)), { ok: true, grade: { score: 3, total: 5, passed: false } }, '3/5 fails')
  const four = moduleWithQuestions(4)
  t.match(gradeQuiz(four, answers(four, 3)), { ok: true, grade: { passed: false } }, '3/4 = 0.75 fails')
  t.match(gradeQuiz(four, answers(four, 4)), { ok: true, grade: { passed: true } })
  const ten = moduleWithQuestions(10)
  t.match(gradeQuiz(ten, answers(ten, 8)), { ok: true, grade: { passed: true } }, '8/10 passes')
  t.match(gradeQuiz(ten, answers(ten, 7)), { ok: true, grade: { passed: false } }, '7/10 fails')
})

t.test('a graded result lists every question in quiz order with its explanation, whatever the answer order', async (t) => {
  const module = moduleWithQuestions(3)
  const outcome = gradeQuiz(module, [...answers(module, 2)].reverse())
  t.ok(outcome.ok)
  if (!outcome.ok) return
  t.same(outcome.grade.results, [
    { question_id: 'q1', correct: true, explanation: 'Because 1.' },
    { question_id: 'q2', correct: true, explanation: 'Because 2.' },
    { question_id: 'q3', correct: false, explanation: 'Because 3.' }
  ])
})

t.test('unknown, repeated and missing questions and unknown choices are each named with a JSON pointer', async (t) => {
  const module = moduleWithQuestions(4)
  const outcome = gradeQuiz(module, [
    { question_id: 'q1', choice_id: 'a' },
    { question_id: 'q9', choice_id: 'a' },
    { question_id: 'q1', choice_id: 'b' },
    { question_id: 'q2', choice_id: 'c' },
    { question_id: 'constructor', choice_id: 'a' }
  ])
  t.same(outcome, {
    ok: false,
    issues: [
      { pointer: '/body/answers/1/question_id', message: `is not a question of module ${module.module_id}` },
      { pointer: '/body/answers/2/question_id', message: 'answers question q1 a second time' },
      { pointer: '/body/answers/3/choice_id', message: 'is not a choice of question q2' },
      { pointer: '/body/answers/4/question_id', message: `is not a question of module ${module.module_id}` },
      { pointer: '/body/answers', message: 'has no answer for question q3' },
      { pointer: '/body/answers', message: 'has no answer for question q4' }
    ]
  })
  t.match(gradeQuiz(module, []), { ok: false, issues: { length: 4 } }, 'no answers: every question missing')
})

t.test('progress lists every module in teaching order with attempts, best score and completion', async (t) => {
  const record = {
    unlocks: [{ module_id: paid.module_id, transaction_id: 'tx', request_id: 'r', unlocked_at: '2025-01-01T00:00:00.000Z' }],
    attempts: [{ module_id: free.module_id, attempts: 3, best_score: 4 }],
    completions: [{ module_id: free.module_id, attempt_id: 2, completed_at: '2025-01-01T00:05:00.000Z' }],
    tokens_spent: 3
  }
  const progress = progressOf(catalog, record)
  t.same(progress.map((p) => p.module_id), catalog.modules.map((m) => m.module_id))
  t.same(progress.find((p) => p.module_id === free.module_id), { module_id: free.module_id, unlocked: true, completed: true, best_score: 4, attempts: 3, completed_at: '2025-01-01T00:05:00.000Z' })
  t.same(progress.find((p) => p.module_id === paid.module_id), { module_id: paid.module_id, unlocked: true, completed: false, best_score: null, attempts: 0, completed_at: null })
  t.same(standingOf(record), { unlocked: new Set([paid.module_id]), completed: new Set([free.module_id]) })
})
