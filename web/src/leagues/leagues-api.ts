/**
 * The leagues routes (docs/API.md "Leagues"), through the app's one openapi-fetch client and its
 * problem handling; the types are the generated ones of openapi/v2.json (SPEC §13.7 field names).
 */
import { api, settle, type ApiResult, type OkBody } from '../api/client'

export type LeagueList = OkBody<'/api/v2/leagues', 'get'>
export type LeagueSummary = LeagueList['leagues'][number]
export type League = OkBody<'/api/v2/leagues/{league_id}', 'get'>
export type TeamRating = League['teams'][number]
export type Backtest = OkBody<'/api/v2/leagues/{league_id}/backtest', 'get'>
export type ReliabilityBin = Backtest['reliability']['home'][number]
export type Fixtures = OkBody<'/api/v2/leagues/{league_id}/fixtures', 'get'>

/** The fixtures the League page lists (and simulates through Explore); `total` says how many remain. */
export const FIXTURES_SHOWN = 10

export async function listLeagues (): Promise<ApiResult<LeagueList>> {
  return await settle(api.GET('/api/v2/leagues'))
}

export async function getLeague (leagueId: string): Promise<ApiResult<League>> {
  return await settle(api.GET('/api/v2/leagues/{league_id}', { params: { path: { league_id: leagueId } } }))
}

export async function getBacktest (leagueId: string): Promise<ApiResult<Backtest>> {
  return await settle(api.GET('/api/v2/leagues/{league_id}/backtest', { params: { path: { league_id: leagueId } } }))
}

export async function getFixtures (leagueId: string): Promise<ApiResult<Fixtures>> {
  return await settle(api.GET('/api/v2/leagues/{league_id}/fixtures', { params: { path: { league_id: leagueId }, query: { limit: FIXTURES_SHOWN } } }))
}

/** The Explore link of a fixture: its inputs in the URL (web/src/explore/explore-query.ts), free headline depth. */
export function exploreHref (leagueId: string, fixture: { home_team: string, away_team: string }): string {
  const params = new URLSearchParams({ depth: 'headline_pick', league_id: leagueId, home_team: fixture.home_team, away_team: fixture.away_team })
  return `/explore?${params.toString()}`
}

export type SeasonOutlook = OkBody<'/api/v2/leagues/{league_id}/season', 'post'>
export type SeasonTeam = SeasonOutlook['teams'][number]
/** The tier of the season outlook in GET /api/v2/tiers (SPEC §13.4). */
export const SEASON_TIER = 'season_outlook'

export async function getSeasonCost (): Promise<ApiResult<number | null>> {
  const result = await settle(api.GET('/api/v2/tiers'))
  if (!result.ok) return result
  return { ok: true, status: result.status, data: result.data.tiers.find((tier) => tier.depth === SEASON_TIER)?.cost_tokens ?? null }
}

export async function runSeasonOutlook (leagueId: string, idempotencyKey: string): Promise<ApiResult<SeasonOutlook>> {
  return await settle(api.POST('/api/v2/leagues/{league_id}/season', { params: { path: { league_id: leagueId }, header: { 'idempotency-key': idempotencyKey } }, body: {} }))
}
