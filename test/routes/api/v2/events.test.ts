import t from 'tap'
import { buildApp } from '../../../helper.js'

t.test('GET /api/v2/events: the catalog with the three classic fixtures and other sports', async (t) => {
  const { app } = await buildApp(t)
  const body = (await app.inject('/api/v2/events')).json()
  t.equal(body.count, body.events.length)
  const classics = body.events.filter((e: { sport: string, home_advantage: number }) => e.sport === 'football' && e.home_advantage === 100)
    .map((e: { home_rating: number, away_rating: number }) => [e.home_rating, e.away_rating])
  for (const pair of [[2100, 2050], [2150, 2080], [2120, 1950]]) t.ok(classics.some((c: number[]) => c[0] === pair[0] && c[1] === pair[1]), `fixture ${pair.join(' v ')}`)
  const sports = new Set(body.events.map((e: { sport: string }) => e.sport))
  t.ok(sports.size >= 3, 'several sports')
})

t.test('GET /api/v2/events/:id', async (t) => {
  const { app } = await buildApp(t)
  const one = await app.inject('/api/v2/events/el-clasico')
  t.equal(one.statusCode, 200)
  t.equal(one.json().event_id, 'el-clasico')
  const missing = await app.inject('/api/v2/events/no-such-event')
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error, 'event_not_found')
})

t.test('every catalog event simulates', async (t) => {
  const { app } = await buildApp(t)
  for (const event of (await app.inject('/api/v2/events')).json().events) {
    const res = await app.inject({ method: 'POST', url: '/api/v2/simulate', payload: { event_id: event.event_id } })
    t.equal(res.statusCode, 200, event.event_id)
    t.equal(res.json().sport, event.sport)
  }
})
