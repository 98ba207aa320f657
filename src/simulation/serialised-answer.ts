import type { SimulationMeta } from '../schemas/simulation.js'

/**
 * A simulation answer kept as text for cache hits (docs/ARCHITECTURE.md, "Serialised answers"). The
 * response schemas put the fields that differ per request last — `execution_time_ms`, `meta`, then
 * `transaction_id` when charged — so an answer is a prefix fixed by its result, depth and labels,
 * followed by those fields. A hit with the same labels sends the stored prefix with its own tail,
 * byte for byte what projecting and serialising the answer again would give.
 */
const TAIL = ',"execution_time_ms":'

/** Prefixes kept with one cached result, by answer key (depth and labels). */
export interface SerialisedAnswers {
  get: (answerKey: string) => string | undefined
  set: (answerKey: string, prefix: string) => void
}

export interface AnswerTail {
  executionMs: number
  meta: SimulationMeta
  transactionId?: string
}

export function completeAnswer (prefix: string, tail: AnswerTail): string {
  const charged = tail.transactionId !== undefined ? `,"transaction_id":${JSON.stringify(tail.transactionId)}` : ''
  return `${prefix}${TAIL}${JSON.stringify(tail.executionMs)},"meta":${JSON.stringify(tail.meta)}${charged}}`
}

/**
 * The reusable prefix of a serialised answer, or undefined if the answer does not end with exactly
 * this tail (checked by rebuilding it: a schema whose order changed is simply not kept).
 */
export function answerPrefix (serialised: string, tail: AnswerTail): string | undefined {
  const at = serialised.lastIndexOf(TAIL)
  if (at < 0) return undefined
  const prefix = serialised.slice(0, at)
  return completeAnswer(prefix, tail) === serialised ? prefix : undefined
}
