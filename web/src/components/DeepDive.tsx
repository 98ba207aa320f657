import type { Schemas } from '../api/client'
import { decimal, percent, points, score } from '../format'

type DeepDiveAnswer = Schemas['DeepDiveResponse']

const PARAMETER_NAME: Record<Schemas['SensitivityEntry']['parameter'], string> = {
  home_advantage: 'Home advantage',
  home_rating: 'Home rating',
  away_rating: 'Away rating'
}

/** The deep dive's reading: risk, explanation, sensitivity to each input and Monte Carlo convergence. */
export function DeepDive ({ answer, idPrefix }: { answer: Pick<DeepDiveAnswer, 'risk' | 'explanation' | 'convergence'>, idPrefix: string }) {
  const { risk, explanation, convergence } = answer
  return (
    <section class='panel' aria-labelledby={`${idPrefix}-deep-dive`}>
      <h3 id={`${idPrefix}-deep-dive`}>Reading the simulation</h3>
      <p>{explanation.summary}</p>
      <p>Uncertainty score: <strong>{score(risk.score)} / 100 ({risk.band.toLowerCase()})</strong>. {risk.rationale}</p>
      <ul>
        <li>{explanation.scenarios.most_likely.description}</li>
        <li>{explanation.scenarios.surprise.description}</li>
      </ul>
      <h4>Assumptions and limits</h4>
      <ul>{explanation.caveats.map((caveat) => <li key={caveat}>{caveat}</li>)}</ul>
      <h4>Sensitivity: how much the home-win probability moves</h4>
      <table>
        <caption>Closed-form home-win probability after moving one input by 50 Elo points</caption>
        <thead><tr><th scope='col'>Input</th><th scope='col'>Change</th><th scope='col'>Home-win probability</th><th scope='col'>Shift</th><th scope='col'>Impact</th></tr></thead>
        <tbody>
          {explanation.sensitivity.map((entry) => (
            <tr key={`${entry.parameter}${entry.change}`}>
              <th scope='row'>{PARAMETER_NAME[entry.parameter]}</th>
              <td>{entry.change > 0 ? '+' : '−'}{Math.abs(entry.change)} points</td>
              <td>{percent(entry.prob_home)}</td>
              <td>{points(entry.delta_prob_home)}</td>
              <td>{entry.impact.toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Convergence: how precise the shares are</h4>
      <table>
        <caption>Monte Carlo standard errors over {convergence.n_sims} simulations, and the model without rating uncertainty</caption>
        <thead><tr><th scope='col'>Outcome</th><th scope='col'>Standard error</th><th scope='col'>Closed form (no rating uncertainty)</th></tr></thead>
        <tbody>
          <tr><th scope='row'>Home win</th><td>± {decimal(convergence.standard_errors.home, 4)}</td><td>{percent(convergence.closed_form.prob_home)}</td></tr>
          <tr><th scope='row'>Draw</th><td>± {decimal(convergence.standard_errors.draw, 4)}</td><td>{percent(convergence.closed_form.prob_draw)}</td></tr>
          <tr><th scope='row'>Away win</th><td>± {decimal(convergence.standard_errors.away, 4)}</td><td>{percent(convergence.closed_form.prob_away)}</td></tr>
        </tbody>
      </table>
    </section>
  )
}
