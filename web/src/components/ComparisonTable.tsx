import type { Schemas } from '../api/client'
import { percent, score } from '../format'

type Comparative = Schemas['ComparativeAnalysisResponse']

/** The comparison of a comparative analysis: one row per event, most volatile first. */
export function ComparisonTable ({ answer, idPrefix }: { answer: Pick<Comparative, 'comparison' | 'most_uncertain' | 'least_uncertain'>, idPrefix: string }) {
  return (
    <section class='panel' aria-labelledby={`${idPrefix}-comparison`}>
      <h3 id={`${idPrefix}-comparison`}>Events compared, most uncertain first</h3>
      <p>Most uncertain: <strong>{answer.most_uncertain}</strong>. Least uncertain: <strong>{answer.least_uncertain}</strong>.</p>
      <div class='table-scroll'>
        <table data-testid='comparison-table'>
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
                <td>{percent(row.prob_home)}</td><td>{percent(row.prob_draw)}</td><td>{percent(row.prob_away)}</td>
                <td>{score(row.volatility_score)}</td><td>{score(row.data_quality_index)}</td><td>{percent(row.confidence_decay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
