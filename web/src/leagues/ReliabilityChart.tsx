import { useState } from 'preact/hooks'
import { decimal, integer, percent, wholePercent } from '../format'
import type { Backtest, ReliabilityBin } from './leagues-api'

type OutcomeKey = 'home' | 'draw' | 'away'
const OUTCOMES: Array<{ key: OutcomeKey, name: string }> = [
  { key: 'home', name: 'Home win' },
  { key: 'draw', name: 'Draw' },
  { key: 'away', name: 'Away win' }
]

const SIZE = 420
const MARGIN = { top: 16, right: 16, bottom: 48, left: 56 }
const PLOT = SIZE - MARGIN.left - MARGIN.right
const px = (p: number) => MARGIN.left + p * PLOT
const py = (p: number) => MARGIN.top + PLOT - p * PLOT
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1]

type FilledBin = ReliabilityBin & { mean_predicted: number, observed: number, ci_lower: number, ci_upper: number }
const filled = (bin: ReliabilityBin): bin is FilledBin => bin.count > 0 && bin.mean_predicted !== null && bin.observed !== null && bin.ci_lower !== null && bin.ci_upper !== null

/**
 * The reliability diagram of a backtest (SPEC §13.3): for one outcome at a time (chosen with the
 * radio buttons), each bin of predicted probability is a dot at (mean predicted, observed
 * frequency) with its 95 % Wilson interval; a calibrated model's dots sit on the diagonal. The
 * text alternative is the sentence under it and the table of the bins.
 */
export function ReliabilityChart ({ backtest }: { backtest: Backtest }) {
  const [outcome, setOutcome] = useState<OutcomeKey>('home')
  const bins = backtest.reliability[outcome]
  const shown = bins.filter(filled)
  const name = OUTCOMES.find((o) => o.key === outcome)?.name ?? outcome
  const inside = shown.filter((bin) => bin.mean_predicted >= bin.ci_lower && bin.mean_predicted <= bin.ci_upper).length
  const largest = Math.max(1, ...shown.map((bin) => bin.count))
  const description = `${name}: ${integer(backtest.n)} predicted matches in ${shown.length} non-empty bins of predicted probability. ` +
    `In ${inside} of the ${shown.length} bins the mean predicted probability lies inside the 95% Wilson interval of the observed frequency. ` +
    `Expected calibration error ${decimal(backtest.ece[outcome], 4)}.`
  return (
    <section class='panel' aria-labelledby='reliability-heading'>
      <h2 id='reliability-heading'>Reliability: did 70% happen 70% of the time?</h2>
      <p class='hint'>
        Each played match since {backtest.from} was predicted from the matches before it only. The predictions are grouped in ten bins of
        predicted probability; a dot is the bin's mean prediction against how often the outcome happened, the line through it its 95% Wilson
        interval, and a larger dot a fuller bin. A calibrated model's dots lie near the diagonal.
      </p>
      <fieldset class='outcome-choice'>
        <legend>Outcome</legend>
        {OUTCOMES.map((o) => (
          <label key={o.key}>
            <input type='radio' name='reliability-outcome' value={o.key} checked={outcome === o.key} onChange={() => setOutcome(o.key)} /> {o.name}
          </label>
        ))}
      </fieldset>
      <figure class='chart reliability-chart' data-testid='reliability-chart' data-outcome={outcome}>
        <div class='table-scroll chart-scroll' tabIndex={0} role='region' aria-label='Reliability diagram (scrolls sideways on a narrow screen)'>
          <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role='img' aria-labelledby='reliability-title' aria-describedby='reliability-desc'>
            <title id='reliability-title'>Reliability diagram, {name.toLowerCase()}: predicted probability against observed frequency</title>
            <desc id='reliability-desc'>{description}</desc>
            {TICKS.map((t) => (
              <g key={t}>
                <line class='grid-line' x1={px(t)} x2={px(t)} y1={py(0)} y2={py(1)} />
                <line class='grid-line' x1={px(0)} x2={px(1)} y1={py(t)} y2={py(t)} />
                <text class='tick' x={px(t)} y={py(0) + 16} text-anchor='middle'>{wholePercent(t)}</text>
                <text class='tick' x={px(0) - 6} y={py(t) + 4} text-anchor='end'>{wholePercent(t)}</text>
              </g>
            ))}
            <line class='diagonal' x1={px(0)} y1={py(0)} x2={px(1)} y2={py(1)} />
            {shown.map((bin) => (
              <g key={bin.bin_lower}>
                <line class='wilson' x1={px(bin.mean_predicted)} x2={px(bin.mean_predicted)} y1={py(bin.ci_lower)} y2={py(bin.ci_upper)} />
                <circle class='observed' cx={px(bin.mean_predicted)} cy={py(bin.observed)} r={3 + 5 * Math.sqrt(bin.count / largest)} />
              </g>
            ))}
            <text class='tick' x={px(0.5)} y={SIZE - 12} text-anchor='middle'>Predicted probability (bin mean)</text>
            <text class='tick' transform={`translate(14 ${py(0.5)}) rotate(-90)`} text-anchor='middle'>Observed frequency</text>
          </svg>
        </div>
        <figcaption>{description}</figcaption>
      </figure>
      <div class='table-scroll' tabIndex={0} role='region' aria-label='Reliability bins (scrolls sideways)'>
        <table data-testid='reliability-table'>
          <caption>Reliability bins, {name.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope='col'>Predicted</th><th scope='col' class='num'>Matches</th><th scope='col' class='num'>Mean predicted</th>
              <th scope='col' class='num'>Observed</th><th scope='col' class='num'>95% Wilson interval</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.bin_lower}>
                <th scope='row'>{wholePercent(bin.bin_lower)}–{wholePercent(bin.bin_upper)}</th>
                <td class='num'>{bin.count}</td>
                <td class='num'>{bin.mean_predicted === null ? '—' : percent(bin.mean_predicted)}</td>
                <td class='num'>{bin.observed === null ? '—' : percent(bin.observed)}</td>
                <td class='num'>{bin.ci_lower === null || bin.ci_upper === null ? '—' : `${percent(bin.ci_lower)}–${percent(bin.ci_upper)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** The backtest's scores beside the two baselines (lower is better for all three). */
export function BacktestScores ({ backtest }: { backtest: Backtest }) {
  const rows: Array<{ name: string, scores: Backtest['model'] }> = [
    { name: 'The model', scores: backtest.model },
    { name: 'Uniform thirds', scores: backtest.baselines.uniform },
    { name: 'Base rates of earlier matches', scores: backtest.baselines.base_rates }
  ]
  return (
    <section class='panel' aria-labelledby='scores-heading'>
      <h2 id='scores-heading'>Scores beside the baselines</h2>
      <p class='hint'>
        Over {integer(backtest.n)} matches from {backtest.from}. Lower is better for all three: the ranked probability score (RPS) rewards
        probability near the real outcome in the order home, draw, away; the Brier score adds the squared errors of the three probabilities;
        log loss punishes confident mistakes hardest.
      </p>
      <div class='table-scroll' tabIndex={0} role='region' aria-label='Scores (scrolls sideways)'>
        <table data-testid='backtest-scores'>
          <caption>Mean scores of the walk-forward predictions</caption>
          <thead><tr><th scope='col'>Forecaster</th><th scope='col' class='num'>RPS</th><th scope='col' class='num'>Brier</th><th scope='col' class='num'>Log loss</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope='row'>{row.name}</th>
                <td class='num'>{decimal(row.scores.rps, 4)}</td>
                <td class='num'>{decimal(row.scores.brier, 4)}</td>
                <td class='num'>{decimal(row.scores.log_loss, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Expected calibration error (the count-weighted gap between predicted and observed over the bins): home {decimal(backtest.ece.home, 4)},
        draw {decimal(backtest.ece.draw, 4)}, away {decimal(backtest.ece.away, 4)}.
      </p>
    </section>
  )
}
