import t, { type Test } from 'tap'
import { join } from 'node:path'
import { buildApp } from '../../helper.js'

/** A fresh DATA_DIR and a stand-in for dist/web: what `vite build` writes (index.html, favicon, hashed assets). */
function withBuild (t: Test): { dataDir: string, webRoot: string } {
  const dir = t.testdir({
    data: {},
    web: {
      'index.html': '<!doctype html><title>app</title><script type="module" src="/assets/index-abc123.js"></script>',
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      assets: { 'index-abc123.js': 'console.log("app")', 'index-def456.css': 'body{}' }
    }
  })
  return { dataDir: join(dir, 'data'), webRoot: join(dir, 'web') }
}

t.test('every page route answers index.html, so deep links work on reload', async (t) => {
  const { app } = await buildApp(t, {}, withBuild(t))
  for (const url of ['/', '/explore', '/account', '/lab', '/lab/monte-carlo-basics', '/explore?depth=full_distribution&event=el-clasico']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /^text\/html/, `${url} is HTML`)
    t.match(res.body, /<title>app<\/title>/)
    t.equal(res.headers['cache-control'], 'no-cache', `${url}: index.html is revalidated, so a deploy shows at once`)
  }
})

t.test('hashed assets are cached for a year; a missing asset is a 404 problem', async (t) => {
  const { app } = await buildApp(t, {}, withBuild(t))
  const js = await app.inject('/assets/index-abc123.js')
  t.equal(js.statusCode, 200)
  t.match(js.headers['content-type'], /javascript/)
  t.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable')
  const css = await app.inject('/assets/index-def456.css')
  t.match(css.headers['content-type'], /text\/css/)
  const missing = await app.inject('/assets/nope.js')
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], /application\/problem\+json/)
  const escape = await app.inject('/assets/..%2findex.html')
  t.not(escape.statusCode, 200, 'no path outside assets/')
  t.equal((await app.inject('/favicon.svg')).headers['cache-control'], 'public, max-age=86400')
})

t.test('pages get a strict CSP; API answers keep deny-all; /docs keeps its own', async (t) => {
  const { app } = await buildApp(t, {}, withBuild(t))
  for (const url of ['/', '/lab/x', '/assets/index-abc123.js']) {
    const policy = String((await app.inject(url)).headers['content-security-policy'])
    t.match(policy, /default-src 'self'/, url)
    t.match(policy, /script-src 'self';/, `${url}: scripts from this origin only`)
    t.match(policy, /style-src 'self';/, `${url}: no inline style`)
    t.match(policy, /connect-src 'self'/, `${url}: API calls to this origin only`)
    t.match(policy, /frame-ancestors 'none'/)
    t.notMatch(policy, /unsafe-inline|unsafe-eval/)
  }
  for (const url of ['/health', '/api/v2/tiers', '/api/v2/nope']) {
    t.equal((await app.inject(url)).headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'", url)
  }
  t.match(String((await app.inject('/docs/static/index.html')).headers['content-security-policy']), /'unsafe-inline'/)
})

t.test('API routes, unknown /api paths, probes and the contract are unchanged', async (t) => {
  const { app } = await buildApp(t, {}, withBuild(t))
  const unknown = await app.inject('/api/v2/nope')
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().error, 'not_found')
  t.equal((await app.inject('/health')).json().status, 'healthy')
  t.equal((await app.inject('/api/v2/tiers')).statusCode, 200)
  const post = await app.inject({ method: 'POST', url: '/explore', payload: {} })
  t.equal(post.statusCode, 405, 'pages are GET only')
  const paths = Object.keys((await app.inject('/openapi/v2.json')).json().paths)
  t.notOk(paths.some((p) => p === '/' || p.startsWith('/explore') || p.startsWith('/assets')), 'no web route in the API document')
})

t.test('without a build the service runs as a pure API and logs why', async (t) => {
  const dir = t.testdir({ data: {}, web: {} })
  const { app, logs } = await buildApp(t, {}, { dataDir: join(dir, 'data'), webRoot: join(dir, 'web') })
  const res = await app.inject('/')
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.ok(logs.some((line) => /web app not built/.test(String(line.msg))), 'a warning names the missing build')
})
