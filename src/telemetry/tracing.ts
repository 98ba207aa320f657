import { FastifyOtelInstrumentation } from '@fastify/otel'
import { NodeSDK } from '@opentelemetry/sdk-node'
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg'
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis'
import { createRequire } from 'node:module'
import type { FastifyPluginCallback } from 'fastify'
import type { TracingConfig } from '../config.js'
import { recordSpans } from './spans.js'

/** Probes and the scrape: polled every few seconds, they would crowd out the traces worth reading. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics'])

/** Longest attribute value exported: a SQL text of a statement batch can be long. */
const ATTRIBUTE_VALUE_LIMIT = 2048

export interface Tracing {
  /** @fastify/otel's plugin: src/app.ts registers it after the plugins whose onSend hooks it must wrap. */
  fastifyPlugin: FastifyPluginCallback
  /** Flushes the spans still buffered (on shutdown). */
  shutdown: () => Promise<void>
}

/**
 * The statement batcher of src/storage/postgres/statement-batcher.ts writes its values into the SQL
 * text as literals: a span shows the statement's shape, never those values (actor and request ids).
 */
function withoutLiterals (text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, '?')
}

/**
 * Starts the OpenTelemetry Node SDK (docs/OPERATIONS.md, "Traces"). Only src/server.ts calls it,
 * and only when OTEL_EXPORTER_OTLP_ENDPOINT is set; it must run before the app's modules are
 * imported, so the pg and ioredis instrumentations patch those clients as they load. The exporter,
 * its protocol (http/protobuf by default), the sampler (OTEL_TRACES_SAMPLER, _ARG) and the W3C
 * trace-context propagator come from the standard OTEL_* variables, read by the SDK itself.
 */
export function startTracing (config: TracingConfig): Tracing {
  const fastifyOtel = new FastifyOtelInstrumentation({
    // One span per request and one for its handler; the steps worth a span have their own
    // (src/telemetry/spans.ts), where a span per Fastify hook would mostly time header writes.
    instrumentHooks: false,
    ignorePaths: (route) => UNTRACED_PATHS.has(route.url.split('?')[0]),
    requestHook: (span, request) => { span.setAttribute('trickster.request_id', request.id) }
  })
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    spanLimits: { attributeValueLengthLimit: ATTRIBUTE_VALUE_LIMIT },
    // Traces only: metrics are Prometheus' (/metrics), logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      fastifyOtel,
      new PgInstrumentation({
        requireParentSpan: true,
        ignoreConnectSpans: false,
        requestHook: (span, { query }) => { span.setAttribute('db.query.text', withoutLiterals(query.text)) }
      }),
      new IORedisInstrumentation({ requireParentSpan: true })
    ]
  })
  sdk.start()
  // The app imports pg and ioredis as ES modules; loading them once through require() here hands
  // the instrumentations (which hook require) the same CommonJS module objects to patch.
  const require = createRequire(import.meta.url)
  require('pg')
  require('ioredis')
  recordSpans()
  return { fastifyPlugin: fastifyOtel.plugin(), shutdown: async () => await sdk.shutdown() }
}
