/**
 * Piscina worker entry for the leagues maths (SPEC §13.3, §13.4): a backtest or a season outlook
 * off the main thread, so `/health` keeps answering while they run. Results are plain data, so the
 * structured clone back is exact and the numbers are those of an in-process run.
 */
import { backtest } from './backtest.js'
import type { BacktestResult, LeagueMatch, OutlookInput, SeasonOutlook } from './model.js'
import { seasonOutlook } from './outlook.js'

export type LeaguesTask =
  | { kind: 'backtest', matches: LeagueMatch[], from: string }
  | { kind: 'outlook', input: OutlookInput }

/** Called by name through `runner.poolTask('runLeaguesTask', task, file)` (src/leagues/pool.ts). */
export function runLeaguesTask (task: LeaguesTask): BacktestResult | SeasonOutlook {
  if (task.kind === 'backtest') return backtest(task.matches, { from: task.from })
  return seasonOutlook(task.input)
}
