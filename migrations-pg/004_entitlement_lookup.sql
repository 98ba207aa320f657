-- The entitlement lookup (ENTITLEMENT and PURCHASE_ENTITLEMENT in src/storage/postgres/actor-transaction.ts)
-- in index order: spends only, newest first. Every condition is an index condition and no sort is
-- left, so the planner picks this index even on a table without statistics yet. A prepared
-- statement's generic plan, chosen while the table was new, otherwise scanned the actor's whole
-- history by (actor_id, seq) on every purchase until the next ANALYZE (docs/LEDGER.md).
-- Additive (docs/ROLLBACK.md): the previous release works with or without it.
CREATE INDEX ledger_entries_entitlement_spends
  ON ledger_entries (actor_id, fingerprint, feature, created_at DESC, seq DESC)
  WHERE kind = 'spend';

-- Every entitlement lookup asks for spends, so the index of 001 is now only a cost: one more B-tree
-- written by every ledger entry. Rollback (docs/ROLLBACK.md) is unaffected: the previous release's
-- lookups use the index above.
DROP INDEX ledger_entries_entitlement;
