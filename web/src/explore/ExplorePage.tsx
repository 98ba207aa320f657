import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, IdempotentAction, settle, type CatalogEvent, type Problem, type SimulateAnswer, type Tier } from '../api/client'
import { refreshBalance } from '../api/balance'
import { session, useSession } from '../session'
import { ProblemView } from '../components/ProblemView'
import { SimulationResult, type Teams } from '../components/SimulationResult'
import { EventForm } from './EventForm'
import { inputsFromQuery, queryOf, requestOf, CUSTOM_EVENT, type ExploreInputs } from './explore-query'

interface Outcome {
  answer: SimulateAnswer
  teams: Teams
}

/** Explore: pick an event and a depth, run the simulation, read the distribution and its uncertainty. */
export function ExplorePage () {
  const location = useLocation()
  const currentQuery = location.url.split('?')[1] ?? ''
  const signedIn = useSession().apiKey !== null
  const [inputs, setInputs] = useState<ExploreInputs>(() => inputsFromQuery(location.query))
  const [catalog, setCatalog] = useState<CatalogEvent[] | null>(null)
  const [tiers, setTiers] = useState<Tier[] | null>(null)
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [running, setRunning] = useState(false)
  const [waitingForRun, setWaitingForRun] = useState(false)
  const action = useRef(new IdempotentAction())
  const runOnArrival = useRef<string | null>(null)

  useEffect(() => {
    void Promise.all([settle(api.GET('/api/v2/events')), settle(api.GET('/api/v2/tiers'))]).then(([events, tierList]) => {
      if (events.ok) setCatalog(events.data.events)
      else setLoadProblem(events.problem)
      if (tierList.ok) setTiers(tierList.data.tiers.filter((tier) => tier.depth !== 'season_outlook')) // a league tier, not a depth of /simulate
      else setLoadProblem(tierList.problem)
    })
    if (signedIn) void refreshBalance()
  }, [signedIn])

  // Arriving at a URL (a link, a reload, back/forward): show its inputs; run it when it is free
  // or when the person just pressed Run. A paid depth from a link waits for a press of Run.
  useEffect(() => {
    if (tiers === null) return
    const arrived = inputsFromQuery(location.query)
    setInputs(arrived)
    if (currentQuery === '') return
    const free = tiers.find((tier) => tier.depth === arrived.depth)?.cost_tokens === 0
    if (runOnArrival.current === currentQuery || free) {
      runOnArrival.current = null
      void run(arrived)
    } else {
      setOutcome(null)
      setWaitingForRun(true)
    }
  }, [currentQuery, tiers])

  async function run (runInputs: ExploreInputs): Promise<void> {
    setWaitingForRun(false)
    setRunning(true)
    setProblem(null)
    const body = requestOf(runInputs)
    const result = await settle(api.POST('/api/v2/simulate', { body, params: { header: { 'idempotency-key': action.current.keyFor(body) } } }))
    action.current.settled(result.ok)
    setRunning(false)
    if (result.ok) {
      setOutcome({ answer: result.data, teams: teamsOf(runInputs, catalog) })
      if (result.data.meta.balance_after !== undefined) session.balanceReported(result.data.meta.balance_after)
    } else {
      setOutcome(null)
      setProblem(result.problem)
      if (result.status === 402 && signedIn) void refreshBalance()
    }
  }

  function submit (): void {
    const query = queryOf(inputs)
    if (query === currentQuery) {
      void run(inputs)
      return
    }
    runOnArrival.current = query
    location.route(`/explore?${query}`)
  }

  return (
    <div class='page'>
      <h1>Explore a simulation</h1>
      <p class='lede'>
        Choose an event and a depth of analysis. The service runs a Monte Carlo simulation and shows the whole
        distribution of outcomes, not a single number. Nothing here predicts a result: it shows how uncertain the numbers are.
      </p>
      {loadProblem !== null && <ProblemView problem={loadProblem} />}
      {catalog !== null && tiers !== null && (
        <EventForm inputs={inputs} onChange={setInputs} onSubmit={submit} catalog={catalog} tiers={tiers} running={running} />
      )}
      {(catalog === null || tiers === null) && loadProblem === null && <p aria-live='polite'>Loading the events and depths…</p>}
      <div aria-live='polite' class='outcome'>
        {running && <p>Running the simulation…</p>}
        {waitingForRun && !running && <p class='hint'>This link asks for a paid depth. Check the inputs and press “Run simulation” to spend the tokens it costs.</p>}
        {problem !== null && <ProblemView problem={problem} onRetry={() => { void run(inputs) }} />}
      </div>
      {outcome !== null && !running && <SimulationResult answer={outcome.answer} teams={outcome.teams} idPrefix='explore' />}
    </div>
  )
}

function teamsOf (inputs: ExploreInputs, catalog: CatalogEvent[] | null): Teams {
  // A comparison names its sides per event in the answer itself.
  if (inputs.depth === 'comparative_analysis') return { home: 'Home side', away: 'Away side' }
  if (inputs.eventId === CUSTOM_EVENT) return { home: inputs.homeTeam.trim() || 'Home', away: inputs.awayTeam.trim() || 'Away' }
  const event = catalog?.find((e) => e.event_id === inputs.eventId)
  return event !== undefined ? { home: event.home_team, away: event.away_team } : { home: 'Home', away: 'Away' }
}
