import { createServer } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'

/** One exported span, flattened from OTLP/HTTP JSON (opentelemetry-proto, ExportTraceServiceRequest). */
export interface ReceivedSpan {
  traceId: string
  spanId: string
  parentSpanId: string
  name: string
  kind: number
  scope: string
  service: string
  attributes: Record<string, string | number | boolean>
  startMs: number
  durationMs: number
}

interface OtlpValue { stringValue?: string, intValue?: string | number, boolValue?: boolean, doubleValue?: number }
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes?: Array<{ key: string, value: OtlpValue }>
}
interface OtlpRequest {
  resourceSpans: Array<{
    resource?: { attributes?: Array<{ key: string, value: OtlpValue }> }
    scopeSpans: Array<{ scope?: { name?: string }, spans: OtlpSpan[] }>
  }>
}

function valueOf (value: OtlpValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue
  if (value.boolValue !== undefined) return value.boolValue
  if (value.intValue !== undefined) return Number(value.intValue)
  return value.doubleValue ?? ''
}

function attributesOf (list: Array<{ key: string, value: OtlpValue }> | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]))
}

export interface OtlpReceiver {
  /** What to put in OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  endpoint: string
  spans: ReceivedSpan[]
  /** Every export request's path and content type, to check what the exporter sent. */
  requests: Array<{ path: string, contentType: string }>
  /** Resolves once `done` holds for the spans received so far (polling), or rejects after `timeoutMs`. */
  waitFor: (done: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number) => Promise<void>
}

/** A real OTLP/HTTP (JSON) trace receiver on 127.0.0.1, as a collector would listen; closed when the test ends. */
export async function startOtlpReceiver (t: Test): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const requests: OtlpReceiver['requests'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => { body += String(chunk) })
    req.on('end', () => {
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '' })
      const parsed = JSON.parse(body) as OtlpRequest
      for (const resourceSpans of parsed.resourceSpans) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '')
        for (const scopeSpans of resourceSpans.scopeSpans) {
          for (const span of scopeSpans.spans) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              scope: scopeSpans.scope?.name ?? '',
              service,
              attributes: attributesOf(span.attributes),
              startMs: Number(BigInt(span.startTimeUnixNano) / 1000n) / 1000,
              durationMs: Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6
            })
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(async () => {
    server.closeAllConnections()
    server.close()
    await once(server, 'close')
  })
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    waitFor: async (done, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs
      while (!done(spans)) {
        if (Date.now() > deadline) throw new Error(`spans not received in time; got: ${spans.map((s) => s.name).join(', ')}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }
}

/** The spans of one trace as an indented tree (the closing note of docs/OPERATIONS.md shows one). */
export function spanTree (spans: ReceivedSpan[], root: ReceivedSpan): string {
  const lines: string[] = []
  const walk = (span: ReceivedSpan, depth: number): void => {
    const attributes = Object.entries(span.attributes)
      .filter(([key]) => key.startsWith('trickster.') || ['http.route', 'http.response.status_code', 'db.system', 'db.system.name'].includes(key))
      .map(([key, value]) => `${key}=${String(value)}`).join(' ')
    lines.push(`${'  '.repeat(depth)}${span.name} (${span.durationMs.toFixed(2)} ms)${attributes === '' ? '' : ` ${attributes}`}`)
    for (const child of spans.filter((s) => s.parentSpanId === span.spanId).sort((a, b) => a.startMs - b.startMs)) walk(child, depth + 1)
  }
  walk(root, 0)
  return lines.join('\n')
}
