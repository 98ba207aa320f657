/** depth comparative_analysis: several events side by side, ordered by volatility. */
import type { ComparativeAnalysisView, ComparedEvent, ComparisonRow } from '../../schemas/simulation-views.js'
import type { NormalisedEvent, SimulationResult } from '../../engine/index.js'
import { COMPARED_EVENTS } from '../../simulation-constants.js'
import { copyUncertainty } from './common.js'
import { headlinePick } from './headline-pick.js'

/** How a comparative analysis names an event, in its events and in its comparison table alike: its catalog id, else "Home v Away". */
function eventLabels (event: NormalisedEvent): Pick<ComparedEvent, 'event_id' | 'label' | 'home_team' | 'away_team'> {
  const label = event.event_id ?? `${event.home_team} v ${event.away_team}`
  return { event_id: event.event_id, label, home_team: event.home_team, away_team: event.away_team }
}

function comparedEvent (r: SimulationResult): ComparedEvent {
  const { event } = r.inputs
  return {
    ...eventLabels(event),
    sport: event.sport,
    pick: headlinePick(r),
    percentiles: { ...r.scenarios.base.percentiles },
    uncertainty: copyUncertainty(r.uncertainty)
  }
}

function comparisonRow (r: SimulationResult): ComparisonRow {
  return {
    ...eventLabels(r.inputs.event),
    prob_home: r.scenarios.base.prob_home,
    prob_draw: r.scenarios.base.prob_draw,
    prob_away: r.scenarios.base.prob_away,
    volatility_score: r.uncertainty.volatility_score,
    data_quality_index: r.uncertainty.data_quality_index,
    confidence_decay: r.uncertainty.confidence_decay
  }
}

/** Several events side by side, the table ordered by volatility, highest first (stable for ties). */
export function comparativeAnalysisView (results: readonly SimulationResult[]): ComparativeAnalysisView {
  const { minItems, maxItems } = COMPARED_EVENTS
  if (results.length < minItems || results.length > maxItems) {
    throw new RangeError(`a comparative analysis takes ${minItems} to ${maxItems} events, got ${results.length}`)
  }
  const comparison = results.map(comparisonRow).sort((a, b) => b.volatility_score - a.volatility_score)
  const mostUncertain = comparison[0]
  const leastUncertain = comparison[comparison.length - 1]
  return {
    events: results.map(comparedEvent),
    comparison,
    most_uncertain: mostUncertain.label,
    least_uncertain: leastUncertain.label,
    notes: [
      'The comparison table is ordered by volatility score, most uncertain first; each event was simulated with its own seed.',
      `"${mostUncertain.label}" shows the most uncertainty (volatility ${mostUncertain.volatility_score.toFixed(1)} of 100) and ` +
        `"${leastUncertain.label}" the least (${leastUncertain.volatility_score.toFixed(1)} of 100).`
    ]
  }
}
