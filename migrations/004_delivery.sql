-- Durable "charge delivered" marks (docs/LEDGER.md, "Delivery"). A simulation spend stands only for
-- a delivered 2xx: the mark is written after the answer left, in a batched write off the hot path.
-- A spend older than its lease with neither a mark nor a refund was never delivered (the database
-- failed between the charge and the answer, or the process died there): the sweeper refunds it,
-- and ledger:verify reports it until then.
CREATE TABLE charge_deliveries (
  transaction_id TEXT PRIMARY KEY REFERENCES ledger_entries (id),
  delivered_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Spends written before the marks existed were answered by the release that wrote them.
INSERT INTO charge_deliveries (transaction_id, delivered_at)
SELECT id, created_at FROM ledger_entries WHERE kind = 'spend';

CREATE TRIGGER charge_deliveries_no_update BEFORE UPDATE ON charge_deliveries
BEGIN
  SELECT RAISE(ABORT, 'charge_deliveries is append-only');
END;
