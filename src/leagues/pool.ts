import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { FullBacktest, LeagueComputer } from './service.js'
import type { SeasonOutlook } from './model.js'

/**
 * The leagues' pool work on a piscina worker (src/leagues/worker.ts), so a backtest of thousands of
 * fits never blocks the event loop (/health stays fast; SPEC §13.3). One thread, started on the
 * first job: leagues are read far more often than backtests are computed (each is cached per data
 * version). The worker file is `worker.ts` under tsx (its thread needs tsx's loader) and
 * `worker.js` once compiled, like src/simulation-runner/runner.ts.
 */
export function createLeagueComputer (): LeagueComputer {
  let pool: Piscina | undefined
  const here = fileURLToPath(import.meta.url)
  const extension = extname(here)
  const workerPool = (): Piscina => {
    pool ??= new Piscina({
      filename: join(dirname(here), `worker${extension}`),
      execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000
    })
    return pool
  }
  return {
    async backtest (matches, from) {
      return await (workerPool().run({ kind: 'backtest', matches, from }) as Promise<FullBacktest>)
    },
    async outlook (input) {
      return await (workerPool().run({ kind: 'outlook', input }) as Promise<SeasonOutlook>)
    },
    async close () {
      await pool?.destroy()
      pool = undefined
    }
  }
}
