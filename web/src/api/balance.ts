import { api, settle, type ApiResult, type Balance } from './client'
import { session } from '../session'

/** Reads the balance (the service adds the daily grant on the first signed-in request of a UTC day). */
export async function refreshBalance (): Promise<ApiResult<Balance>> {
  const result = await settle(api.GET('/api/v2/tokens/balance'))
  if (result.ok) session.balanceReported(result.data.balance, result.data.user_id)
  return result
}
