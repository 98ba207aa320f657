import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig } from './config.js'

/** How long in-flight requests may take to finish after SIGTERM/SIGINT before we exit anyway. */
const SHUTDOWN_GRACE_MS = 10_000

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig(process.env, { dotenv: true })
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }

  // Tracing before the app is imported: the SDK's instrumentations patch pg and ioredis as they load.
  // Without OTEL_EXPORTER_OTLP_ENDPOINT the SDK is never imported (docs/OPERATIONS.md, "Traces").
  const tracing = config.tracing === null ? null : (await import('./telemetry/tracing.js')).startTracing(config.tracing)
  const { build } = await import('./app.js')
  const app = await build(config, { instrumentation: tracing?.fastifyPlugin })
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an uncaught error')
    else app.log.info({ signal }, 'shutting down: draining in-flight requests')
    // app.close(): stop accepting, wait for in-flight requests, run onClose (closes the database).
    await app.close()
    // The spans of the last requests are still in the exporter's buffer.
    await tracing?.shutdown()
  })

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    app.log.fatal({ err }, 'could not start')
    await app.close()
    process.exit(1)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`start-up failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
