import { useEffect, useState } from 'preact/hooks'
import type { Problem } from '../api/client'
import { ProblemView } from '../components/ProblemView'
import { useSession } from '../session'
import { tokens } from '../format'
import { listModules, type LabModuleSummary } from './lab-api'
import { rememberName } from '../plain'

const LEVEL_NAME: Record<LabModuleSummary['level'], string> = { intro: 'Introduction', core: 'Core', deep: 'In depth' }

/** The Lab's modules in teaching order, with cost, access, prerequisites and progress. */
export function LabListPage () {
  const { apiKey } = useSession()
  const [modules, setModules] = useState<LabModuleSummary[] | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)

  useEffect(() => {
    void listModules().then((result) => {
      if (result.ok) {
        for (const m of result.data.modules) rememberName(m.module_id, m.title)
        setModules(result.data.modules)
      } else setProblem(result.problem)
    })
  }, [apiKey])

  const titleOf = (id: string) => modules?.find((m) => m.module_id === id)?.title ?? id
  return (
    <div class='page'>
      <h1>Trickster Lab</h1>
      <p class='lede'>Short modules on reading what the simulator shows: distributions, ratings, scenarios, uncertainty and the thinking traps around them.</p>
      {apiKey === null && <p class='hint'>You are not signed in: free modules are open to read; <a href='/account'>sign in</a> to unlock paid modules, take quizzes and keep your progress.</p>}
      {problem !== null && <ProblemView problem={problem} />}
      {modules === null && problem === null && <p aria-live='polite'>Loading the modules…</p>}
      {modules !== null && (
        <ol class='modules' data-testid='lab-modules'>
          {modules.map((m) => (
            <li key={m.module_id} class='module-card' data-testid={`lab-module-${m.module_id}`}>
              <h2><a href={`/lab/${m.module_id}`}>{m.title}</a></h2>
              <p>{m.summary}</p>
              <p class='module-facts'>
                {LEVEL_NAME[m.level]} · about {m.estimated_minutes} min · {m.section_count} sections, {m.question_count} quiz questions ·{' '}
                {m.cost_tokens === 0 ? 'free' : tokens(m.cost_tokens)} · {accessOf(m)}
              </p>
              {m.prerequisites.length > 0 && <Prerequisites ids={m.prerequisites} modules={modules} titleOf={titleOf} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

/** "Complete first" lists only what is not completed yet; once all are, it says so. */
function Prerequisites ({ ids, modules, titleOf }: { ids: string[], modules: LabModuleSummary[], titleOf: (id: string) => string }) {
  const open = ids.filter((id) => modules.find((m) => m.module_id === id)?.completed !== true)
  if (open.length === 0) return <p class='hint'>Prerequisite{ids.length === 1 ? '' : 's'} completed: {ids.map(titleOf).join(', ')}.</p>
  return <p class='hint'>Complete first: {open.map(titleOf).join(', ')}.</p>
}

function accessOf (m: LabModuleSummary): string {
  if (m.completed === true) return 'completed'
  if (m.unlocked === true) return m.cost_tokens === 0 ? 'open' : 'unlocked'
  if (m.unlocked === false) return 'locked until you unlock it'
  return m.cost_tokens === 0 ? 'open' : 'sign in to unlock'
}
