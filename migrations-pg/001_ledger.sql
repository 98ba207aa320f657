-- Token ledger on PostgreSQL: the same tables, constraints and triggers as migrations/001_ledger.sql
-- (SQLite), so the database refuses the same writes whichever engine runs the service.
-- Timestamps stay ISO-8601 text (as in SQLite) so that rows move between the engines unchanged.

CREATE TABLE actors (
  actor_id   TEXT PRIMARY KEY,
  label      TEXT,
  created_at TEXT NOT NULL,
  disabled   BOOLEAN NOT NULL DEFAULT false
);

-- Only the SHA-256 of a key is stored: a leaked database does not leak credentials.
CREATE TABLE api_keys (
  key_hash     TEXT PRIMARY KEY CHECK (length(key_hash) = 64),
  actor_id     TEXT NOT NULL REFERENCES actors (actor_id),
  prefix       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT
);

CREATE INDEX api_keys_by_actor ON api_keys (actor_id);

CREATE TABLE ledger_entries (
  seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE CHECK (length(id) = 26),
  actor_id        TEXT NOT NULL REFERENCES actors (actor_id),
  kind            TEXT NOT NULL CHECK (kind IN ('grant_daily', 'topup', 'spend', 'refund', 'denied')),
  amount          BIGINT NOT NULL,
  balance_before  BIGINT NOT NULL CHECK (balance_before >= 0),
  balance_after   BIGINT NOT NULL CHECK (balance_after >= 0),
  feature         TEXT,
  reason          TEXT,
  event_id        TEXT,
  fingerprint     TEXT,
  request_id      TEXT NOT NULL CHECK (length(request_id) > 0),
  idempotency_key TEXT,
  payment_id      TEXT,
  refund_of       TEXT REFERENCES ledger_entries (id),
  grant_day       TEXT CHECK (grant_day ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
  created_at      TEXT NOT NULL,
  CHECK (balance_after = balance_before + amount),
  CHECK (CASE kind WHEN 'spend' THEN amount < 0 WHEN 'denied' THEN amount = 0 ELSE amount > 0 END),
  -- The uniqueness rules below only bind where their column is set, so the column must be set
  -- exactly for its kind: a grant without grant_day would escape "one grant per day".
  CHECK ((kind = 'grant_daily') = (grant_day IS NOT NULL)),
  CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
  CHECK ((kind = 'topup') = (payment_id IS NOT NULL))
);

CREATE UNIQUE INDEX ledger_entries_one_grant_per_day ON ledger_entries (actor_id, grant_day) WHERE grant_day IS NOT NULL;
CREATE UNIQUE INDEX ledger_entries_one_refund_per_spend ON ledger_entries (refund_of) WHERE refund_of IS NOT NULL;
CREATE UNIQUE INDEX ledger_entries_one_topup_per_payment ON ledger_entries (payment_id) WHERE payment_id IS NOT NULL;

CREATE INDEX ledger_entries_entitlement ON ledger_entries (actor_id, fingerprint, feature, created_at);
CREATE INDEX ledger_entries_history ON ledger_entries (actor_id, seq);

-- The running balance per actor, kept by the triggers below: it always equals the balance_after
-- of the actor's latest ledger entry (0 before the first one). Its row is also the actor's lock:
-- every write that moves tokens first takes it FOR UPDATE.
CREATE TABLE balances (
  actor_id   TEXT PRIMARY KEY REFERENCES actors (actor_id),
  balance    BIGINT NOT NULL CHECK (balance >= 0),
  updated_at TEXT NOT NULL
);

CREATE FUNCTION actors_open_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO balances (actor_id, balance, updated_at) VALUES (NEW.actor_id, 0, NEW.created_at);
  RETURN NULL;
END $$;
CREATE TRIGGER actors_open_balance AFTER INSERT ON actors
  FOR EACH ROW EXECUTE FUNCTION actors_open_balance();

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
-- PostgreSQL can also empty a table without row triggers.
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- Chains every entry to the previous one: with balance_after = balance_before + amount this makes
-- each balance the exact sum of the actor's amounts, whatever code does the insert. FOR UPDATE
-- waits for any other transaction writing this actor, so two inserts can never chain onto the
-- same balance.
CREATE FUNCTION ledger_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_balance BIGINT;
BEGIN
  SELECT balance INTO current_balance FROM balances WHERE actor_id = NEW.actor_id FOR UPDATE;
  IF NEW.balance_before IS DISTINCT FROM current_balance THEN
    RAISE EXCEPTION 'ledger_entries: balance_before does not match the actor''s balance' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_entries_chain BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_chain();

CREATE FUNCTION ledger_entries_refund_matches_spend() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM ledger_entries s
    WHERE s.id = NEW.refund_of AND s.kind = 'spend' AND s.actor_id = NEW.actor_id AND s.amount = -NEW.amount) THEN
    RAISE EXCEPTION 'a refund must return exactly the amount of a spend of the same actor' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_entries_refund_matches_spend BEFORE INSERT ON ledger_entries
  FOR EACH ROW WHEN (NEW.kind = 'refund') EXECUTE FUNCTION ledger_entries_refund_matches_spend();

-- Denied entries (amount 0) leave the balance and its last_updated alone.
CREATE FUNCTION ledger_entries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE balances SET balance = NEW.balance_after, updated_at = NEW.created_at WHERE actor_id = NEW.actor_id;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
  FOR EACH ROW WHEN (NEW.amount <> 0) EXECUTE FUNCTION ledger_entries_apply();

-- A balance can only take the value the ledger says it has, so a stray UPDATE cannot mint tokens.
CREATE FUNCTION balances_follow_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'UPDATE' AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
    OR NEW.balance IS DISTINCT FROM coalesce(
      (SELECT balance_after FROM ledger_entries WHERE actor_id = NEW.actor_id ORDER BY seq DESC LIMIT 1), 0) THEN
    RAISE EXCEPTION 'balances must equal the ledger' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER balances_follow_ledger_update BEFORE UPDATE ON balances
  FOR EACH ROW EXECUTE FUNCTION balances_follow_ledger();
CREATE TRIGGER balances_follow_ledger_insert BEFORE INSERT ON balances
  FOR EACH ROW EXECUTE FUNCTION balances_follow_ledger();

CREATE FUNCTION balances_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'balances rows are never deleted' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER balances_no_delete BEFORE DELETE ON balances
  FOR EACH ROW EXECUTE FUNCTION balances_no_delete();
CREATE TRIGGER balances_no_truncate BEFORE TRUNCATE ON balances
  FOR EACH STATEMENT EXECUTE FUNCTION balances_no_delete();
