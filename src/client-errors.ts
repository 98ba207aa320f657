import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError, TITLES, problemType } from './errors.js'
import { requestIdFor } from './request-id.js'
import type { ProblemBody } from './schemas/common.js'

/** A request Node's HTTP parser refused (llhttp codes), or one cut off by the request timeout. */
interface ClientError extends Error {
  code?: string
  /** llhttp's description of what was wrong, e.g. "Invalid character in chunk size". */
  reason?: string
}

/** Status, stable code and explanation for a protocol-level error. */
function problemFor (err: ClientError): { status: number, error: string, detail: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: 'headers_too_large', detail: 'The request headers are larger than the server accepts (16 KiB).' }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, error: 'request_timeout', detail: 'The request headers or body did not arrive in time.' }
    default:
      return { status: 400, error: 'malformed_request', detail: `The request is not valid HTTP/1.1${err.reason !== undefined ? `: ${err.reason}` : ''}.` }
  }
}

function problemBody (status: number, error: string, detail: string, requestId: string, extra: Record<string, unknown> = {}): ProblemBody {
  return { type: problemType(error), title: TITLES[status], status, detail, error, message: detail, request_id: requestId, ...extra }
}

/** A whole problem+json response, written straight on a socket that is then closed. */
function writeProblem (socket: Socket, status: number, body: ProblemBody, headers: string[] = []): void {
  const json = JSON.stringify(body)
  socket.end([
    `HTTP/1.1 ${status} ${TITLES[status]}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(json)}`,
    `X-Request-ID: ${body.request_id}`,
    ...headers,
    'Connection: close',
    '',
    json
  ].join('\r\n'), () => socket.destroy())
}

/**
 * Fastify's `clientErrorHandler`: the answer to a request that never reached the router (an
 * oversized header block, a duplicate Content-Length, bad chunking, a bare LF, a timeout) is
 * problem+json like every other error (docs/API.md, "Errors"), written straight on the socket,
 * and the connection is closed. Like Node's own handler, nothing is written into a response that
 * has already started on this connection.
 */
export function clientErrorHandler (this: FastifyInstance, err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const { status, error, detail } = problemFor(err)
  const requestId = randomUUID()
  this.log.info({ request_id: requestId, code: err.code, status }, 'client error: request refused before routing')
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  if (!socket.writable || (inFlight != null && inFlight.headersSent)) {
    socket.destroy()
    return
  }
  writeProblem(socket, status, problemBody(status, error, detail, requestId))
}

/**
 * The HTTP server's `connect` listener (registered by build() in src/app.ts). Node hands a CONNECT
 * request to this event, never to the router, and without a listener it destroys the socket with
 * no answer; this is no proxy, so every CONNECT gets a problem+json 405 with an empty `Allow` (no
 * method is supported on a tunnel target), and the connection is closed.
 */
export function connectRefused (this: FastifyInstance, req: IncomingMessage, socket: Socket): void {
  socket.on('error', () => {})
  const requestId = requestIdFor(req)
  this.log.info({ request_id: requestId, method: 'CONNECT', status: 405 }, 'CONNECT refused: this server is not a proxy')
  const detail = 'CONNECT is not supported: this server is not a proxy, and no target of it can be tunnelled to.'
  writeProblem(socket, 405, problemBody(405, 'method_not_allowed', detail, requestId, { allowed_methods: [] }), ['Allow: '])
}

/**
 * HTTP/1.1 requires a Host header (RFC 9112, section 3.2). Node refuses a request without one with
 * a bare 400 of its own, so the server turns that check off (serverOptions) and this one, run by the
 * first onRequest hook, gives the same 400 as problem+json: `malformed_request`, like every other
 * request that is not valid HTTP/1.1. An HTTP/1.0 request may omit it.
 */
export function missingHost (request: FastifyRequest): ProblemError | null {
  const { raw } = request
  if (raw.headers.host !== undefined || raw.httpVersionMajor !== 1 || raw.httpVersionMinor !== 1) return null
  return new ProblemError(400, 'malformed_request', 'The request is not valid HTTP/1.1: it has no Host header.')
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (`/%zz`) or a path parameter over
 * its length limit is refused before any hook runs; answer problem+json all the same.
 */
export function frameworkErrors (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
  const status = tooLong ? 414 : 400
  const body = tooLong
    ? problemBody(status, 'uri_too_long', 'A path segment of the URL is longer than the server accepts.', request.id)
    : problemBody(status, 'invalid_url', 'The URL is not valid: check its percent-encoding.', request.id)
  request.log.info({ code: err.code, status }, 'request refused before routing')
  void reply.code(status).header('x-request-id', request.id).type('application/problem+json').send(body)
}
