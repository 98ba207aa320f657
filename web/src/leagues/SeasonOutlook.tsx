import { useEffect, useRef, useState } from 'preact/hooks'
import { IdempotentAction, type Problem } from '../api/client'
import { refreshBalance } from '../api/balance'
import { ProblemView } from '../components/ProblemView'
import { session, useSession } from '../session'
import { decimal, integer, percent, tokens } from '../format'
import { getSeasonCost, runSeasonOutlook, type SeasonOutlook, type SeasonTeam } from './leagues-api'

/**
 * The season outlook (SPEC §13.4), a paid tier: its cost from GET /api/v2/tiers and the balance
 * first, then an explicit confirmation, then the position heat map and the zone table.
 */
export function SeasonOutlookPanel ({ leagueId }: { leagueId: string }) {
  const { apiKey, balance } = useSession()
  const [cost, setCost] = useState<number | null | undefined>(undefined)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [outlook, setOutlook] = useState<SeasonOutlook | null>(null)
  const action = useRef(new IdempotentAction())

  useEffect(() => {
    void getSeasonCost().then((result) => {
      if (result.ok) setCost(result.data)
      else setProblem(result.problem)
    })
  }, [])

  async function ask (): Promise<void> {
    await refreshBalance()
    setConfirming(true)
  }

  async function confirm (): Promise<void> {
    setBusy(true)
    setProblem(null)
    const result = await runSeasonOutlook(leagueId, action.current.keyFor({ season: leagueId }))
    action.current.settled(result.ok)
    setBusy(false)
    if (result.ok) {
      if (result.data.meta.balance_after !== undefined) session.balanceReported(result.data.meta.balance_after)
      setConfirming(false)
      setOutlook(result.data)
    } else {
      setProblem(result.problem)
    }
  }

  const price = cost ?? 0
  return (
    <section class='panel' aria-labelledby='season-heading'>
      <h2 id='season-heading'>Season outlook</h2>
      <p class='hint'>
        The rest of the season simulated 10 000 times: in each simulated season every team's strength is drawn once from its rating
        uncertainty, then every fixture by the same model. It shows how the table could end, with the spread that honest uncertainty implies.
      </p>
      {cost === null && <p class='missing'>This service does not offer the season outlook.</p>}
      {cost !== undefined && cost !== null && outlook === null && apiKey === null && (
        <p>The outlook costs {tokens(price)}. <a href='/account'>Sign in</a> to run it.</p>
      )}
      {cost !== undefined && cost !== null && outlook === null && apiKey !== null && !confirming && (
        <button type='button' data-testid='season-run' onClick={() => { void ask() }}>Simulate the rest of the season ({tokens(price)})</button>
      )}
      {confirming && (
        <div role='group' aria-labelledby='season-confirm-text' class='confirm'>
          <p id='season-confirm-text'>
            The season outlook costs <strong>{tokens(price)}</strong> (the same outlook again within 24 hours is free). Your balance is{' '}
            <strong>{balance === null ? 'unknown' : tokens(balance)}</strong>
            {balance !== null && balance >= price ? `; afterwards it will be ${tokens(balance - price)} at most.` : '.'} Confirm?
          </p>
          <button type='button' data-testid='confirm-season' disabled={busy} onClick={() => { void confirm() }}>{busy ? 'Simulating…' : `Confirm: spend ${tokens(price)}`}</button>{' '}
          <button type='button' onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
        </div>
      )}
      <div aria-live='polite'>{problem !== null && <ProblemView problem={problem} />}</div>
      {outlook !== null && <OutlookView outlook={outlook} />}
    </section>
  )
}

const CELL = 22
const LEFT = 190
const TOP = 28

function OutlookView ({ outlook }: { outlook: SeasonOutlook }) {
  const teams = outlook.teams
  const positions = teams.length
  const zones = Object.keys(teams[0]?.zones ?? {})
  const width = LEFT + positions * CELL + 8
  const height = TOP + teams.length * CELL + 8
  const likeliest = (team: SeasonTeam) => team.positions.reduce((best, p, i) => p > team.positions[best] ? i : best, 0)
  const description = `${integer(outlook.n_simulations)} simulated seasons of the ${integer(outlook.remaining_fixtures)} remaining fixtures of ${outlook.season} (seed ${outlook.seed}). ` +
    'Each row is a team in the order of the current table, each column a final position; the darker the cell, the more likely. ' +
    'The table after the map lists every team\'s most likely position, final points and zones; the full matrix is in the table below it.'
  return (
    <div data-testid='season-heatmap'>
      <p>
        {integer(outlook.remaining_fixtures)} fixtures simulated {integer(outlook.n_simulations)} times; charged {tokens(outlook.meta.tokens_charged)}
        {outlook.meta.entitlement_reused ? ' (the same outlook was bought in the last 24 hours)' : ''}.
      </p>
      <figure class='chart heatmap'>
        <div class='table-scroll chart-scroll' tabIndex={0} role='region' aria-label='Position heat map (scrolls sideways on a narrow screen)'>
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role='img' aria-labelledby='heatmap-title' aria-describedby='heatmap-desc'>
            <title id='heatmap-title'>Probability of every final position, per team</title>
            <desc id='heatmap-desc'>{description}</desc>
            {Array.from({ length: positions }, (_, j) => (
              <text key={j} class='tick' x={LEFT + j * CELL + CELL / 2} y={TOP - 8} text-anchor='middle'>{j + 1}</text>
            ))}
            {teams.map((team, i) => (
              <g key={team.team_id}>
                <text class='team-name' x={LEFT - 8} y={TOP + i * CELL + CELL / 2 + 4} text-anchor='end'>{team.name}</text>
                {team.positions.map((p, j) => (
                  <rect key={j} class='heat' x={LEFT + j * CELL} y={TOP + i * CELL} width={CELL - 1} height={CELL - 1} fill-opacity={p === 0 ? 0 : 0.08 + 0.92 * Math.min(1, p / 0.5)} />
                ))}
              </g>
            ))}
          </svg>
        </div>
        <figcaption>{description}</figcaption>
      </figure>
      <div class='table-scroll' tabIndex={0} role='region' aria-label='Season outlook table (scrolls sideways)'>
        <table data-testid='season-zones'>
          <caption>Final points and zones</caption>
          <thead>
            <tr>
              <th scope='col'>Team</th><th scope='col' class='num'>Points now</th><th scope='col' class='num'>Played</th><th scope='col' class='num'>Goal difference</th>
              <th scope='col' class='num'>Final points, mean (5th–95th percentile)</th><th scope='col' class='num'>Most likely position</th>
              <th scope='col' class='num'>First place</th>
              {zones.map((zone) => <th key={zone} scope='col' class='num'>{zone}</th>)}
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => {
              const best = likeliest(team)
              return (
                <tr key={team.team_id}>
                  <th scope='row'>{team.name}</th>
                  <td class='num'>{team.points}</td><td class='num'>{team.played}</td><td class='num'>{team.goal_difference}</td>
                  <td class='num'>{decimal(team.final_points.mean, 1)} ({team.final_points.p5}–{team.final_points.p95})</td>
                  <td class='num'>{best + 1} ({percent(team.positions[best])})</td>
                  <td class='num'>{percent(team.positions[0])} ± {percent(team.position_standard_errors[0])}</td>
                  {zones.map((zone) => <td key={zone} class='num'>{percent(team.zones[zone])} ± {percent(team.zone_standard_errors[zone])}</td>)}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <details>
        <summary>Every position probability as a table</summary>
        <div class='table-scroll' tabIndex={0} role='region' aria-label='Position probabilities (scrolls sideways)'>
          <table data-testid='season-positions'>
            <caption>Probability of each final position</caption>
            <thead><tr><th scope='col'>Team</th>{teams.map((_, j) => <th key={j} scope='col' class='num'>{j + 1}</th>)}</tr></thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.team_id}><th scope='row'>{team.name}</th>{team.positions.map((p, j) => <td key={j} class='num'>{percent(p)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <ul class='hint'>{outlook.notes.map((note) => <li key={note}>{note}</li>)}</ul>
    </div>
  )
}
