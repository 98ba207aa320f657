/**
 * Ledger write throughput: `npx tsx bench/ledger.ts [--spends 5000] [--rounds 3] [--concurrency 32] [--wal-autocheckpoint N]`.
 *
 * For each synchronous mode: `--spends` charges through the billing service on the SQLite storage
 * (entitlement lookup, balance check and debit in one unit of work; one actor, topped up
 * first), against as many bare one-column INSERTs, each in its own BEGIN IMMEDIATE transaction, on
 * a fresh database opened the same way: the floor one commit costs on this disk. Every round uses
 * fresh databases; the table shows the median and the best round, since other processes on a
 * shared machine only ever make a round slower. Exits 1 when a median misses its target.
 *
 * Spends run twice: one caller awaiting each spend in turn (sequential), and `--concurrency`
 * callers at once (default 32), as a busy server issues them. Concurrent spends requested in the
 * same event-loop turn share one transaction (group commit, see docs/LEDGER.md); the target is
 * judged on the concurrent figure, and both are printed.
 *
 * `--wal-autocheckpoint` overrides SQLite's default of 1000 pages on both databases: a what-if for
 * the connection settings (see docs/LEDGER.md), not what the service runs with.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { migrate, openDatabase } from '../src/db/database.js'
import type { SqliteDatabase, SynchronousMode } from '../src/db/database.js'
import { BillingService } from '../src/billing/index.js'
import { SqliteStorage } from '../src/storage/sqlite/index.js'
import { verifyLedger } from '../src/ledger/verify.js'

const TARGETS: Record<SynchronousMode, number> = { FULL: 2_000, NORMAL: 20_000 }

const { values } = parseArgs({
  options: {
    spends: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    'wal-autocheckpoint': { type: 'string' }
  }
})
const count = Number(values.spends)
const rounds = Number(values.rounds)
const concurrency = Number(values.concurrency)
const walAutocheckpoint = values['wal-autocheckpoint'] === undefined ? undefined : Number(values['wal-autocheckpoint'])

function open (file: string, mode: SynchronousMode): SqliteDatabase {
  const db = openDatabase(file, { synchronous: mode })
  if (walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${walAutocheckpoint}`)
  return db
}

function perSecond (ms: number): number {
  return Math.round(count / (ms / 1000))
}

async function spendsPerSecond (file: string, mode: SynchronousMode, callers: number): Promise<number> {
  const db = open(file, mode)
  try {
    migrate(db)
    const storage = new SqliteStorage(db)
    const billing = new BillingService(storage, () => new Date(), { spent () {}, denied () {}, refunded () {}, toppedUp () {} })
    const { actor_id: actorId } = await storage.ledger.createActor({ label: 'bench' })
    await billing.topup({ actorId, amount: count, paymentId: 'bench-topup', requestId: 'bench', idempotency: null })
    const started = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: callers }, async () => {
      while (next < count) {
        const i = next++
        // The whole money path of a paid request: entitlement lookup, balance check, debit, one unit of work.
        const charge = await billing.charge({
          actorId, feature: 'full_distribution', cost: 1, purchase: { kind: 'entitlement', fingerprint: i.toString(16).padStart(64, '0') },
          eventId: null, requestId: `req-${i}`, idempotency: null
        })
        if (charge.tokens_charged !== 1) throw new Error(`charge ${i} did not spend`)
      }
    }))
    const elapsed = performance.now() - started
    const report = verifyLedger(db)
    if (!report.ok || report.entries !== count + 1) throw new Error(`ledger inconsistent after the bench: ${report.violations.join('; ')}`)
    return perSecond(elapsed)
  } finally {
    db.close()
  }
}

function bareInsertsPerSecond (file: string, mode: SynchronousMode): number {
  const db = open(file, mode)
  try {
    db.exec('CREATE TABLE floor (x INTEGER) STRICT')
    const insert = db.prepare('INSERT INTO floor VALUES (?)')
    const insertOne = db.transaction((x: number) => insert.run(x))
    const started = performance.now()
    for (let i = 0; i < count; i++) insertOne.immediate(i)
    return perSecond(performance.now() - started)
  } finally {
    db.close()
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'))
try {
  const rows = []
  for (const mode of ['FULL', 'NORMAL'] as const) {
    const spends: number[] = []
    const sequential: number[] = []
    const floors: number[] = []
    for (let round = 0; round < rounds; round++) {
      floors.push(bareInsertsPerSecond(join(dir, `bare-${mode}-${round}.db`), mode))
      sequential.push(await spendsPerSecond(join(dir, `ledger-seq-${mode}-${round}.db`), mode, 1))
      spends.push(await spendsPerSecond(join(dir, `ledger-${mode}-${round}.db`), mode, concurrency))
    }
    rows.push({
      synchronous: mode,
      [`spends/s, ${concurrency} callers`]: median(spends),
      'spends/s, 1 caller': median(sequential),
      'bare inserts/s': median(floors),
      'spend/bare (1 caller)': (median(sequential) / median(floors)).toFixed(2),
      target: TARGETS[mode],
      met: median(spends) >= TARGETS[mode] ? 'yes' : 'NO'
    })
  }
  const checkpoint = walAutocheckpoint === undefined ? 'default wal_autocheckpoint' : `wal_autocheckpoint = ${walAutocheckpoint}`
  console.log(`${count} spends and ${count} bare inserts per round (medians of ${rounds} rounds), ${checkpoint}, node ${process.version}`)
  console.table(rows)
  if (rows.some((row) => row.met !== 'yes')) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
