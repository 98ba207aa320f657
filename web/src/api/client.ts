/**
 * The one module that talks to the service: openapi-fetch typed by web/src/api/v2.d.ts, which
 * `npm run openapi` (and the web build) generates from openapi/v2.json. Every answer comes back as
 * an `ApiResult`: the typed body, or the problem+json the service sent (docs/API.md, "Errors").
 */
import createClient from 'openapi-fetch'
import type { components, paths } from './v2'
import { session } from '../session'

export type Schemas = components['schemas']
export type Problem = Schemas['Problem']

type Operation<P extends keyof paths, M extends 'get' | 'post'> = NonNullable<paths[P][M]>
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never
/** The JSON body of an operation's 200 (or 201) answer. */
export type OkBody<P extends keyof paths, M extends 'get' | 'post'> = JsonOf<Operation<P, M>['responses'] extends Record<200, infer R> ? R : Operation<P, M>['responses'] extends Record<201, infer R> ? R : never>

export type SimulateRequest = JsonOf<Operation<'/api/v2/simulate', 'post'>['requestBody']>
export type SimulateAnswer =
  | Schemas['HeadlinePickResponse']
  | Schemas['FullDistributionResponse']
  | Schemas['ScenarioExtremesResponse']
  | Schemas['ComparativeAnalysisResponse']
  | Schemas['DeepDiveResponse']
export type Depth = SimulateAnswer['depth']
export type CatalogEvent = Schemas['CatalogEvent']
export type Tier = Schemas['Tier']
export type LedgerPage = OkBody<'/api/v2/tokens/ledger', 'get'>
export type Balance = OkBody<'/api/v2/tokens/balance', 'get'>
export type CreatedActor = OkBody<'/api/v2/actors', 'post'>

export type ApiResult<T> =
  | { ok: true, data: T, status: number }
  | { ok: false, problem: Problem, status: number }

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' })

// The stored API key, when there is one, goes with every request as a bearer token.
api.use({
  onRequest ({ request }) {
    const key = session.apiKey()
    if (key !== null && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${key}`)
    return request
  }
})

interface FetchOutcome<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Turns an openapi-fetch outcome (or a network failure) into an ApiResult. */
export async function settle<T> (pending: Promise<FetchOutcome<T>>): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>
  try {
    outcome = await pending
  } catch {
    return { ok: false, status: 0, problem: networkProblem() }
  }
  const { response } = outcome
  if (response.ok && outcome.data !== undefined) return { ok: true, data: outcome.data, status: response.status }
  return { ok: false, status: response.status, problem: asProblem(outcome.error, response) }
}

function networkProblem (): Problem {
  const detail = 'The service could not be reached. Check your connection and try again.'
  return { type: 'about:blank', title: 'Network error', status: 0, detail, message: detail, error: 'network_error', request_id: 'none (no answer)' }
}

/** The problem+json body, or one built from the status when the answer was not JSON. */
function asProblem (body: unknown, response: Response): Problem {
  if (body !== null && typeof body === 'object' && typeof (body as Problem).detail === 'string') {
    const problem = body as Problem
    if (problem.status === 429 && problem.retry_after_seconds === undefined) {
      const retryAfter = Number(response.headers.get('retry-after'))
      if (Number.isFinite(retryAfter)) problem.retry_after_seconds = retryAfter
    }
    return problem
  }
  const detail = `The service answered ${response.status} ${response.statusText} without an explanation.`
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail,
    message: detail,
    error: 'unexpected_answer',
    request_id: response.headers.get('x-request-id') ?? 'unknown'
  }
}

/**
 * One Idempotency-Key per user action (docs/API.md, "Idempotency"): retrying the same action with
 * the same body reuses its key, so a retry after a lost answer can never charge twice; a
 * different body, or the next action after a success, gets a fresh key.
 */
export class IdempotentAction {
  private pending: { body: string, key: string } | null = null

  keyFor (body: unknown): string {
    const serialised = JSON.stringify(body) ?? ''
    if (this.pending === null || this.pending.body !== serialised) this.pending = { body: serialised, key: randomKey() }
    return this.pending.key
  }

  /** A 2xx answer ends the action; after a failure the key stays for the retry. */
  settled (ok: boolean): void {
    if (ok) this.pending = null
  }
}

/** 128 random bits as hex: crypto.getRandomValues works on plain-HTTP origins too (randomUUID does not). */
function randomKey (): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
