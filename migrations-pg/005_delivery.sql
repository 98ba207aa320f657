-- Durable "charge delivered" marks (docs/LEDGER.md, "Delivery"): the PostgreSQL twin of
-- migrations/004_delivery.sql. Written after the answer left, in one batched INSERT per turn.
CREATE TABLE charge_deliveries (
  transaction_id TEXT PRIMARY KEY REFERENCES ledger_entries (id),
  delivered_at   TEXT NOT NULL
);

-- Spends written before the marks existed were answered by the release that wrote them.
INSERT INTO charge_deliveries (transaction_id, delivered_at)
SELECT id, created_at FROM ledger_entries WHERE kind = 'spend';
