/**
 * Ledger write throughput: `npx tsx bench/ledger.ts [--spends 5000] [--rounds 3] [--wal-autocheckpoint N]`.
 *
 * For each synchronous mode: `--spends` spends through SqliteTokenLedger (one actor, topped up
 * first), against as many bare one-column INSERTs, each in its own BEGIN IMMEDIATE transaction, on
 * a fresh database opened the same way: the floor one commit costs on this disk. Every round uses
 * fresh databases; the table shows the median and the best round, since other processes on a
 * shared machine only ever make a round slower. Exits 1 when a median misses its target.
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
import { SqliteTokenLedger } from '../src/ledger/sqlite-ledger.js'
import { verifyLedger } from '../src/ledger/verify.js'

const TARGETS: Record<SynchronousMode, number> = { FULL: 2_000, NORMAL: 20_000 }

const { values } = parseArgs({
  options: {
    spends: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    'wal-autocheckpoint': { type: 'string' }
  }
})
const count = Number(values.spends)
const rounds = Number(values.rounds)
const walAutocheckpoint = values['wal-autocheckpoint'] === undefined ? undefined : Number(values['wal-autocheckpoint'])

function open (file: string, mode: SynchronousMode): SqliteDatabase {
  const db = openDatabase(file, { synchronous: mode })
  if (walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${walAutocheckpoint}`)
  return db
}

function perSecond (ms: number): number {
  return Math.round(count / (ms / 1000))
}

async function spendsPerSecond (file: string, mode: SynchronousMode): Promise<number> {
  const db = open(file, mode)
  try {
    migrate(db)
    const ledger = new SqliteTokenLedger(db)
    const { actor_id: actorId } = await ledger.createActor({ label: 'bench' })
    await ledger.topup({ actorId, amount: count, paymentId: 'bench-topup', requestId: 'bench' })
    const fingerprint = 'a'.repeat(64)
    const started = performance.now()
    for (let i = 0; i < count; i++) {
      const result = await ledger.spend({ actorId, amount: 1, feature: 'full_distribution', reason: 'simulation', fingerprint, requestId: `req-${i}` })
      if (!result.ok) throw new Error(`spend ${i} was denied`)
    }
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
    const floors: number[] = []
    for (let round = 0; round < rounds; round++) {
      floors.push(bareInsertsPerSecond(join(dir, `bare-${mode}-${round}.db`), mode))
      spends.push(await spendsPerSecond(join(dir, `ledger-${mode}-${round}.db`), mode))
    }
    rows.push({
      synchronous: mode,
      'spends/s median': median(spends),
      'spends/s best': Math.max(...spends),
      'bare inserts/s median': median(floors),
      'spend/bare': (median(spends) / median(floors)).toFixed(2),
      target: TARGETS[mode],
      met: median(spends) >= TARGETS[mode] ? 'yes' : 'NO'
    })
  }
  const checkpoint = walAutocheckpoint === undefined ? 'default wal_autocheckpoint' : `wal_autocheckpoint = ${walAutocheckpoint}`
  console.log(`${count} spends and ${count} bare inserts per round, ${rounds} rounds, ${checkpoint}, node ${process.version}`)
  console.table(rows)
  if (rows.some((row) => row.met !== 'yes')) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
