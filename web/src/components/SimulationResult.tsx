import type { Schemas, SimulateAnswer } from '../api/client'
import { depthName, integer, outcomeName, percent, tokens } from '../format'
import { ComparisonTable } from './ComparisonTable'
import { DeepDive } from './DeepDive'
import { DistributionChart } from './DistributionChart'
import { ScenarioComparison } from './ScenarioComparison'
import { Notes, UncertaintyPanel } from './UncertaintyPanel'

/** Every part any depth can have, each optional: the result draws what the answer holds. */
type AnswerParts = Partial<
  Omit<Schemas['DeepDiveResponse'], 'depth'> &
  Omit<Schemas['ComparativeAnalysisResponse'], 'depth'> &
  Omit<Schemas['HeadlinePickResponse'], 'depth'>
>

export interface Teams {
  home: string
  away: string
}

/**
 * One simulation answer, whatever its depth: each part is drawn when the answer has it, and a
 * part the depth does not include says so instead of leaving a gap. Explore and the Lab's
 * try-it sections both use it.
 */
export function SimulationResult ({ answer, teams, idPrefix }: { answer: SimulateAnswer, teams: Teams, idPrefix: string }) {
  const a = answer as AnswerParts
  const scenarios = a.scenarios ?? [a.conservative, a.aggressive].filter((s) => s !== undefined)
  return (
    <div class='result'>
      <Headline answer={answer} teams={teams} idPrefix={idPrefix} />
      <MetaLine meta={answer.meta} seed={a.seed} nSims={a.n_sims} />
      {answer.depth !== 'headline_pick' && answer.depth !== 'comparative_analysis' && (
        <>
          <section class='panel' aria-labelledby={`${idPrefix}-dist`}>
            <h3 id={`${idPrefix}-dist`}>The distribution of the home-win probability</h3>
            {a.percentiles !== undefined
              ? <DistributionChart histogram={a.histogram} percentiles={a.percentiles} homeTeam={teams.home} idPrefix={idPrefix} />
              : <Missing what='the distribution' />}
          </section>
          <section class='panel' aria-labelledby={`${idPrefix}-scen`}>
            <h3 id={`${idPrefix}-scen`}>Scenarios</h3>
            {scenarios.length > 0
              ? <ScenarioComparison scenarios={scenarios} homeTeam={teams.home} awayTeam={teams.away} idPrefix={idPrefix} />
              : <Missing what='the scenarios' />}
            {a.bounds !== undefined && (
              <p>Across the scenarios the home-win probability ranges from {percent(a.bounds.lower)} (lowest 5th percentile) to {percent(a.bounds.upper)} (highest 95th percentile).</p>
            )}
          </section>
          {a.uncertainty !== undefined ? <UncertaintyPanel uncertainty={a.uncertainty} idPrefix={idPrefix} /> : answer.depth !== 'scenario_extremes' && <Missing what='the uncertainty metrics' />}
        </>
      )}
      {answer.depth === 'comparative_analysis' && (
        a.comparison !== undefined && a.most_uncertain !== undefined && a.least_uncertain !== undefined
          ? <ComparisonTable answer={{ comparison: a.comparison, most_uncertain: a.most_uncertain, least_uncertain: a.least_uncertain }} idPrefix={idPrefix} />
          : <Missing what='the comparison table' />
      )}
      {answer.depth === 'deep_dive_educational' && (
        a.risk !== undefined && a.explanation !== undefined && a.convergence !== undefined
          ? <DeepDive answer={{ risk: a.risk, explanation: a.explanation, convergence: a.convergence }} idPrefix={idPrefix} />
          : <Missing what='the explanation, sensitivity and convergence' />
      )}
      {answer.depth !== 'deep_dive_educational' && answer.depth !== 'comparative_analysis' && (
        <p class='upsell'>Deeper depths add {answer.depth === 'headline_pick' ? 'the full distribution, the scenarios and the uncertainty metrics' : 'the explanation, sensitivity and convergence'}.</p>
      )}
    </div>
  )
}

function Headline ({ answer, teams, idPrefix }: { answer: SimulateAnswer, teams: Teams, idPrefix: string }) {
  const a = answer as AnswerParts
  return (
    <section class='panel headline' data-testid='headline-result' aria-labelledby={`${idPrefix}-headline`}>
      <h3 id={`${idPrefix}-headline`}>
        {depthName(answer.depth)}: {a.events !== undefined ? `${a.events.length} events` : `${teams.home} v ${teams.away}`}
      </h3>
      {a.pick !== undefined && (
        <p class='headline-main'>
          Most frequent simulated outcome: <strong>{outcomeName(a.pick.predicted_outcome, teams.home, teams.away)}</strong>,
          {' '}with a median probability of <strong data-testid='headline-probability'>{percent(a.pick.median_probability)}</strong>;
          {' '}it stands out <strong>{a.pick.confidence === 'high' ? 'clearly' : a.pick.confidence === 'moderate' ? 'moderately' : 'only weakly'}</strong> ({a.pick.confidence} confidence).
        </p>
      )}
      {a.prob_home !== undefined && a.prob_draw !== undefined && a.prob_away !== undefined && (
        <p class='headline-main'>
          Share of simulated outcomes: {teams.home} win <strong data-testid='headline-probability'>{percent(a.prob_home)}</strong>,
          {' '}draw <strong>{percent(a.prob_draw)}</strong>, {teams.away} win <strong>{percent(a.prob_away)}</strong>.
        </p>
      )}
      {a.events !== undefined && (
        <ul>
          {a.events.map((event) => (
            <li key={event.label}>
              {event.home_team} v {event.away_team}: most frequent outcome {outcomeName(event.pick.predicted_outcome, event.home_team, event.away_team)}
              {' '}(median {percent(event.pick.median_probability)}, {event.pick.confidence} confidence); home-win probability 5th–95th percentile
              {' '}{percent(event.percentiles.p5)} – {percent(event.percentiles.p95)}.
            </li>
          ))}
        </ul>
      )}
      {a.pick === undefined && a.prob_home === undefined && a.events === undefined && <Missing what='a headline' />}
      <Notes notes={answer.notes} label='How to read this' />
    </section>
  )
}

function MetaLine ({ meta, seed, nSims }: { meta: Schemas['SimulationMeta'], seed: number | undefined, nSims: number | undefined }) {
  return (
    <p class='meta'>
      {nSims !== undefined && <>{integer(nSims)} simulations · </>}
      {seed !== undefined && <>seed <span data-testid='seed'>{seed}</span> · </>}
      fingerprint <code data-testid='fingerprint' title={meta.fingerprint}>{meta.fingerprint.slice(0, 16)}</code> ·
      {' '}{meta.tokens_charged > 0 ? `charged ${tokens(meta.tokens_charged)}` : meta.entitlement_reused ? 'already paid for within 24 h: not charged again' : 'no tokens charged'}
      {meta.balance_after !== undefined && <> · balance now {tokens(meta.balance_after)}</>}
      {meta.cache_hit && <> · served from the cache (same numbers as a fresh run)</>}
      {meta.idempotency_replay && <> · a replay of your earlier identical request</>}
    </p>
  )
}

export function Missing ({ what }: { what: string }) {
  return <p class='missing'>This answer does not include {what}, so it is not shown here.</p>
}
