-- Token ledger: actors, their API keys, the append-only ledger and the derived balances.
-- The database itself refuses any write that would lose or invent a token; the application code
-- is the first line of defence, these constraints and triggers are the last.

CREATE TABLE actors (
  actor_id   TEXT PRIMARY KEY,
  label      TEXT,
  created_at TEXT NOT NULL,
  disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

-- Only the SHA-256 of a key is stored: a leaked database file does not leak credentials.
CREATE TABLE api_keys (
  key_hash     TEXT PRIMARY KEY CHECK (length(key_hash) = 64),
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  prefix       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT
) STRICT;

CREATE INDEX api_keys_by_actor ON api_keys (actor_id);

CREATE TABLE ledger_entries (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE CHECK (length(id) = 26),
  actor_id        TEXT NOT NULL REFERENCES actors (actor_id),
  kind            TEXT NOT NULL CHECK (kind IN ('grant_daily', 'topup', 'spend', 'refund', 'denied')),
  amount          INTEGER NOT NULL,
  balance_before  INTEGER NOT NULL CHECK (balance_before >= 0),
  balance_after   INTEGER NOT NULL CHECK (balance_after >= 0),
  feature         TEXT,
  reason          TEXT,
  event_id        TEXT,
  fingerprint     TEXT,
  request_id      TEXT NOT NULL CHECK (length(request_id) > 0),
  idempotency_key TEXT,
  payment_id      TEXT,
  refund_of       TEXT REFERENCES ledger_entries (id),
  grant_day       TEXT CHECK (grant_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at      TEXT NOT NULL,
  CHECK (balance_after = balance_before + amount),
  CHECK (CASE kind WHEN 'spend' THEN amount < 0 WHEN 'denied' THEN amount = 0 ELSE amount > 0 END),
  -- The uniqueness rules below only bind where their column is set, so the column must be set
  -- exactly for its kind: a grant without grant_day would escape "one grant per day".
  CHECK ((kind = 'grant_daily') = (grant_day IS NOT NULL)),
  CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
  CHECK ((kind = 'topup') = (payment_id IS NOT NULL))
) STRICT;

-- The one-per rules are partial UNIQUE indexes rather than column constraints: a plain UNIQUE
-- indexes every NULL too, so each spend would write three more index pages it never needs
-- (measured: about a third of the spend throughput).
CREATE UNIQUE INDEX ledger_entries_one_grant_per_day ON ledger_entries (actor_id, grant_day) WHERE grant_day IS NOT NULL;
CREATE UNIQUE INDEX ledger_entries_one_refund_per_spend ON ledger_entries (refund_of) WHERE refund_of IS NOT NULL;
CREATE UNIQUE INDEX ledger_entries_one_topup_per_payment ON ledger_entries (payment_id) WHERE payment_id IS NOT NULL;

CREATE INDEX ledger_entries_entitlement ON ledger_entries (actor_id, fingerprint, feature, created_at);
CREATE INDEX ledger_entries_history ON ledger_entries (actor_id, seq);

-- The running balance per actor, kept by the triggers below: it always equals the balance_after
-- of the actor's latest ledger entry (0 before the first one).
CREATE TABLE balances (
  actor_id   TEXT PRIMARY KEY REFERENCES actors (actor_id),
  balance    INTEGER NOT NULL CHECK (balance >= 0),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER actors_open_balance AFTER INSERT ON actors
BEGIN
  INSERT INTO balances (actor_id, balance, updated_at) VALUES (NEW.actor_id, 0, NEW.created_at);
END;

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

-- Chains every entry to the previous one: with balance_after = balance_before + amount this makes
-- each balance the exact sum of the actor's amounts, whatever code does the insert.
CREATE TRIGGER ledger_entries_chain BEFORE INSERT ON ledger_entries
WHEN NEW.balance_before IS NOT (SELECT balance FROM balances WHERE actor_id = NEW.actor_id)
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries: balance_before does not match the actor''s balance');
END;

CREATE TRIGGER ledger_entries_refund_matches_spend BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'refund' AND NOT EXISTS (
  SELECT 1 FROM ledger_entries s
  WHERE s.id = NEW.refund_of AND s.kind = 'spend' AND s.actor_id = NEW.actor_id AND s.amount = -NEW.amount)
BEGIN
  SELECT RAISE(ABORT, 'a refund must return exactly the amount of a spend of the same actor');
END;

-- Denied entries (amount 0) leave the balance and its last_updated alone.
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
WHEN NEW.amount <> 0
BEGIN
  UPDATE balances SET balance = NEW.balance_after, updated_at = NEW.created_at
  WHERE actor_id = NEW.actor_id;
END;

-- A balance can only take the value the ledger says it has, so a stray UPDATE cannot mint tokens.
CREATE TRIGGER balances_follow_ledger_update BEFORE UPDATE ON balances
WHEN NEW.actor_id IS NOT OLD.actor_id
  OR NEW.balance IS NOT coalesce(
    (SELECT balance_after FROM ledger_entries WHERE actor_id = NEW.actor_id ORDER BY seq DESC LIMIT 1), 0)
BEGIN
  SELECT RAISE(ABORT, 'balances must equal the ledger');
END;

CREATE TRIGGER balances_follow_ledger_insert BEFORE INSERT ON balances
WHEN NEW.balance IS NOT coalesce(
  (SELECT balance_after FROM ledger_entries WHERE actor_id = NEW.actor_id ORDER BY seq DESC LIMIT 1), 0)
BEGIN
  SELECT RAISE(ABORT, 'balances must equal the ledger');
END;

CREATE TRIGGER balances_no_delete BEFORE DELETE ON balances
BEGIN
  SELECT RAISE(ABORT, 'balances rows are never deleted');
END;
