import type { Schemas } from '../api/client'
import { percent, wholePercent } from '../format'
import { Readout, ScrollTable, useNarrow, useReadout } from '../charts/kit'

type Histogram = Schemas['Histogram']
type Percentiles = Schemas['Percentiles']

const MARGIN = { top: 28, right: 16, bottom: 44, left: 48 }

/**
 * Histogram of the simulated home-win probability (20 bins on [0, 1]) with the p5–p95 band and
 * the median marked, the median's bin in a darker colour. Every bar shows its value on hover and
 * on keyboard focus. Without a histogram (an older service) the band and median are drawn alone.
 * The text alternative is the sentence under the chart and the table of bins.
 */
export function DistributionChart ({ histogram, percentiles, homeTeam, idPrefix }: {
  histogram: Histogram | undefined
  percentiles: Percentiles
  homeTeam: string
  idPrefix: string
}) {
  const narrow = useNarrow()
  const readout = useReadout()
  const width = narrow ? 360 : 640
  const height = narrow ? 240 : 260
  const plotW = width - MARGIN.left - MARGIN.right
  const plotH = height - MARGIN.top - MARGIN.bottom
  const x = (p: number) => MARGIN.left + p * plotW
  const frequencies = histogram?.frequencies ?? []
  const tallest = Math.max(0.05, ...frequencies)
  const y = (f: number) => MARGIN.top + plotH - (f / tallest) * plotH
  const ticks = [0, 0.25, 0.5, 0.75, 1]
  const yTicks = [0, tallest / 2, tallest]
  const medianBin = histogram === undefined ? -1 : histogram.bins.findIndex((edge, i) => i < frequencies.length && percentiles.p50 >= edge && (percentiles.p50 < histogram.bins[i + 1] || i === frequencies.length - 1))
  const titleId = `${idPrefix}-dist-title`
  const descId = `${idPrefix}-dist-desc`
  const summary = `Across the simulations, the home-win probability of ${homeTeam} has a median of ${percent(percentiles.p50)}; ` +
    `90% of the simulated values lie between ${percent(percentiles.p5)} (5th percentile) and ${percent(percentiles.p95)} (95th percentile), ` +
    `and half between ${percent(percentiles.p25)} and ${percent(percentiles.p75)}.`
  const binText = (i: number) => histogram === undefined
    ? ''
    : `Home-win probability ${percent(histogram.bins[i])} – ${percent(histogram.bins[i + 1])}: ${percent(frequencies[i])} of simulations${i === medianBin ? ' (the median’s bin)' : ''}`
  return (
    <figure class='chart' data-testid='distribution-chart'>
      <svg viewBox={`0 0 ${width} ${height}`} role='group' aria-labelledby={titleId} aria-describedby={descId} data-chart='distribution'>
        <title id={titleId}>Distribution of the simulated home-win probability of {homeTeam}</title>
        <desc id={descId}>{summary}</desc>
        <rect class='band' x={x(percentiles.p5)} y={MARGIN.top} width={Math.max(1, x(percentiles.p95) - x(percentiles.p5))} height={plotH} />
        {histogram !== undefined && yTicks.map((t) => (
          <line key={`g${t}`} class='grid' x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(t)} y2={y(t)} />
        ))}
        {histogram !== undefined && frequencies.map((f, i) => (
          <rect
            key={i} class={`bar${i === medianBin ? ' median-bin' : ''}${readout.active === i ? ' active' : ''}`}
            x={x(histogram.bins[i]) + 1} width={Math.max(0, x(histogram.bins[i + 1]) - x(histogram.bins[i]) - 2)}
            y={Math.min(y(f), MARGIN.top + plotH - 1)} height={Math.max(1, MARGIN.top + plotH - y(f))}
            {...readout.focusProps(i, binText(i))}
          />
        ))}
        <line class='median' x1={x(percentiles.p50)} x2={x(percentiles.p50)} y1={MARGIN.top} y2={MARGIN.top + plotH} />
        <text class='label' x={Math.min(Math.max(x(percentiles.p50), MARGIN.left + 50), MARGIN.left + plotW - 50)} y={MARGIN.top - 10} text-anchor='middle'>median {percent(percentiles.p50)}</text>
        <line class='axis' x1={MARGIN.left} x2={MARGIN.left + plotW} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH} />
        {ticks.map((t) => (
          <g key={t}>
            <line class='axis' x1={x(t)} x2={x(t)} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH + 5} />
            <text class='tick' x={x(t)} y={MARGIN.top + plotH + 18} text-anchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}>{wholePercent(t)}</text>
          </g>
        ))}
        {histogram !== undefined && yTicks.map((t) => (
          <text key={t} class='tick' x={MARGIN.left - 6} y={y(t) + 4} text-anchor='end'>{percent(t)}</text>
        ))}
        <text class='tick' x={MARGIN.left + plotW / 2} y={height - 6} text-anchor='middle'>{narrow ? 'Home-win probability (shaded: 5th–95th pct.)' : 'Simulated home-win probability (shaded: 5th–95th percentile)'}</text>
      </svg>
      {histogram !== undefined && <Readout text={readout.text} hint='Point at a bar, or move the keyboard focus onto it, to read its value.' />}
      <figcaption>{summary}</figcaption>
      {histogram === undefined
        ? <p class='missing'>This answer carries no histogram, so only the percentile band and the median are drawn.</p>
        : (
          <details>
            <summary>Histogram as a table</summary>
            <ScrollTable label='Histogram table'>
              <table>
                <caption>Share of simulations per probability bin</caption>
                <thead><tr><th scope='col'>Home-win probability</th><th scope='col'>Share of simulations</th></tr></thead>
                <tbody>
                  {frequencies.map((f, i) => (
                    <tr key={i}><td>{percent(histogram.bins[i])} – {percent(histogram.bins[i + 1])}{i === medianBin ? ' (median)' : ''}</td><td>{percent(f)}</td></tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </details>
          )}
    </figure>
  )
}
