import { createServer } from 'node:http'
import { once } from 'node:events'
import { join } from 'node:path'
import t from 'tap'
import { runScript } from '../fixtures/ledger/helpers.js'

// npm run smoke gates a deploy (docs/DEPLOY_RENDER.md): any failed step must make it exit non-zero.
t.test('npm run smoke exits 1 when a step fails', async (t) => {
  // A "deployment" that answers every request with a 500.
  const broken = createServer((_req, res) => { res.writeHead(500, { 'content-type': 'application/json' }).end('{}') })
  broken.listen(0, '127.0.0.1')
  await once(broken, 'listening')
  t.teardown(() => broken.close())
  const { port } = broken.address() as { port: number }
  const out = join(t.testdir(), 'evidence.md')
  const run = await runScript('scripts/smoke.ts', ['--base-url', `http://127.0.0.1:${port}`, '--admin-token', 'x'.repeat(40), '--out', out])
  t.equal(run.code, 1, 'non-zero exit')
})
