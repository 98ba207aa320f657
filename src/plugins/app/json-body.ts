import fp from 'fastify-plugin'
import { parse as parseContentType } from 'content-type'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError } from '../../errors.js'

const unsupported = (detail: string): ProblemError => new ProblemError(415, 'unsupported_media_type', detail)

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route also reads `text/csv` bodies (UTF-8, unencoded), as text: the league import. */
    acceptsCsv?: boolean
  }
}

/**
 * Why a body cannot be read as JSON text, or null when it can: the media type must be
 * `application/json` with at most `charset=utf-8` (any case), and the body must not be encoded
 * (`Content-Encoding` absent or `identity`). docs/API.md, "Errors".
 */
function bodyRefusal (request: FastifyRequest, mediaType = 'application/json'): ProblemError | null {
  const encoding = request.headers['content-encoding']
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return unsupported(`Content-Encoding "${encoding}" is not supported; send the JSON body unencoded.`)
  }
  const { parameters } = parseContentType(request.headers['content-type'] ?? '')
  for (const [name, value] of Object.entries(parameters)) {
    if (name !== 'charset' && !(mediaType === 'text/csv' && name === 'header')) return unsupported(`The media type parameter "${name}" is not supported; send Content-Type: ${mediaType}.`)
    if (value.toLowerCase() !== 'utf-8') return unsupported(`charset=${value} is not supported; send the JSON body as UTF-8.`)
  }
  return null
}

/**
 * A number literal that JSON.parse may turn into ±Infinity: many digits, or an exponent of two or
 * more digits (`2` followed by 210 zeros then `e99` overflows with neither 309 digits nor a
 * 3-digit exponent). A false positive only costs the walk below.
 */
const MAYBE_OVERFLOWING = /\d{17}|[eE][+-]?\d{2}/

/** The deepest nesting of arrays and objects a body may have: far above any real body, far below the stack. */
export const MAX_BODY_DEPTH = 64

/** Whether the JSON text nests arrays/objects deeper than MAX_BODY_DEPTH (brackets inside strings do not count). */
function tooDeep (text: string): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) {
      inString = true
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_BODY_DEPTH) return true
    } else if (c === 93 || c === 125) {
      depth--
    }
  }
  return false
}

/** JSON pointers (under /body) of the non-finite numbers in a parsed body. */
function nonFiniteNumbers (value: unknown, pointer: string, found: string[]): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push(pointer)
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nonFiniteNumbers(item, `${pointer}/${i}`, found))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nonFiniteNumbers(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, found)
  }
  return found
}

/** True when `text` is valid JSON that secure-json-parse refused for a `__proto__` or `constructor.prototype` key. */
function forbiddenKey (text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Valid JSON with a prototype-polluting key: a field the API never accepts, so a validation error. */
function forbiddenKeyProblem (): ProblemError {
  const errors = [{ pointer: '/body', message: 'must not contain a __proto__ or constructor.prototype key' }]
  return new ProblemError(400, 'validation_error', `The request is invalid: ${errors[0].pointer} ${errors[0].message}.`, { errors })
}

/**
 * Request bodies are JSON and nothing else. Fastify's default parsers also read text/plain and
 * accept any charset on application/json; we keep only its JSON parser (secure-json-parse, which
 * refuses `__proto__` and `constructor.prototype` keys) behind the checks above, and refuse a
 * number too large for a double. A body of any
 * other media type finds no parser and Fastify answers 415, which src/plugins/app/errors.ts renders.
 * The one exception is `text/csv` on a route that declares `config.acceptsCsv` (the league import,
 * SPEC §13.1): read as UTF-8 text under the same rules; on every other route it is a 415 as before.
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
    const text = body.toString()
    // Every route, schema or not: the fingerprint of an idempotent request walks the body recursively.
    if (text.length > 2 * MAX_BODY_DEPTH && tooDeep(text)) {
      done(new ProblemError(400, 'validation_error', `The request is invalid: /body nests deeper than ${MAX_BODY_DEPTH} levels.`,
        { errors: [{ pointer: '/body', message: `nests deeper than ${MAX_BODY_DEPTH} levels` }] }), undefined)
      return
    }
    parseJson(request, text, (err, parsed) => {
      if (err !== null) {
        done(forbiddenKey(text) ? forbiddenKeyProblem() : err, undefined)
        return
      }
      if (!MAYBE_OVERFLOWING.test(text)) {
        done(err, parsed)
        return
      }
      // 1e400 is valid JSON but no double: refused here, for every route (schema or not), as a
      // validation error naming the field, so nothing downstream ever meets an Infinity.
      const pointers = nonFiniteNumbers(parsed, '/body', [])
      if (pointers.length === 0) {
        done(null, parsed)
        return
      }
      const errors = pointers.map((pointer) => ({ pointer, message: 'must be a finite number' }))
      done(new ProblemError(400, 'validation_error', `The request is invalid: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, { errors }), undefined)
    })
  })
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (request.routeOptions.config.acceptsCsv !== true) {
      done(unsupported('Content-Type text/csv is not supported here; send application/json.'), undefined)
      return
    }
    done(bodyRefusal(request, 'text/csv'), body.toString())
  })
}

export default fp(jsonBodyPlugin, { name: 'json-body' })
