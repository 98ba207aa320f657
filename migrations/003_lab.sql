-- Trickster Lab (docs/LAB.md): what each actor unlocked, every quiz attempt, and each completion.
-- Modules themselves are files under content/lab/ (versioned with the code), so module_id is not a
-- foreign key. All three tables are append-only: an unlock is bought once, ever; an attempt is a
-- fact; a completion, once earned, is kept even if a later attempt fails.

-- One row per paid module an actor unlocked, written in the transaction of its ledger spend.
-- Free modules are open to every actor and have no row.
CREATE TABLE lab_unlocks (
  actor_id       TEXT NOT NULL REFERENCES actors (actor_id),
  module_id      TEXT NOT NULL CHECK (length(module_id) BETWEEN 1 AND 64),
  transaction_id TEXT NOT NULL UNIQUE REFERENCES ledger_entries (id),
  request_id     TEXT NOT NULL CHECK (length(request_id) > 0),
  unlocked_at    TEXT NOT NULL,
  PRIMARY KEY (actor_id, module_id)
) STRICT;

-- An unlock is paid by the actor's own spend for that very module: no row without its charge.
CREATE TRIGGER lab_unlocks_paid BEFORE INSERT ON lab_unlocks
WHEN NOT EXISTS (
  SELECT 1 FROM ledger_entries e
  WHERE e.id = NEW.transaction_id AND e.kind = 'spend' AND e.actor_id = NEW.actor_id
    AND e.feature = 'lab_module:' || NEW.module_id)
BEGIN
  SELECT RAISE(ABORT, 'a lab unlock must reference the actor''s spend for that module');
END;

CREATE TABLE lab_attempts (
  attempt_id   INTEGER PRIMARY KEY,
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  module_id    TEXT NOT NULL CHECK (length(module_id) BETWEEN 1 AND 64),
  score        INTEGER NOT NULL CHECK (score >= 0),
  total        INTEGER NOT NULL CHECK (total > 0 AND score <= total),
  passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
  answers      TEXT NOT NULL CHECK (json_valid(answers)),   -- [{question_id, choice_id}] as submitted
  request_id   TEXT NOT NULL CHECK (length(request_id) > 0),
  attempted_at TEXT NOT NULL
) STRICT;

CREATE INDEX lab_attempts_by_actor ON lab_attempts (actor_id, module_id);

-- The first passing attempt of a module completes it; the primary key keeps that first one.
CREATE TABLE lab_completions (
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  module_id    TEXT NOT NULL,
  attempt_id   INTEGER NOT NULL UNIQUE REFERENCES lab_attempts (attempt_id),
  completed_at TEXT NOT NULL,
  PRIMARY KEY (actor_id, module_id)
) STRICT;

CREATE TRIGGER lab_completions_earned BEFORE INSERT ON lab_completions
WHEN NOT EXISTS (
  SELECT 1 FROM lab_attempts a
  WHERE a.attempt_id = NEW.attempt_id AND a.passed = 1 AND a.actor_id = NEW.actor_id AND a.module_id = NEW.module_id)
BEGIN
  SELECT RAISE(ABORT, 'a lab completion must reference a passing attempt of the same actor and module');
END;

CREATE TRIGGER lab_unlocks_no_update BEFORE UPDATE ON lab_unlocks
BEGIN
  SELECT RAISE(ABORT, 'lab_unlocks is append-only');
END;

CREATE TRIGGER lab_unlocks_no_delete BEFORE DELETE ON lab_unlocks
BEGIN
  SELECT RAISE(ABORT, 'lab_unlocks is append-only');
END;

CREATE TRIGGER lab_attempts_no_update BEFORE UPDATE ON lab_attempts
BEGIN
  SELECT RAISE(ABORT, 'lab_attempts is append-only');
END;

CREATE TRIGGER lab_attempts_no_delete BEFORE DELETE ON lab_attempts
BEGIN
  SELECT RAISE(ABORT, 'lab_attempts is append-only');
END;

CREATE TRIGGER lab_completions_no_update BEFORE UPDATE ON lab_completions
BEGIN
  SELECT RAISE(ABORT, 'lab_completions is append-only');
END;

CREATE TRIGGER lab_completions_no_delete BEFORE DELETE ON lab_completions
BEGIN
  SELECT RAISE(ABORT, 'lab_completions is append-only');
END;
