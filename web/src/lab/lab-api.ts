/**
 * The Lab routes (docs/LAB.md), through the same openapi-fetch client and problem
 * handling as the rest of the app; the types are the generated ones of openapi/v2.json.
 */
import { api, settle, type ApiResult, type OkBody, type Schemas } from '../api/client'

export type LabModuleSummary = Schemas['LabModuleSummary']
export type LabModule = OkBody<'/api/v2/lab/modules/{module_id}', 'get'>
export type LabSection = Schemas['LabSection']
export type LabQuestion = Schemas['LabQuizQuestion']
export type UnlockAnswer = OkBody<'/api/v2/lab/modules/{module_id}/unlock', 'post'>
export type QuizAnswer = OkBody<'/api/v2/lab/modules/{module_id}/quiz', 'post'>

export async function listModules (): Promise<ApiResult<OkBody<'/api/v2/lab/modules', 'get'>>> {
  return await settle(api.GET('/api/v2/lab/modules'))
}

export async function getModule (moduleId: string): Promise<ApiResult<LabModule>> {
  return await settle(api.GET('/api/v2/lab/modules/{module_id}', { params: { path: { module_id: moduleId } } }))
}

export async function unlockModule (moduleId: string, idempotencyKey: string): Promise<ApiResult<UnlockAnswer>> {
  return await settle(api.POST('/api/v2/lab/modules/{module_id}/unlock', { params: { path: { module_id: moduleId } }, headers: { 'idempotency-key': idempotencyKey } }))
}

export async function submitQuiz (moduleId: string, answers: Array<{ question_id: string, choice_id: string }>, idempotencyKey: string): Promise<ApiResult<QuizAnswer>> {
  return await settle(api.POST('/api/v2/lab/modules/{module_id}/quiz', { params: { path: { module_id: moduleId } }, body: { answers }, headers: { 'idempotency-key': idempotencyKey } }))
}
