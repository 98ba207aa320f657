import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import { LeagueParams } from '../../../schemas/leagues.js'
import { FIXTURES_DEFAULT_LIMIT, FixturesAnswer, FixturesQuery } from '../../../schemas/league-fixtures.js'
import { isHead, leagueHead } from './league-head.js'

/**
 * The fixtures of a league still to be played, with the model's probabilities (free, like every
 * read of a league; docs/API.md "Leagues"). The League page lists them, each opening Explore.
 */
const leagueFixtureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v2/leagues/:league_id/fixtures', {
    schema: {
      operationId: 'getLeagueFixtures',
      summary: 'The fixtures still to be played, with probabilities',
      description: 'The latest season\'s unplayed fixtures by date, each with the home, draw and away probabilities of the current fit (averaged over the rating uncertainty, ' +
        'as the backtest predicts). POST /api/v2/simulate with league_id and the two team names simulates one of them.',
      tags: ['leagues'],
      security: [],
      params: LeagueParams,
      querystring: FixturesQuery,
      response: { 200: FixturesAnswer, ...problemResponses(400, 404, 429, 500, 503) }
    }
  }, async (request, reply) => isHead(request)
    ? await leagueHead(app, reply, request.params.league_id)
    : await app.leagues.fixtures(request.params.league_id, request.query.limit ?? FIXTURES_DEFAULT_LIMIT))
}

export default leagueFixtureRoutes
