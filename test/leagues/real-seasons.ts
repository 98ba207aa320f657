/**
 * Loads the shared real seasons (../shared/data/football, openfootball JSON, CC0; read-only, never
 * copied into the repository: SPEC §13.6) as LeagueMatch lists, for the leagues maths tests and
 * bench/leagues.ts. Team names are reconciled with the import's own rules
 * (src/leagues/import/names.ts: case, accents, punctuation, club affixes, founding years,
 * abbreviations), the id being that of the first spelling met; the service's import also reports
 * every merge and takes aliases.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { sameTeamName, teamIdOf } from '../../src/leagues/import/names.js'
import { parseOpenfootball } from '../../src/leagues/import/parse.js'
import type { LeagueMatch } from '../../src/leagues/model.js'

export const FOOTBALL_DATA_DIR = resolve(process.cwd(), '../shared/data/football')

export const SHARED_SEASONS = ['2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24', '2024-25', '2025-26'] as const

/** Reconciles names as they come: a name that is one team with an earlier spelling gets its id. */
function reconciler (): (name: string) => string {
  const known: Array<{ name: string, id: string }> = []
  const cache = new Map<string, string>()
  return (name) => {
    const cached = cache.get(name)
    if (cached !== undefined) return cached
    const match = known.find((k) => sameTeamName(k.name, name))
    const id = match?.id ?? teamIdOf(name)
    if (match === undefined) known.push({ name, id })
    cache.set(name, id)
    return id
  }
}

export function realDataAvailable (): boolean {
  return existsSync(join(FOOTBALL_DATA_DIR, '2018-19', 'en.1.json'))
}

/**
 * Every match of one league ('en.1' or 'de.1') over the shared seasons, fixtures included, read by
 * the import's own parser (src/leagues/import/parse.ts), so a match the file dates a year too early
 * is moved exactly as an import moves it.
 */
export function loadLeague (league: 'en.1' | 'de.1'): LeagueMatch[] {
  const matches: LeagueMatch[] = []
  const teamId = reconciler()
  for (const season of SHARED_SEASONS) {
    const parsed = parseOpenfootball(JSON.parse(readFileSync(join(FOOTBALL_DATA_DIR, season, `${league}.json`), 'utf8')))
    if (!parsed.ok) throw new Error(`${season}/${league}.json does not parse: ${JSON.stringify(parsed.issues.slice(0, 3))}`)
    for (const row of parsed.file.rows) {
      matches.push({ season, date: row.date, home: teamId(row.home), away: teamId(row.away), homeGoals: row.homeGoals, awayGoals: row.awayGoals })
    }
  }
  return matches
}
