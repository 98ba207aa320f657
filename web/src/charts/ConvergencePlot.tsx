import type { Schemas } from '../api/client'
import { decimal, integer } from '../format'
import { Readout, useNarrow, useReadout } from './kit'

type Convergence = Schemas['Convergence']

const OUTCOMES = [
  { key: 'home', label: 'Home win', cls: 'curve' },
  { key: 'draw', label: 'Draw', cls: 'curve curve-draw' },
  { key: 'away', label: 'Away win', cls: 'curve curve-away' }
] as const

/**
 * The deep dive's convergence as a plot: a Monte Carlo standard error shrinks with the square
 * root of the number of simulations, SE(n) = SE(N)·√(N/n), so the run's own standard error at
 * N (the dot) fixes the whole curve. It shows what fewer or more simulations would buy.
 */
export function ConvergencePlot ({ convergence, idPrefix }: { convergence: Convergence, idPrefix: string }) {
  const narrow = useNarrow()
  const readout = useReadout()
  const n = convergence.n_sims
  const width = narrow ? 360 : 640
  const height = 220
  const margin = { top: 16, right: 16, bottom: 40, left: narrow ? 52 : 60 }
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const sizes = [0.1, 0.25, 0.5, 1, 2, 4, 8].map((f) => Math.max(10, Math.round(n * f)))
  const lo = Math.log(sizes[0])
  const hi = Math.log(sizes[sizes.length - 1])
  const x = (size: number) => margin.left + ((Math.log(size) - lo) / (hi - lo)) * plotW
  const se = (key: 'home' | 'draw' | 'away', size: number) => convergence.standard_errors[key] * Math.sqrt(n / size)
  const top = Math.max(0.001, ...OUTCOMES.map((o) => se(o.key, sizes[0])))
  const y = (value: number) => margin.top + plotH - (value / top) * plotH
  const titleId = `${idPrefix}-convergence-title`
  return (
    <figure class='chart' data-testid='convergence-plot'>
      <svg viewBox={`0 0 ${width} ${height}`} role='group' aria-labelledby={titleId} data-chart='convergence'>
        <title id={titleId}>Standard error of each outcome share against the number of simulations (this run: {integer(n)})</title>
        {[0, top / 2, top].map((t) => (
          <g key={t}>
            <line class='grid' x1={margin.left} x2={margin.left + plotW} y1={y(t)} y2={y(t)} />
            <text class='tick' x={margin.left - 6} y={y(t) + 4} text-anchor='end'>{decimal(t, 3)}</text>
          </g>
        ))}
        {OUTCOMES.map((o) => (
          <polyline key={o.key} class={o.cls} points={sizes.map((size) => `${x(size)},${y(se(o.key, size))}`).join(' ')} />
        ))}
        {OUTCOMES.map((o, i) => (
          <circle
            key={o.key} class={`point${readout.active === i ? ' active' : ''}`} cx={x(n)} cy={y(se(o.key, n))} r={5}
            {...readout.focusProps(i, `${o.label}: standard error ± ${decimal(se(o.key, n), 4)} at ${integer(n)} simulations; ± ${decimal(se(o.key, n * 4), 4)} at ${integer(n * 4)}`)}
          />
        ))}
        <line class='axis' x1={margin.left} x2={margin.left + plotW} y1={margin.top + plotH} y2={margin.top + plotH} />
        {sizes.filter((_, i) => !narrow || i % 2 === 0 || sizes[i] === n).map((size) => (
          <text key={size} class='tick' x={x(size)} y={margin.top + plotH + 16} text-anchor='middle'>{integer(size)}</text>
        ))}
        <text class='tick' x={margin.left + plotW / 2} y={height - 4} text-anchor='middle'>number of simulations (log scale)</text>
      </svg>
      <Readout text={readout.text} hint='Point at a dot, or move the keyboard focus onto it, to read its value.' />
      <p class='legend'>
        The standard error of the home-win share (solid line), the draw share (dashed) and the away-win share (dotted); the dots are this run.
        Four times as many simulations halve each standard error.
      </p>
    </figure>
  )
}
