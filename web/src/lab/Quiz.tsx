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

  const [unanswered, setUnanswered] = useState<number[]>([])

  async function submit (e: Event): Promise<void> {
    e.preventDefault()
    // Every question needs an answer: say which ones before asking the service.
    const open = questions.map((q, i) => chosen[q.question_id] === undefined ? i + 1 : 0).filter((n) => n > 0)
    setUnanswered(open)
    if (open.length > 0) {
      document.getElementById(`${questions[open[0] - 1].question_id}-${questions[open[0] - 1].choices[0].choice_id}`)?.focus()
      return
    }
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
            <fieldset key={q.question_id} class='question' aria-invalid={unanswered.includes(i + 1) ? 'true' : undefined}>
              <legend>{i + 1}. {q.prompt}</legend>
              {q.choices.map((c) => (
                <div key={c.choice_id} class='check'>
                  <input
                    type='radio' id={`${q.question_id}-${c.choice_id}`} name={q.question_id} value={c.choice_id}
                    checked={chosen[q.question_id] === c.choice_id}
                    onChange={() => { setChosen({ ...chosen, [q.question_id]: c.choice_id }); setUnanswered(unanswered.filter((n) => n !== i + 1)) }}
                  />
                  <label for={`${q.question_id}-${c.choice_id}`}>{c.text}</label>
                </div>
              ))}
              {unanswered.includes(i + 1) && <p class='field-error'>Choose an answer to question {i + 1}.</p>}
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
        {unanswered.length > 0 && (
          <p class='field-error' data-testid='quiz-unanswered'>
            Please answer {unanswered.length === 1 ? `question ${unanswered[0]}` : `questions ${unanswered.slice(0, -1).join(', ')} and ${unanswered[unanswered.length - 1]}`} before checking.
          </p>
        )}
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
