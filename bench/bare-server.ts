/**
 * The baseline for `npm run bench:http`: a bare Fastify with the same server options and logger
 * settings as the service and no plugins. Like the service (and like Fastify's own request
 * logging, which would write two lines), it logs one line per request: docs/API.md ("Request ids
 * and logs") requires that line, so the comparison measures what the plugins cost, not the logging
 * every server here does.
 * GET /health answers the same JSON; POST /echo returns its body.
 */
import Fastify from 'fastify'
import { loadConfig } from '../src/config.js'
import { serverOptions } from '../src/server-options.js'

const config = loadConfig(process.env)
const app = Fastify(serverOptions(config))
app.addHook('onResponse', (request, reply, done) => {
  request.log.info({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, duration_ms: reply.elapsedTime }, 'request completed')
  done()
})
app.get('/health', async () => ({ status: 'healthy', service: 'trickster-oracle-api', version: '1.0.0', timestamp: new Date().toISOString() }))
app.post('/echo', async (request) => request.body)
await app.listen({ host: config.host, port: config.port })
