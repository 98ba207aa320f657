import type { Schemas } from '../api/client'
import { percent } from '../format'

type Scenario = Pick<Schemas['ScenarioSummary'], 'name' | 'prob_home' | 'prob_draw' | 'prob_away' | 'percentiles' | 'note'>

const WIDTH = 640
const ROW = 56
const LEFT = 120
const RIGHT = 16
const PLOT_W = WIDTH - LEFT - RIGHT

const SCENARIO_LABEL: Record<Scenario['name'], string> = {
  conservative: 'Conservative',
  base: 'Base',
  aggressive: 'Aggressive'
}

/**
 * The scenarios side by side: one row each, a bar split into home / draw / away shares, and
 * under it the 5th–95th percentile range of the home-win probability. The table is the text
 * alternative.
 */
export function ScenarioComparison ({ scenarios, homeTeam, awayTeam, idPrefix }: {
  scenarios: Scenario[]
  homeTeam: string
  awayTeam: string
  idPrefix: string
}) {
  const height = scenarios.length * ROW + 40
  const x = (p: number) => LEFT + p * PLOT_W
  const titleId = `${idPrefix}-scen-title`
  return (
    <figure class='chart' data-testid='scenario-chart'>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role='img' aria-labelledby={titleId}>
        <title id={titleId}>Outcome shares and home-win percentile range per scenario (details in the table below)</title>
        {scenarios.map((s, i) => {
          const top = 8 + i * ROW
          return (
            <g key={s.name}>
              <text class='tick' x={LEFT - 8} y={top + 14} text-anchor='end'>{SCENARIO_LABEL[s.name]}</text>
              <rect class='seg-home' x={x(0)} y={top} width={s.prob_home * PLOT_W} height={20} />
              <rect class='seg-draw' x={x(s.prob_home)} y={top} width={s.prob_draw * PLOT_W} height={20} />
              <rect class='seg-away' x={x(s.prob_home + s.prob_draw)} y={top} width={s.prob_away * PLOT_W} height={20} />
              <line class='range' x1={x(s.percentiles.p5)} x2={x(s.percentiles.p95)} y1={top + 32} y2={top + 32} />
              <line class='range' x1={x(s.percentiles.p5)} x2={x(s.percentiles.p5)} y1={top + 27} y2={top + 37} />
              <line class='range' x1={x(s.percentiles.p95)} x2={x(s.percentiles.p95)} y1={top + 27} y2={top + 37} />
              <circle class='median-dot' cx={x(s.percentiles.p50)} cy={top + 32} r={4} />
            </g>
          )
        })}
        <text class='tick' x={LEFT} y={height - 8}>0%</text>
        <text class='tick' x={LEFT + PLOT_W} y={height - 8} text-anchor='end'>100%</text>
      </svg>
      <p class='legend'>
        <span class='key key-home' aria-hidden='true' /> {homeTeam} win <span class='key key-draw' aria-hidden='true' /> draw{' '}
        <span class='key key-away' aria-hidden='true' /> {awayTeam} win; the line under each bar spans the 5th–95th percentile of the home-win probability, the dot is its median.
      </p>
      <table>
        <caption>Scenarios side by side</caption>
        <thead>
          <tr>
            <th scope='col'>Scenario</th><th scope='col'>Home win</th><th scope='col'>Draw</th><th scope='col'>Away win</th>
            <th scope='col'>Home-win probability, 5th–95th percentile (median)</th><th scope='col'>Reading</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.name}>
              <th scope='row'>{SCENARIO_LABEL[s.name]}</th>
              <td>{percent(s.prob_home)}</td><td>{percent(s.prob_draw)}</td><td>{percent(s.prob_away)}</td>
              <td>{percent(s.percentiles.p5)} – {percent(s.percentiles.p95)} ({percent(s.percentiles.p50)})</td>
              <td>{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
