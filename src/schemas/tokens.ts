import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, Timestamp } from './common.js'

/**
 * Stored strings refuse NUL: PostgreSQL TEXT cannot hold it (22021 would be a 500) and SQLite would
 * keep it, so both backends answer the same 400 (issue 17, item 5).
 */
const NO_NUL = '^[^\\u0000]*$'

export const ActorId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$', description: 'Actor id (sign-ups get act_<ULID>).' })

export const BalanceV1 = Type.Object({
  actor_id: ActorId,
  balance: Type.Integer({ minimum: 0, description: 'Tokens available.' }),
  last_updated: Timestamp
}, { $id: 'BalanceV1', additionalProperties: false, description: 'Token balance (v1 shape).' })

export const BalanceV2 = Type.Object({
  user_id: ActorId,
  balance: Type.Integer({ minimum: 0, description: 'Tokens available.' }),
  last_updated: Timestamp
}, { $id: 'BalanceV2', additionalProperties: false, description: 'Token balance (v2 shape).' })

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const LedgerTransaction = Type.Object({
  transaction_id: Type.String({ description: 'ULID of the entry (time-sortable).' }),
  timestamp: Timestamp,
  kind: StringEnum(['grant_daily', 'topup', 'spend', 'refund', 'denied'], { description: 'What the entry records; denied is an audit row that moves no tokens.' }),
  feature: Nullable(Type.String({ description: 'The feature (depth) a spend or denial was for.' })),
  reason: Nullable(Type.String({ description: 'Why: simulation, a refund reason, …' })),
  amount: Type.Integer({ description: 'Signed change of the balance (spends are negative).' }),
  cost: Type.Integer({ minimum: 0, description: 'Price of a spend in tokens (0 for other kinds).' }),
  balance_before: Type.Integer({ minimum: 0, description: 'Balance before the entry.' }),
  balance_after: Type.Integer({ minimum: 0, description: 'Balance after the entry.' }),
  event_id: Nullable(Type.String({ description: 'Catalog event simulated, if any.' })),
  idempotency_key: Nullable(Type.String({ description: 'Idempotency-Key of the request that caused it.' })),
  refund_of: Nullable(Type.String({ description: 'For a refund: the spend it reverses.' })),
  request_id: Type.String({ description: 'X-Request-ID of the request that caused it.' }),
  status: StringEnum(['committed', 'denied', 'refunded'], { description: 'refunded marks a spend that a later refund reversed.' })
}, { $id: 'LedgerTransaction', additionalProperties: false, description: 'One ledger entry. The ledger is append-only.' })
export type LedgerTransaction = Static<typeof LedgerTransaction>

export const LedgerQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Entries per page (1–500).' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page.' }))
}, { additionalProperties: false })

export const LedgerPage = Type.Object({
  user_id: ActorId,
  transactions: Type.Array(Type.Ref(LedgerTransaction), { description: 'Newest first.' }),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' })
}, { $id: 'LedgerPage', additionalProperties: false, description: 'A page of the actor\'s ledger.' })

export const TopupBody = Type.Object({
  user_id: ActorId,
  amount: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Tokens to add (1–100 000).' }),
  payment_id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: 'Your payment reference; a repeated payment_id never adds twice.' })
}, { additionalProperties: false })

export const TopupResponse = Type.Object({
  user_id: ActorId,
  balance: Type.Integer({ minimum: 0, description: 'Balance right after this top-up was applied.' }),
  amount_added: Type.Integer({ minimum: 1, description: 'Tokens this payment added.' }),
  transaction_id: Type.String({ description: 'The top-up ledger entry.' }),
  timestamp: Timestamp,
  replayed: Type.Boolean({ description: 'True when this payment_id had already been applied: the original result is returned and nothing was added.' })
}, { $id: 'TopupResponse', additionalProperties: false, description: 'Result of a top-up.' })

export const RefundBody = Type.Object({
  transaction_id: Type.String({ minLength: 26, maxLength: 26, description: 'The spend to refund.' }),
  reason: Type.String({ minLength: 1, maxLength: 200, pattern: NO_NUL, description: 'Why it is refunded (kept in the ledger; no NUL character).' })
}, { additionalProperties: false })

export const ActorSignupBody = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: NO_NUL, description: 'A name for the actor, for your own records (no NUL character).' }))
}, { additionalProperties: false })

export const AdminActorBody = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: NO_NUL, description: 'A name for the actor (no NUL character).' })),
  actor_id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$', description: 'A chosen id (default act_<ULID>).' }))
}, { additionalProperties: false })

export const CreatedActor = Type.Object({
  actor_id: ActorId,
  api_key: Type.Union([Type.String(), Type.Null()], { description: 'The API key, shown exactly once. Stored only as a SHA-256 hash. Null on an idempotent replay.' }),
  created_at: Timestamp,
  note: Type.String({ description: 'How to use (and keep) the key.' })
}, { $id: 'CreatedActor', additionalProperties: false, description: 'A new actor and its API key.' })
export type CreatedActor = Static<typeof CreatedActor>

export const Tier = Type.Object({
  depth: Type.String({ description: 'The depth of analysis.' }),
  cost_tokens: Type.Integer({ minimum: 0, description: 'Tokens charged per fresh request.' }),
  requires_actor: Type.Boolean({ description: 'Whether an actor (API key) is needed.' }),
  description: Type.String({ description: 'What this depth adds.' })
}, { $id: 'Tier', additionalProperties: false })

export const TiersResponse = Type.Object({
  tiers: Type.Array(Type.Ref(Tier), { description: 'Every depth with its cost.' }),
  v1_simulation_cost: Type.Integer({ description: 'Tokens charged by POST /api/v1/simulate.' }),
  daily_grant: Type.Integer({ description: 'Tokens granted on an actor\'s first authenticated request of each UTC day.' }),
  entitlement_hours: Type.Integer({ description: 'A paid (fingerprint, depth) is not charged again within this many hours.' }),
  note: Type.String({ description: 'What tokens buy.' })
}, { $id: 'TiersResponse', additionalProperties: false, description: 'The depth tiers and their costs.' })

export const tokenSchemas = [LedgerTransaction, Tier]

export const UndeliveredCharges = Type.Object({
  lease_ms: Type.Integer({ description: 'How old a charge without its delivery mark must be to be listed (CHARGE_LEASE_MS).' }),
  charges: Type.Array(Type.Object({
    transaction_id: Type.String({ description: 'The spend, never delivered nor refunded.' }),
    actor_id: Type.String({ description: 'The actor it charged.' }),
    tokens: Type.Integer({ description: 'Tokens it took.' }),
    feature: Type.Union([Type.String(), Type.Null()], { description: 'The depth it paid for.' }),
    request_id: Type.String({ description: 'The request that charged it (find it in the logs).' }),
    created_at: Type.String({ description: 'When it was charged (ISO 8601).' })
  }, { additionalProperties: false }), { description: 'Oldest first, at most 200; the sweeper refunds them (docs/LEDGER.md, "Delivery").' })
}, { additionalProperties: false })
