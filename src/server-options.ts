import { randomUUID } from 'node:crypto'
import { LogController, type FastifyServerOptions, type RawServerDefault } from 'fastify'
import type { IncomingMessage } from 'node:http'
import type { DestinationStream, LoggerOptions } from 'pino'
import type { AppConfig } from './config.js'

/** 64 KiB: the largest legitimate body (10 comparative events with context) is well below it. */
export const BODY_LIMIT_BYTES = 64 * 1024

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Keep a well-formed inbound X-Request-ID (docs/API.md, "Request ids and logs"); otherwise mint a fresh UUID. */
export function requestIdFor (req: IncomingMessage): string {
  const inbound = req.headers['x-request-id']
  return typeof inbound === 'string' && REQUEST_ID.test(inbound) ? inbound : randomUUID()
}

/**
 * Paths pino masks in a log line, so credentials never reach the logs even if an object holding
 * them is logged by mistake (we log no headers and no bodies). Exact paths only: a `*.` wildcard
 * path costs ~3 µs on every line (measured with pino 9), the whole budget of a log call.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'api_key',
  'apiKey',
  'admin_token',
  'actor.api_key',
  'created.api_key',
  'body',
  'req.body'
]

export function loggerOptions (config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'trickster-oracle-api' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) }
  }
}

/**
 * The one set of Fastify options, used by src/server.ts and by every test through build(),
 * so tests validate, parse and log exactly like production.
 */
export function serverOptions (config: AppConfig, logStream?: DestinationStream): FastifyServerOptions<RawServerDefault> {
  return {
    logger: logStream === undefined ? loggerOptions(config) : { ...loggerOptions(config), stream: logStream },
    // We log one line per request ourselves (plugins/app/request-context.ts) with the fields docs/API.md lists.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true
      }
    }
  }
}
