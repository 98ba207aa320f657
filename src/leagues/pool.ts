import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ProblemError } from '../errors.js'
import { OverloadedError, type JobDescription, type SimulationRunner } from '../simulation/runner.js'
import type { ComputeAdmission, FullBacktest, LeagueComputer } from './service.js'
import type { LeagueMatch, OutlookInput, SeasonOutlook } from './model.js'
import type { LeaguesTask } from './worker.js'

/**
 * Estimated seconds of the leagues' pool work, for the heavy-work queue's bound (docs/ARCHITECTURE.md,
 * "Heavy work: one fair, bounded queue"); the queue corrects them by measured run times. Measured with
 * `npm run bench:leagues` (docs/ENGINE.md, "Leagues"): a cold backtest of ≈ 2 950 EPL matches took
 * 1.34 s (≈ 4.5e-4 s per match of history), an outlook of 380 fixtures × 100 000 iterations 1.6 s
 * (≈ 4.2e-8 s per fixture and iteration).
 */
const SECONDS_PER_BACKTEST_MATCH = 4.5e-4
const SECONDS_PER_OUTLOOK_FIXTURE_ITERATION = 4.2e-8

/**
 * The leagues' heavy work (a backtest of thousands of fits, a season outlook) goes through the same
 * fair, bounded queue and worker pool as the simulations (src/simulation/runner.ts), so it
 * shares the cores in arrival order with them and `/health` stays fast (SPEC §13.3, §13.4). The
 * worker module is src/leagues/worker.ts (`.ts` under tsx, `.js` once compiled). Over the queue's
 * bound a job is refused with 503 `overloaded` and `Retry-After`. A paid outlook is admitted before
 * the route charges (`admitOutlook`), like a simulation, so a refused one costs nothing; the free
 * backtest is admitted and run in one go.
 */
export function createLeagueComputer (runner: SimulationRunner): LeagueComputer {
  const here = fileURLToPath(import.meta.url)
  const workerFile = join(dirname(here), `worker${extname(here)}`)

  function admit<T> (job: JobDescription, task: LeaguesTask): ComputeAdmission<T> {
    let admission
    try {
      admission = runner.admitJob(job)
    } catch (err) {
      if (!(err instanceof OverloadedError)) throw err
      throw new ProblemError(503, 'overloaded',
        `The service has ${err.queuedWorkSeconds.toFixed(1)} s of heavy work queued, more than it accepts (${err.maxQueuedWorkSeconds} s). ` +
          'Nothing was charged; retry after Retry-After seconds.',
        { retry_after_seconds: err.retryAfterSeconds }, { 'retry-after': String(err.retryAfterSeconds) })
    }
    const reserved = admission
    return {
      run: async () => {
        const [result] = await reserved.run([runner.poolTask<T>('runLeaguesTask', task, workerFile)])
        return result
      },
      cancel: () => { reserved.cancel() }
    }
  }

  return {
    async backtest (matches: LeagueMatch[], from: string) {
      return await admit<FullBacktest>(
        { name: 'league_backtest', estimatedSeconds: matches.length * SECONDS_PER_BACKTEST_MATCH, attributes: { 'league.matches': matches.length } },
        { kind: 'backtest', matches, from }).run()
    },
    admitOutlook (input: OutlookInput) {
      return admit<SeasonOutlook>(
        { name: 'season_outlook', estimatedSeconds: input.fixtures.length * input.nSimulations * SECONDS_PER_OUTLOOK_FIXTURE_ITERATION, attributes: { 'outlook.fixtures': input.fixtures.length, 'outlook.iterations': input.nSimulations } },
        { kind: 'outlook', input })
    },
    // The pool belongs to the simulation runner, which closes it.
    async close () {}
  }
}
