import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { clientTypes, generateContracts, serialiseContract, WEB_TYPES_FILE } from '../scripts/contract.js'
import { PROJECT_ROOT } from '../src/paths.js'

t.test('the committed OpenAPI documents match what the code generates (run `npm run openapi`)', async (t) => {
  const docs = await generateContracts()
  for (const version of ['v1', 'v2'] as const) {
    const committed = readFileSync(join(PROJECT_ROOT, 'openapi', `${version}.json`), 'utf8')
    t.equal(committed, serialiseContract(docs[version]), `openapi/${version}.json is up to date`)
  }
})

t.test('the API types of the web app and the typed client test match openapi/v2.json (run `npm run openapi`)', async (t) => {
  const docs = await generateContracts()
  t.equal(readFileSync(WEB_TYPES_FILE, 'utf8'), await clientTypes(docs.v2))
})

t.test('every operation has operationId, summary, tags, security and documented responses', async (t) => {
  const docs = await generateContracts()
  const ids = new Set<string>()
  for (const version of ['v1', 'v2'] as const) {
    for (const [path, item] of Object.entries(docs[version].paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${version} ${method.toUpperCase()} ${path}`
        t.type(op.operationId, 'string', `${where} operationId`)
        t.ok(typeof op.summary === 'string' && op.summary.length > 0, `${where} summary`)
        t.ok(Array.isArray(op.tags) && op.tags.length > 0, `${where} tags`)
        t.ok(Array.isArray(op.security), `${where} security`)
        for (const [status, response] of Object.entries(op.responses ?? {}) as Array<[string, any]>) {
          t.ok(response.content !== undefined, `${where} ${status} has a schema`)
        }
        if (version === 'v1') ids.add(op.operationId)
      }
    }
  }
  t.ok(ids.size > 0)
})

t.test('v1 holds system + /api/v1 + legacy /api/*, v2 holds system + /api/v2', async (t) => {
  const docs = await generateContracts()
  const v1 = Object.keys(docs.v1.paths)
  const v2 = Object.keys(docs.v2.paths)
  t.ok(v1.includes('/health') && v2.includes('/health'), 'system routes in both')
  t.notOk(v1.some((p) => p.startsWith('/api/v2/')), 'no v2 route in v1')
  t.ok(v2.every((p) => !p.startsWith('/api/') || p.startsWith('/api/v2/')), 'only v2 routes in v2')
})

t.test('shared schemas are named components, not inlined copies', async (t) => {
  const docs = await generateContracts()
  t.ok(docs.v2.components.schemas.Problem, 'Problem is a component')
  t.notMatch(JSON.stringify(docs.v2.paths), /"urn:trickster-oracle/, 'no inlined problem body')
  t.match(JSON.stringify(docs.v2.paths), /"#\/components\/schemas\/Problem"/)
})
