import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/paths.js'

/** The shared real seasons (read-only, never copied into the repository; SPEC §13.6). */
export const FOOTBALL_DATA_DIR = join(PROJECT_ROOT, '..', 'shared', 'data', 'football')
export const SEASONS = ['2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24', '2024-25', '2025-26'] as const
export const LEAGUE_FILES = ['en.1', 'de.1'] as const

export function seasonPath (season: string, league: string): string {
  return join(FOOTBALL_DATA_DIR, season, `${league}.json`)
}

export function seasonText (season: string, league: string): string {
  return readFileSync(seasonPath(season, league), 'utf8')
}

interface OpenfootballMatch { date: string, team1: string, team2: string, score?: { ft?: [number, number] } }

/** One season as a football-data CSV (dd/mm/yyyy, FTHG/FTAG empty for a fixture), with a column the import ignores. */
export function toFootballDataCsv (season: string, league: string): string {
  const { matches } = JSON.parse(seasonText(season, league)) as { matches: OpenfootballMatch[] }
  const quote = (name: string): string => /[",]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name
  const lines = matches.map((m) => {
    const [y, mo, d] = m.date.split('-')
    const ft = m.score?.ft
    return [league === 'en.1' ? 'E0' : 'D1', `${d}/${mo}/${y}`, quote(m.team1), quote(m.team2), ft?.[0] ?? '', ft?.[1] ?? '', ft === undefined ? '' : ft[0] > ft[1] ? 'H' : ft[0] < ft[1] ? 'A' : 'D'].join(',')
  })
  return ['Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR', ...lines, ',,,,,,'].join('\n') + '\n'
}
