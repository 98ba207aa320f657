import { createHash } from 'node:crypto'

/** SQL of the PostgreSQL adapter alone; the entry fragments both backends share are in src/storage/entries.ts. */

/**
 * The actor's lock: its balance row, FOR UPDATE, read with the actor's state. Every write that moves
 * tokens takes it first, so another transaction of the same actor, in this process or another
 * instance, waits until this one commits (docs/LEDGER.md, "Charging once").
 */
export const LOCK_ACTOR = `SELECT a.actor_id, a.label, a.created_at, a.disabled, b.balance
  FROM balances b JOIN actors a ON a.actor_id = b.actor_id WHERE b.actor_id = $1 FOR UPDATE OF b`

/** LOCK_ACTOR for several actors at once, in actor-id order (two such transactions cannot deadlock). */
export const LOCK_ACTORS = 'SELECT actor_id FROM balances WHERE actor_id = ANY($1::text[]) ORDER BY actor_id FOR UPDATE'

export interface LockedActorRow {
  actor_id: string
  label: string | null
  created_at: string
  disabled: boolean
  balance: number
}

const names = new Map<string, string>()

/** A stable name for a statement's text, so node-postgres prepares it once per connection. */
export function statementName (sql: string): string {
  let name = names.get(sql)
  if (name === undefined) {
    name = `t_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`
    names.set(sql, name)
  }
  return name
}
