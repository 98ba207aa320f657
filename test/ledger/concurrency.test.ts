import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import t from 'tap'
import { SqliteStorage } from '../../src/storage/sqlite/index.js'
import { verifyLedger } from '../../src/ledger/verify.js'
import { FIXTURES, openLedger } from '../fixtures/ledger/helpers.js'

interface WorkerSummary {
  ok: number
  denied: number
  granted: number
  ids: string[]
}

/**
 * Starts `count` spend-worker processes, waits until every one has opened the database, then
 * releases them together so that their transactions really interleave.
 */
async function race (count: number, args: string[]): Promise<WorkerSummary[]> {
  const workers = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${FIXTURES}/spend-worker.ts`, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    const lines = createInterface({ input: child.stdout })
    const ready = new Promise<void>((resolve, reject) => {
      lines.once('line', (line) => line === 'ready' ? resolve() : reject(new Error(`unexpected: ${line}`)))
      child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
    })
    const summary = new Promise<WorkerSummary>((resolve, reject) => {
      let last = ''
      lines.on('line', (line) => { last = line })
      child.once('exit', (code) => code === 0 ? resolve(JSON.parse(last) as WorkerSummary) : reject(new Error(`worker exited with ${code}`)))
    })
    return { child, ready, summary }
  })
  await Promise.all(workers.map(async (w) => w.ready))
  for (const w of workers) w.child.stdin.end('go\n')
  return Promise.all(workers.map(async (w) => w.summary))
}

t.test('4 processes fire 2000 spends of 2 at 1000 tokens: exactly 500 succeed', async (t) => {
  const { db, ledger, file } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const { actor_id: actorId } = await ledger.createActor({ label: 'contended' })
  await ledger.topup({ actorId, amount: 1000, paymentId: 'seed', requestId: 'seed' })

  const summaries = await race(4, ['--db', file, '--actor', actorId, '--count', '500', '--cost', '2'])

  const ok = summaries.reduce((sum, s) => sum + s.ok, 0)
  const denied = summaries.reduce((sum, s) => sum + s.denied, 0)
  t.equal(ok, 500, 'exactly 500 spends succeed')
  t.equal(denied, 1500, 'the other 1500 are denied')
  t.ok(summaries.filter((s) => s.ok > 0).length > 1, 'more than one process won spends, so they did interleave')
  t.equal((await ledger.balance(actorId)).balance, 0)
  const counts = db.prepare('SELECT kind, count(*) AS n FROM ledger_entries GROUP BY kind ORDER BY kind').all()
  t.same(counts, [{ kind: 'denied', n: 1500 }, { kind: 'spend', n: 500 }, { kind: 'topup', n: 1 }])
  const reported = summaries.flatMap((s) => s.ids)
  t.equal(new Set(reported).size, 500)
  const stored = db.prepare("SELECT count(*) FROM ledger_entries WHERE kind = 'spend' AND id IN (SELECT value FROM json_each(?))").pluck().get(JSON.stringify(reported))
  t.equal(stored, 500, 'every spend a worker saw succeed is stored')
  const report = verifyLedger(db)
  t.same(report.violations, [])
  t.equal(report.ok, true)
})

t.test('4 processes racing to create an actor and grant it today: one actor, one grant', async (t) => {
  const { db, file } = openLedger(t.testdir())
  t.teardown(() => db.close())
  const summaries = await race(4, ['--db', file, '--actor', 'header-racer', '--mode', 'grant', '--count', '25'])
  t.equal(summaries.reduce((sum, s) => sum + s.granted, 0), 1)
  t.equal(db.prepare('SELECT count(*) FROM actors').pluck().get(), 1)
  t.equal((await new SqliteStorage(db).ledger.balance('header-racer')).balance, 5)
  t.equal(verifyLedger(db).ok, true)
})
