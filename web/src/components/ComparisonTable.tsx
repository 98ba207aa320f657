import type { Schemas } from '../api/client'
import { percent, score } from '../format'
import { RangeChart } from '../charts/RangeChart'
import { ScrollTable } from '../charts/kit'
import { Heading } from './Heading'

type Comparative = Schemas['ComparativeAnalysisResponse']

/** The comparison of a comparative analysis: each event's 5th–95th range side by side, then one row per event, most volatile first. */
export function ComparisonTable ({ answer, idPrefix, level }: { answer: Pick<Comparative, 'comparison' | 'most_uncertain' | 'least_uncertain' | 'events'>, idPrefix: string, level: number }) {
  const name = (label: string) => {
    const row = answer.comparison.find((r) => r.label === label || r.event_id === label)
    return row === undefined ? label : `${row.home_team} v ${row.away_team}`
  }
  return (
    <section class='panel' aria-labelledby={`${idPrefix}-comparison`}>
      <Heading level={level} id={`${idPrefix}-comparison`}>Events compared, most uncertain first</Heading>
      <p>Most uncertain: <strong>{name(answer.most_uncertain)}</strong>. Least uncertain: <strong>{name(answer.least_uncertain)}</strong>.</p>
      <RangeChart
        testId='comparison-chart' idPrefix={idPrefix}
        title='Home-win probability per event: the middle 90% of the simulated values (5th to 95th percentile) and the median'
        rows={answer.events.map((e) => ({ label: `${e.home_team} v ${e.away_team}`, low: e.percentiles.p5, high: e.percentiles.p95, mid: e.percentiles.p50, describe: 'home-win probability, middle 90%' }))}
      />
      <p class='legend'>Each bar spans the middle 90% of the simulated home-win probabilities of one event; the dot is the median. A longer bar means a less settled number.</p>
      <ScrollTable label='Comparison table'>
        <table data-testid='comparison-table' class='stack'>
          <caption>Outcome shares and uncertainty metrics per event</caption>
          <thead>
            <tr>
              <th scope='col'>Event</th><th scope='col'>Home win</th><th scope='col'>Draw</th><th scope='col'>Away win</th>
              <th scope='col'>Volatility (0–100)</th><th scope='col'>Data quality (0–100)</th><th scope='col'>Confidence decay per day</th>
            </tr>
          </thead>
          <tbody>
            {answer.comparison.map((row) => (
              <tr key={row.label}>
                <th scope='row'>{row.home_team} v {row.away_team}</th>
                <td data-label='Home win'>{percent(row.prob_home)}</td><td data-label='Draw'>{percent(row.prob_draw)}</td><td data-label='Away win'>{percent(row.prob_away)}</td>
                <td data-label='Volatility'>{score(row.volatility_score)}</td><td data-label='Data quality'>{score(row.data_quality_index)}</td><td data-label='Confidence decay per day'>{percent(row.confidence_decay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  )
}
