/** The schema of a catalog event (src/catalog/events.ts holds the events; docs/API.md, "Catalog"). */
import { Type, type Static } from '@sinclair/typebox'
import { DEFAULT_RATING_UNCERTAINTY, DRAW_RATE_RANGE, HOME_ADVANTAGE_RANGE, RATING_RANGE, RATING_UNCERTAINTY_RANGE, SPORTS } from '../simulation-constants.js'

export const CatalogEvent = Type.Object({
  event_id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Stable slug used as event_id in simulate requests.' }),
  // Inlined rather than a $ref to the Sport schema, so the catalog schema stands alone.
  sport: Type.Union(SPORTS.map((sport) => Type.Literal(sport)), { description: 'Sport of the event (canonical name).' }),
  home_team: Type.String({ minLength: 2, maxLength: 80, description: 'Home side (first-named competitor in individual sports).' }),
  away_team: Type.String({ minLength: 2, maxLength: 80, description: 'Away side (second-named competitor in individual sports).' }),
  home_rating: Type.Number({ ...RATING_RANGE, description: 'Elo rating of the home side.' }),
  away_rating: Type.Number({ ...RATING_RANGE, description: 'Elo rating of the away side.' }),
  home_advantage: Type.Number({ ...HOME_ADVANTAGE_RANGE, description: 'Elo points added to the home side.' }),
  draw_rate: Type.Optional(Type.Number({ ...DRAW_RATE_RANGE, description: 'Draw probability of two equal sides; the sport default when absent.' })),
  rating_uncertainty: Type.Optional(Type.Number({ ...RATING_UNCERTAINTY_RANGE, description: `Elo points of rating uncertainty per side; ${DEFAULT_RATING_UNCERTAINTY} when absent.` })),
  starts_at: Type.Optional(Type.String({ format: 'date-time', description: 'Scheduled start, when the sample event has one.' })),
  description: Type.String({ description: 'What the sample event illustrates.' })
}, { $id: 'CatalogEvent', additionalProperties: false, description: 'A sample event of the catalog.' })
export type CatalogEvent = Static<typeof CatalogEvent>
