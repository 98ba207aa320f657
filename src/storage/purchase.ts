import type { ActorTransaction, Purchased, SpendEntryInput } from './port.js'

/**
 * The rule of every purchase, stated once (docs/LEDGER.md, "Charging once"): owned when an earlier
 * purchase covers it (`owned`, looked up by the caller in the same unit of work; nothing is written);
 * else the spend, when the balance covers the price; else the `denied` audit of the refusal.
 *
 * It runs inside the actor's unit of work, whose lock makes the look-up and the write atomic: the
 * billing service's Lab unlock and SQLite's purchaseEntitlement call it. PostgreSQL's
 * purchaseEntitlement is the same rule as one statement (PURCHASE_ENTITLEMENT,
 * src/storage/postgres/actor-transaction.ts), so that a purchase costs one round trip; the storage
 * contract (test/storage/contract.ts) holds both backends to this rule.
 */
export async function purchase<O> (
  tx: Pick<ActorTransaction, 'appendSpend' | 'appendDenied'>, input: SpendEntryInput, balance: number, owned: O | null
): Promise<Purchased<O>> {
  if (owned !== null) return { outcome: 'owned', entry: owned, balance }
  const spent = await tx.appendSpend(input)
  if (spent !== null) return { outcome: 'spent', entry: spent, balance: spent.balance_after }
  return { outcome: 'denied', entry: await tx.appendDenied(input), balance }
}
