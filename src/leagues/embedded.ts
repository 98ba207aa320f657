import type { EmbeddedLeague } from './service.js'
import { syntheticLeague } from './synthetic.js'

/** The id of the embedded synthetic league (SPEC §13.6). */
export const EMBEDDED_LEAGUE_ID = 'synthetic'

/**
 * The league a new deployment starts with: the project's own synthetic season, generated from known
 * true ratings with the §3.2 model and a fixed seed (src/leagues/synthetic.ts), half played. No
 * third-party data ships with the service; its name says what it is.
 */
export function embeddedLeague (): EmbeddedLeague {
  const league = syntheticLeague()
  return {
    league_id: EMBEDDED_LEAGUE_ID,
    name: league.name,
    season: league.season,
    teams: league.teams.map((team) => ({ team_id: team.team, name: team.name, true_rating: team.trueRating })),
    matches: league.matches
  }
}
