import { useEffect, useRef, useState } from 'preact/hooks'
import { useRoute } from 'preact-iso'
import { api, IdempotentAction, settle, type Problem, type SimulateAnswer, type SimulateRequest, type Tier } from '../api/client'
import { refreshBalance } from '../api/balance'
import { ProblemView } from '../components/ProblemView'
import { SimulationResult, type Teams } from '../components/SimulationResult'
import { session, useSession } from '../session'
import { tokens } from '../format'
import { getModule, type LabModule, type LabSection } from './lab-api'
import { Markdown } from './Markdown'
import { Quiz } from './Quiz'
import { UnlockPanel } from './UnlockPanel'

/** One Lab module: its sections (sanitised Markdown, each try-it run inline), the unlock step and the quiz. */
export function LabModulePage () {
  const { params } = useRoute()
  const moduleId = params.module_id
  const { apiKey } = useSession()
  const [module, setModule] = useState<LabModule | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [tiers, setTiers] = useState<Tier[]>([])
  const [version, setVersion] = useState(0)

  useEffect(() => {
    void getModule(moduleId).then((result) => {
      if (result.ok) {
        setModule(result.data)
        setProblem(null)
      } else {
        setModule(null)
        setProblem(result.problem)
      }
    })
    void settle(api.GET('/api/v2/tiers')).then((result) => { if (result.ok) setTiers(result.data.tiers) })
  }, [moduleId, apiKey, version])

  return (
    <div class='page'>
      <p><a href='/lab'>← All Lab modules</a></p>
      {problem !== null && <h1>{problem.status === 404 ? 'Module not found' : 'The module could not be loaded'}</h1>}
      {problem !== null && <ProblemView problem={problem} />}
      {problem !== null && problem.status === 404 && <p>There is no Lab module at this address. <a href='/lab'>See every module</a>.</p>}
      {module === null && problem === null && <p aria-live='polite'>Loading the module…</p>}
      {module !== null && (
        <article>
          <h1>{module.title}</h1>
          <p class='lede'>{module.summary}</p>
          <p class='module-facts'>About {module.estimated_minutes} min · {module.cost_tokens === 0 ? 'free' : tokens(module.cost_tokens)}</p>
          {module.sections.map((section) => <Section key={section.section_id} section={section} tiers={tiers} />)}
          {module.locked && <UnlockPanel module={module} onUnlocked={() => setVersion((v) => v + 1)} />}
          {!module.locked && module.quiz.length > 0 && (
            apiKey === null
              ? <p class='hint'>Sign in on the <a href='/account'>Account page</a> to take the quiz and record your progress.</p>
              : <Quiz moduleId={module.module_id} questions={module.quiz} />
          )}
        </article>
      )}
    </div>
  )
}

function Section ({ section, tiers }: { section: LabSection, tiers: Tier[] }) {
  const headingId = `section-${section.section_id}`
  return (
    <section class='lab-section' aria-labelledby={headingId}>
      <h2 id={headingId}>{section.title}</h2>
      <Markdown source={section.body} />
      {section.try_it !== undefined && <TryIt sectionId={section.section_id} request={section.try_it} tiers={tiers} />}
    </section>
  )
}

/** A section's example request, run on demand and drawn with the explorer's charts. */
function TryIt ({ sectionId, request, tiers }: { sectionId: string, request: SimulateRequest, tiers: Tier[] }) {
  const [answer, setAnswer] = useState<SimulateAnswer | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [running, setRunning] = useState(false)
  const action = useRef(new IdempotentAction())
  const depth = request.depth ?? 'headline_pick'
  const cost = tiers.find((t) => t.depth === depth)?.cost_tokens ?? 0

  async function run (): Promise<void> {
    setRunning(true)
    setProblem(null)
    const result = await settle(api.POST('/api/v2/simulate', { body: request, params: { header: { 'idempotency-key': action.current.keyFor(request) } } }))
    action.current.settled(result.ok)
    setRunning(false)
    if (result.ok) {
      setAnswer(result.data)
      if (result.data.meta.balance_after !== undefined) session.balanceReported(result.data.meta.balance_after)
    } else {
      setProblem(result.problem)
      if (result.status === 402) void refreshBalance()
    }
  }

  return (
    <div class='try-it'>
      <button type='button' onClick={() => { void run() }} disabled={running}>
        {running ? 'Running…' : `Try it: run this example (${cost === 0 ? 'free' : tokens(cost)})`}
      </button>
      <div aria-live='polite'>{problem !== null && <ProblemView problem={problem} onRetry={() => { void run() }} />}</div>
      {answer !== null && <SimulationResult answer={answer} teams={teamsOf(request)} idPrefix={`try-${sectionId}`} level={3} request={request} />}
    </div>
  )
}

function teamsOf (request: SimulateRequest): Teams {
  return { home: request.home_team ?? request.event_id ?? 'Home', away: request.away_team ?? 'Away' }
}
