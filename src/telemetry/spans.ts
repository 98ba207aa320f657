import { INVALID_SPAN_CONTEXT, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api'

/**
 * Spans of our own around the steps that explain a slow request (docs/OPERATIONS.md, "Traces"):
 * auth, idempotency, the billing unit of work, the SQLite transaction, the cache, the simulation.
 * Until src/telemetry/tracing.ts has started the SDK, `inSpan` runs the work directly with a
 * non-recording span: no span, no context switch, nothing allocated — tracing off is free.
 */
const NOT_RECORDING: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT)
let tracer: Tracer | null = null

/**
 * Called once by startTracing(), after the SDK has registered its tracer provider. The tracer is
 * taken here, not when this module loads: @opentelemetry/api ships an ES module and a CommonJS copy,
 * and a tracer taken from the ES copy before the SDK (which registers through the CommonJS copy)
 * has started never reaches the SDK's provider.
 */
export function recordSpans (): void {
  tracer = trace.getTracer('trickster-oracle-api')
}

/** The error code of a problem or ledger error (never its message, which may quote input). */
function errorCodeOf (err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * Runs `work` in a span named `name`, a child of the active span, active for everything it awaits (so pg, ioredis and our own
 * spans nest under it). A throw marks the span as an error with the error's code, then rethrows.
 */
export async function inSpan<T> (name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  // Only inside a traced request: start-up and timers (the idempotency purge) stay out of the traces.
  if (tracer === null || trace.getActiveSpan() === undefined) return await work(NOT_RECORDING)
  return await tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span)
    } catch (err) {
      const code = errorCodeOf(err)
      if (code !== undefined) span.setAttribute('trickster.error', code)
      span.setStatus({ code: SpanStatusCode.ERROR, message: code ?? (err as Error)?.name })
      throw err
    } finally {
      span.end()
    }
  })
}

/** The ids pino adds to every log line written while a span is active (src/server-options.ts). */
export function activeTraceIds (): { trace_id?: string, span_id?: string } {
  const span = trace.getActiveSpan()
  if (span === undefined) return {}
  const { traceId, spanId } = span.spanContext()
  return { trace_id: traceId, span_id: spanId }
}
