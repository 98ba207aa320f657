import type { Schemas } from '../api/client'
import { decimal, percent, points, score } from '../format'
import { ConvergencePlot } from '../charts/ConvergencePlot'
import { PARAMETER_NAME, TornadoChart } from '../charts/TornadoChart'
import { Heading } from './Heading'

type DeepDiveAnswer = Schemas['DeepDiveResponse']

/** The deep dive's reading: risk, explanation, sensitivity to each input and Monte Carlo convergence. */
export function DeepDive ({ answer, idPrefix, level }: { answer: Pick<DeepDiveAnswer, 'risk' | 'explanation' | 'convergence'>, idPrefix: string, level: number }) {
  const { risk, explanation, convergence } = answer
  return (
    <section class='panel' aria-labelledby={`${idPrefix}-deep-dive`}>
      <Heading level={level} id={`${idPrefix}-deep-dive`}>Reading the simulation</Heading>
      <p>{explanation.summary}</p>
      <p>Uncertainty score: <strong>{score(risk.score)} / 100 ({risk.band.toLowerCase()})</strong>. {risk.rationale}</p>
      <ul>
        <li>{explanation.scenarios.most_likely.description}</li>
        <li>{explanation.scenarios.surprise.description}</li>
      </ul>
      <Heading level={level + 1}>Assumptions and limits</Heading>
      <ul>{explanation.caveats.map((caveat) => <li key={caveat}>{caveat}</li>)}</ul>
      <Heading level={level + 1}>Sensitivity: how much the home-win probability moves</Heading>
      <TornadoChart entries={explanation.sensitivity} idPrefix={idPrefix} />
      <table class='stack'>
        <caption>Closed-form home-win probability after moving one input by 50 Elo points</caption>
        <thead><tr><th scope='col'>Input</th><th scope='col'>Change</th><th scope='col'>Home-win probability</th><th scope='col'>Shift</th><th scope='col'>Impact</th></tr></thead>
        <tbody>
          {explanation.sensitivity.map((entry) => (
            <tr key={`${entry.parameter}${entry.change}`}>
              <th scope='row'>{PARAMETER_NAME[entry.parameter]}</th>
              <td data-label='Change'>{entry.change > 0 ? '+' : '−'}{Math.abs(entry.change)} points</td>
              <td data-label='Home-win probability'>{percent(entry.prob_home)}</td>
              <td data-label='Shift'>{points(entry.delta_prob_home)}</td>
              <td data-label='Impact'>{entry.impact.toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Heading level={level + 1}>Convergence: how precise the shares are</Heading>
      <ConvergencePlot convergence={convergence} idPrefix={idPrefix} />
      <table class='stack'>
        <caption>Monte Carlo standard errors over {convergence.n_sims} simulations, and the model without rating uncertainty</caption>
        <thead><tr><th scope='col'>Outcome</th><th scope='col'>Standard error</th><th scope='col'>Closed form (no rating uncertainty)</th></tr></thead>
        <tbody>
          <tr><th scope='row'>Home win</th><td data-label='Standard error'>± {decimal(convergence.standard_errors.home, 4)}</td><td data-label='Closed form'>{percent(convergence.closed_form.prob_home)}</td></tr>
          <tr><th scope='row'>Draw</th><td data-label='Standard error'>± {decimal(convergence.standard_errors.draw, 4)}</td><td data-label='Closed form'>{percent(convergence.closed_form.prob_draw)}</td></tr>
          <tr><th scope='row'>Away win</th><td data-label='Standard error'>± {decimal(convergence.standard_errors.away, 4)}</td><td data-label='Closed form'>{percent(convergence.closed_form.prob_away)}</td></tr>
        </tbody>
      </table>
    </section>
  )
}
