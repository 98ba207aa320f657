import type pg from 'pg'
import {
  LeagueVersionConflict, type LeagueDefinition, type LeagueNameRecord, type LeagueRecord, type LeagueSnapshot, type LeagueStore,
  type LeagueSummaryRecord, type LeagueTeamRecord, type LeagueWrite, type StoredMatch
} from '../leagues.js'
import { inTransaction } from './pool.js'

const LEAGUE_COLUMNS = 'league_id, name, sport, zones, synthetic, data_version, created_at, updated_at'

type LeagueRow = Omit<LeagueRecord, 'zones'> & { zones: string }
const toLeague = (row: LeagueRow): LeagueRecord => ({ ...row, zones: JSON.parse(row.zones) as LeagueRecord['zones'] })

const LEAGUE_OF = `SELECT ${LEAGUE_COLUMNS} FROM leagues WHERE league_id = $1`
const COUNTS = `SELECT l.league_id,
  (SELECT count(*)::int FROM league_teams t WHERE t.league_id = l.league_id) AS teams,
  (SELECT count(*)::int FROM league_matches m WHERE m.league_id = l.league_id) AS matches,
  coalesce((SELECT array_agg(DISTINCT m.season ORDER BY m.season) FROM league_matches m WHERE m.league_id = l.league_id), '{}') AS seasons
  FROM leagues l`
const TEAMS_OF = 'SELECT team_id, name, true_rating FROM league_teams WHERE league_id = $1 ORDER BY team_id'
const NAMES_OF = 'SELECT spelling, team_id, origin FROM league_team_names WHERE league_id = $1 ORDER BY spelling'
const MATCHES_OF = `SELECT season, date, home_team_id, away_team_id, home_goals, away_goals
  FROM league_matches WHERE league_id = $1 ORDER BY date, home_team_id, away_team_id`
// Many rows in one statement each: an import of a whole season is a handful of round trips.
const INSERT_TEAMS = `INSERT INTO league_teams (league_id, team_id, name, true_rating)
  SELECT $1, * FROM unnest($2::text[], $3::text[], $4::double precision[])`
const PUT_NAMES = `INSERT INTO league_team_names (league_id, spelling, team_id, origin)
  SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
  ON CONFLICT (league_id, spelling) DO UPDATE SET team_id = excluded.team_id, origin = excluded.origin`
const MOVE_MATCHES = `UPDATE league_matches SET
  home_team_id = CASE WHEN home_team_id = $2 THEN $3 ELSE home_team_id END,
  away_team_id = CASE WHEN away_team_id = $2 THEN $3 ELSE away_team_id END
  WHERE league_id = $1 AND (home_team_id = $2 OR away_team_id = $2)`
const DELETE_TEAMS = 'DELETE FROM league_teams WHERE league_id = $1 AND team_id = ANY($2::text[])'
const INSERT_MATCHES = `INSERT INTO league_matches (league_id, season, date, home_team_id, away_team_id, home_goals, away_goals)
  SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[])`
const SET_RESULTS = `UPDATE league_matches m SET home_goals = r.home_goals, away_goals = r.away_goals
  FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) AS r (date, home_team_id, away_team_id, home_goals, away_goals)
  WHERE m.league_id = $1 AND m.date = r.date AND m.home_team_id = r.home_team_id AND m.away_team_id = r.away_team_id`

/** The leagues store on PostgreSQL (migrations-pg/006_leagues.sql), shared by every instance. */
export class PostgresLeagueStore implements LeagueStore {
  constructor (private readonly pool: pg.Pool, private readonly now: () => Date) {}

  async list (): Promise<LeagueSummaryRecord[]> {
    return await inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const leagues = (await client.query<LeagueRow>(`SELECT ${LEAGUE_COLUMNS} FROM leagues ORDER BY league_id`)).rows
      const counts = new Map((await client.query<{ league_id: string, teams: number, matches: number, seasons: string[] }>(COUNTS)).rows.map((c) => [c.league_id, c]))
      return leagues.map((row) => {
        const c = counts.get(row.league_id)
        return { ...toLeague(row), seasons: c?.seasons ?? [], teams: c?.teams ?? 0, matches: c?.matches ?? 0 }
      })
    })
  }

  async get (leagueId: string): Promise<LeagueRecord | null> {
    const row = (await this.pool.query<LeagueRow>(LEAGUE_OF, [leagueId])).rows[0]
    return row === undefined ? null : toLeague(row)
  }

  async snapshot (leagueId: string): Promise<LeagueSnapshot | null> {
    // One snapshot: the teams, names and matches describe the same data version.
    return await inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const row = (await client.query<LeagueRow>(LEAGUE_OF, [leagueId])).rows[0]
      if (row === undefined) return null
      return {
        league: toLeague(row),
        teams: (await client.query<LeagueTeamRecord>(TEAMS_OF, [leagueId])).rows,
        names: (await client.query<LeagueNameRecord>(NAMES_OF, [leagueId])).rows,
        matches: (await client.query<StoredMatch>(MATCHES_OF, [leagueId])).rows
      }
    })
  }

  async put (league: LeagueDefinition): Promise<{ league: LeagueRecord, created: boolean }> {
    const now = this.now().toISOString()
    const zones = JSON.stringify(league.zones)
    return await inTransaction(this.pool, async (client) => {
      const inserted = await client.query<LeagueRow>(`INSERT INTO leagues (${LEAGUE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
        ON CONFLICT (league_id) DO NOTHING RETURNING ${LEAGUE_COLUMNS}`, [league.league_id, league.name, league.sport, zones, league.synthetic === true, now])
      if (inserted.rows.length === 1) return { league: toLeague(inserted.rows[0]), created: true }
      await client.query(`UPDATE leagues SET name = $2, sport = $3, zones = $4, data_version = data_version + 1, updated_at = $5
        WHERE league_id = $1 AND (name <> $2 OR sport <> $3 OR zones <> $4)`, [league.league_id, league.name, league.sport, zones, now])
      return { league: toLeague((await client.query<LeagueRow>(LEAGUE_OF, [league.league_id])).rows[0]), created: false }
    })
  }

  async write (leagueId: string, expectedVersion: number, change: LeagueWrite): Promise<LeagueRecord> {
    const now = this.now().toISOString()
    return await inTransaction(this.pool, async (client) => {
      // The league's row is the lock of its data: a second writer waits here, then sees the new version.
      const current = (await client.query<{ data_version: number }>('SELECT data_version FROM leagues WHERE league_id = $1 FOR UPDATE', [leagueId])).rows[0]
      if (current === undefined || current.data_version !== expectedVersion) throw new LeagueVersionConflict(leagueId)
      const teams = change.addTeams
      if (teams.length > 0) await client.query(INSERT_TEAMS, [leagueId, teams.map((t) => t.team_id), teams.map((t) => t.name), teams.map((t) => t.true_rating)])
      const names = change.putNames
      if (names.length > 0) await client.query(PUT_NAMES, [leagueId, names.map((n) => n.spelling), names.map((n) => n.team_id), names.map((n) => n.origin)])
      for (const { from, into } of change.mergeTeams) await client.query(MOVE_MATCHES, [leagueId, from, into])
      if (change.removeTeams.length > 0) await client.query(DELETE_TEAMS, [leagueId, change.removeTeams])
      const added = change.addMatches
      if (added.length > 0) {
        await client.query(INSERT_MATCHES, [leagueId, added.map((m) => m.season), added.map((m) => m.date), added.map((m) => m.home_team_id),
          added.map((m) => m.away_team_id), added.map((m) => m.home_goals), added.map((m) => m.away_goals)])
      }
      const results = change.setResults
      if (results.length > 0) {
        await client.query(SET_RESULTS, [leagueId, results.map((m) => m.date), results.map((m) => m.home_team_id), results.map((m) => m.away_team_id),
          results.map((m) => m.home_goals), results.map((m) => m.away_goals)])
      }
      const row = (await client.query<LeagueRow>(`UPDATE leagues SET data_version = data_version + 1, updated_at = $2 WHERE league_id = $1 RETURNING ${LEAGUE_COLUMNS}`, [leagueId, now])).rows[0]
      return toLeague(row)
    })
  }
}
