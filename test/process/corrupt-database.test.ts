import t from 'tap'
import { createHash } from 'node:crypto'
import type { Test } from 'tap'
import { closeSync, openSync, writeSync } from 'node:fs'
import { buildApp, runServerExpectingExit } from '../helper.js'
import { databaseFile, openDatabase } from '../../src/db/database.js'
import { signUp } from '../routes/api/helpers.js'

/** 40 fixed "random" bytes (a seeded digest), so the damage is the same on every run. */
const DAMAGE = Buffer.concat([createHash('sha256').update('trickster-damage-1').digest(), createHash('sha256').update('trickster-damage-2').digest()]).subarray(0, 40)

/** A database file with actors, keys and ledger entries in it, closed cleanly (WAL checkpointed). */
async function populatedDataDir (t: Test): Promise<string> {
  const dataDir = t.testdir()
  const { app } = await buildApp(t, { logLevel: 'silent', rateLimitSignupPerHour: 100 }, { dataDir })
  for (let i = 0; i < 20; i++) {
    const actor = await signUp(app, `actor-${i}`)
    await app.inject({ url: '/api/v2/tokens/balance', headers: actor.headers })
  }
  await app.close()
  return dataDir
}

/** Overwrites bytes of the file at `offset`. */
function overwrite (file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+')
  try {
    writeSync(fd, bytes, 0, bytes.length, offset)
  } finally {
    closeSync(fd)
  }
}

/** What `PRAGMA quick_check` says about the file: `ok`, its first finding, or the error it raised. */
function quickCheck (file: string): string {
  const db = openDatabase(file, { readonly: true })
  try {
    return (db.pragma('quick_check') as Array<{ quick_check: string }>)[0].quick_check
  } catch (err) {
    return (err as Error).message
  } finally {
    db.close()
  }
}

t.test('40 random bytes in the data pages of a populated database: the service refuses to start, in one line naming the file', async (t) => {
  const dataDir = await populatedDataDir(t)
  const file = databaseFile(dataDir)
  const probe = openDatabase(file, { readonly: true })
  const pageSize = probe.pragma('page_size', { simple: true }) as number
  const { rootpage: rootPage } = probe.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'ledger_entries'").get() as { rootpage: number }
  probe.close()

  overwrite(file, (rootPage - 1) * pageSize, DAMAGE)
  t.not(quickCheck(file), 'ok', 'the damage is real: quick_check reports it')

  const result = await runServerExpectingExit({ ENV: 'test', DATA_DIR: dataDir })
  t.equal(result.code, 1, 'exits 1')
  const lines = result.stderr.trim().split('\n')
  t.equal(lines.length, 1, 'one line')
  t.match(lines[0], `database ${file} failed PRAGMA quick_check`)
  t.match(lines[0], /restore a backup/)
  t.notMatch(result.stdout, /Server listening/, 'it never listened')
})

t.test('a file whose header is damaged is refused the same way', async (t) => {
  const dataDir = await populatedDataDir(t)
  const file = databaseFile(dataDir)
  overwrite(file, 0, DAMAGE.subarray(0, 16))
  const result = await runServerExpectingExit({ ENV: 'test', DATA_DIR: dataDir })
  t.equal(result.code, 1)
  t.equal(result.stderr.trim().split('\n').length, 1, 'one line')
  t.match(result.stderr, `database ${file} failed PRAGMA quick_check`)
})
