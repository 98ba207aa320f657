import fp from 'fastify-plugin'
import { parse as parseContentType } from 'content-type'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError } from '../../src/errors.js'

const unsupported = (detail: string): ProblemError => new ProblemError(415, 'unsupported_media_type', detail)

/**
 * Why a body cannot be read as JSON text, or null when it can: the media type must be
 * `application/json` with at most `charset=utf-8` (any case), and the body must not be encoded
 * (`Content-Encoding` absent or `identity`). docs/API.md, "Errors".
 */
function bodyRefusal (request: FastifyRequest): ProblemError | null {
  const encoding = request.headers['content-encoding']
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return unsupported(`Content-Encoding "${encoding}" is not supported; send the JSON body unencoded.`)
  }
  const { parameters } = parseContentType(request.headers['content-type'] ?? '')
  for (const [name, value] of Object.entries(parameters)) {
    if (name !== 'charset') return unsupported(`The media type parameter "${name}" is not supported; send Content-Type: application/json.`)
    if (value.toLowerCase() !== 'utf-8') return unsupported(`charset=${value} is not supported; send the JSON body as UTF-8.`)
  }
  return null
}

/**
 * Request bodies are JSON and nothing else. Fastify's default parsers also read text/plain and
 * accept any charset on application/json; we keep only its JSON parser (secure-json-parse, which
 * refuses `__proto__` and `constructor.prototype` keys) behind the checks above. A body of any
 * other media type finds no parser and Fastify answers 415, which plugins/app/errors.ts renders.
 */
async function jsonBodyPlugin (app: FastifyInstance): Promise<void> {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const refusal = bodyRefusal(request)
    if (refusal !== null) {
      done(refusal, undefined)
      return
    }
    parseJson(request, body.toString(), done)
  })
}

export default fp(jsonBodyPlugin, { name: 'json-body' })
