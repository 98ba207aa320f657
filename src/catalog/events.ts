/**
 * Sample events shipped with the service (docs/API.md, "Catalog"). A simulate request may name one by
 * `event_id` instead of giving ratings inline; each entry is a valid engine EventInput as it stands.
 */
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

const CATALOG: readonly CatalogEvent[] = [
  {
    event_id: 'el-clasico',
    sport: 'football',
    home_team: 'Real Madrid',
    away_team: 'FC Barcelona',
    home_rating: 2100,
    away_rating: 2050,
    home_advantage: 100,
    description: 'Two closely rated sides: home advantage decides most of the gap, and draws stay frequent.'
  },
  {
    event_id: 'north-west-derby',
    sport: 'football',
    home_team: 'Liverpool',
    away_team: 'Manchester United',
    home_rating: 2150,
    away_rating: 2080,
    home_advantage: 100,
    description: 'A 70-point rating edge plus home advantage: a clear favourite whose upset rate is still far from negligible.'
  },
  {
    event_id: 'der-klassiker',
    sport: 'football',
    home_team: 'Bayern Munich',
    away_team: 'Borussia Dortmund',
    home_rating: 2120,
    away_rating: 1950,
    home_advantage: 100,
    description: 'A large rating gap: the distribution of the home-side probability shifts up and narrows.'
  },
  {
    event_id: 'lakers-celtics',
    sport: 'basketball',
    home_team: 'Los Angeles Lakers',
    away_team: 'Boston Celtics',
    home_rating: 1580,
    away_rating: 1620,
    home_advantage: 100,
    description: 'No draws in basketball: home advantage outweighs a small rating deficit.'
  },
  {
    event_id: 'chiefs-eagles',
    sport: 'american_football',
    home_team: 'Kansas City Chiefs',
    away_team: 'Philadelphia Eagles',
    home_rating: 1700,
    away_rating: 1690,
    home_advantage: 65,
    rating_uncertainty: 90,
    description: 'A near-even contest with wider rating uncertainty, which widens every percentile interval.'
  },
  {
    event_id: 'baseline-tennis-final',
    sport: 'tennis',
    home_team: 'A. Moreau',
    away_team: 'K. Tanaka',
    home_rating: 2050,
    away_rating: 1900,
    home_advantage: 0,
    description: 'A neutral venue (no home advantage): only the rating gap and its uncertainty matter.'
  },
  {
    event_id: 'middleweight-main-event',
    sport: 'mma',
    home_team: 'R. Duarte',
    away_team: 'S. Okafor',
    home_rating: 1600,
    away_rating: 1600,
    home_advantage: 0,
    rating_uncertainty: 120,
    description: 'Equal ratings with large uncertainty: the most volatile sample, centred on an even contest.'
  }
]

export function listCatalogEvents (): CatalogEvent[] {
  return CATALOG.map((event) => ({ ...event }))
}

export function findCatalogEvent (eventId: string): CatalogEvent | undefined {
  const event = CATALOG.find((candidate) => candidate.event_id === eventId)
  return event === undefined ? undefined : { ...event }
}
