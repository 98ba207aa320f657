import { Type, type Static, type TSchema, type SchemaOptions } from '@sinclair/typebox'

/**
 * A string enum rendered as `{type:"string", enum:[…]}` (TypeBox's literal unions become `anyOf`,
 * which reads worse in Swagger UI and gives worse validation messages).
 */
export function StringEnum<const T extends readonly string[]> (values: T, options: SchemaOptions = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

export const ValidationIssue = Type.Object({
  pointer: Type.String({ description: 'JSON pointer to the failing field, prefixed by the request part (e.g. /body/home_rating).' }),
  message: Type.String({ description: 'What is wrong with it.' })
}, { $id: 'ValidationIssue', additionalProperties: false, description: 'One failing field of a validation error.' })

/**
 * RFC 9457 problem details plus the service's stable members. Extra members specific to an
 * error (required_tokens, retry_after_seconds, …) are allowed and documented per error code.
 */
export const Problem = Type.Object({
  type: Type.String({ description: 'URI identifying the problem type (urn:trickster-oracle:problem:<error>).' }),
  title: Type.String({ description: 'Short, human-readable summary of the problem type.' }),
  status: Type.Integer({ description: 'The HTTP status code.' }),
  detail: Type.String({ description: 'Explanation specific to this occurrence.' }),
  error: Type.String({ description: 'Stable snake_case error code for programs to branch on.' }),
  message: Type.String({ description: 'Same text as detail (kept for older clients).' }),
  request_id: Type.String({ description: 'The request id, also sent as X-Request-ID.' }),
  instance: Type.Optional(Type.String({ description: 'The request path.' })),
  errors: Type.Optional(Type.Array(Type.Ref(ValidationIssue), { description: 'Validation errors: every failing field, up to 100.' })),
  errors_omitted: Type.Optional(Type.Integer({ minimum: 1, description: 'Validation errors past the first 100, left out of errors.' })),
  required_tokens: Type.Optional(Type.Integer({ description: '402: tokens the request needs.' })),
  available_tokens: Type.Optional(Type.Integer({ description: '402: tokens the actor holds.' })),
  feature: Type.Optional(Type.String({ description: '402: the feature (depth) that was requested.' })),
  retry_after_seconds: Type.Optional(Type.Integer({ description: '429 and 503 overloaded: seconds until a retry can succeed (same as Retry-After).' })),
  limit: Type.Optional(Type.Integer({ description: 'The limit that was exceeded, where one applies.' })),
  allowed_methods: Type.Optional(Type.Array(Type.String(), { description: '405: the methods this path supports.' }))
}, {
  $id: 'Problem',
  additionalProperties: true,
  description: 'An error, as application/problem+json (RFC 9457).'
})
export type ProblemBody = Static<typeof Problem>

export const ProblemRef = Type.Ref(Problem)

/** `response` entries for error statuses, served as application/problem+json. */
export function problemResponses (...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  for (const status of statuses) {
    out[status] = Type.Unsafe({
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: ProblemRef } }
    })
  }
  return out
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation_error lists every failing field)',
  401: 'Missing or invalid credentials',
  402: 'Not enough tokens for this depth of analysis',
  403: 'Credentials valid but not allowed here',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone: API v1 is retired on this deployment (API_V1_ENABLED=false); the problem names the v2 successor',
  413: 'Body larger than 64 KiB',
  415: 'Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded)',
  422: 'Well-formed but not processable',
  429: 'Rate limit exceeded (per route, or failed authentications per address)',
  500: 'Unexpected server error',
  503: 'Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After'
}

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 UTC timestamp.' })

/** Schemas registered once with `app.addSchema` so the OpenAPI documents hold them as components. */
export const sharedSchemas = [ValidationIssue, Problem]
