import type { Schemas } from '../api/client'
import { decimal, integer, percent, score } from '../format'
import { Heading } from './Heading'
import { plainText } from '../plain'

type Uncertainty = Schemas['UncertaintyMetrics']

/** Volatility, data quality and confidence decay, each with a meter, the factors behind them and their notes. */
export function UncertaintyPanel ({ uncertainty, idPrefix, level }: { uncertainty: Uncertainty, idPrefix: string, level: number }) {
  const { factors } = uncertainty
  return (
    <section class='panel' data-testid='uncertainty-panel' aria-labelledby={`${idPrefix}-uncertainty`}>
      <Heading level={level} id={`${idPrefix}-uncertainty`}>How uncertain is this?</Heading>
      <div class='metrics'>
        <Metric
          label='Volatility' value={uncertainty.volatility_score} max={100} shown={`${score(uncertainty.volatility_score)} / 100`}
          explain='How spread out and heavy-tailed the simulated home-win probability is. Higher means the number is less settled.'
        />
        <Metric
          label='Data quality' value={uncertainty.data_quality_index} max={100} shown={`${score(uncertainty.data_quality_index)} / 100`}
          explain='How complete, recent and well-sampled the data behind the ratings is. Higher is better.'
        />
        <Metric
          label='Confidence decay' value={uncertainty.confidence_decay} max={1} shown={`${percent(uncertainty.confidence_decay)} per day`}
          explain='How fast these numbers lose their relevance per day, from volatility, data age and how far away the event is.'
        />
      </div>
      <Heading level={level + 1}>What went into it</Heading>
      <dl class='factors'>
        <dt>Spread of the distribution (coefficient of variation)</dt><dd>{decimal(factors.distribution_cv)}</dd>
        <dt>Age of the rating data</dt><dd>{factors.data_age_days === null ? 'not given (counted as neutral)' : `${integer(factors.data_age_days)} days`}</dd>
        <dt>Share of listed features present</dt><dd>{factors.feature_coverage === null ? 'no feature list given (counted as neutral)' : percent(factors.feature_coverage)}</dd>
        <dt>Historical matches behind the ratings</dt><dd>{factors.sample_size === null ? 'not given (counted as neutral)' : integer(factors.sample_size)}</dd>
        <dt>Days until the event</dt><dd>{integer(factors.event_horizon_days)}</dd>
      </dl>
      <Notes notes={uncertainty.notes} label='What drives these metrics' level={level + 1} />
    </section>
  )
}

function Metric ({ label, value, max, shown, explain }: { label: string, value: number, max: number, shown: string, explain: string }) {
  return (
    <div class='metric'>
      <p class='metric-label'>{label}</p>
      <meter min={0} max={max} value={value} aria-label={`${label}: ${shown}`}>{shown}</meter>
      <p class='metric-value'>{shown}</p>
      <p class='metric-explain'>{explain}</p>
    </div>
  )
}

export function Notes ({ notes, label, level }: { notes: string[] | undefined, label: string, level: number }) {
  if (notes === undefined || notes.length === 0) return null
  return (
    <div class='notes'>
      <Heading level={level}>{label}</Heading>
      <ul>{notes.map((note) => <li key={note}>{plainText(note)}</li>)}</ul>
    </div>
  )
}
