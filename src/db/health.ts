import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { pendingMigrations, type SqliteDatabase } from './database.js'

/** What GET /ready asks of the database, whichever engine it is (the storage plugin decorates the app with it as `app.database`). */
export interface DatabaseHealth {
  /** The SQLite file; null on PostgreSQL. */
  file: string | null
  /** SQLite: is the file still the one we opened, readable and answering? PostgreSQL: reachable and writable? */
  check: () => Promise<{ ok: boolean, detail: string }>
  /** Migration files on disk not yet applied (a deploy that added one without a restart). */
  pending: () => Promise<string[]>
}

const SQLITE_HEADER = 'SQLite format 3\u0000'

/** The health of the SQLite database `db` opened on `file`: the file as it is now is compared with the one open now. */
export function sqliteHealth (db: SqliteDatabase, file: string, migrationsDir?: string): DatabaseHealth {
  const opened = statSync(file)
  return {
    file,
    async check () {
      try {
        const now = statSync(file)
        if (now.ino !== opened.ino || now.dev !== opened.dev) return { ok: false, detail: 'database file was replaced or removed' }
        const header = Buffer.alloc(16)
        const fd = openSync(file, 'r')
        try {
          readSync(fd, header, 0, 16, 0)
        } finally {
          closeSync(fd)
        }
        if (header.toString('latin1') !== SQLITE_HEADER) return { ok: false, detail: 'database file is not readable as SQLite' }
        db.prepare('SELECT 1').get()
        return { ok: true, detail: 'ok' }
      } catch (err) {
        return { ok: false, detail: `database unreachable: ${(err as NodeJS.ErrnoException).code ?? 'error'}` }
      }
    },
    async pending () {
      return pendingMigrations(db, migrationsDir).map((m) => m.name)
    }
  }
}
