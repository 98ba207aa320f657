import { spawn } from 'node:child_process'
import { once } from 'node:events'
import t from 'tap'
import { migrate, openDatabase } from '../../src/db/database.js'
import { verifyLedger } from '../../src/ledger/verify.js'
import { FIXTURES, openLedger } from '../fixtures/ledger/helpers.js'

const KILLS = 20

interface Run {
  /** Every id the worker printed as committed before it died. */
  committed: string[]
  signal: NodeJS.Signals | null
}

/** Starts the crash worker, lets it write for `ms` after it is ready, then SIGKILLs it. */
async function writeThenKill (file: string, actorId: string, ms: number): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${FIXTURES}/crash-worker.ts`, '--db', file, '--actor', actorId], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  let killTimer: NodeJS.Timeout | undefined
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
    if (killTimer === undefined && output.startsWith('ready\n')) killTimer = setTimeout(() => child.kill('SIGKILL'), ms)
  })
  const [, signal] = await once(child, 'close') as [number | null, NodeJS.Signals | null]
  clearTimeout(killTimer)
  // A line cut short by the kill has no newline: the worker never finished reporting it.
  const complete = output.slice(0, output.lastIndexOf('\n') + 1)
  return { committed: complete.split('\n').filter((line) => line !== '' && line !== 'ready'), signal }
}

t.test(`SIGKILL at random moments, ${KILLS} times: nothing committed is lost, nothing is invented`, async (t) => {
  const dir = t.testdir()
  const setup = openLedger(dir)
  const { actor_id: actorId } = await setup.ledger.createActor({ label: 'crash' })
  await setup.ledger.topup({ actorId, amount: 100, paymentId: 'seed', requestId: 'seed' })
  setup.db.close()

  const everCommitted: string[] = []
  for (let i = 0; i < KILLS; i++) {
    const run = await writeThenKill(setup.file, actorId, 100 + Math.floor(Math.random() * 300))
    t.equal(run.signal, 'SIGKILL', `run ${i} was killed, not finished`)
    everCommitted.push(...run.committed)

    // Reopen as the service would after a crash: WAL recovery, then migrations (a no-op).
    const db = openDatabase(setup.file)
    try {
      migrate(db)
      const report = verifyLedger(db)
      t.same(report.violations, [], `run ${i}: the ledger verifies (${run.committed.length} commits reported)`)
      const present = db.prepare('SELECT count(*) FROM ledger_entries WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(everCommitted))
      t.equal(present, everCommitted.length, `run ${i}: every reported commit survived`)
    } finally {
      db.close()
    }
  }
  t.ok(everCommitted.length > KILLS, `the workers committed ${everCommitted.length} entries in all`)
})
