import t from 'tap'
import { statSync } from 'node:fs'
import { buildApp, SOURCE_SERVER, startServer } from '../helper.js'
import { databaseFile } from '../../src/db/database.js'

/** The largest file the server process may write (RLIMIT_FSIZE), in bytes. */
const FILE_SIZE_LIMIT = 64 * 1024

async function get (url: string): Promise<{ status: number, body: Record<string, unknown> }> {
  const res = await fetch(url)
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}

/**
 * A full disk, for real: the server runs under `prlimit --fsize`, so the kernel refuses (EFBIG) any
 * write past 64 KiB in a file, as a full disk refuses (ENOSPC) any write that needs a new block.
 * The database was created beforehand, larger than the limit; the WAL starts empty and takes only
 * a handful of commits before SQLite can no longer append to it. (A tmpfs of a few KiB would be
 * the same test, but mounting one needs privileges a test does not have; as root, chmod would not
 * stop a write.)
 */
t.test('/ready answers 503 once the database can no longer be written, while /health stays 200', async (t) => {
  const dataDir = t.testdir()
  const { app } = await buildApp(t, { logLevel: 'silent' }, { dataDir })
  await app.close()
  t.ok(statSync(databaseFile(dataDir)).size > 0, 'the database exists before the limited start')

  // Node ignores SIGXFSZ, so a write past the limit fails with EFBIG, as a write to a full disk
  // fails with ENOSPC. tap instruments child node processes through NODE_OPTIONS with a signal-exit
  // handler that would turn SIGXFSZ back into a kill, hence `env -u NODE_OPTIONS`.
  const server = await startServer(t, { DATA_DIR: dataDir, RATE_LIMIT_SIGNUP_PER_HOUR: '1000' },
    { command: ['env', '-u', 'NODE_OPTIONS', 'prlimit', `--fsize=${FILE_SIZE_LIMIT}`, ...SOURCE_SERVER] })

  // Before: ready (polling, since a cold start on a busy machine may report a slow event loop).
  let ready = await get(`${server.baseUrl}/ready`)
  for (let i = 0; i < 20 && ready.status !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    ready = await get(`${server.baseUrl}/ready`)
  }
  t.equal(ready.status, 200, 'ready while the database takes writes')

  // Sign-ups write until the WAL reaches the limit; the first refused write is a clean 503.
  let refused: { status: number, body: Record<string, unknown> } | null = null
  for (let i = 0; i < 200 && refused === null; i++) {
    const res = await fetch(`${server.baseUrl}/api/v2/actors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    const body = await res.json() as Record<string, unknown>
    if (res.status !== 201) refused = { status: res.status, body }
  }
  t.ok(refused !== null, 'a write was refused once the file could not grow')
  t.equal(refused?.status, 503)
  t.match(refused?.body, { error: 'storage_unavailable' })
  // After: not ready, naming the database; liveness unaffected.
  let notReady = await get(`${server.baseUrl}/ready`)
  for (let i = 0; i < 20 && notReady.status === 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    notReady = await get(`${server.baseUrl}/ready`)
  }
  t.equal(notReady.status, 503, '/ready is 503')
  t.match(notReady.body, { ready: false, checks: { database: 'fail' }, failing: [{ check: 'database', detail: /not writable: SQLITE_/ }] })
  t.equal((await fetch(`${server.baseUrl}/health`)).status, 200, '/health is still 200: the process is alive')
})
