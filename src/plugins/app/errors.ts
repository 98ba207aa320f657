import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError, TITLES, problemType, validationFailed, type FieldIssue } from '../../errors.js'
import type { ProblemBody } from '../../schemas/common.js'
import { LedgerError } from '../../ledger/errors.js'
import { BillingError } from '../../billing/errors.js'
import { LabError } from '../../lab/errors.js'
import { isStorageUnavailable, STORAGE_RETRY_AFTER_S } from '../../storage/unavailable.js'

interface AjvIssue {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Every failing field as a JSON pointer into the request part it came from (ajv runs with allErrors). */
function validationIssues (err: FastifyError): FieldIssue[] {
  const part = err.validationContext ?? 'body'
  return (err.validation as AjvIssue[] | undefined ?? []).map((issue) => {
    let pointer = `/${part}${issue.instancePath}`
    let message = issue.message ?? 'is invalid'
    if (issue.keyword === 'required') {
      pointer += `/${String(issue.params.missingProperty)}`
      message = 'is required'
    } else if (issue.keyword === 'additionalProperties') {
      pointer += `/${String(issue.params.additionalProperty)}`
      message = 'is not a recognised field'
    } else if (issue.keyword === 'enum' && Array.isArray(issue.params.allowedValues)) {
      message = `must be one of: ${issue.params.allowedValues.join(', ')}`
    }
    return { pointer, message }
  })
}

/** Fastify's own 4xx errors, mapped to stable codes. */
const FASTIFY_CODES: Record<string, { status: number, error: string, detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large', detail: 'The request body is larger than 64 KiB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported_media_type', detail: 'Send the body as application/json.' },
  // A body whose length differs from its Content-Length is broken framing, like a duplicate Content-Length.
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'malformed_request', detail: 'The request is not valid HTTP/1.1: the body\'s length differs from its Content-Length.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'invalid_json', detail: 'The body is empty but Content-Type is application/json.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'invalid_json' }
}

export function buildProblem (request: FastifyRequest, status: number, error: string, detail: string, extra: Record<string, unknown> = {}): ProblemBody {
  return {
    type: problemType(error),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    error,
    message: detail,
    request_id: request.id,
    instance: request.url.split('?')[0],
    ...extra
  }
}

export function sendProblem (reply: FastifyReply, body: ProblemBody, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(body.status).headers(headers).type('application/problem+json').send(body)
}

async function errorsPlugin (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ProblemError) {
      return sendProblem(reply, buildProblem(request, err.statusCode, err.code, err.message, err.extra), err.headers)
    }
    if (err instanceof LedgerError) {
      return sendProblem(reply, buildProblem(request, err.status, err.code, err.message))
    }
    if (err instanceof BillingError) {
      const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer realm="trickster-oracle"' } : {}
      return sendProblem(reply, buildProblem(request, err.status, err.code === 'actor_required' ? 'unauthorized' : err.code, err.message, err.extra), headers)
    }
    if (err instanceof LabError) {
      return sendProblem(reply, buildProblem(request, err.status, err.code, err.message, err.extra))
    }
    if (err.validation !== undefined) {
      // An Idempotency-Key the route's header schema refuses (too long) is the same mistake as one
      // the idempotency plugin refuses (not printable ASCII): one code for both (docs/API.md, "Idempotency").
      if (err.validationContext === 'headers' && (err.validation as AjvIssue[]).some((i) => /^\/(x-)?idempotency-key$/.test(i.instancePath))) {
        return sendProblem(reply, buildProblem(request, 400, 'invalid_idempotency_key', 'The idempotency key must be 1–255 printable ASCII characters.'))
      }
      const problem = validationFailed(validationIssues(err))
      return sendProblem(reply, buildProblem(request, problem.statusCode, problem.code, problem.message, problem.extra))
    }
    const known = err.code !== undefined ? FASTIFY_CODES[err.code] : undefined
    if (known !== undefined) {
      return sendProblem(reply, buildProblem(request, known.status, known.error, known.detail ?? err.message))
    }
    if (err instanceof SyntaxError) {
      return sendProblem(reply, buildProblem(request, 400, 'invalid_json', 'The body is not valid JSON.'))
    }
    if (isStorageUnavailable(err)) {
      // A full disk, a read-only file, a lock held too long, PostgreSQL unreachable or frozen: /ready
      // reports it too. Checked before the 4xx mapping: a storage error may carry a statusCode.
      request.log.error({ err }, 'storage unavailable')
      return sendProblem(reply, buildProblem(request, 503, 'storage_unavailable',
        'The database is unavailable right now. Retry later, and quote the request_id if it persists.'), { 'retry-after': String(STORAGE_RETRY_AFTER_S) })
    }
    const status = err.statusCode ?? 500
    if (status === 403) {
      // The static file server refuses a path that climbs out of its folder (`..`): nothing is there
      // to find, and the answer says no more than for any other missing file.
      return sendProblem(reply, buildProblem(request, 404, 'not_found', `No route matches ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`))
    }
    if (status >= 400 && status < 500) {
      const code = (TITLES[status] ?? 'client error').toLowerCase().replace(/[^a-z]+/g, '_')
      return sendProblem(reply, buildProblem(request, status, code, err.message))
    }
    // 5xx: the details go to the log with the request id, never to the client — in any ENV, development
    // included: a message can hold SQL or a path, and a stack holds paths (docs/API.md, "Errors").
    request.log.error({ err }, 'request failed')
    const detail = 'An unexpected error occurred. Quote the request_id when reporting it.'
    const code = status === 503 ? 'service_unavailable' : 'internal_error'
    return sendProblem(reply, buildProblem(request, status, code, detail))
  })
}

export default fp(errorsPlugin, { name: 'errors', dependencies: ['config'] })
