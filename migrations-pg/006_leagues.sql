-- Leagues on PostgreSQL: the same tables and rules as migrations/005_leagues.sql (SQLite; SPEC §13.1,
-- docs/API.md "Leagues"): leagues, their teams, every spelling of a team's name (as seen in an imported
-- file, or set by an admin as an alias), and the matches. A match is
-- identified by (league, date, home team, away team); both goals NULL is a fixture still to be
-- played. These are reference data, not money: a correction updates a result in place and an
-- alias moves a team's matches to the team it is merged into.

CREATE TABLE leagues (
  league_id    TEXT PRIMARY KEY CHECK (length(league_id) BETWEEN 2 AND 40),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  sport        TEXT NOT NULL,
  zones        TEXT NOT NULL CHECK (zones::jsonb IS NOT NULL),   -- {"zone": [first, last]}
  synthetic    BOOLEAN NOT NULL,
  data_version BIGINT NOT NULL CHECK (data_version >= 1),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE league_teams (
  league_id   TEXT NOT NULL REFERENCES leagues (league_id),
  team_id     TEXT NOT NULL CHECK (length(team_id) BETWEEN 1 AND 64),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  true_rating DOUBLE PRECISION,                                      -- the synthetic league's generating ratings only
  PRIMARY KEY (league_id, team_id)
);

CREATE TABLE league_team_names (
  league_id TEXT NOT NULL,
  spelling  TEXT NOT NULL CHECK (length(spelling) BETWEEN 1 AND 80),
  team_id   TEXT NOT NULL,
  origin    TEXT NOT NULL CHECK (origin IN ('import', 'alias')),
  PRIMARY KEY (league_id, spelling),
  FOREIGN KEY (league_id, team_id) REFERENCES league_teams (league_id, team_id)
);

CREATE TABLE league_matches (
  league_id    TEXT NOT NULL,
  season       TEXT NOT NULL CHECK (length(season) BETWEEN 4 AND 7),
  date         TEXT NOT NULL CHECK (length(date) = 10),
  home_team_id TEXT NOT NULL,
  away_team_id TEXT NOT NULL,
  home_goals   INTEGER CHECK (home_goals >= 0),
  away_goals   INTEGER CHECK (away_goals >= 0),
  PRIMARY KEY (league_id, date, home_team_id, away_team_id),
  FOREIGN KEY (league_id, home_team_id) REFERENCES league_teams (league_id, team_id),
  FOREIGN KEY (league_id, away_team_id) REFERENCES league_teams (league_id, team_id),
  CHECK (home_team_id <> away_team_id),
  CHECK ((home_goals IS NULL) = (away_goals IS NULL))
);

CREATE INDEX league_matches_by_season ON league_matches (league_id, season);
