import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PROJECT_ROOT } from '../paths.js'

export type SqliteDatabase = Database.Database
export type SynchronousMode = 'FULL' | 'NORMAL'

/** The project's migrations folder (shipped beside package.json, also in the Docker image). */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations')

export interface OpenOptions {
  synchronous?: SynchronousMode
  /** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number
  readonly?: boolean
}

/** Opens (creating if needed) a SQLite file in WAL mode with the durability the config asks for. */
export function openDatabase (file: string, options: OpenOptions = {}): SqliteDatabase {
  if (file !== ':memory:' && options.readonly !== true) mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  if (options.readonly !== true) db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  db.pragma('foreign_keys = ON')
  return db
}

/** The database file is damaged: the service refuses to start and the operator restores a backup. */
export class CorruptDatabaseError extends Error {
  constructor (readonly file: string, problem: string) {
    super(`database ${file} failed PRAGMA quick_check (${problem.replace(/\s+/g, ' ')}); restore a backup (docs/DEPLOY_RENDER.md, "Backups")`)
    this.name = 'CorruptDatabaseError'
  }
}

/** SQLite's codes for a file that is not a sound database. */
const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB'])

/**
 * Opens the database like `openDatabase` and runs `PRAGMA quick_check` (every page and b-tree, no
 * index/table cross-check; linear in the file size). A damaged file — including one so damaged
 * that opening it fails — is a CorruptDatabaseError naming the file, in one line.
 */
export function openSoundDatabase (file: string, options: OpenOptions = {}): SqliteDatabase {
  let db: SqliteDatabase | undefined
  try {
    db = openDatabase(file, options)
    const report = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check)
    if (report[0] !== 'ok') {
      throw new CorruptDatabaseError(file, report.length > 1 ? `${report[0]} … and ${report.length - 1} more` : report[0])
    }
    return db
  } catch (err) {
    db?.close()
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && CORRUPTION_CODES.has(code)) throw new CorruptDatabaseError(file, (err as Error).message)
    throw err
  }
}

export interface Migration {
  version: number
  name: string
  sql: string
}

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/

/** Reads `NNN_name.sql` files in version order; versions must run 1, 2, 3 … without gaps. */
export function loadMigrations (dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), 'utf8') }))
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected version ${String(i + 1).padStart(3, '0')}`)
  })
  return migrations
}

export function schemaVersion (db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function pendingMigrations (db: SqliteDatabase, dir: string = MIGRATIONS_DIR): Migration[] {
  const current = schemaVersion(db)
  return loadMigrations(dir).filter((m) => m.version > current)
}

/**
 * Applies every pending migration in one IMMEDIATE transaction and bumps `PRAGMA user_version`.
 * A failing file rolls the whole run back, so the database is left exactly as it was, and the
 * error names the file.
 */
export function migrate (db: SqliteDatabase, dir: string = MIGRATIONS_DIR): Migration[] {
  // Read the version inside the write lock so two processes starting together can't both apply.
  const apply = db.transaction((): Migration[] => {
    const pending = pendingMigrations(db, dir)
    for (const migration of pending) {
      try {
        db.exec(migration.sql)
      } catch (err) {
        throw new MigrationError(migration.name, (err as Error).message)
      }
      db.pragma(`user_version = ${migration.version}`)
    }
    return pending
  })
  return apply.immediate()
}

export class MigrationError extends Error {
  constructor (readonly file: string, reason: string) {
    super(`migration ${file} failed: ${reason}`)
    this.name = 'MigrationError'
  }
}

/** The one database file under DATA_DIR. */
export function databaseFile (dataDir: string): string {
  return join(dataDir, 'trickster.db')
}
