-- Trickster Lab on PostgreSQL: the same tables and rules as migrations/003_lab.sql (SQLite) — what
-- each actor unlocked, every quiz attempt, each completion; all three append-only. Modules are files
-- under content/lab/, so module_id is not a foreign key.

-- One row per paid module an actor unlocked, written in the transaction of its ledger spend.
-- Free modules are open to every actor and have no row.
CREATE TABLE lab_unlocks (
  actor_id       TEXT NOT NULL REFERENCES actors (actor_id),
  module_id      TEXT NOT NULL CHECK (length(module_id) BETWEEN 1 AND 64),
  transaction_id TEXT NOT NULL UNIQUE REFERENCES ledger_entries (id),
  request_id     TEXT NOT NULL CHECK (length(request_id) > 0),
  unlocked_at    TEXT NOT NULL,
  PRIMARY KEY (actor_id, module_id)
);

-- An unlock is paid by the actor's own spend for that very module: no row without its charge.
CREATE FUNCTION lab_unlocks_paid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM ledger_entries e
    WHERE e.id = NEW.transaction_id AND e.kind = 'spend' AND e.actor_id = NEW.actor_id
      AND e.feature = 'lab_module:' || NEW.module_id) THEN
    RAISE EXCEPTION 'a lab unlock must reference the actor''s spend for that module' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lab_unlocks_paid BEFORE INSERT ON lab_unlocks
  FOR EACH ROW EXECUTE FUNCTION lab_unlocks_paid();

CREATE TABLE lab_attempts (
  attempt_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  module_id    TEXT NOT NULL CHECK (length(module_id) BETWEEN 1 AND 64),
  score        INTEGER NOT NULL CHECK (score >= 0),
  total        INTEGER NOT NULL CHECK (total > 0 AND score <= total),
  passed       BOOLEAN NOT NULL,
  answers      TEXT NOT NULL CHECK (answers::jsonb IS NOT NULL),   -- [{question_id, choice_id}] as submitted
  request_id   TEXT NOT NULL CHECK (length(request_id) > 0),
  attempted_at TEXT NOT NULL
);

CREATE INDEX lab_attempts_by_actor ON lab_attempts (actor_id, module_id);

-- The first passing attempt of a module completes it; the primary key keeps that first one.
CREATE TABLE lab_completions (
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  module_id    TEXT NOT NULL,
  attempt_id   BIGINT NOT NULL UNIQUE REFERENCES lab_attempts (attempt_id),
  completed_at TEXT NOT NULL,
  PRIMARY KEY (actor_id, module_id)
);

CREATE FUNCTION lab_completions_earned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM lab_attempts a
    WHERE a.attempt_id = NEW.attempt_id AND a.passed AND a.actor_id = NEW.actor_id AND a.module_id = NEW.module_id) THEN
    RAISE EXCEPTION 'a lab completion must reference a passing attempt of the same actor and module' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lab_completions_earned BEFORE INSERT ON lab_completions
  FOR EACH ROW EXECUTE FUNCTION lab_completions_earned();

CREATE FUNCTION lab_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER lab_unlocks_no_update BEFORE UPDATE OR DELETE ON lab_unlocks FOR EACH ROW EXECUTE FUNCTION lab_append_only();
CREATE TRIGGER lab_attempts_no_update BEFORE UPDATE OR DELETE ON lab_attempts FOR EACH ROW EXECUTE FUNCTION lab_append_only();
CREATE TRIGGER lab_completions_no_update BEFORE UPDATE OR DELETE ON lab_completions FOR EACH ROW EXECUTE FUNCTION lab_append_only();
CREATE TRIGGER lab_no_truncate BEFORE TRUNCATE ON lab_unlocks FOR EACH STATEMENT EXECUTE FUNCTION lab_append_only();
CREATE TRIGGER lab_attempts_no_truncate BEFORE TRUNCATE ON lab_attempts FOR EACH STATEMENT EXECUTE FUNCTION lab_append_only();
CREATE TRIGGER lab_completions_no_truncate BEFORE TRUNCATE ON lab_completions FOR EACH STATEMENT EXECUTE FUNCTION lab_append_only();
