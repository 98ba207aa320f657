/**
 * Sample events shipped with the service (docs/API.md, "Catalog"). A simulate request may name one by
 * `event_id` instead of giving ratings inline; each entry is a valid engine EventInput as it stands.
 */
import type { CatalogEvent } from '../schemas/catalog.js'

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
