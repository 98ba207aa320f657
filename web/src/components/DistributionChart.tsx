import type { Schemas } from '../api/client'
import { percent, wholePercent } from '../format'

type Histogram = Schemas['Histogram']
type Percentiles = Schemas['Percentiles']

const WIDTH = 640
const HEIGHT = 260
const MARGIN = { top: 24, right: 24, bottom: 40, left: 48 }
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom

const x = (p: number) => MARGIN.left + p * PLOT_W

/**
 * Histogram of the simulated home-win probability (20 bins on [0, 1]) with the p5–p95 band and
 * the median marked. Without a histogram (an older service) the band and median are drawn alone.
 * The text alternative is the sentence under the chart and the table of bins.
 */
export function DistributionChart ({ histogram, percentiles, homeTeam, idPrefix }: {
  histogram: Histogram | undefined
  percentiles: Percentiles
  homeTeam: string
  idPrefix: string
}) {
  const frequencies = histogram?.frequencies ?? []
  const tallest = Math.max(0.05, ...frequencies)
  const y = (f: number) => MARGIN.top + PLOT_H - (f / tallest) * PLOT_H
  const ticks = [0, 0.25, 0.5, 0.75, 1]
  const yTicks = [0, tallest / 2, tallest]
  const titleId = `${idPrefix}-dist-title`
  const descId = `${idPrefix}-dist-desc`
  const summary = `Across the simulations, the home-win probability of ${homeTeam} has a median of ${percent(percentiles.p50)}; ` +
    `90% of the simulated values lie between ${percent(percentiles.p5)} (5th percentile) and ${percent(percentiles.p95)} (95th percentile), ` +
    `and half between ${percent(percentiles.p25)} and ${percent(percentiles.p75)}.`
  return (
    <figure class='chart' data-testid='distribution-chart'>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role='img' aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>Distribution of the simulated home-win probability of {homeTeam}</title>
        <desc id={descId}>{summary}</desc>
        <rect class='band' x={x(percentiles.p5)} y={MARGIN.top} width={Math.max(1, x(percentiles.p95) - x(percentiles.p5))} height={PLOT_H} />
        {histogram !== undefined && frequencies.map((f, i) => (
          <rect key={i} class='bar' x={x(histogram.bins[i]) + 1} width={Math.max(0, x(histogram.bins[i + 1]) - x(histogram.bins[i]) - 2)} y={y(f)} height={MARGIN.top + PLOT_H - y(f)} />
        ))}
        <line class='median' x1={x(percentiles.p50)} x2={x(percentiles.p50)} y1={MARGIN.top} y2={MARGIN.top + PLOT_H} />
        <text class='label' x={x(percentiles.p50)} y={MARGIN.top - 8} text-anchor='middle'>median {percent(percentiles.p50)}</text>
        <line class='axis' x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
        {ticks.map((t) => (
          <g key={t}>
            <line class='axis' x1={x(t)} x2={x(t)} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H + 5} />
            <text class='tick' x={x(t)} y={MARGIN.top + PLOT_H + 18} text-anchor='middle'>{wholePercent(t)}</text>
          </g>
        ))}
        {histogram !== undefined && yTicks.map((t) => (
          <text key={t} class='tick' x={MARGIN.left - 6} y={y(t) + 4} text-anchor='end'>{percent(t)}</text>
        ))}
        <text class='tick' x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 4} text-anchor='middle'>Simulated home-win probability (shaded: 5th–95th percentile)</text>
      </svg>
      <figcaption>{summary}</figcaption>
      {histogram === undefined
        ? <p class='missing'>This answer carries no histogram, so only the percentile band and the median are drawn.</p>
        : (
          <details>
            <summary>Histogram as a table</summary>
            <table>
              <caption>Share of simulations per probability bin</caption>
              <thead><tr><th scope='col'>Home-win probability</th><th scope='col'>Share of simulations</th></tr></thead>
              <tbody>
                {frequencies.map((f, i) => (
                  <tr key={i}><td>{percent(histogram.bins[i])} – {percent(histogram.bins[i + 1])}</td><td>{percent(f)}</td></tr>
                ))}
              </tbody>
            </table>
          </details>
          )}
    </figure>
  )
}
