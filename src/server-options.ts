import AjvCompiler, { type ValidatorFactory } from '@fastify/ajv-compiler'
import { LogController, type FastifyHttpOptions, type RawServerDefault } from 'fastify'
import type { DestinationStream, LoggerOptions } from 'pino'
import type { AppConfig } from './config.js'
import { clientErrorHandler, frameworkErrors } from './client-errors.js'
import { requestIdFor } from './request-id.js'
import { activeTraceIds } from './telemetry/spans.js'

/** 64 KiB: the largest legitimate body (10 comparative events with context) is well below it. */
export const BODY_LIMIT_BYTES = 64 * 1024

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
    formatters: { level: (label) => ({ level: label }) },
    // With tracing on, each line written inside a span names its trace (docs/OPERATIONS.md, "Traces").
    ...(config.tracing === null ? {} : { mixin: activeTraceIds })
  }
}

const ajvCompilers = AjvCompiler()

/** ajv options for every request part: all failing fields reported, no field silently dropped. */
const AJV_OPTIONS: AjvCompiler.Options = {
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  // NaN and ±Infinity (JSON `1e400`) are not numbers; ajv 8's default, stated because it matters.
  strictNumbers: true
}

/**
 * Request bodies are JSON and validated as sent: `"10"`, `"Infinity"`, `true` or `[5]` are not
 * numbers (docs/API.md, "Errors"). Query strings, path parameters and headers only carry text, so
 * they keep Fastify's coercion (`?limit=10` is the integer 10). Both compilers resolve the schemas
 * added with addSchema.
 */
const buildValidator: ValidatorFactory = (externalSchemas, ajvOptions) => {
  const withCoercion = (coerceTypes: false | 'array') => ({ plugins: ajvOptions?.plugins, customOptions: { ...AJV_OPTIONS, coerceTypes } })
  const strict = ajvCompilers(externalSchemas, withCoercion(false))
  const coercing = ajvCompilers(externalSchemas, withCoercion('array'))
  return (route) => route.httpPart === 'body' ? strict(route) : coercing(route)
}

/**
 * The one set of Fastify options, used by src/server.ts and by every test through build(),
 * so tests validate, parse and log exactly like production.
 */
export function serverOptions (config: AppConfig, logStream?: DestinationStream): FastifyHttpOptions<RawServerDefault> {
  return {
    logger: logStream === undefined ? loggerOptions(config) : { ...loggerOptions(config), stream: logStream },
    // We log one line per request ourselves (src/plugins/app/request-context.ts) with the fields docs/API.md lists.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    requestIdHeader: false,
    clientErrorHandler,
    frameworkErrors,
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow clients are cut off (408, then the socket is closed) without holding anyone else up:
    // headers and body must all arrive within REQUEST_TIMEOUT_MS. Node checks the deadlines every
    // connectionsCheckingInterval (30 s by default, which would double the wait).
    requestTimeout: config.requestTimeoutMs,
    // Node's own Host check answers a bare 400; src/client-errors.ts (missingHost) answers problem+json.
    http: { headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs), requireHostHeader: false },
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    // While draining, a request that still arrives on an open keep-alive connection is answered
    // normally, with Connection: close (src/plugins/app/shutdown.ts), rather than Fastify's non-problem 503.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildValidator } },
    ajv: { customOptions: AJV_OPTIONS }
  }
}
