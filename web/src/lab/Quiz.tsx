import { useRef, useState } from 'preact/hooks'
import { IdempotentAction, type Problem } from '../api/client'
import { ProblemView } from '../components/ProblemView'
import { submitQuiz, type LabQuestion, type QuizAnswer } from './lab-api'

/** The module quiz: one radio group per question, then the score and per-question feedback. */
export function Quiz ({ moduleId, questions }: { moduleId: string, questions: LabQuestion[] }) {
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [result, setResult] = useState<QuizAnswer | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const action = useRef(new IdempotentAction())
  const feedback = new Map(result?.results.map((r) => [r.question_id, r]) ?? [])

  async function submit (e: Event): Promise<void> {
    e.preventDefault()
    setBusy(true)
    setProblem(null)
    const answers = questions.filter((q) => chosen[q.question_id] !== undefined).map((q) => ({ question_id: q.question_id, choice_id: chosen[q.question_id] }))
    const outcome = await submitQuiz(moduleId, answers, action.current.keyFor({ moduleId, answers }))
    action.current.settled(outcome.ok)
    setBusy(false)
    if (outcome.ok) setResult(outcome.data)
    else setProblem(outcome.problem)
  }

  return (
    <section class='panel quiz' aria-labelledby='quiz-title'>
      <h2 id='quiz-title'>Check your understanding</h2>
      <form onSubmit={(e) => { void submit(e) }}>
        {questions.map((q, i) => {
          const verdict = feedback.get(q.question_id)
          return (
            <fieldset key={q.question_id} class='question'>
              <legend>{i + 1}. {q.prompt}</legend>
              {q.choices.map((c) => (
                <div key={c.choice_id} class='check'>
                  <input
                    type='radio' id={`${q.question_id}-${c.choice_id}`} name={q.question_id} value={c.choice_id}
                    checked={chosen[q.question_id] === c.choice_id} onChange={() => setChosen({ ...chosen, [q.question_id]: c.choice_id })}
                  />
                  <label for={`${q.question_id}-${c.choice_id}`}>{c.text}</label>
                </div>
              ))}
              {verdict !== undefined && (
                <p class={verdict.correct ? 'verdict right' : 'verdict wrong'}>
                  <strong>{verdict.correct ? 'Correct.' : 'Not quite.'}</strong> {verdict.explanation}
                </p>
              )}
            </fieldset>
          )
        })}
        <button type='submit' data-testid='quiz-submit' disabled={busy}>{busy ? 'Checking…' : 'Check my answers'}</button>
      </form>
      <div aria-live='polite'>
        {problem !== null && <ProblemView problem={problem} />}
        {result !== null && (
          <p class={result.passed ? 'quiz-result passed' : 'quiz-result'} data-testid='quiz-result'>
            {result.score} of {result.total} correct. {result.passed ? 'Passed: this module is marked as completed.' : 'You need 80% to pass; read the feedback above and try again.'}
            {!result.passed && result.completed ? ' (You completed this module earlier; that stays recorded.)' : ''}
          </p>
        )}
      </div>
    </section>
  )
}
