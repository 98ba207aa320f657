/**
 * Loads the shared real seasons (../shared/data/football, openfootball JSON, CC0; read-only, never
 * copied into the repository: SPEC §13.6) as LeagueMatch lists, for the leagues maths tests and
 * bench/leagues.ts. Team names are reconciled by a minimal key of this loader's own (accents,
 * case, punctuation, club affixes and founding years dropped; "Bor." is "Borussia"), enough for
 * these sixteen files; the service's import (src/leagues/import/) does it properly and reports
 * every merge.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LeagueMatch } from '../../src/leagues/model.js'

export const FOOTBALL_DATA_DIR = resolve(process.cwd(), '../shared/data/football')

export const SHARED_SEASONS = ['2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24', '2024-25', '2025-26'] as const

const AFFIXES = new Set(['fc', 'afc', 'cf', 'sv', 'tsg', 'spvgg', 'bsc'])

export function teamKey (name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bbor\./g, 'borussia ')
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !AFFIXES.has(w) && !/^\d+$/.test(w))
  return words.join('-')
}

interface OpenfootballSeason {
  name: string
  matches: Array<{ date: string, team1: string, team2: string, score?: { ft?: [number, number] } }>
}

export function realDataAvailable (): boolean {
  return existsSync(join(FOOTBALL_DATA_DIR, '2018-19', 'en.1.json'))
}

/** Every match of one league ('en.1' or 'de.1') over the shared seasons, fixtures included. */
export function loadLeague (league: 'en.1' | 'de.1'): LeagueMatch[] {
  const matches: LeagueMatch[] = []
  for (const season of SHARED_SEASONS) {
    const file = JSON.parse(readFileSync(join(FOOTBALL_DATA_DIR, season, `${league}.json`), 'utf8')) as OpenfootballSeason
    for (const m of file.matches) {
      const ft = m.score?.ft
      matches.push({
        season,
        date: m.date,
        home: teamKey(m.team1),
        away: teamKey(m.team2),
        homeGoals: ft === undefined ? null : ft[0],
        awayGoals: ft === undefined ? null : ft[1]
      })
    }
  }
  return matches
}
