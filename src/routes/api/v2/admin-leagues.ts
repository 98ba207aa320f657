import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponses } from '../../../schemas/common.js'
import { AliasesAnswer, AliasesBody, ImportAnswer, ImportQuery, LeagueParams, LeaguePutAnswer, LeaguePutBody } from '../../../schemas/leagues.js'

/** SPEC §13.1: 5 MB a request on the import route (every other route keeps the 64 KiB of src/server-options.ts). */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024

const adminSecurity = [{ adminAuth: [] }]

/** The admin side of the leagues (SPEC §13.1; docs/API.md "Leagues"): define a league, import its matches, confirm aliases. */
const adminLeagueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/api/v2/admin/leagues/:league_id', {
    config: { auth: 'admin' },
    schema: {
      operationId: 'adminPutLeague',
      summary: 'Create or update a league (admin)',
      description: 'Sets the league\'s name, sport (default football) and table zones. Creating answers 201, updating 200.',
      tags: ['leagues'],
      security: adminSecurity,
      params: LeagueParams,
      body: LeaguePutBody,
      response: { 200: LeaguePutAnswer, 201: LeaguePutAnswer, ...problemResponses(400, 401, 403, 413, 415, 429, 500, 503) }
    }
  }, async (request, reply) => {
    const answer = await app.leagues.putLeague(request.params.league_id, request.body)
    return await reply.code(answer.created ? 201 : 200).send(answer)
  })

  app.post('/api/v2/admin/leagues/:league_id/matches', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { auth: 'admin', acceptsCsv: true },
    schema: {
      operationId: 'adminImportLeagueMatches',
      summary: 'Import a season file into a league (admin)',
      description: 'Body: an openfootball season document (application/json: {"name", "matches": [{"date", "team1", "team2", "score"?: {"ft": [h, a]}}]}) ' +
        'or a football-data CSV (text/csv: Date, HomeTeam, AwayTeam, FTHG, FTAG), at most 5 MB. The season comes from the openfootball name ("… 2024/25"), else `?season=` (always for CSV). ' +
        'Idempotent: a match is (date, home team, away team); fixtures are filled and changed results corrected, all reported. A file with any bad row imports nothing: 400 validation_error lists every bad row (JSON pointer or CSV line).',
      tags: ['leagues'],
      security: adminSecurity,
      params: LeagueParams,
      querystring: ImportQuery,
      response: { 200: ImportAnswer, ...problemResponses(400, 401, 403, 404, 413, 415, 429, 500, 503) }
    }
  }, async (request) => {
    const csv = typeof request.body === 'string'
    return await app.leagues.importMatches(request.params.league_id, {
      format: csv ? 'football-data' : 'openfootball',
      body: request.body,
      season: request.query.season,
      pointerBase: '/body',
      seasonPointer: '/querystring/season'
    })
  })

  app.put('/api/v2/admin/leagues/:league_id/aliases', {
    config: { auth: 'admin' },
    schema: {
      operationId: 'adminPutLeagueAliases',
      summary: 'Confirm team aliases (admin)',
      description: 'Each spelling names the team of the canonical name from now on: stored matches of the team it named move to that team at once (the two histories become one), and later imports use it. Answers the league\'s teams after merging.',
      tags: ['leagues'],
      security: adminSecurity,
      params: LeagueParams,
      body: AliasesBody,
      response: { 200: AliasesAnswer, ...problemResponses(400, 401, 403, 404, 413, 415, 429, 500, 503) }
    }
  }, async (request) => await app.leagues.putAliases(request.params.league_id, new Map(Object.entries(request.body.aliases))))
}

export default adminLeagueRoutes
