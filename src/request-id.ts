import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Keep a well-formed inbound X-Request-ID (docs/API.md, "Request ids and logs"); otherwise mint a fresh UUID. */
export function requestIdFor (req: IncomingMessage): string {
  const inbound = req.headers['x-request-id']
  return typeof inbound === 'string' && REQUEST_ID.test(inbound) ? inbound : randomUUID()
}
