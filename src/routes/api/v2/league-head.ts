import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError } from '../../../errors.js'

/**
 * HEAD of a league read (docs/API.md, "HEAD"). The GET computes a fit or a walk-forward backtest
 * (a worker's seconds the first time) only to have its body thrown away by HEAD: so HEAD runs
 * everything up to the handler (routing, rate limit in the GET's bucket, validation), checks that
 * the league exists (404 `league_not_found` like the GET), and answers 200 with the GET's
 * Content-Type and no Content-Length, without computing anything. An empty stream, because
 * Fastify's HEAD twin would otherwise announce `Content-Length: 0` for a body that is not empty.
 */
export async function leagueHead (app: FastifyInstance, reply: FastifyReply, leagueId: string, contentType = 'application/json; charset=utf-8'): Promise<FastifyReply> {
  if (!(await app.leagues.list()).some((league) => league.league_id === leagueId)) {
    throw new ProblemError(404, 'league_not_found', `No league "${leagueId}". GET /api/v2/leagues lists them.`)
  }
  return await reply.type(contentType).send(Readable.from([]))
}

export const isHead = (request: FastifyRequest): boolean => request.method === 'HEAD'
