/** Request header schemas shared by routes. */
import { Type } from '@sinclair/typebox'

const idempotencyKeyHeader = (description: string) => Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, description }))
})

/** Idempotency-Key of POST /api/v2/simulate and the season outlook. */
export const IdempotencyHeaders = idempotencyKeyHeader('Makes the request safe to retry (see Idempotency in the API description).')

/** Idempotency-Key of the Lab's writes (the same header; its text names docs/API.md). */
export const LabIdempotencyHeaders = idempotencyKeyHeader('Makes the request safe to retry (docs/API.md, Idempotency).')
