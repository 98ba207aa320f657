/**
 * Errors a route or service raises on purpose. src/plugins/app/errors.ts turns them into
 * application/problem+json; anything else becomes a 500 whose details stay in the log.
 */
export class ProblemError extends Error {
  constructor (
    readonly statusCode: number,
    readonly code: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(detail)
    this.name = 'ProblemError'
  }
}

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
}

export function problemType (code: string): string {
  return `urn:trickster-oracle:problem:${code}`
}

export const badRequest = (code: string, detail: string, extra: Record<string, unknown> = {}): ProblemError => new ProblemError(400, code, detail, extra)
export const unauthorized = (detail: string): ProblemError =>
  new ProblemError(401, 'unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="trickster-oracle"' })
export const forbidden = (code: string, detail: string): ProblemError => new ProblemError(403, code, detail)

/** One failing field: a JSON pointer into the request part it came from (/body/…, /query/…) and what is wrong. */
export interface FieldIssue {
  pointer: string
  message: string
}

/** Failing fields listed in one answer; past it, `errors_omitted` says how many more there were. */
export const MAX_LISTED_ERRORS = 100
/** Failing fields named in `detail` (the full list of the first MAX_LISTED_ERRORS is in `errors`). */
const MAX_DETAILED_ERRORS = 10

/**
 * 400 validation_error listing every failing field, whether ajv or a route's own rule found it — up
 * to MAX_LISTED_ERRORS, so that a body of thousands of unknown keys cannot make an answer many
 * times its own size (docs/API.md, "Errors").
 */
export function validationFailed (errors: FieldIssue[]): ProblemError {
  const listed = errors.slice(0, MAX_LISTED_ERRORS)
  const named = errors.slice(0, MAX_DETAILED_ERRORS).map((e) => `${e.pointer} ${e.message}`).join('; ')
  const more = errors.length - Math.min(errors.length, MAX_DETAILED_ERRORS)
  const detail = `The request is invalid: ${named}${more > 0 ? `; and ${more} more (see errors)` : ''}.`
  return new ProblemError(400, 'validation_error', detail, errors.length > listed.length ? { errors: listed, errors_omitted: errors.length - listed.length } : { errors })
}
