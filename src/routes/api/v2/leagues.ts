import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { problemResponses } from '../../../schemas/common.js'
import {
  BacktestAnswer, BacktestQuery, LeagueList, LeagueParams, LeagueQuery, LeagueRatings, PredictionsAnswer, PredictionsQuery
} from '../../../schemas/leagues.js'
import { PREDICTIONS_MAX_LIMIT, predictionsCsv } from '../../../leagues/service.js'
import { isHead, leagueHead } from './league-head.js'

/** Whether the client asked for CSV rather than JSON (`Accept: text/csv`). */
const wantsCsv = (accept: string | undefined): boolean => accept !== undefined && /(^|,)\s*text\/csv\b/i.test(accept)

/**
 * The free reads of the leagues (SPEC §13.2–13.3; docs/API.md "Leagues"): the list, the fitted
 * ratings (optionally as of a date, without look-ahead), the walk-forward backtest and its
 * per-match predictions. Reading leagues costs nothing and needs no actor.
 */
const leagueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v2/leagues', {
    schema: {
      operationId: 'listLeagues',
      summary: 'List the leagues',
      description: 'Every league with its seasons and counts. The embedded synthetic league (SPEC §13.6) says `synthetic: true`.',
      tags: ['leagues'],
      security: [],
      response: { 200: LeagueList, ...problemResponses(429, 500, 503) }
    }
  }, async () => ({ leagues: await app.leagues.list() }))

  app.get('/api/v2/leagues/:league_id', {
    schema: {
      operationId: 'getLeague',
      summary: 'Read a league\'s fitted ratings',
      description: 'Each team\'s rating with its uncertainty (one standard deviation), matches used and last match; the league\'s home advantage and draw rate. ' +
        '`as_of` fits on matches strictly before that date only. Cached per league, data version and as_of.',
      tags: ['leagues'],
      security: [],
      params: LeagueParams,
      querystring: LeagueQuery,
      response: { 200: LeagueRatings, ...problemResponses(400, 404, 429, 500, 503) }
    }
  }, async (request, reply) => isHead(request)
    ? await leagueHead(app, reply, request.params.league_id)
    : await app.leagues.league(request.params.league_id, request.query.as_of))

  app.get('/api/v2/leagues/:league_id/backtest', {
    schema: {
      operationId: 'getLeagueBacktest',
      summary: 'Walk-forward backtest of a league',
      description: 'Each played match on or after `from` predicted from earlier matches only: RPS, Brier score and log loss of the model and of two baselines, ' +
        'reliability tables with 95 % Wilson intervals, expected calibration error. Free; computed on a worker thread and cached per league and data version.',
      tags: ['leagues'],
      security: [],
      params: LeagueParams,
      querystring: BacktestQuery,
      response: { 200: BacktestAnswer, ...problemResponses(400, 404, 422, 429, 500, 503) }
    }
  }, async (request, reply) => isHead(request)
    ? await leagueHead(app, reply, request.params.league_id)
    : await app.leagues.backtest(request.params.league_id, request.query.from))

  app.get('/api/v2/leagues/:league_id/backtest/predictions', {
    schema: {
      operationId: 'getLeagueBacktestPredictions',
      summary: 'The backtest\'s per-match predictions',
      description: `Paged JSON (\`limit\` ≤ ${PREDICTIONS_MAX_LIMIT}, \`next_cursor\`), or CSV with \`Accept: text/csv\` (every prediction from the cursor, or \`limit\` of them), ` +
        'so every score of the backtest can be recomputed. A cursor is bound to the data version: after an import it answers 400 invalid_cursor.',
      tags: ['leagues'],
      security: [],
      params: LeagueParams,
      querystring: PredictionsQuery,
      response: {
        200: {
          description: 'The predictions',
          content: {
            'application/json': { schema: PredictionsAnswer },
            'text/csv': { schema: Type.String({ description: 'date,home_team,away_team,prob_home,prob_draw,prob_away,outcome,base_rate_home,base_rate_draw,base_rate_away' }) }
          }
        },
        ...problemResponses(400, 404, 422, 429, 500, 503)
      }
    }
  }, async (request, reply) => {
    const { league_id: leagueId } = request.params
    if (isHead(request)) return await leagueHead(app, reply, leagueId, wantsCsv(request.headers.accept) ? 'text/csv; charset=utf-8' : undefined)
    if (wantsCsv(request.headers.accept)) {
      const all = request.query.limit === undefined
      const page = await app.leagues.predictions(leagueId, { ...request.query, limit: all ? PREDICTIONS_MAX_LIMIT : request.query.limit })
      const items = [...page.items]
      let next = all ? page.next_cursor : null
      while (next !== null) {
        const more = await app.leagues.predictions(leagueId, { from: request.query.from, cursor: next, limit: PREDICTIONS_MAX_LIMIT })
        items.push(...more.items)
        next = more.next_cursor
      }
      return await reply.type('text/csv; charset=utf-8').send(predictionsCsv(items))
    }
    return await reply.type('application/json; charset=utf-8').send(await app.leagues.predictions(leagueId, request.query))
  })
}

export default leagueRoutes
