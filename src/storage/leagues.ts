/**
 * The leagues' sub-port of the storage port (src/storage/port.ts; SPEC §13.1): leagues, their
 * teams, every spelling of a team name seen in the data or set by an admin, and the matches.
 * SQLite: src/storage/sqlite/leagues.ts (migrations/005_leagues.sql); PostgreSQL:
 * src/storage/postgres/leagues.ts (migrations-pg/006_leagues.sql). Both run
 * test/storage/leagues-contract.ts.
 *
 * Every change of a league's data is one `write`: one transaction that first checks the league's
 * `data_version` is still the one the change was computed from (else `LeagueVersionConflict`, and
 * nothing is written), then applies everything and increments the version. So an import is
 * all-or-nothing, and two imports racing on one league can never interleave.
 */

/** Inclusive 1-based table positions, e.g. `{ top4: [1, 4] }`. */
export type LeagueZones = Record<string, [number, number]>

export interface LeagueRecord {
  league_id: string
  name: string
  sport: string
  zones: LeagueZones
  /** The embedded synthetic league of SPEC §13.6. */
  synthetic: boolean
  /** Incremented by every write that changes the league (teams, names, matches, zones, sport, name). */
  data_version: number
  created_at: string
  updated_at: string
}

export interface LeagueSummaryRecord extends LeagueRecord {
  seasons: string[]
  teams: number
  matches: number
}

export interface LeagueTeamRecord {
  team_id: string
  name: string
  /** Only for the synthetic league: the rating its matches were generated from. */
  true_rating: number | null
}

export type NameOrigin = 'import' | 'alias'

/** One spelling of a team's name: as it appeared in a file (`import`), or set by an admin (`alias`). */
export interface LeagueNameRecord {
  spelling: string
  team_id: string
  origin: NameOrigin
}

export interface StoredMatch {
  season: string
  /** YYYY-MM-DD */
  date: string
  home_team_id: string
  away_team_id: string
  /** Both null: a fixture still to be played. */
  home_goals: number | null
  away_goals: number | null
}

/** Everything stored about one league: what the fit, the backtest and the import are computed from. */
export interface LeagueSnapshot {
  league: LeagueRecord
  teams: LeagueTeamRecord[]
  names: LeagueNameRecord[]
  /** Ordered by date, then home and away team id. */
  matches: StoredMatch[]
}

export interface LeagueDefinition {
  league_id: string
  name: string
  sport: string
  zones: LeagueZones
  synthetic?: boolean
}

/** One change of a league's data, applied in this order inside one transaction. */
export interface LeagueWrite {
  /** New teams. */
  addTeams: LeagueTeamRecord[]
  /** Spellings to insert or re-point (a spelling is unique in a league). */
  putNames: LeagueNameRecord[]
  /** Every match of `from` becomes a match of `into` (an alias merging two teams' histories). */
  mergeTeams: Array<{ from: string, into: string }>
  /** Teams left without matches or names by `mergeTeams`, deleted last. */
  removeTeams: string[]
  addMatches: StoredMatch[]
  /** Matches (by league, date, home, away) whose goals change: results filled, or corrected. */
  setResults: StoredMatch[]
}

/** The league's data changed since the change was computed; recompute it from a fresh snapshot. */
export class LeagueVersionConflict extends Error {
  constructor (readonly leagueId: string) {
    super(`league ${leagueId} changed during the write`)
    this.name = 'LeagueVersionConflict'
  }
}

export interface LeagueStore {
  /** Every league with its seasons and counts, by league id. */
  list: () => Promise<LeagueSummaryRecord[]>
  get: (leagueId: string) => Promise<LeagueRecord | null>
  snapshot: (leagueId: string) => Promise<LeagueSnapshot | null>
  /**
   * Creates the league, or updates its name, sport and zones (the data version moves when one of
   * them changes). `synthetic` is kept from creation.
   */
  put: (league: LeagueDefinition) => Promise<{ league: LeagueRecord, created: boolean }>
  /** Applies `change` if the league is still at `expectedVersion`; returns the league at its new version. */
  write: (leagueId: string, expectedVersion: number, change: LeagueWrite) => Promise<LeagueRecord>
}
