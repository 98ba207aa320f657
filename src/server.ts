import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig } from './config.js'
import { build } from './app.js'

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

  const app = await build(config)
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an uncaught error')
    else app.log.info({ signal }, 'shutting down: draining in-flight requests')
    // app.close(): stop accepting, wait for in-flight requests, run onClose (closes the database).
    await app.close()
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
