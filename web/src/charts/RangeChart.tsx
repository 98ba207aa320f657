import { percent, wholePercent } from '../format'
import { Readout, useNarrow, useReadout } from './kit'

export interface RangeRow {
  label: string
  low: number
  high: number
  /** A marked value inside the range (a median), when there is one. */
  mid?: number
  /** What the range is, in words, for the hover/focus readout. */
  describe: string
}

/**
 * Horizontal ranges on a shared 0–100% axis, one row each: the comparison of events (5th–95th
 * percentile and median) and the outcome ranges across scenarios. Each range shows its values
 * on hover and keyboard focus; the caller gives the table that is its text alternative.
 */
export function RangeChart ({ rows, title, testId, idPrefix }: { rows: RangeRow[], title: string, testId: string, idPrefix: string }) {
  const narrow = useNarrow()
  const readout = useReadout()
  const width = narrow ? 360 : 640
  const left = narrow ? 120 : 200
  const right = 20
  const plotW = width - left - right
  const rowH = 34
  const height = rows.length * rowH + 36
  const x = (p: number) => left + Math.min(1, Math.max(0, p)) * plotW
  const grid = [0, 0.25, 0.5, 0.75, 1]
  const titleId = `${idPrefix}-${testId}-title`
  const short = (label: string) => narrow && label.length > 17 ? `${label.slice(0, 16)}…` : label
  return (
    <figure class='chart' data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role='group' aria-labelledby={titleId} data-chart={testId}>
        <title id={titleId}>{title}</title>
        {grid.map((g) => <line key={g} class='grid' x1={x(g)} x2={x(g)} y1={4} y2={height - 24} />)}
        {rows.map((row, i) => {
          const cy = 8 + i * rowH + 12
          return (
            <g key={row.label}>
              <text class='tick' x={left - 8} y={cy + 4} text-anchor='end'>{short(row.label)}</text>
              <rect
                class={`seg seg-home range-bar${readout.active === i ? ' active' : ''}`} x={x(row.low)} y={cy - 7} width={Math.max(2, x(row.high) - x(row.low))} height={14}
                {...readout.focusProps(i, `${row.label}: ${row.describe} ${percent(row.low)} – ${percent(row.high)}${row.mid !== undefined ? `, median ${percent(row.mid)}` : ''}`)}
              />
              {row.mid !== undefined && <circle class='median-dot' cx={x(row.mid)} cy={cy} r={5} aria-hidden='true' />}
            </g>
          )
        })}
        {grid.map((g) => (
          <text key={g} class='tick' x={x(g)} y={height - 8} text-anchor={g === 0 ? 'start' : g === 1 ? 'end' : 'middle'}>{wholePercent(g)}</text>
        ))}
      </svg>
      <Readout text={readout.text} hint='Point at a range, or move the keyboard focus onto it, to read its values.' />
    </figure>
  )
}
