import type { Schemas } from '../api/client'
import { percent, wholePercent } from '../format'
import { Readout, useNarrow, useReadout } from '../charts/kit'
import { plainText } from '../plain'

type Scenario = Pick<Schemas['ScenarioSummary'], 'name' | 'prob_home' | 'prob_draw' | 'prob_away' | 'percentiles' | 'note'>

const ROW = 60

export const SCENARIO_LABEL: Record<Scenario['name'], string> = {
  conservative: 'Conservative',
  base: 'Base',
  aggressive: 'Aggressive'
}

/**
 * The scenarios side by side: one row each, a bar split into home / draw / away shares with
 * their values written on them and gridlines every 25%, and under it the 5th–95th percentile
 * range of the home-win probability. Each segment shows its value on hover and keyboard focus.
 * The table is the text alternative; on phones it stacks into one card per scenario.
 */
export function ScenarioComparison ({ scenarios, homeTeam, awayTeam, idPrefix }: {
  scenarios: Scenario[]
  homeTeam: string
  awayTeam: string
  idPrefix: string
}) {
  const narrow = useNarrow()
  const readout = useReadout()
  const width = narrow ? 360 : 640
  const left = narrow ? 92 : 120
  const right = 16
  const plotW = width - left - right
  const height = scenarios.length * ROW + 34
  const x = (p: number) => left + p * plotW
  const titleId = `${idPrefix}-scen-title`
  const grid = [0, 0.25, 0.5, 0.75, 1]
  return (
    <figure class='chart' data-testid='scenario-chart'>
      <svg viewBox={`0 0 ${width} ${height}`} role='group' aria-labelledby={titleId} data-chart='scenarios'>
        <title id={titleId}>Outcome shares and home-win percentile range per scenario (details in the table below)</title>
        {grid.map((g) => <line key={g} class='grid' x1={x(g)} x2={x(g)} y1={4} y2={height - 24} />)}
        {scenarios.map((s, i) => {
          const top = 8 + i * ROW
          const segments: Array<{ key: string, cls: string, from: number, share: number, label: string }> = [
            { key: 'home', cls: 'seg-home', from: 0, share: s.prob_home, label: `${homeTeam} win` },
            { key: 'draw', cls: 'seg-draw', from: s.prob_home, share: s.prob_draw, label: 'Draw' },
            { key: 'away', cls: 'seg-away', from: s.prob_home + s.prob_draw, share: s.prob_away, label: `${awayTeam} win` }
          ]
          return (
            <g key={s.name}>
              <text class='tick' x={left - 8} y={top + 16} text-anchor='end'>{SCENARIO_LABEL[s.name]}</text>
              {segments.map((seg, j) => {
                const index = i * 4 + j
                return (
                  <g key={seg.key}>
                    <rect
                      class={`seg ${seg.cls}${readout.active === index ? ' active' : ''}`} x={x(seg.from)} y={top} width={seg.share * plotW} height={24}
                      {...readout.focusProps(index, `${SCENARIO_LABEL[s.name]} scenario: ${seg.label} in ${percent(seg.share)} of simulations`)}
                    />
                    {seg.share * plotW >= 44 && (
                      <text class={`seg-label${seg.key === 'draw' ? ' on-draw' : ''}`} x={x(seg.from + seg.share / 2)} y={top + 16} text-anchor='middle' aria-hidden='true'>{percent(seg.share)}</text>
                    )}
                  </g>
                )
              })}
              <line class='range' x1={x(s.percentiles.p5)} x2={x(s.percentiles.p95)} y1={top + 38} y2={top + 38} />
              <line class='range' x1={x(s.percentiles.p5)} x2={x(s.percentiles.p5)} y1={top + 33} y2={top + 43} />
              <line class='range' x1={x(s.percentiles.p95)} x2={x(s.percentiles.p95)} y1={top + 33} y2={top + 43} />
              <circle
                class={`median-dot${readout.active === i * 4 + 3 ? ' active' : ''}`} cx={x(s.percentiles.p50)} cy={top + 38} r={5}
                {...readout.focusProps(i * 4 + 3, `${SCENARIO_LABEL[s.name]} scenario: home-win probability ${percent(s.percentiles.p5)} (5th percentile) to ${percent(s.percentiles.p95)} (95th), median ${percent(s.percentiles.p50)}`)}
              />
            </g>
          )
        })}
        {grid.map((g) => (
          <text key={g} class='tick' x={x(g)} y={height - 8} text-anchor={g === 0 ? 'start' : g === 1 ? 'end' : 'middle'}>{wholePercent(g)}</text>
        ))}
      </svg>
      <Readout text={readout.text} hint='Point at a segment or a dot, or move the keyboard focus onto it, to read its value.' />
      <p class='legend'>
        <span class='key key-home' aria-hidden='true' /> {homeTeam} win <span class='key key-draw' aria-hidden='true' /> draw{' '}
        <span class='key key-away' aria-hidden='true' /> {awayTeam} win. The line under each bar spans the middle 90% of the simulated
        home-win probabilities (5th to 95th percentile); the dot is their median.
      </p>
      <table class='stack'>
        <caption>Scenarios side by side</caption>
        <thead>
          <tr>
            <th scope='col'>Scenario</th><th scope='col'>Home win</th><th scope='col'>Draw</th><th scope='col'>Away win</th>
            <th scope='col'>Home-win probability, middle 90% (median)</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.name}>
              <th scope='row'>{SCENARIO_LABEL[s.name]}</th>
              <td data-label='Home win'>{percent(s.prob_home)}</td><td data-label='Draw'>{percent(s.prob_draw)}</td><td data-label='Away win'>{percent(s.prob_away)}</td>
              <td data-label='Home-win probability, middle 90% (median)'>{percent(s.percentiles.p5)} – {percent(s.percentiles.p95)} ({percent(s.percentiles.p50)})</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details class='scenario-notes'>
        <summary>The service’s note on each scenario</summary>
        <p class='hint'>
          Two ranges appear on this page. The chart and the table show the <strong>middle 90%</strong> of the simulated home-win
          probabilities (5th to 95th percentile). The notes below quote a <strong>95% interval</strong>, which leaves out only the lowest
          and highest 2.5% and is therefore a little wider. Both describe the same simulations.
        </p>
        <ul>{scenarios.map((s) => <li key={s.name}>{plainText(s.note)}</li>)}</ul>
      </details>
    </figure>
  )
}
