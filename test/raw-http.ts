import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Everything the server wrote before closing (or before the timeout). */
  raw: string
}

/** The port of a listening app (tests listen on 127.0.0.1:0). */
export function portOf (app: FastifyInstance): number {
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on TCP')
  return address.port
}

/** Parses the first response in `raw` (status line, headers, Content-Length body). */
export function parseResponse (raw: string): RawResponse {
  const headEnd = raw.indexOf('\r\n\r\n')
  const head = headEnd === -1 ? raw : raw.slice(0, headEnd)
  const [statusLine, ...lines] = head.split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const rest = headEnd === -1 ? '' : raw.slice(headEnd + 4)
  const length = headers['content-length'] === undefined ? rest.length : Number(headers['content-length'])
  return { status, headers, body: rest.slice(0, length), raw }
}

/**
 * Writes `request` byte for byte on a fresh TCP connection (so malformed requests stay malformed)
 * and collects what the server answers until it closes the connection or `timeoutMs` passes.
 */
export async function rawRequest (port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => { socket.destroy(); resolve() }, timeoutMs)
    socket.on('close', () => { clearTimeout(timer); resolve() })
    socket.on('error', () => {})
    socket.write(request)
  })
  return parseResponse(Buffer.concat(chunks).toString('latin1'))
}

/** A complete HTTP/1.1 request with `Connection: close`, a JSON body when given, and extra header lines. */
export function httpRequest (method: string, target: string, options: { body?: unknown, headers?: Record<string, string> } = {}): string {
  const body = options.body === undefined ? '' : JSON.stringify(options.body)
  const headers: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...options.headers }
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json'
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}
