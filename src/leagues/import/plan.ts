import type { FieldIssue } from '../../errors.js'
import type {
  LeagueNameRecord, LeagueSnapshot, LeagueTeamRecord, LeagueWrite, StoredMatch
} from '../../storage/leagues.js'
import { duplicateReason, sameTeamName, teamIdOf } from './names.js'
import { MAX_LEAGUE_MATCHES, type ParsedFile } from './parse.js'

/**
 * What an import or an alias change does to a league (SPEC §13.1), computed from the league's
 * snapshot: pure, so the store applies the result in one transaction and a conflict can simply
 * recompute it. docs/API.md, "Leagues", describes the counts.
 */

export interface Merge {
  /** The spelling in the file. */
  from: string
  /** The name of the team it was reconciled with. */
  into: string
}

export interface PossibleDuplicate {
  a: string
  b: string
  reason: string
}

export interface Correction {
  date: string
  home_team: string
  away_team: string
  from: [number, number]
  to: [number, number]
}

export interface ImportCounts {
  /** New matches (played or to be played). */
  added: number
  /** Former fixtures that now have a result. */
  filled: number
  /** Stored results that the file changes. */
  corrected: number
  /** Rows identical to what is stored (a stored result is kept when the file lists the match without one). */
  unchanged: number
  /** Rows of the file without a result: fixtures still to be played. */
  fixtures: number
  teams_added: number
}

export interface ImportPlan {
  counts: ImportCounts
  merged: Merge[]
  corrections: Correction[]
  write: LeagueWrite
}

export type PlanOutcome<T> = { ok: true, plan: T } | { ok: false, issues: FieldIssue[], code?: 'league_limit_exceeded' }

const matchKey = (date: string, home: string, away: string): string => `${date}\u0000${home}\u0000${away}`

/** Resolves spellings to teams: exact spellings (aliases win) first, then reconciliation, else a new team. */
class TeamResolver {
  readonly byName = new Map<string, string>()
  readonly teams = new Map<string, LeagueTeamRecord>()
  readonly spellingsOf = new Map<string, string[]>()
  readonly added: LeagueTeamRecord[] = []
  readonly newNames: LeagueNameRecord[] = []
  readonly merged: Merge[] = []

  constructor (snapshot: LeagueSnapshot) {
    for (const team of snapshot.teams) {
      this.teams.set(team.team_id, team)
      this.spellingsOf.set(team.team_id, [team.name])
    }
    for (const name of snapshot.names) {
      this.byName.set(name.spelling, name.team_id)
      this.spellingsOf.get(name.team_id)?.push(name.spelling)
    }
  }

  resolve (spelling: string): string {
    const known = this.byName.get(spelling)
    if (known !== undefined) return known
    const candidates = [...this.teams.keys()].filter((id) => (this.spellingsOf.get(id) ?? []).some((s) => sameTeamName(s, spelling)))
    let teamId: string
    if (candidates.length === 1) {
      teamId = candidates[0]
      this.merged.push({ from: spelling, into: (this.teams.get(teamId) as LeagueTeamRecord).name })
    } else {
      // No team, or several (ambiguous): a team of its own, never a guess; possible_duplicates may list it.
      teamId = this.freshId(teamIdOf(spelling))
      const team = { team_id: teamId, name: spelling, true_rating: null }
      this.teams.set(teamId, team)
      this.spellingsOf.set(teamId, [])
      this.added.push(team)
    }
    this.byName.set(spelling, teamId)
    this.spellingsOf.get(teamId)?.push(spelling)
    this.newNames.push({ spelling, team_id: teamId, origin: 'import' })
    return teamId
  }

  private freshId (base: string): string {
    let id = base
    for (let n = 2; this.teams.has(id); n++) id = `${base.slice(0, 56)}-${n}`
    return id
  }
}

/** The import of one parsed file into the league as it is now. */
export function planImport (snapshot: LeagueSnapshot, file: ParsedFile): PlanOutcome<ImportPlan> {
  const teams = new TeamResolver(snapshot)
  const stored = new Map<string, StoredMatch>()
  for (const match of snapshot.matches) stored.set(matchKey(match.date, match.home_team_id, match.away_team_id), match)

  const issues: FieldIssue[] = []
  const seen = new Map<string, { where: string, match: StoredMatch }>()
  for (const row of file.rows) {
    const home = teams.resolve(row.home)
    const away = teams.resolve(row.away)
    if (home === away) {
      issues.push({ pointer: row.where, message: `a team cannot play itself ("${row.home}" and "${row.away}" are one team)` })
      continue
    }
    const key = matchKey(row.date, home, away)
    const match: StoredMatch = { season: file.season, date: row.date, home_team_id: home, away_team_id: away, home_goals: row.homeGoals, away_goals: row.awayGoals }
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      if (earlier.match.home_goals !== match.home_goals || earlier.match.away_goals !== match.away_goals) {
        issues.push({ pointer: row.where, message: `the same match as ${earlier.where} (${row.date}, ${row.home} v ${row.away}) with a different score` })
      }
      continue
    }
    seen.set(key, { where: row.where, match })
  }
  if (issues.length > 0) return { ok: false, issues }

  const counts: ImportCounts = { added: 0, filled: 0, corrected: 0, unchanged: 0, fixtures: 0, teams_added: teams.added.length }
  const write: LeagueWrite = { addTeams: teams.added, putNames: teams.newNames, mergeTeams: [], removeTeams: [], addMatches: [], setResults: [] }
  const corrections: Correction[] = []
  const nameOf = (id: string): string => (teams.teams.get(id) as LeagueTeamRecord).name
  for (const { match } of seen.values()) {
    if (match.home_goals === null) counts.fixtures++
    const before = stored.get(matchKey(match.date, match.home_team_id, match.away_team_id))
    if (before === undefined) {
      counts.added++
      write.addMatches.push(match)
    } else if (match.home_goals === null || (before.home_goals === match.home_goals && before.away_goals === match.away_goals)) {
      // Nothing is lost: a file listing a played match without its score keeps the stored result.
      counts.unchanged++
    } else if (before.home_goals === null) {
      counts.filled++
      write.setResults.push({ ...match, season: before.season })
    } else {
      counts.corrected++
      write.setResults.push({ ...match, season: before.season })
      corrections.push({
        date: match.date,
        home_team: nameOf(match.home_team_id),
        away_team: nameOf(match.away_team_id),
        from: [before.home_goals, before.away_goals as number],
        to: [match.home_goals, match.away_goals as number]
      })
    }
  }
  if (snapshot.matches.length + counts.added > MAX_LEAGUE_MATCHES) {
    return {
      ok: false,
      code: 'league_limit_exceeded',
      issues: [{ pointer: '/', message: `the league would hold ${snapshot.matches.length + counts.added} matches; at most ${MAX_LEAGUE_MATCHES} are kept per league` }]
    }
  }
  return { ok: true, plan: { counts, merged: teams.merged, corrections, write } }
}

/** Teams never seen in the same season whose names suggest one club (SPEC §13.1). */
export function possibleDuplicates (snapshot: Pick<LeagueSnapshot, 'teams' | 'matches'>): PossibleDuplicate[] {
  const seasons = new Map<string, Set<string>>()
  for (const team of snapshot.teams) seasons.set(team.team_id, new Set())
  for (const match of snapshot.matches) {
    seasons.get(match.home_team_id)?.add(match.season)
    seasons.get(match.away_team_id)?.add(match.season)
  }
  const teams = [...snapshot.teams].sort((x, y) => x.name.localeCompare(y.name))
  const found: PossibleDuplicate[] = []
  for (let i = 0; i < teams.length; i++) {
    for (let j = i + 1; j < teams.length; j++) {
      const a = seasons.get(teams[i].team_id) as Set<string>
      const b = seasons.get(teams[j].team_id) as Set<string>
      if ([...a].some((season) => b.has(season))) continue
      const reason = duplicateReason(teams[i].name, teams[j].name)
      if (reason !== null) found.push({ a: teams[i].name, b: teams[j].name, reason })
    }
  }
  return found
}

/**
 * The aliases `{spelling: canonical team name}` applied to the league: each spelling now names the
 * team called `canonical` (its name, or one of its spellings). A spelling that belonged to another
 * team brings that team's whole history along when it was the team's last spelling (the two
 * histories become one). Refused — every problem listed — when a canonical name is unknown, or
 * when merging would make a team play itself or two matches one.
 */
export function planAliases (snapshot: LeagueSnapshot, aliases: ReadonlyMap<string, string>): PlanOutcome<LeagueWrite> {
  const issues: FieldIssue[] = []
  const spellingTeam = new Map<string, string>()
  for (const team of snapshot.teams) spellingTeam.set(team.name, team.team_id)
  for (const name of snapshot.names) spellingTeam.set(name.spelling, name.team_id)
  const pointer = (spelling: string): string => `/body/aliases/${spelling.replace(/~/g, '~0').replace(/\//g, '~1')}`

  const putNames: LeagueNameRecord[] = []
  const moves = new Map<string, string>()
  for (const [spelling, canonical] of aliases) {
    const into = spellingTeam.get(canonical)
    if (into === undefined) {
      issues.push({ pointer: pointer(spelling), message: `names no team of this league ("${canonical}"); give a team's name as listed by GET /api/v2/leagues/{league_id}` })
      continue
    }
    putNames.push({ spelling, team_id: into, origin: 'alias' })
    const from = spellingTeam.get(spelling)
    if (from !== undefined && from !== into) moves.set(from, into)
  }
  if (issues.length > 0) return { ok: false, issues }

  // The team a spelling belonged to comes along whole (matches do not record spellings), and
  // chains (a → b, b → c) resolve to their end.
  const aliasOf = new Map(putNames.map((n) => [n.spelling, n.team_id]))
  const final = (team: string): string => {
    const seenTeams = new Set<string>()
    let current = team
    while (moves.has(current) && !seenTeams.has(current)) {
      seenTeams.add(current)
      current = moves.get(current) as string
    }
    return current
  }
  const mergeTeams: Array<{ from: string, into: string }> = []
  for (const from of moves.keys()) {
    const into = final(from)
    if (into !== from) mergeTeams.push({ from, into })
  }
  // Every other spelling of a merged team follows it.
  const merging = new Map(mergeTeams.map((m) => [m.from, m.into]))
  for (const name of snapshot.names) {
    const into = merging.get(name.team_id)
    if (into !== undefined && !aliasOf.has(name.spelling)) putNames.push({ spelling: name.spelling, team_id: into, origin: name.origin })
  }
  const resolved = putNames.map((n) => ({ ...n, team_id: merging.get(n.team_id) ?? n.team_id }))

  const keys = new Set<string>()
  const target = (id: string): string => merging.get(id) ?? id
  for (const match of snapshot.matches) {
    const home = target(match.home_team_id)
    const away = target(match.away_team_id)
    if (home === away) issues.push({ pointer: '/body/aliases', message: `would make ${match.date}'s match a team playing itself` })
    const key = matchKey(match.date, home, away)
    if (keys.has(key)) issues.push({ pointer: '/body/aliases', message: `would make two matches of ${match.date} one` })
    keys.add(key)
  }
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    plan: { addTeams: [], putNames: resolved, mergeTeams, removeTeams: mergeTeams.map((m) => m.from), addMatches: [], setResults: [] }
  }
}
