/**
 * The Lab routes of docs/LAB.md (GET/POST /api/v2/lab/*), through the same openapi-fetch client
 * and problem handling as the rest of the app.
 */
import { api, settle, type ApiResult, type SimulateRequest } from '../api/client'

export interface LabModuleSummary {
  module_id: string
  title: string
  summary: string
  level: 'intro' | 'core' | 'deep'
  cost_tokens: number
  prerequisites: string[]
  estimated_minutes: number
  section_count: number
  question_count: number
  unlocked: boolean | null
  completed: boolean | null
}

export interface LabSection {
  section_id: string
  title: string
  body: string
  try_it?: SimulateRequest
}

export interface LabQuestion {
  question_id: string
  prompt: string
  choices: Array<{ choice_id: string, text: string }>
}

export interface LabModule extends Omit<LabModuleSummary, 'section_count' | 'question_count'> {
  locked: boolean
  sections: LabSection[]
  quiz: LabQuestion[]
}

export interface UnlockAnswer {
  module_id: string
  unlocked: true
  tokens_charged: number
  already_unlocked: boolean
  transaction_id: string | null
  balance_after: number
}

export interface QuizAnswer {
  module_id: string
  score: number
  total: number
  passed: boolean
  completed: boolean
  results: Array<{ question_id: string, correct: boolean, explanation: string }>
}


interface Fetched<T> { data?: T, error?: unknown, response: Response }
type Untyped = (path: string, init?: { body?: unknown, headers?: Record<string, string> }) => Promise<Fetched<unknown>>
const untyped = api as unknown as { GET: Untyped, POST: Untyped }

export async function listModules (): Promise<ApiResult<{ modules: LabModuleSummary[] }>> {
  return await settle(untyped.GET('/api/v2/lab/modules') as Promise<Fetched<{ modules: LabModuleSummary[] }>>)
}

export async function getModule (moduleId: string): Promise<ApiResult<LabModule>> {
  return await settle(untyped.GET(`/api/v2/lab/modules/${encodeURIComponent(moduleId)}`) as Promise<Fetched<LabModule>>)
}

export async function unlockModule (moduleId: string, idempotencyKey: string): Promise<ApiResult<UnlockAnswer>> {
  return await settle(untyped.POST(`/api/v2/lab/modules/${encodeURIComponent(moduleId)}/unlock`, { headers: { 'idempotency-key': idempotencyKey } }) as Promise<Fetched<UnlockAnswer>>)
}

export async function submitQuiz (moduleId: string, answers: Array<{ question_id: string, choice_id: string }>, idempotencyKey: string): Promise<ApiResult<QuizAnswer>> {
  return await settle(untyped.POST(`/api/v2/lab/modules/${encodeURIComponent(moduleId)}/quiz`, { body: { answers }, headers: { 'idempotency-key': idempotencyKey } }) as Promise<Fetched<QuizAnswer>>)
}

