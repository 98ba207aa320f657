import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from '../../db/database.js'
import {
  LeagueVersionConflict, type LeagueDefinition, type LeagueNameRecord, type LeagueRecord, type LeagueSnapshot, type LeagueStore,
  type LeagueSummaryRecord, type LeagueTeamRecord, type LeagueWrite, type StoredMatch
} from '../leagues.js'
import type { SqliteWriter } from './writer.js'

interface LeagueRow {
  league_id: string
  name: string
  sport: string
  zones: string
  synthetic: number
  data_version: number
  created_at: string
  updated_at: string
}

const LEAGUE_COLUMNS = 'league_id, name, sport, zones, synthetic, data_version, created_at, updated_at'

const toLeague = (row: LeagueRow): LeagueRecord => ({ ...row, zones: JSON.parse(row.zones) as LeagueRecord['zones'], synthetic: row.synthetic === 1 })

/** The leagues store on the app's better-sqlite3 connection (migrations/005_leagues.sql); writes go through the writer. */
export class SqliteLeagueStore implements LeagueStore {
  private readonly leagueOf: Statement<[string], LeagueRow>
  private readonly leagues: Statement<[], LeagueRow>
  private readonly seasonsOf: Statement<[], { league_id: string, season: string }>
  private readonly countsOf: Statement<[], { league_id: string, teams: number, matches: number }>
  private readonly teamsOf: Statement<[string], LeagueTeamRecord>
  private readonly namesOf: Statement<[string], LeagueNameRecord>
  private readonly matchesOf: Statement<[string], StoredMatch>
  private readonly insertLeague: Statement<Record<string, unknown>>
  private readonly updateLeague: Statement<Record<string, unknown>>
  private readonly bumpVersion: Statement<[string, string]>
  private readonly insertTeam: Statement<Record<string, unknown>>
  private readonly putName: Statement<Record<string, unknown>>
  private readonly moveHome: Statement<[string, string, string]>
  private readonly moveAway: Statement<[string, string, string]>
  private readonly deleteTeam: Statement<[string, string]>
  private readonly insertMatch: Statement<Record<string, unknown>>
  private readonly setResult: Statement<Record<string, unknown>>
  private readonly readSnapshot: (leagueId: string) => LeagueSnapshot | null

  constructor (db: SqliteDatabase, private readonly writer: SqliteWriter, private readonly now: () => Date) {
    this.leagueOf = db.prepare(`SELECT ${LEAGUE_COLUMNS} FROM leagues WHERE league_id = ?`)
    this.leagues = db.prepare(`SELECT ${LEAGUE_COLUMNS} FROM leagues ORDER BY league_id`)
    this.seasonsOf = db.prepare('SELECT DISTINCT league_id, season FROM league_matches ORDER BY league_id, season')
    this.countsOf = db.prepare(`SELECT l.league_id,
      (SELECT count(*) FROM league_teams t WHERE t.league_id = l.league_id) AS teams,
      (SELECT count(*) FROM league_matches m WHERE m.league_id = l.league_id) AS matches
      FROM leagues l`)
    this.teamsOf = db.prepare('SELECT team_id, name, true_rating FROM league_teams WHERE league_id = ? ORDER BY team_id')
    this.namesOf = db.prepare('SELECT spelling, team_id, origin FROM league_team_names WHERE league_id = ? ORDER BY spelling')
    this.matchesOf = db.prepare(`SELECT season, date, home_team_id, away_team_id, home_goals, away_goals
      FROM league_matches WHERE league_id = ? ORDER BY date, home_team_id, away_team_id`)
    this.insertLeague = db.prepare(`INSERT INTO leagues (${LEAGUE_COLUMNS})
      VALUES (@league_id, @name, @sport, @zones, @synthetic, 1, @now, @now)`)
    this.updateLeague = db.prepare(`UPDATE leagues SET name = @name, sport = @sport, zones = @zones,
      data_version = data_version + 1, updated_at = @now
      WHERE league_id = @league_id AND (name <> @name OR sport <> @sport OR zones <> @zones)`)
    this.bumpVersion = db.prepare('UPDATE leagues SET data_version = data_version + 1, updated_at = ? WHERE league_id = ?')
    this.insertTeam = db.prepare('INSERT INTO league_teams (league_id, team_id, name, true_rating) VALUES (@league_id, @team_id, @name, @true_rating)')
    this.putName = db.prepare(`INSERT INTO league_team_names (league_id, spelling, team_id, origin) VALUES (@league_id, @spelling, @team_id, @origin)
      ON CONFLICT (league_id, spelling) DO UPDATE SET team_id = excluded.team_id, origin = excluded.origin`)
    this.moveHome = db.prepare('UPDATE league_matches SET home_team_id = ? WHERE league_id = ? AND home_team_id = ?')
    this.moveAway = db.prepare('UPDATE league_matches SET away_team_id = ? WHERE league_id = ? AND away_team_id = ?')
    this.deleteTeam = db.prepare('DELETE FROM league_teams WHERE league_id = ? AND team_id = ?')
    this.insertMatch = db.prepare(`INSERT INTO league_matches (league_id, season, date, home_team_id, away_team_id, home_goals, away_goals)
      VALUES (@league_id, @season, @date, @home_team_id, @away_team_id, @home_goals, @away_goals)`)
    this.setResult = db.prepare(`UPDATE league_matches SET home_goals = @home_goals, away_goals = @away_goals
      WHERE league_id = @league_id AND date = @date AND home_team_id = @home_team_id AND away_team_id = @away_team_id`)
    // One read transaction: the teams, names and matches describe the same data version.
    this.readSnapshot = db.transaction((leagueId: string): LeagueSnapshot | null => {
      const row = this.leagueOf.get(leagueId)
      if (row === undefined) return null
      return { league: toLeague(row), teams: this.teamsOf.all(leagueId), names: this.namesOf.all(leagueId), matches: this.matchesOf.all(leagueId) }
    })
  }

  async list (): Promise<LeagueSummaryRecord[]> {
    const seasons = new Map<string, string[]>()
    for (const { league_id: id, season } of this.seasonsOf.all()) seasons.set(id, [...(seasons.get(id) ?? []), season])
    const counts = new Map(this.countsOf.all().map((c) => [c.league_id, c]))
    return this.leagues.all().map((row) => ({
      ...toLeague(row),
      seasons: seasons.get(row.league_id) ?? [],
      teams: counts.get(row.league_id)?.teams ?? 0,
      matches: counts.get(row.league_id)?.matches ?? 0
    }))
  }

  async get (leagueId: string): Promise<LeagueRecord | null> {
    const row = this.leagueOf.get(leagueId)
    return row === undefined ? null : toLeague(row)
  }

  async snapshot (leagueId: string): Promise<LeagueSnapshot | null> {
    return this.readSnapshot(leagueId)
  }

  async put (league: LeagueDefinition): Promise<{ league: LeagueRecord, created: boolean }> {
    const now = this.now().toISOString()
    return await this.writer.run(() => {
      const fields = { league_id: league.league_id, name: league.name, sport: league.sport, zones: JSON.stringify(league.zones), now }
      const existing = this.leagueOf.get(league.league_id)
      if (existing === undefined) this.insertLeague.run({ ...fields, synthetic: league.synthetic === true ? 1 : 0 })
      else this.updateLeague.run(fields)
      return { league: toLeague(this.leagueOf.get(league.league_id) as LeagueRow), created: existing === undefined }
    })
  }

  async write (leagueId: string, expectedVersion: number, change: LeagueWrite): Promise<LeagueRecord> {
    const now = this.now().toISOString()
    return await this.writer.run(() => {
      const current = this.leagueOf.get(leagueId)
      if (current === undefined || current.data_version !== expectedVersion) throw new LeagueVersionConflict(leagueId)
      const league = { league_id: leagueId }
      for (const team of change.addTeams) this.insertTeam.run({ ...league, ...team })
      for (const name of change.putNames) this.putName.run({ ...league, ...name })
      for (const { from, into } of change.mergeTeams) {
        this.moveHome.run(into, leagueId, from)
        this.moveAway.run(into, leagueId, from)
      }
      for (const teamId of change.removeTeams) this.deleteTeam.run(leagueId, teamId)
      for (const match of change.addMatches) this.insertMatch.run({ ...league, ...match })
      for (const match of change.setResults) this.setResult.run({ ...league, ...match })
      this.bumpVersion.run(now, leagueId)
      return toLeague(this.leagueOf.get(leagueId) as LeagueRow)
    })
  }
}
