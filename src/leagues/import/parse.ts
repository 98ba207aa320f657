import { parse as parseCsv } from 'csv-parse/sync'
import type { FieldIssue } from '../../errors.js'
import { nameProblem } from './names.js'

/**
 * Reading an import file (SPEC §13.1): the openfootball JSON season document and the
 * football-data CSV. Pure: text or a parsed document in, rows or every bad row out. A row's
 * `where` is a JSON pointer into the document (`/matches/3`) or a CSV line (`line 5`).
 */

/** Matches an import may hold (a league holds at most as many). */
export const MAX_LEAGUE_MATCHES = 20_000

export interface ImportRow {
  where: string
  date: string
  home: string
  away: string
  homeGoals: number | null
  awayGoals: number | null
}

export interface ParsedFile {
  season: string
  rows: ImportRow[]
  /** Matches whose year the file got wrong, moved by one year (`redateMisdatedRounds`); every move reported. */
  redated?: Redated[]
}

export interface Redated {
  where: string
  home: string
  away: string
  from: string
  to: string
}

/** A refused file still carries its good rows, so that the checks across rows can list their problems in the same answer. */
export type ParseOutcome = { ok: true, file: ParsedFile } | { ok: false, issues: FieldIssue[], file?: ParsedFile }

const SEASON = /^(\d{4})(?:-(\d{2}))?$/

/** Why a season label is unusable (`2024-25`, or `2025` for a calendar-year league), or null. */
export function seasonProblem (season: string): string | null {
  const match = SEASON.exec(season)
  if (match === null) return 'must be YYYY-YY (e.g. 2024-25) or YYYY (a calendar-year league)'
  if (match[2] !== undefined && (Number(match[1]) + 1) % 100 !== Number(match[2])) return 'must name two consecutive years (e.g. 2024-25)'
  return null
}

/** The season named at the end of an openfootball `name` ("… 2024/25" → "2024-25"), or null. */
export function seasonFromName (name: string): string | null {
  const match = /(\d{4})[/-](\d{2}|\d{4})\s*$/.exec(name)
  if (match === null) return null
  const second = match[2].length === 4 ? match[2].slice(2) : match[2]
  const season = `${match[1]}-${second}`
  return seasonProblem(season) === null ? season : null
}

/** A calendar date that exists (2019-02-30 does not), as YYYY-MM-DD; null when it is none. */
export function isoDate (year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1850 || year > 2199) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

/** A `YYYY-MM-DD` string that is a real date, or null. */
export function parseIsoDate (value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return match === null ? null : isoDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

const goalsProblem = 'must be a whole number of goals, 0 or more'
const isGoals = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 99

function chooseSeason (named: string | null, requested: string | undefined, issues: FieldIssue[], where: { named: string, requested: string }): string {
  if (requested !== undefined) {
    const problem = seasonProblem(requested)
    if (problem !== null) issues.push({ pointer: where.requested, message: problem })
    else if (named !== null && named !== requested) issues.push({ pointer: where.requested, message: `says ${requested} but the file is season ${named}` })
    return requested
  }
  if (named === null) issues.push({ pointer: where.requested, message: 'is required: the file does not name its season (an openfootball name ending in a year pair such as 2024/25)' })
  return named ?? ''
}

/**
 * An openfootball season document: `{name, matches: [{date, team1, team2, score?: {ft?: [h, a]}}]}`.
 * `pointerBase` prefixes every pointer (`/body` for a request). `seasonPointer` names where a
 * `season` parameter came from (`/querystring/season`, `--season`).
 */
export function parseOpenfootball (document: unknown, options: { season?: string, pointerBase?: string, seasonPointer?: string } = {}): ParseOutcome {
  const base = options.pointerBase ?? ''
  const issues: FieldIssue[] = []
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { ok: false, issues: [{ pointer: base === '' ? '/' : base, message: 'must be an openfootball season document: {"name", "matches": [...]}' }] }
  }
  const doc = document as { name?: unknown, matches?: unknown }
  if (doc.name !== undefined && typeof doc.name !== 'string') issues.push({ pointer: `${base}/name`, message: 'must be a string' })
  const named = typeof doc.name === 'string' ? seasonFromName(doc.name) : null
  const season = chooseSeason(named, options.season, issues, { named: `${base}/name`, requested: options.seasonPointer ?? '/querystring/season' })
  if (!Array.isArray(doc.matches)) {
    issues.push({ pointer: `${base}/matches`, message: 'must be an array of matches' })
    return { ok: false, issues }
  }
  if (doc.matches.length > MAX_LEAGUE_MATCHES) {
    issues.push({ pointer: `${base}/matches`, message: `holds ${doc.matches.length} matches; a league holds at most ${MAX_LEAGUE_MATCHES}` })
    return { ok: false, issues }
  }
  const rows: ImportRow[] = []
  const rounds: Array<number | null> = []
  doc.matches.forEach((item: unknown, i: number) => {
    const at = `${base}/matches/${i}`
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ pointer: at, message: 'must be a match object' })
      return
    }
    const match = item as { round?: unknown, date?: unknown, team1?: unknown, team2?: unknown, score?: unknown }
    const rowIssues: FieldIssue[] = []
    const date = parseIsoDate(match.date)
    if (date === null) rowIssues.push({ pointer: `${at}/date`, message: 'must be a real date, YYYY-MM-DD' })
    for (const side of ['team1', 'team2'] as const) {
      const problem = nameProblem(match[side])
      if (problem !== null) rowIssues.push({ pointer: `${at}/${side}`, message: problem })
    }
    let homeGoals: number | null = null
    let awayGoals: number | null = null
    if (match.score !== undefined && match.score !== null) {
      if (typeof match.score !== 'object' || Array.isArray(match.score)) {
        rowIssues.push({ pointer: `${at}/score`, message: 'must be an object with ft: [home goals, away goals]' })
      } else {
        const ft = (match.score as { ft?: unknown }).ft
        if (ft !== undefined && ft !== null) {
          if (!Array.isArray(ft) || ft.length !== 2) rowIssues.push({ pointer: `${at}/score/ft`, message: 'must be [home goals, away goals]' })
          else {
            ft.forEach((goals: unknown, side: number) => { if (!isGoals(goals)) rowIssues.push({ pointer: `${at}/score/ft/${side}`, message: goalsProblem }) })
            if (isGoals(ft[0]) && isGoals(ft[1])) [homeGoals, awayGoals] = [ft[0], ft[1]]
          }
        }
      }
    }
    issues.push(...rowIssues)
    if (rowIssues.length === 0) {
      rows.push({ where: at, date: date as string, home: (match.team1 as string).trim(), away: (match.team2 as string).trim(), homeGoals, awayGoals })
      rounds.push(roundNumber(match.round))
    }
  })
  const redated = redateMisdatedRounds(season, rows, rounds)
  const file = { season, rows, ...(redated.length > 0 ? { redated } : {}) }
  return issues.length > 0 ? { ok: false, issues, file } : { ok: true, file }
}

/** The number of an openfootball round ("Matchday 12", "Round 12", "12. Spieltag"), or null. */
function roundNumber (round: unknown): number | null {
  if (typeof round !== 'string') return null
  const match = /(\d{1,3})/.exec(round)
  return match === null ? null : Number(match[1])
}

/** A match this many days or more before its season's opening round cannot belong to it. */
const MISDATED_MARGIN_DAYS = 14

/**
 * Real files get a year wrong: the openfootball EPL 2019-20 file dates the 66 matches played in
 * June–July 2020, after the interruption, in July **2019**, before the season's first matchday.
 * Left as they are, a walk-forward backtest would treat results of 2020 as history of 2019 — a
 * look-ahead. A match of a later round (≥ 2) dated two weeks or more before the earliest match of
 * round 1, whose date one year later falls inside the season (from that opening to 31 August of the
 * season's second year), is moved by one year; every move is reported in the import answer
 * (`redated`, docs/API.md), never made silently. Anything else is left as the file says.
 */
function redateMisdatedRounds (season: string, rows: ImportRow[], rounds: ReadonlyArray<number | null>): Redated[] {
  const years = /^(\d{4})-\d{2}$/.exec(season)
  if (years === null) return []
  const openings = rows.filter((_, i) => rounds[i] === 1).map((row) => row.date).sort()
  if (openings.length === 0) return []
  const opening = openings[0]
  const seasonEnd = `${Number(years[1]) + 1}-08-31`
  const margin = new Date(Date.parse(`${opening}T00:00:00Z`) - MISDATED_MARGIN_DAYS * 86_400_000).toISOString().slice(0, 10)
  const redated: Redated[] = []
  rows.forEach((row, i) => {
    const round = rounds[i]
    if (round === null || round < 2 || row.date > margin) return
    const [year, month, day] = row.date.split('-').map(Number)
    const later = isoDate(year + 1, month, day)
    if (later === null || later < opening || later > seasonEnd) return
    redated.push({ where: row.where, home: row.home, away: row.away, from: row.date, to: later })
    row.date = later
  })
  return redated
}

/** Column names of the football-data CSV, with the shorter ones of its "new leagues" files. */
const CSV_COLUMNS = {
  date: ['Date'],
  home: ['HomeTeam', 'Home'],
  away: ['AwayTeam', 'Away'],
  homeGoals: ['FTHG', 'HG'],
  awayGoals: ['FTAG', 'AG']
} as const

/** `dd/mm/yy` or `dd/mm/yyyy` (football-data); two-digit years 70–99 are 19xx, the others 20xx. */
export function parseFootballDataDate (value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value.trim())
  if (match === null) return null
  let year = Number(match[3])
  if (match[3].length === 2) year += year >= 70 ? 1900 : 2000
  return isoDate(year, Number(match[2]), Number(match[1]))
}

function csvGoals (cell: string): number | null | undefined {
  const text = cell.trim()
  if (text === '') return null
  return /^\d{1,2}$/.test(text) ? Number(text) : undefined
}

/** A football-data CSV (`Date, HomeTeam, AwayTeam, FTHG, FTAG`, other columns ignored); the season is required. */
export function parseFootballDataCsv (text: string, options: { season?: string, seasonPointer?: string } = {}): ParseOutcome {
  const issues: FieldIssue[] = []
  const season = chooseSeason(null, options.season, issues, { named: '', requested: options.seasonPointer ?? '/querystring/season' })
  let records: string[][]
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][]
  } catch (err) {
    const line = (err as { lines?: number }).lines
    issues.push({ pointer: line === undefined ? 'line 1' : `line ${line}`, message: `is not valid CSV (${(err as { code?: string }).code ?? 'parse error'})` })
    return { ok: false, issues }
  }
  if (records.length === 0) return { ok: false, issues: [...issues, { pointer: 'line 1', message: 'must be a header row naming Date, HomeTeam, AwayTeam, FTHG, FTAG' }] }
  const header = records[0].map((cell) => cell.trim())
  const column = new Map<keyof typeof CSV_COLUMNS, number>()
  for (const [field, names] of Object.entries(CSV_COLUMNS) as Array<[keyof typeof CSV_COLUMNS, readonly string[]]>) {
    const index = header.findIndex((cell) => names.includes(cell))
    if (index === -1) issues.push({ pointer: 'line 1', message: `has no ${names.join(' or ')} column` })
    else column.set(field, index)
  }
  if (column.size < Object.keys(CSV_COLUMNS).length) return { ok: false, issues }
  if (records.length - 1 > MAX_LEAGUE_MATCHES) return { ok: false, issues: [...issues, { pointer: 'line 1', message: `the file holds ${records.length - 1} rows; a league holds at most ${MAX_LEAGUE_MATCHES} matches` }] }
  const rows: ImportRow[] = []
  const cell = (record: string[], field: keyof typeof CSV_COLUMNS): string => record[column.get(field) as number] ?? ''
  records.slice(1).forEach((record, i) => {
    // skip_empty_lines drops blank lines only; football-data files often end with rows of bare commas.
    if (record.every((value) => value.trim() === '')) return
    const at = `line ${i + 2}`
    const problems: string[] = []
    const date = parseFootballDataDate(cell(record, 'date'))
    if (date === null) problems.push(`Date "${cell(record, 'date')}" must be a real date, dd/mm/yy or dd/mm/yyyy`)
    for (const side of ['home', 'away'] as const) {
      const problem = nameProblem(cell(record, side))
      if (problem !== null) problems.push(`${CSV_COLUMNS[side][0]} ${problem}`)
    }
    const homeGoals = csvGoals(cell(record, 'homeGoals'))
    const awayGoals = csvGoals(cell(record, 'awayGoals'))
    if (homeGoals === undefined) problems.push(`FTHG ${goalsProblem}`)
    if (awayGoals === undefined) problems.push(`FTAG ${goalsProblem}`)
    if (homeGoals !== undefined && awayGoals !== undefined && (homeGoals === null) !== (awayGoals === null)) problems.push('FTHG and FTAG must both be given (a result) or both be empty (a fixture)')
    if (problems.length > 0) {
      issues.push({ pointer: at, message: problems.join('; ') })
      return
    }
    rows.push({ where: at, date: date as string, home: cell(record, 'home').trim(), away: cell(record, 'away').trim(), homeGoals: homeGoals as number | null, awayGoals: awayGoals as number | null })
  })
  return issues.length > 0 ? { ok: false, issues, file: { season, rows } } : { ok: true, file: { season, rows } }
}
