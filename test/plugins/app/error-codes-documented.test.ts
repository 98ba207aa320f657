import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../helper.js'
import { PROJECT_ROOT } from '../../../src/paths.js'

// Issue 17, item 11: one documented code per situation (docs/API.md, "Errors").

/** The `error` codes the service can answer: every literal given to the problem builders. */
function codesInSource (): Map<string, string> {
  const files = execFileSync('git', ['ls-files', 'src', 'plugins'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'))
  const patterns = [
    /ProblemError\(\s*\d+\s*,\s*'([a-z0-9_]+)'/g,
    /\b(?:badRequest|forbidden)\(\s*'([a-z0-9_]+)'/g,
    /buildProblem\([^,]+,\s*\d+\s*,\s*'([a-z0-9_]+)'/g,
    /problemBody\(\s*\d+\s*,\s*'([a-z0-9_]+)'/g,
    /\berror:\s*'([a-z0-9_]+)'/g
  ]
  const codes = new Map<string, string>()
  for (const file of files) {
    const text = readFileSync(join(PROJECT_ROOT, file), 'utf8')
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.set(match[1], file)
  }
  return codes
}

/** The codes in the `error` column of each row of docs/API.md's table of errors. */
function documentedRows (): string[][] {
  const api = readFileSync(join(PROJECT_ROOT, 'docs', 'API.md'), 'utf8')
  const section = api.slice(api.indexOf('## Errors'), api.indexOf('## Identity'))
  return section.split('\n').filter((line) => /^\| \d{3} \|/.test(line)).map((line) => {
    const column = line.split(' | ')[1] ?? ''
    return [...column.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1])
  })
}

t.test('every error code the source can answer is in docs/API.md\'s table, in one row only', async (t) => {
  const codes = codesInSource()
  const rows = documentedRows()
  t.ok(codes.size > 30, `${codes.size} codes found in src/ and plugins/`)
  for (const [code, file] of [...codes].sort()) {
    const inRows = rows.filter((row) => row.includes(code)).length
    t.equal(inRows, 1, `${code} (${file}): documented in ${inRows} row(s)`)
  }
  // The codes Fastify's fallback derives from a status title (src/errors.ts TITLES): 500, 503 and
  // actor_required are mapped to documented ones in plugins/app/errors.ts.
  for (const code of ['internal_error', 'range_not_satisfiable', 'precondition_failed']) t.equal(rows.filter((row) => row.includes(code)).length, 1, `${code} documented`)
})

t.test('a web-app file\'s failed precondition is 412 precondition_failed, a body shorter than its Content-Length is malformed_request', async (t) => {
  const dir = t.testdir()
  const webRoot = join(dir, 'web')
  mkdirSync(join(webRoot, 'assets'), { recursive: true })
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(webRoot, 'assets', 'a.js'), 'export {}')
  const { app } = await buildApp(t, {}, { webRoot, dataDir: join(dir, 'data') })
  for (const headers of [{ 'if-match': '"not-this-one"' }, { 'if-unmodified-since': 'Mon, 01 Jan 1990 00:00:00 GMT' }]) {
    const res = await app.inject({ url: '/assets/a.js', headers })
    t.equal(res.statusCode, 412, JSON.stringify(headers))
    t.match(res.json(), { error: 'precondition_failed', title: 'Precondition Failed', type: 'urn:trickster-oracle:problem:precondition_failed' }, 'not client_error titled "Error"')
  }
  const short = await app.inject({ method: 'POST', url: '/api/v2/actors', headers: { 'content-type': 'application/json', 'content-length': '40' }, payload: '{"label":"x"}' })
  t.equal(short.statusCode, 400)
  t.match(short.json(), { error: 'malformed_request', detail: /Content-Length/ }, 'one code for broken framing, not invalid_content_length')
})
