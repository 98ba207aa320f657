/**
 * The query both backends run for the sweeper (docs/LEDGER.md, "Delivery"): simulation spends older
 * than the lease with neither a delivery mark nor a refund. `?` placeholders; PostgreSQL renumbers them.
 */
export const UNDELIVERED_SQL = `SELECT e.id AS transaction_id, e.actor_id, -e.amount AS tokens, e.feature, e.request_id, e.created_at
  FROM ledger_entries e
  WHERE e.kind = 'spend' AND e.reason = 'simulation' AND e.created_at < ?
    AND NOT EXISTS (SELECT 1 FROM charge_deliveries d WHERE d.transaction_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = e.id)
  ORDER BY e.seq LIMIT ?`
