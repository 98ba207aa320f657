import type { Schemas } from '../api/client'
import { percent, points } from '../format'
import { Readout, useNarrow, useReadout } from './kit'

type Entry = Schemas['SensitivityEntry']

export const PARAMETER_NAME: Record<Entry['parameter'], string> = {
  home_advantage: 'Home advantage',
  home_rating: 'Home rating',
  away_rating: 'Away rating'
}

/**
 * The sensitivity as a tornado chart: one row per input, the shift of the closed-form home-win
 * probability when that input moves down (left of the centre line when it lowers it) and up,
 * widest input first. Hover/focus reads each bar; the sensitivity table is the text alternative.
 */
export function TornadoChart ({ entries, idPrefix }: { entries: Entry[], idPrefix: string }) {
  const narrow = useNarrow()
  const readout = useReadout()
  const parameters = [...new Set(entries.map((e) => e.parameter))]
    .map((parameter) => ({ parameter, items: entries.filter((e) => e.parameter === parameter) }))
    .sort((a, b) => Math.max(...b.items.map((e) => Math.abs(e.delta_prob_home))) - Math.max(...a.items.map((e) => Math.abs(e.delta_prob_home))))
  const width = narrow ? 360 : 640
  const left = narrow ? 110 : 150
  const right = 16
  const plotW = width - left - right
  const widest = Math.max(0.01, ...entries.map((e) => Math.abs(e.delta_prob_home)))
  const centre = left + plotW / 2
  const scale = (plotW / 2 - 40) / widest
  const rowH = 40
  const height = parameters.length * rowH + 40
  const titleId = `${idPrefix}-tornado-title`
  let index = 0
  return (
    <figure class='chart' data-testid='tornado-chart'>
      <svg viewBox={`0 0 ${width} ${height}`} role='group' aria-labelledby={titleId} data-chart='tornado'>
        <title id={titleId}>Tornado chart: shift of the home-win probability when one input moves by 50 Elo points</title>
        {parameters.map(({ parameter, items }, row) => {
          const cy = 10 + row * rowH + 14
          return (
            <g key={parameter}>
              <text class='tick' x={left - 8} y={cy + 4} text-anchor='end'>{PARAMETER_NAME[parameter]}</text>
              {items.map((entry) => {
                const i = index++
                const w = Math.max(1, Math.abs(entry.delta_prob_home) * scale)
                const barX = entry.delta_prob_home >= 0 ? centre : centre - w
                const label = `${PARAMETER_NAME[parameter]} ${entry.change > 0 ? '+' : '−'}${Math.abs(entry.change)} points: home-win probability ${percent(entry.prob_home)} (${points(entry.delta_prob_home)})`
                return (
                  <g key={entry.change}>
                    <rect class={`seg ${entry.delta_prob_home >= 0 ? 'tornado-up' : 'tornado-down'}${readout.active === i ? ' active' : ''}`} x={barX} y={cy - 10} width={w} height={20} {...readout.focusProps(i, label)} />
                    <text class='tick' x={entry.delta_prob_home >= 0 ? barX + w + 4 : barX - 4} y={cy + 4} text-anchor={entry.delta_prob_home >= 0 ? 'start' : 'end'} aria-hidden='true'>{points(entry.delta_prob_home)}</text>
                  </g>
                )
              })}
            </g>
          )
        })}
        <line class='zero' x1={centre} x2={centre} y1={4} y2={height - 26} />
        <text class='tick' x={centre} y={height - 8} text-anchor='middle'>{narrow ? 'shift (pts)' : 'shift of the home-win probability (percentage points)'}</text>
      </svg>
      <Readout text={readout.text} hint='Point at a bar, or move the keyboard focus onto it, to read its value.' />
      <p class='legend'><span class='key key-home' aria-hidden='true' /> raises the home-win probability <span class='key key-away' aria-hidden='true' /> lowers it.</p>
    </figure>
  )
}
