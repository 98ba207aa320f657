import { Type } from '@sinclair/typebox'

/** TypeBox schemas of GET /api/v2/leagues/{league_id}/fixtures (docs/API.md "Leagues"; the League page of docs/WEB.md reads it). */

export const FIXTURES_DEFAULT_LIMIT = 20
export const FIXTURES_MAX_LIMIT = 400

export const FixturesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FIXTURES_MAX_LIMIT, description: `The first fixtures by date (default ${FIXTURES_DEFAULT_LIMIT}, at most ${FIXTURES_MAX_LIMIT}).` }))
}, { additionalProperties: false })

const probability = (description: string) => Type.Number({ minimum: 0, maximum: 1, description })

export const FixturesAnswer = Type.Object({
  league_id: Type.String({ description: 'League id.' }),
  data_version: Type.Integer({ minimum: 1, description: 'The data version the fit was computed on.' }),
  season: Type.Union([Type.String(), Type.Null()], { description: 'The latest season with a fixture still to be played (null: none left).' }),
  total: Type.Integer({ minimum: 0, description: 'Fixtures of that season still to be played (the list holds the first `limit`).' }),
  fixtures: Type.Array(Type.Object({
    date: Type.String({ description: 'Date of the fixture (YYYY-MM-DD).' }),
    home_team: Type.String({ description: 'Home team, as POST /api/v2/simulate accepts it with league_id.' }),
    away_team: Type.String({ description: 'Away team.' }),
    prob_home: probability('Probability of a home win from the current fit, averaged over both teams\' rating uncertainty (as the backtest predicts).'),
    prob_draw: probability('Probability of a draw.'),
    prob_away: probability('Probability of an away win.')
  }, { additionalProperties: false, description: 'A fixture with the model\'s probabilities.' }), { description: 'Fixtures by date, then home and away team.' })
}, { $id: 'LeagueFixtures', additionalProperties: false, description: 'The fixtures still to be played, with the model\'s probabilities.' })
