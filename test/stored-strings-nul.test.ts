import t from 'tap'
import { buildApp } from './helper.js'
import { ADMIN_TOKEN, admin, signUp, topUp } from './routes/api/helpers.js'
import { createTestDatabase } from './fixtures/postgres/database.js'

t.setTimeout(120_000)

const SIM = { home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050, depth: 'full_distribution' }

for (const backend of ['sqlite', 'postgres'] as const) {
  t.test(`${backend}: a NUL in a stored string (sign-up label, admin label, refund reason) is a 400, not a 500 (issue 17, item 5)`, async (t) => {
    const databaseUrl = backend === 'postgres' ? (await createTestDatabase(t)).url : null
    const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN, ...(databaseUrl === null ? {} : { databaseUrl }) })
    const { actorId, headers } = await signUp(app)
    await topUp(app, actorId, 5)
    const paid = await app.inject({ method: 'POST', url: '/api/v2/simulate', headers, payload: SIM })
    const spend = paid.json().meta.transaction_id as string
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/api/v2/actors', payload: { label: 'a\u0000b' } }),
      app.inject({ method: 'POST', url: '/api/v2/admin/actors', headers: admin, payload: { label: '\u0000' } }),
      app.inject({ method: 'POST', url: '/api/v2/tokens/refund', headers: admin, payload: { transaction_id: spend, reason: 'x\u0000' } })
    ])
    for (const res of answers) {
      t.equal(res.statusCode, 400, res.body.slice(0, 120))
      t.equal(res.json().error, 'validation_error')
    }
    t.equal((await app.inject({ method: 'POST', url: '/api/v2/actors', payload: { label: 'plain é label' } })).statusCode, 201, 'other text still passes')
  })
}
