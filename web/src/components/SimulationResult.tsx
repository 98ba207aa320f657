import type { Schemas, SimulateAnswer, SimulateRequest } from '../api/client'
import { depthName, integer, outcomeName, percent, tokens } from '../format'
import { RangeChart } from '../charts/RangeChart'
import { ComparisonTable } from './ComparisonTable'
import { DeepDive } from './DeepDive'
import { DistributionChart } from './DistributionChart'
import { Heading } from './Heading'
import { ResultTools } from './ResultTools'
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
 * try-it sections both use it; `level` is the heading level of its sections.
 */
export function SimulationResult ({ answer, teams, idPrefix, level = 2, request, stale = false }: {
  answer: SimulateAnswer
  teams: Teams
  idPrefix: string
  level?: number
  /** The request that produced the answer (for "show as curl"). */
  request?: SimulateRequest
  /** The inputs changed since: the result is kept but marked as not matching them. */
  stale?: boolean
}) {
  const a = answer as AnswerParts
  const scenarios = a.scenarios ?? [a.conservative, a.aggressive].filter((s) => s !== undefined)
  const extremes = answer.depth === 'scenario_extremes'
  return (
    <div class={stale ? 'result stale' : 'result'} data-testid='result' data-stale={stale ? 'true' : 'false'}>
      {stale && <p class='stale-note' data-testid='stale-note'>The inputs above changed after this result was computed: it no longer matches them. Press “Run simulation” to update it.</p>}
      <Headline answer={answer} teams={teams} idPrefix={idPrefix} level={level} />
      <MetaLine meta={answer.meta} seed={a.seed} nSims={a.n_sims} />
      {extremes && a.bounds !== undefined && <OutcomeRanges bounds={a.bounds} teams={teams} idPrefix={idPrefix} level={level} />}
      {answer.depth !== 'headline_pick' && answer.depth !== 'comparative_analysis' && (
        <>
          {!extremes && (
            <section class='panel' aria-labelledby={`${idPrefix}-dist`}>
              <Heading level={level} id={`${idPrefix}-dist`}>The distribution of the home-win probability</Heading>
              {a.percentiles !== undefined
                ? <DistributionChart histogram={a.histogram} percentiles={a.percentiles} homeTeam={teams.home} idPrefix={idPrefix} />
                : <Missing what='the distribution' />}
            </section>
          )}
          <section class='panel' aria-labelledby={`${idPrefix}-scen`}>
            <Heading level={level} id={`${idPrefix}-scen`}>{extremes ? 'The two extreme scenarios in full' : 'Scenarios'}</Heading>
            {scenarios.length > 0
              ? <ScenarioComparison scenarios={scenarios} homeTeam={teams.home} awayTeam={teams.away} idPrefix={idPrefix} />
              : <Missing what='the scenarios' />}
            {a.bounds !== undefined && (
              <p>Across the scenarios the home-win probability ranges from {percent(a.bounds.lower)} (lowest 5th percentile) to {percent(a.bounds.upper)} (highest 95th percentile).</p>
            )}
          </section>
          {a.uncertainty !== undefined ? <UncertaintyPanel uncertainty={a.uncertainty} idPrefix={idPrefix} level={level} /> : !extremes && <Missing what='the uncertainty metrics' />}
        </>
      )}
      {answer.depth === 'comparative_analysis' && (
        a.comparison !== undefined && a.most_uncertain !== undefined && a.least_uncertain !== undefined && a.events !== undefined
          ? <ComparisonTable answer={{ comparison: a.comparison, most_uncertain: a.most_uncertain, least_uncertain: a.least_uncertain, events: a.events }} idPrefix={idPrefix} level={level} />
          : <Missing what='the comparison table' />
      )}
      {answer.depth === 'deep_dive_educational' && (
        a.risk !== undefined && a.explanation !== undefined && a.convergence !== undefined
          ? <DeepDive answer={{ risk: a.risk, explanation: a.explanation, convergence: a.convergence }} idPrefix={idPrefix} level={level} />
          : <Missing what='the explanation, sensitivity and convergence' />
      )}
      {answer.depth !== 'deep_dive_educational' && answer.depth !== 'comparative_analysis' && (
        <p class='upsell'>Deeper depths add {answer.depth === 'headline_pick' ? 'the full distribution, the scenarios and the uncertainty metrics' : extremes ? 'the histogram, the uncertainty metrics, the explanation, sensitivity and convergence' : 'the explanation, sensitivity and convergence'}.</p>
      )}
      <ResultTools answer={answer} request={request} idPrefix={idPrefix} level={level} />
    </div>
  )
}

/** scenario_extremes: each outcome's lowest and highest share across the scenarios, as a chart and a table. */
function OutcomeRanges ({ bounds, teams, idPrefix, level }: { bounds: Schemas['ScenarioBounds'], teams: Teams, idPrefix: string, level: number }) {
  const rows = [
    { label: `${teams.home} win`, range: bounds.prob_home_range },
    { label: 'Draw', range: bounds.prob_draw_range },
    { label: `${teams.away} win`, range: bounds.prob_away_range }
  ]
  return (
    <section class='panel' aria-labelledby={`${idPrefix}-ranges`} data-testid='outcome-ranges'>
      <Heading level={level} id={`${idPrefix}-ranges`}>How far each outcome’s share moves between the scenarios</Heading>
      <p>
        The same event simulated under cautious and bold assumptions about the ratings: each bar runs from the lowest to the highest share
        of that outcome across the conservative, base and aggressive scenarios.
      </p>
      <RangeChart
        testId='extremes-chart' idPrefix={idPrefix} title='Lowest and highest share of each outcome across the scenarios'
        rows={rows.map((r) => ({ label: r.label, low: r.range[0], high: r.range[1], describe: 'share across the scenarios' }))}
      />
      <table class='stack'>
        <caption>Share of simulated outcomes across the scenarios</caption>
        <thead><tr><th scope='col'>Outcome</th><th scope='col'>Lowest share</th><th scope='col'>Highest share</th><th scope='col'>Width</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope='row'>{r.label}</th>
              <td data-label='Lowest share'>{percent(r.range[0])}</td><td data-label='Highest share'>{percent(r.range[1])}</td>
              <td data-label='Width'>{((r.range[1] - r.range[0]) * 100).toFixed(1)} pts</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Headline ({ answer, teams, idPrefix, level }: { answer: SimulateAnswer, teams: Teams, idPrefix: string, level: number }) {
  const a = answer as AnswerParts
  const extremes = answer.depth === 'scenario_extremes'
  return (
    <section class='panel headline' data-testid='headline-result' aria-labelledby={`${idPrefix}-headline`}>
      <Heading level={level} id={`${idPrefix}-headline`}>
        {depthName(answer.depth)}: {a.events !== undefined ? `${a.events.length} events` : `${teams.home} v ${teams.away}`}
      </Heading>
      {a.pick !== undefined && (
        <>
          <p class='headline-main'>
            Most frequent simulated outcome: <strong>{outcomeName(a.pick.predicted_outcome, teams.home, teams.away)}</strong>,
            {' '}with a median probability of <strong data-testid='headline-probability'>{percent(a.pick.median_probability)}</strong>;
            {' '}it stands out <strong>{a.pick.confidence === 'high' ? 'clearly' : a.pick.confidence === 'moderate' ? 'moderately' : 'only weakly'}</strong> ({a.pick.confidence} confidence).
          </p>
          <p class='hint' data-testid='median-explained'>
            The median probability is the middle of the probabilities the simulations drew for this outcome (each simulation draws the
            ratings anew). It is not the share of simulated matches that ended this way; that share, shown by the deeper depths,
            differs from it by chance and by the spread of the ratings.
          </p>
        </>
      )}
      {a.prob_home !== undefined && a.prob_draw !== undefined && a.prob_away !== undefined && (
        <>
          <p class='headline-main'>
            Share of simulated outcomes: {teams.home} win <strong data-testid='headline-probability'>{percent(a.prob_home)}</strong>,
            {' '}draw <strong>{percent(a.prob_draw)}</strong>, {teams.away} win <strong>{percent(a.prob_away)}</strong>.
          </p>
          {a.percentiles !== undefined && (
            <p class='hint' data-testid='median-explained'>
              These shares count how the simulated matches ended. The chart below shows something else: the home-win probability each
              simulation drew (median {percent(a.percentiles.p50)}). The two are close but not equal, because every simulated match
              is decided by chance on top of its drawn probability.
            </p>
          )}
        </>
      )}
      {extremes && a.bounds !== undefined && (
        <p class='headline-main'>
          Between the scenarios, {teams.home} win in <strong data-testid='headline-probability'>{percent(a.bounds.prob_home_range[0])} – {percent(a.bounds.prob_home_range[1])}</strong> of
          {' '}simulations, a draw in <strong>{percent(a.bounds.prob_draw_range[0])} – {percent(a.bounds.prob_draw_range[1])}</strong>, {teams.away} win
          {' '}in <strong>{percent(a.bounds.prob_away_range[0])} – {percent(a.bounds.prob_away_range[1])}</strong>.
        </p>
      )}
      {a.events !== undefined && (
        <ul>
          {a.events.map((event) => (
            <li key={event.label}>
              {event.home_team} v {event.away_team}: most frequent outcome {outcomeName(event.pick.predicted_outcome, event.home_team, event.away_team)}
              {' '}(median {percent(event.pick.median_probability)}, {event.pick.confidence} confidence); home-win probability, middle 90%:
              {' '}{percent(event.percentiles.p5)} – {percent(event.percentiles.p95)}.
            </li>
          ))}
        </ul>
      )}
      {a.pick === undefined && a.prob_home === undefined && a.events === undefined && !(extremes && a.bounds !== undefined) && <Missing what='a headline' />}
      <Notes notes={answer.notes} label='How to read this' level={level + 1} />
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
