import t from 'tap'
import { buildApp } from '../../../helper.js'
import { signUp } from '../helpers.js'

const V1_ROUTES = [
  { method: 'POST' as const, url: '/api/v1/simulate', successor: '/api/v2/simulate' },
  { method: 'POST' as const, url: '/api/simulate', successor: '/api/v2/simulate' },
  { method: 'GET' as const, url: '/api/v1/balance', successor: '/api/v2/tokens/balance' },
  { method: 'GET' as const, url: '/api/balance', successor: '/api/v2/tokens/balance' }
]

t.test('API_V1_ENABLED=false: every v1 route answers 410 Gone naming its v2 successor, before auth', async (t) => {
  const { app } = await buildApp(t, { apiV1Enabled: false })
  const { headers } = await signUp(app)
  for (const route of V1_ROUTES) {
    for (const withKey of [false, true]) {
      const res = await app.inject({ method: route.method, url: route.url, headers: withKey ? headers : {}, ...(route.method === 'POST' ? { payload: { event_id: 'el-clasico' } } : {}) })
      t.equal(res.statusCode, 410, `${route.method} ${route.url}${withKey ? ' with a key' : ''}`)
      t.match(res.headers['content-type'], /application\/problem\+json/)
      t.equal(res.headers.link, `<${route.successor}>; rel="successor-version"`)
      t.match(res.json(), { status: 410, title: 'Gone', error: 'api_v1_retired', successor: route.successor, request_id: res.headers['x-request-id'] })
    }
  }
  const balance = await app.inject({ url: '/api/v2/tokens/balance', headers })
  t.equal(balance.json().balance, 5, 'v2 is unaffected and nothing was charged')
  t.equal((await app.inject('/api/v1/cache/stats')).statusCode, 200, 'the cache routes stay')
})

t.test('API_V1_ENABLED=true (the default) serves v1', async (t) => {
  const { app } = await buildApp(t)
  const { headers } = await signUp(app)
  t.equal((await app.inject({ url: '/api/v1/balance', headers })).statusCode, 200)
})
