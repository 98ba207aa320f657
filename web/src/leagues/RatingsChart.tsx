import { integer } from '../format'
import type { TeamRating } from './leagues-api'

/** z of a two-sided 90 % normal interval: the interval bars span rating ± Z90 · rating_uncertainty. */
const Z90 = 1.645

const WIDTH = 720
const ROW = 22
const MARGIN = { top: 16, right: 16, bottom: 40, left: 190 }

const low = (team: TeamRating) => team.rating - Z90 * team.rating_uncertainty
const high = (team: TeamRating) => team.rating + Z90 * team.rating_uncertainty

/**
 * The fitted ratings as interval bars (90 %: ± 1.645 standard deviations), one row per team, with
 * the true rating marked when the league is synthetic. The text alternative is the table after it
 * (RatingsTable) and the figure's description.
 */
export function RatingsChart ({ teams, synthetic }: { teams: TeamRating[], synthetic: boolean }) {
  const values = teams.flatMap((team) => [low(team), high(team), ...(team.true_rating === undefined ? [] : [team.true_rating])])
  const min = Math.floor(Math.min(...values) / 50) * 50
  const max = Math.ceil(Math.max(...values) / 50) * 50
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const height = MARGIN.top + teams.length * ROW + MARGIN.bottom
  const x = (r: number) => MARGIN.left + ((r - min) / Math.max(1, max - min)) * plotW
  const step = max - min > 600 ? 200 : 100
  const ticks: number[] = []
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t)
  const covered = synthetic ? teams.filter((team) => team.true_rating !== undefined && team.true_rating >= low(team) && team.true_rating <= high(team)).length : 0
  const description = `${teams.length} teams, rated from ${integer(Math.round(teams[teams.length - 1]?.rating ?? 0))} to ${integer(Math.round(teams[0]?.rating ?? 0))} Elo points; ` +
    'each bar is the 90% interval of the rating (1.645 standard deviations either side of the fitted value, the dot).' +
    (synthetic ? ` The diamond is the true rating the matches were generated from: it lies inside the interval for ${covered} of ${teams.length} teams.` : '') +
    ' The table below lists every value.'
  return (
    <figure class='chart' data-testid='ratings-chart'>
      <div class='table-scroll chart-scroll' tabIndex={0} role='region' aria-label='Fitted ratings chart (scrolls sideways on a narrow screen)'>
        <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role='img' aria-labelledby='ratings-chart-title' aria-describedby='ratings-chart-desc'>
          <title id='ratings-chart-title'>Fitted ratings with their 90% intervals{synthetic ? ' and the true ratings' : ''}</title>
          <desc id='ratings-chart-desc'>{description}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line class='grid-line' x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
              <text class='tick' x={x(t)} y={height - MARGIN.bottom + 16} text-anchor='middle'>{integer(t)}</text>
            </g>
          ))}
          {teams.map((team, i) => {
            const y = MARGIN.top + i * ROW + ROW / 2
            return (
              <g key={team.team_id}>
                <text class='team-name' x={MARGIN.left - 8} y={y + 4} text-anchor='end'>{team.name}</text>
                <line class='interval' x1={x(low(team))} x2={x(high(team))} y1={y} y2={y} />
                <circle class='fitted' cx={x(team.rating)} cy={y} r={4.5} />
                {team.true_rating !== undefined && (
                  <path class='truth' d={`M ${x(team.true_rating)} ${y - 6} l 5 6 l -5 6 l -5 -6 z`} />
                )}
              </g>
            )
          })}
          <text class='tick' x={MARGIN.left + plotW / 2} y={height - 6} text-anchor='middle'>Rating, Elo points (bar: 90% interval)</text>
        </svg>
      </div>
      <figcaption>
        <span class='legend'>
          <span class='key key-home' aria-hidden='true' /> fitted rating and its 90% interval
          {synthetic && <> <span class='key key-truth' aria-hidden='true' /> true rating</>}
        </span>
        <br />{description}
      </figcaption>
    </figure>
  )
}

/** The ratings as a table (the chart's text alternative, and the numbers a test reads). */
export function RatingsTable ({ teams, synthetic }: { teams: TeamRating[], synthetic: boolean }) {
  return (
    <div class='table-scroll' tabIndex={0} role='region' aria-label='Ratings table (scrolls sideways)'>
      <table data-testid='ratings-table'>
        <caption>Fitted ratings (Elo points) with one standard deviation and the 90% interval</caption>
        <thead>
          <tr>
            <th scope='col'>#</th><th scope='col'>Team</th><th scope='col' class='num'>Rating</th><th scope='col' class='num'>± 1 sd</th>
            <th scope='col' class='num'>90% interval</th>{synthetic && <th scope='col' class='num'>True rating</th>}
            <th scope='col' class='num'>Matches</th><th scope='col'>Last match</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team, i) => (
            <tr key={team.team_id}>
              <td>{i + 1}</td>
              <th scope='row'>{team.name}</th>
              <td class='num'>{team.rating.toFixed(1)}</td>
              <td class='num'>{team.rating_uncertainty.toFixed(1)}</td>
              <td class='num'>{Math.round(low(team))}–{Math.round(high(team))}</td>
              {synthetic && <td class='num'>{team.true_rating === undefined ? '—' : team.true_rating.toFixed(1)}</td>}
              <td class='num'>{team.matches}</td>
              <td>{team.last_match_date ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
