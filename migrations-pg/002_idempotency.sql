-- Idempotency records (docs/API.md, "Idempotency"): one row per (scope, key), as in
-- migrations/002_idempotency.sql. A row is inserted atomically when a request with a key starts
-- (state in_flight), gains the id of the ledger entry it charged inside that entry's own
-- transaction, and holds the stored 2xx response once completed.

CREATE TABLE idempotency_records (
  scope               TEXT NOT NULL,                     -- principal + method + route
  idempotency_key     TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL CHECK (length(request_fingerprint) = 64),
  state               TEXT NOT NULL CHECK (state IN ('in_flight', 'completed')),
  owner               TEXT NOT NULL,                     -- the process holding an in-flight record
  transaction_id      TEXT REFERENCES ledger_entries (id),
  status_code         INTEGER,
  headers             TEXT,                              -- JSON object of replayed headers
  body                TEXT,
  created_at          BIGINT NOT NULL,                   -- epoch ms
  expires_at          BIGINT NOT NULL,                   -- epoch ms
  PRIMARY KEY (scope, idempotency_key),
  CHECK ((state = 'completed') = (status_code IS NOT NULL AND body IS NOT NULL))
);

CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);
