import t from 'tap'
import { buildApp } from '../helper.js'

t.test('/docs/static/index.html with a query redirects to /docs/ once, not to itself (issue 17 item 7)', async (t) => {
  const { app } = await buildApp(t)
  const res = await app.inject({ url: '/docs/static/index.html?a=1' })
  t.equal(res.statusCode, 302)
  t.equal(res.headers.location, '/docs/?a=1')
  t.equal((await app.inject({ url: res.headers.location as string })).statusCode, 200, 'and the target answers')
  const plain = await app.inject({ url: '/docs/static/index.html' })
  t.equal(plain.statusCode, 302)
  t.equal(plain.headers.location, '/docs/')
})
