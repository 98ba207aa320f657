/** The legacy v1 answer (docs/API.md, "v1") without execution_time_ms, cache_hit and meta. */
import type { V1SimulationView } from '../../schemas/simulation-views.js'
import { explainResult, type SimulationResult } from '../../engine/index.js'
import { relativeHistogram } from './common.js'

export function v1View (r: SimulationResult): V1SimulationView {
  const base = r.scenarios.base
  const { event, config } = r.inputs
  return {
    event: {
      sport: event.sport,
      event_id: event.event_id,
      home_team: event.home_team,
      away_team: event.away_team,
      home_rating: event.home_rating,
      away_rating: event.away_rating,
      home_advantage: event.home_advantage,
      draw_rate: event.draw_rate,
      rating_uncertainty: event.rating_uncertainty
    },
    config: { ...config },
    prob_home: base.prob_home,
    prob_draw: base.prob_draw,
    prob_away: base.prob_away,
    distribution: relativeHistogram(r),
    confidence_intervals: { 95: { ...base.intervals['95'] }, 99: { ...base.intervals['99'] } },
    risk: { ...r.risk },
    explanation: explainResult(r),
    model_version: r.model_version
  }
}
