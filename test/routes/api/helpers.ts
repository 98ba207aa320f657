import type { FastifyInstance } from 'fastify'

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghij'
export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

export function bearer (apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` }
}

/** Signs up an actor and returns its id, key and auth headers. */
export async function signUp (app: FastifyInstance, label = 'tester'): Promise<{ actorId: string, apiKey: string, headers: Record<string, string> }> {
  const res = await app.inject({ method: 'POST', url: '/api/v2/actors', payload: { label } })
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`)
  const { actor_id: actorId, api_key: apiKey } = res.json()
  return { actorId, apiKey, headers: bearer(apiKey) }
}

export async function topUp (app: FastifyInstance, actorId: string, amount: number, paymentId = `pay-${actorId}-${amount}-${Math.random()}`) {
  const res = await app.inject({ method: 'POST', url: '/api/v2/tokens/topup', headers: admin, payload: { user_id: actorId, amount, payment_id: paymentId } })
  if (res.statusCode !== 200) throw new Error(`top-up failed: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function balanceOf (app: FastifyInstance, headers: Record<string, string>): Promise<number> {
  const res = await app.inject({ url: '/api/v2/tokens/balance', headers })
  if (res.statusCode !== 200) throw new Error(`balance failed: ${res.statusCode} ${res.body}`)
  return res.json().balance
}
