/** Policies published in the OpenAPI description, as the Idempotency-Key draft asks servers to. */
export const IDEMPOTENCY_POLICY = [
  '## Idempotency',
  'Every POST that creates, charges or grants accepts `Idempotency-Key` (or the legacy `X-Idempotency-Key`): 1–255 printable ASCII characters, scoped to the caller and the route.',
  '- Only **2xx** responses are stored, for `IDEMPOTENCY_TTL_HOURS` (24 h by default); a retry with the same key and body within that time replays the stored response with `Idempotent-Replayed: true` and charges nothing.',
  '- Non-2xx responses are not stored, so a request refused with 402 can be retried with the same key after a top-up. Tokens are only ever charged on a 2xx, so a retry can never double-charge.',
  '- The same key with a different body answers 422 `idempotency_key_reused`; the same key while the first request is still running answers 409 `idempotency_in_progress`.',
  '- Keys expire after the TTL; after that the key is new again.'
].join('\n')
