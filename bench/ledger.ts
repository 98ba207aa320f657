/**
 * Ledger write throughput: `npx tsx bench/ledger.ts [--spends 5000] [--rounds 3] [--concurrency 32] [--wal-autocheckpoint N]
 * [--postgres postgres://…/postgres | none]`.
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
 * The same run adds a PostgreSQL row (docs/ARCHITECTURE.md, "Several instances"): each round creates
 * its own database on the `--postgres` server (default: this machine's; `none` skips it), charges
 * through the PostgreSQL storage (per-actor lock, units of one actor group-committed), verifies the
 * ledger, and drops the database. Its floor is single-row INSERTs, one transaction each.
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
import type { Storage } from '../src/storage/port.js'
import { createPool } from '../src/storage/postgres/pool.js'
import { openPostgresStorage } from '../src/storage/postgres/storage.js'
import { verifyPostgresLedger } from '../src/storage/postgres/verify.js'
import pg from 'pg'

const TARGETS: Record<SynchronousMode, number> = { FULL: 2_000, NORMAL: 20_000 }
/** PostgreSQL (synchronous_commit on, every commit durable) has the target of SQLite's FULL. */
const POSTGRES_TARGET = 2_000

const { values } = parseArgs({
  options: {
    spends: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    'wal-autocheckpoint': { type: 'string' },
    // The server on which each round creates (and drops) its own database; "none" skips PostgreSQL.
    postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }
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

/** Charges `count` spends of 1 token through the billing service, `callers` at a time; returns spends per second. */
async function chargesPerSecond (storage: Storage, callers: number, actors = 1): Promise<number> {
  const billing = new BillingService(storage, () => new Date(), { spent () {}, denied () {}, refunded () {}, toppedUp () {}, granted () {}, undeliveredRefunded () {} })
  const ids: string[] = []
  for (let a = 0; a < actors; a++) {
    const { actor_id: actorId } = await storage.ledger.createActor({ label: 'bench' })
    await billing.topup({ actorId, amount: count, paymentId: `bench-topup-${a}`, requestId: 'bench', idempotency: null })
    ids.push(actorId)
  }
  const started = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: callers }, async (_, caller) => {
    const actorId = ids[caller % actors]
    while (next < count) {
      const i = next++
      // The whole money path of a paid request: entitlement lookup, balance check, debit, one unit of work.
      const charge = await billing.charge({
        actorId,
        purchase: { kind: 'entitlement', tier: 'v1_simulation', fingerprint: i.toString(16).padStart(64, '0') },
        eventId: null,
        requestId: `req-${i}`,
        idempotency: null
      })
      if (charge.tokens_charged !== 1) throw new Error(`charge ${i} did not spend`)
    }
  }))
  return perSecond(performance.now() - started)
}

async function spendsPerSecond (file: string, mode: SynchronousMode, callers: number): Promise<number> {
  const db = open(file, mode)
  try {
    migrate(db)
    const rate = await chargesPerSecond(new SqliteStorage(db), callers)
    const report = verifyLedger(db)
    if (!report.ok || report.entries !== count + 1) throw new Error(`ledger inconsistent after the bench: ${report.violations.join('; ')}`)
    return rate
  } finally {
    db.close()
  }
}

/** A fresh database on the PostgreSQL server for one measurement, dropped afterwards. */
async function withPostgresDatabase<T> (work: (url: string) => Promise<T>): Promise<T> {
  const server = new URL(values.postgres)
  const name = `trickster_bench_${process.pid}_${Math.floor(performance.now())}`
  const admin = new pg.Client({ connectionString: server.toString() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(server.toString())
    url.pathname = `/${name}`
    try {
      return await work(url.toString())
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
}

async function postgresSpendsPerSecond (callers: number, actors = 1): Promise<number> {
  return await withPostgresDatabase(async (url) => {
    const { storage } = await openPostgresStorage({ connectionString: url })
    try {
      const rate = await chargesPerSecond(storage, callers, actors)
      const report = await verifyPostgresLedger(storage.pool)
      if (!report.ok || report.entries !== count + actors) throw new Error(`ledger inconsistent after the bench: ${report.violations.join('; ')}`)
      return rate
    } finally {
      await storage.close()
    }
  })
}

/** One single-row INSERT per transaction, one after the other: the floor one PostgreSQL commit costs here. */
async function postgresBareInsertsPerSecond (): Promise<number> {
  return await withPostgresDatabase(async (url) => {
    const pool = createPool(url, { max: 1 })
    try {
      await pool.query('CREATE TABLE floor (x INTEGER)')
      const started = performance.now()
      for (let i = 0; i < count; i++) await pool.query('INSERT INTO floor VALUES ($1)', [i])
      return perSecond(performance.now() - started)
    } finally {
      await pool.end()
    }
  })
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
      storage: 'sqlite',
      synchronous: mode,
      [`spends/s, ${concurrency} callers`]: median(spends),
      'spends/s, 1 caller': median(sequential),
      'bare inserts/s': median(floors),
      'spend/bare (1 caller)': (median(sequential) / median(floors)).toFixed(2),
      target: TARGETS[mode],
      met: median(spends) >= TARGETS[mode] ? 'yes' : 'NO'
    })
  }
  if (values.postgres !== 'none') {
    const spends: number[] = []
    const sequential: number[] = []
    const floors: number[] = []
    const spread: number[] = []
    for (let round = 0; round < rounds; round++) {
      floors.push(await postgresBareInsertsPerSecond())
      sequential.push(await postgresSpendsPerSecond(1))
      spends.push(await postgresSpendsPerSecond(concurrency))
      spread.push(await postgresSpendsPerSecond(concurrency, concurrency))
    }
    rows.push({
      storage: 'postgres',
      synchronous: 'synchronous_commit',
      [`spends/s, ${concurrency} callers`]: median(spends),
      'spends/s, 1 caller': median(sequential),
      'bare inserts/s': median(floors),
      'spend/bare (1 caller)': (median(sequential) / median(floors)).toFixed(2),
      target: POSTGRES_TARGET,
      met: median(spends) >= POSTGRES_TARGET ? 'yes' : 'NO'
    })
    // Many actors at once, as several instances see them: their transactions run in parallel.
    rows.push({
      storage: `postgres, ${concurrency} actors`,
      synchronous: 'synchronous_commit',
      [`spends/s, ${concurrency} callers`]: median(spread),
      'spends/s, 1 caller': median(sequential),
      'bare inserts/s': median(floors),
      'spend/bare (1 caller)': (median(sequential) / median(floors)).toFixed(2),
      target: POSTGRES_TARGET,
      met: median(spread) >= POSTGRES_TARGET ? 'yes' : 'NO'
    })
  }
  const checkpoint = walAutocheckpoint === undefined ? 'default wal_autocheckpoint' : `wal_autocheckpoint = ${walAutocheckpoint}`
  console.log(`${count} spends and ${count} bare inserts per round (medians of ${rounds} rounds), ${checkpoint}, node ${process.version}`)
  console.table(rows)
  if (rows.some((row) => row.met !== 'yes')) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
