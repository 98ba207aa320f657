import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, IdempotentAction, settle, type CatalogEvent, type Problem, type SimulateAnswer, type SimulateRequest, type Tier } from '../api/client'
import { refreshBalance } from '../api/balance'
import { session, useSession } from '../session'
import { ProblemView } from '../components/ProblemView'
import { SimulationResult, type Teams } from '../components/SimulationResult'
import { percent } from '../format'
import { rememberName } from '../plain'
import { EventForm } from './EventForm'
import { FIELD_LABEL, fieldOfPointer, inputsFromQuery, queryOf, requestOf, validate, CUSTOM_EVENT, DEFAULT_EVENT, type ExploreInputs, type FieldErrors } from './explore-query'

interface Outcome {
  answer: SimulateAnswer
  teams: Teams
  request: SimulateRequest
  /** The query of the inputs that produced it: a result under other inputs is marked stale. */
  query: string
}

/** The numbers a "run again with another seed" compares, with the seed that gave them. */
interface SeedRun {
  seed: string
  values: Array<[string, number]>
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
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [linkNotice, setLinkNotice] = useState<string | null>(null)
  const [running, setRunning] = useState(false)
  const [waitingForRun, setWaitingForRun] = useState(false)
  const [blockedUntil, setBlockedUntil] = useState(0)
  const [now, setNow] = useState(Date.now())
  const [seedRuns, setSeedRuns] = useState<SeedRun[]>([])
  const action = useRef(new IdempotentAction())
  const runOnArrival = useRef<string | null>(null)
  const inFlight = useRef(false)
  const compareSeeds = useRef<SeedRun | null>(null)
  const focusAfterRun = useRef(false)

  useEffect(() => {
    void Promise.all([settle(api.GET('/api/v2/events')), settle(api.GET('/api/v2/tiers'))]).then(([events, tierList]) => {
      if (events.ok) {
        for (const e of events.data.events) rememberName(e.event_id, `${e.home_team} v ${e.away_team}`)
        setCatalog(events.data.events)
      } else setLoadProblem(events.problem)
      if (tierList.ok) setTiers(tierList.data.tiers.filter((tier) => tier.depth !== 'season_outlook')) // a league tier, not a depth of /simulate
      else setLoadProblem(tierList.problem)
    })
    if (signedIn) void refreshBalance()
  }, [signedIn])

  // A 429 blocks Run until Retry-After has passed; the button counts down with the problem.
  useEffect(() => {
    if (blockedUntil <= Date.now()) return
    const timer = setInterval(() => {
      setNow(Date.now())
      if (Date.now() >= blockedUntil) clearInterval(timer)
    }, 500)
    return () => clearInterval(timer)
  }, [blockedUntil])
  const waitSeconds = Math.max(0, Math.ceil((blockedUntil - now) / 1000))

  // After a run, the keyboard focus moves to what it produced (the result's heading, or the problem).
  useEffect(() => {
    if (!focusAfterRun.current || running) return
    focusAfterRun.current = false
    const target = document.querySelector<HTMLElement>(problem !== null ? '.outcome [data-testid="problem"]' : '#explore-headline')
    if (target !== null) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
      target.focus()
    }
  }, [running, outcome, problem])

  const isFree = (depth: string) => tiers?.find((tier) => tier.depth === depth)?.cost_tokens === 0
  const catalogIds = catalog?.map((e) => e.event_id) ?? []

  // Arriving at a URL (a link, a reload, back/forward): show its inputs; run it when it is free
  // or when the person just pressed Run. A paid depth from a link waits for a press of Run.
  useEffect(() => {
    if (tiers === null || catalog === null) return
    let arrived = inputsFromQuery(location.query)
    setLinkNotice(null)
    const unknown = arrived.depth === 'comparative_analysis'
      ? arrived.compared.filter((id) => !catalogIds.includes(id))
      : arrived.eventId !== CUSTOM_EVENT && !catalogIds.includes(arrived.eventId) ? [arrived.eventId] : []
    if (unknown.length > 0) {
      // The form cannot show an event it does not know, so nothing runs: the person picks one.
      setLinkNotice(`This link names ${unknown.length === 1 ? 'an event' : 'events'} that the catalog does not have (${unknown.map((id) => `“${id}”`).join(', ')}). Choose from the list and press “Run simulation”.`)
      arrived = arrived.depth === 'comparative_analysis'
        ? { ...arrived, compared: arrived.compared.filter((id) => catalogIds.includes(id)) }
        : { ...arrived, eventId: DEFAULT_EVENT }
      setInputs(arrived)
      setOutcome(null)
      runOnArrival.current = null
      return
    }
    setInputs(arrived)
    if (currentQuery === '') return
    const errors = validate(arrived, isFree(arrived.depth), catalogIds)
    setFieldErrors(errors)
    if (Object.keys(errors).length > 0) {
      runOnArrival.current = null
      setOutcome(null)
      return
    }
    if (runOnArrival.current === currentQuery || isFree(arrived.depth)) {
      runOnArrival.current = null
      void run(arrived)
    } else {
      setOutcome(null)
      setWaitingForRun(true)
    }
  }, [currentQuery, tiers, catalog])

  async function run (runInputs: ExploreInputs): Promise<void> {
    // A second press before the page re-rendered must not send a second request.
    if (inFlight.current) return
    inFlight.current = true
    focusAfterRun.current = true
    setWaitingForRun(false)
    setRunning(true)
    setProblem(null)
    const body = requestOf(runInputs)
    const result = await settle(api.POST('/api/v2/simulate', { body, params: { header: { 'idempotency-key': action.current.keyFor(body) } } }))
    action.current.settled(result.ok)
    inFlight.current = false
    setRunning(false)
    if (result.ok) {
      setOutcome({ answer: result.data, teams: teamsOf(runInputs, catalog), request: body, query: queryOf(runInputs) })
      const thisRun: SeedRun = { seed: runInputs.seed.trim() === '' ? `${seedOf(result.data) ?? 'derived'}` : runInputs.seed.trim(), values: numbersOf(result.data) }
      setSeedRuns(compareSeeds.current !== null ? [compareSeeds.current, thisRun] : [])
      compareSeeds.current = null
      if (result.data.meta.balance_after !== undefined) session.balanceReported(result.data.meta.balance_after)
    } else {
      compareSeeds.current = null
      setSeedRuns([])
      setOutcome(null)
      setProblem(result.problem)
      if (result.status === 429) setBlockedUntil(Date.now() + (result.problem.retry_after_seconds ?? 1) * 1000)
      if (result.status === 400 && result.problem.errors !== undefined) {
        const mapped: FieldErrors = {}
        for (const issue of result.problem.errors) {
          const field = fieldOfPointer(issue.pointer)
          if (field !== undefined) mapped[field] = issue.message
        }
        setFieldErrors(mapped)
      }
      if (result.status === 402 && signedIn) void refreshBalance()
    }
  }

  function submit (next: ExploreInputs = inputs): void {
    if (inFlight.current || waitSeconds > 0) return
    const errors = validate(next, isFree(next.depth), catalogIds)
    setFieldErrors(errors)
    setLinkNotice(null)
    if (Object.keys(errors).length > 0) {
      const first = Object.keys(errors)[0]
      document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus()
      return
    }
    const query = queryOf(next)
    if (query === currentQuery) {
      void run(next)
      return
    }
    if (runOnArrival.current === query) return
    runOnArrival.current = query
    location.route(`/explore?${query}`)
  }

  function runWithAnotherSeed (): void {
    if (outcome === null) return
    const previous = outcome.answer
    compareSeeds.current = { seed: inputs.seed.trim() === '' ? `${seedOf(previous) ?? 'derived'}` : inputs.seed.trim(), values: numbersOf(previous) }
    const seed = crypto.getRandomValues(new Uint32Array(1))[0]
    const next = { ...inputs, seed: String(seed) }
    setInputs(next)
    submit(next)
  }

  const stale = outcome !== null && outcome.query !== queryOf(inputs)
  return (
    <div class='page'>
      <h1>Explore a simulation</h1>
      <p class='lede'>
        Choose an event and a depth of analysis. The service runs a Monte Carlo simulation and shows the whole
        distribution of outcomes, not a single number. Nothing here predicts a result: it shows how uncertain the numbers are.
      </p>
      {loadProblem !== null && <ProblemView problem={loadProblem} />}
      {linkNotice !== null && <p class='warning' role='alert' data-testid='link-notice'>{linkNotice}</p>}
      {catalog !== null && tiers !== null && (
        <EventForm
          inputs={inputs} onChange={(next) => { setInputs(next); if (Object.keys(fieldErrors).length > 0) setFieldErrors(validate(next, isFree(next.depth), catalogIds)) }}
          onSubmit={() => submit()} catalog={catalog} tiers={tiers} running={running} errors={fieldErrors} waitSeconds={waitSeconds}
        />
      )}
      {(catalog === null || tiers === null) && loadProblem === null && <p aria-live='polite'>Loading the events and depths…</p>}
      <div aria-live='polite' class='outcome'>
        {running && <p>Running the simulation…</p>}
        {waitingForRun && !running && <p class='hint'>This link asks for a paid depth. Check the inputs and press “Run simulation” to spend the tokens it costs.</p>}
        {problem !== null && <ProblemView problem={problem} onRetry={() => submit()} fieldName={(pointer) => { const f = fieldOfPointer(pointer); return f === undefined ? undefined : FIELD_LABEL[f] }} />}
        {outcome !== null && !running && <p class='sr-only'>Result ready: {outcome.answer.depth.replace(/_/g, ' ')}.</p>}
      </div>
      {outcome !== null && !running && (
        <>
          <SimulationResult answer={outcome.answer} teams={outcome.teams} idPrefix='explore' request={outcome.request} stale={stale} />
          <section class='panel' aria-labelledby='wobble-title'>
            <h2 id='wobble-title'>How much do the numbers wobble?</h2>
            <p>
              A Monte Carlo result depends a little on its random seed. Run the same inputs again with another seed to see how much.
              {isFree(inputs.depth) ? '' : ' A new seed is a new simulation, so a paid depth costs its tokens again.'}
            </p>
            <button type='button' class='secondary' data-testid='run-another-seed' disabled={running || waitSeconds > 0} onClick={runWithAnotherSeed}>Run again with another seed</button>
            {seedRuns.length === 2 && <SeedComparison runs={seedRuns} />}
          </section>
        </>
      )}
    </div>
  )
}

function SeedComparison ({ runs }: { runs: SeedRun[] }) {
  const [before, after] = runs
  const largest = Math.max(...before.values.map(([, v], i) => Math.abs((after.values[i]?.[1] ?? v) - v)))
  return (
    <>
      <table class='wobble stack' data-testid='seed-wobble'>
        <caption>The same inputs with two seeds</caption>
        <thead><tr><th scope='col'>Number</th><th scope='col'>Seed {before.seed}</th><th scope='col'>Seed {after.seed}</th><th scope='col'>Difference</th></tr></thead>
        <tbody>
          {before.values.map(([label, value], i) => {
            const other = after.values[i]?.[1]
            return (
              <tr key={label}>
                <th scope='row'>{label}</th>
                <td data-label={`Seed ${before.seed}`}>{percent(value)}</td>
                <td data-label={`Seed ${after.seed}`}>{other === undefined ? '—' : percent(other)}</td>
                <td data-label='Difference'>{other === undefined ? '—' : `${((other - value) * 100).toFixed(1)} pts`}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p data-testid='wobble-summary'>
        The largest difference is {(largest * 100).toFixed(1)} percentage points. Differences of this size come from the random draws
        alone; more simulations make them smaller (four times as many halve them).
      </p>
    </>
  )
}

function seedOf (answer: SimulateAnswer): number | undefined {
  return (answer as { seed?: number }).seed
}

/** The headline numbers of an answer, labelled, for the seed comparison. */
function numbersOf (answer: SimulateAnswer): Array<[string, number]> {
  const a = answer as Partial<{ pick: { median_probability: number }, prob_home: number, prob_draw: number, prob_away: number, percentiles: { p5: number, p50: number, p95: number }, bounds: { prob_home_range: number[] }, events: Array<{ home_team: string, away_team: string, pick: { median_probability: number } }> }>
  const values: Array<[string, number]> = []
  if (a.pick !== undefined) values.push(['Median probability of the most frequent outcome', a.pick.median_probability])
  if (a.prob_home !== undefined && a.prob_draw !== undefined && a.prob_away !== undefined) {
    values.push(['Home-win share', a.prob_home], ['Draw share', a.prob_draw], ['Away-win share', a.prob_away])
  }
  if (a.percentiles !== undefined) values.push(['Home-win probability, 5th percentile', a.percentiles.p5], ['Home-win probability, median', a.percentiles.p50], ['Home-win probability, 95th percentile', a.percentiles.p95])
  if (a.bounds !== undefined) values.push(['Lowest home-win share across scenarios', a.bounds.prob_home_range[0]], ['Highest home-win share across scenarios', a.bounds.prob_home_range[1]])
  for (const e of a.events ?? []) values.push([`${e.home_team} v ${e.away_team}: median probability`, e.pick.median_probability])
  return values
}

function teamsOf (inputs: ExploreInputs, catalog: CatalogEvent[] | null): Teams {
  // A comparison names its sides per event in the answer itself.
  if (inputs.depth === 'comparative_analysis') return { home: 'Home side', away: 'Away side' }
  if (inputs.eventId === CUSTOM_EVENT) return { home: inputs.homeTeam.trim() || 'Home', away: inputs.awayTeam.trim() || 'Away' }
  const event = catalog?.find((e) => e.event_id === inputs.eventId)
  return event !== undefined ? { home: event.home_team, away: event.away_team } : { home: 'Home', away: 'Away' }
}
