/**
 * The baseline for `npm run bench:http`: a bare Fastify with the same server options and logger
 * settings as the service, no plugins. GET /health answers the same JSON; POST /echo returns its body.
 */
import Fastify from 'fastify'
import { loadConfig } from '../src/config.js'
import { serverOptions } from '../src/server-options.js'

const config = loadConfig(process.env)
const app = Fastify(serverOptions(config))
app.get('/health', async () => ({ status: 'healthy', service: 'trickster-oracle-api', version: '1.0.0', timestamp: new Date().toISOString() }))
app.post('/echo', async (request) => request.body)
await app.listen({ host: config.host, port: config.port })
