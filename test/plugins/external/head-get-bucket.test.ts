import t from 'tap'
import { buildApp } from '../../helper.js'
import { signUp } from '../../routes/api/helpers.js'
import { TEST_REDIS_URL, testRedisPrefix } from '../../fixtures/redis.js'

// docs/API.md, "Rate limits": HEAD is GET without a body, so both count in one bucket.
for (const shared of [false, true]) {
  t.test(`HEAD and GET of one route share one rate-limit bucket${shared ? ' (Redis)' : ''}`, async (t) => {
    const { app } = await buildApp(t, { rateLimitApiPerMinute: 6, ...(shared ? { redisUrl: TEST_REDIS_URL, redisKeyPrefix: testRedisPrefix(t) } : {}) })
    const { headers } = await signUp(app)
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      statuses.push((await app.inject({ method: i % 2 === 0 ? 'GET' : 'HEAD', url: '/api/v2/tokens/balance', headers })).statusCode)
    }
    t.same(statuses, [200, 200, 200, 200, 200, 200, 429, 429], '6 per minute, whichever method')
    t.equal((await app.inject({ url: '/api/v2/tokens/ledger', headers })).statusCode, 200, 'another route has its own bucket')
  })
}
