import t from 'tap'
import createClient from 'openapi-fetch'
import type { paths } from '../../web/src/api/v2.js'
import { build } from '../../src/app.js'
import { testConfig } from '../helper.js'
import { join } from 'node:path'
import { loadLabContent } from '../../src/lab/content.js'
import { PROJECT_ROOT } from '../../src/paths.js'

const ADMIN_TOKEN = 'typed-client-admin-token-0123456789abcd'

t.test('a client generated from openapi/v2.json runs the main flows against a listening server', async (t) => {
  const app = await build(testConfig(t.testdir(), { adminToken: ADMIN_TOKEN, logLevel: 'silent' }))
  t.teardown(() => app.close())
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = createClient<paths>({ baseUrl })

  const health = await client.GET('/health')
  t.equal(health.data?.status, 'healthy')
  const ready = await client.GET('/ready')
  // Ready, or — on a loaded machine only — 503 for the event loop alone; the database is always fine.
  const failing = (ready.error?.failing ?? []).map((f) => f.check)
  t.ok(ready.data?.ready === true || (failing.length > 0 && failing.every((check) => check === 'event_loop')), `ready: ${JSON.stringify(ready.data ?? ready.error)}`)
  const tiers = await client.GET('/api/v2/tiers')
  t.equal(tiers.data?.tiers.find((tier) => tier.depth === 'deep_dive_educational')?.cost_tokens, 5)
  const events = await client.GET('/api/v2/events')
  t.ok((events.data?.count ?? 0) >= 3)

  const headline = await client.POST('/api/v2/simulate', { body: { event_id: 'el-clasico' } })
  t.equal(headline.response.status, 200)
  t.ok(headline.data !== undefined && 'pick' in headline.data)

  const signup = await client.POST('/api/v2/actors', { body: { label: 'typed client' } })
  t.equal(signup.response.status, 201)
  const apiKey = signup.data?.api_key as string
  const actorId = signup.data?.actor_id as string
  const asActor = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } })
  const admin = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })

  const balance = await asActor.GET('/api/v2/tokens/balance')
  t.equal(balance.data?.balance, 5)
  const topup = await admin.POST('/api/v2/tokens/topup', { body: { user_id: actorId, amount: 20, payment_id: 'typed-1' } })
  t.equal(topup.data?.balance, 25)

  const full = await asActor.POST('/api/v2/simulate', {
    body: { event_id: 'el-clasico', depth: 'full_distribution' },
    headers: { 'idempotency-key': 'typed-full-1' }
  })
  t.equal(full.response.status, 200)
  t.equal(full.data?.meta.tokens_charged, 2)
  const replay = await asActor.POST('/api/v2/simulate', {
    body: { event_id: 'el-clasico', depth: 'full_distribution' },
    headers: { 'idempotency-key': 'typed-full-1' }
  })
  t.equal(replay.response.headers.get('idempotent-replayed'), 'true')
  t.equal(replay.data?.meta.idempotency_replay, true)

  const gated = await client.POST('/api/v2/simulate', { body: { event_id: 'el-clasico', depth: 'deep_dive_educational' } })
  t.equal(gated.response.status, 401)
  t.equal(gated.error?.error, 'unauthorized')

  const ledger = await asActor.GET('/api/v2/tokens/ledger', { params: { query: { limit: 10 } } })
  t.same(ledger.data?.transactions.map((e) => e.kind), ['spend', 'topup', 'grant_daily'])

  const refund = await admin.POST('/api/v2/tokens/refund', { body: { transaction_id: full.data?.transaction_id as string, reason: 'typed client test' } })
  t.equal(refund.data?.kind, 'refund')
  const after = await asActor.GET('/api/v2/tokens/balance')
  t.equal(after.data?.balance, 25)

  // The Lab: list, preview, quiz, unlock, progress.
  const modules = await client.GET('/api/v2/lab/modules')
  t.equal(modules.data?.modules[0].module_id, 'monte-carlo-basics')
  t.equal(modules.data?.modules[0].unlocked, null)
  const preview = await client.GET('/api/v2/lab/modules/{module_id}', { params: { path: { module_id: 'elo-and-draws' } } })
  t.equal(preview.data?.locked, true)
  t.same(preview.data?.quiz, [])
  const missing = await client.GET('/api/v2/lab/modules/{module_id}', { params: { path: { module_id: 'constructor' } } })
  t.equal(missing.error?.error, 'module_not_found')
  const early = await asActor.POST('/api/v2/lab/modules/{module_id}/unlock', { params: { path: { module_id: 'elo-and-draws' } } })
  t.same(early.error?.missing, ['monte-carlo-basics'])
  const basics = loadLabContent(join(PROJECT_ROOT, 'content', 'lab')).byId.get('monte-carlo-basics')
  const graded = await asActor.POST('/api/v2/lab/modules/{module_id}/quiz', {
    params: { path: { module_id: 'monte-carlo-basics' } },
    body: { answers: (basics?.quiz ?? []).map((q) => ({ question_id: q.question_id, choice_id: q.correct_choice_id })) }
  })
  t.equal(graded.data?.passed, true)
  const unlocked = await asActor.POST('/api/v2/lab/modules/{module_id}/unlock', {
    params: { path: { module_id: 'elo-and-draws' } },
    headers: { 'idempotency-key': 'typed-unlock-1' }
  })
  t.match(unlocked.data, { unlocked: true, tokens_charged: 2, already_unlocked: false, balance_after: 23 })
  const progress = await asActor.GET('/api/v2/lab/progress')
  t.equal(progress.data?.tokens_spent_on_lab, 2)
  t.match(progress.data?.modules.find((m) => m.module_id === 'monte-carlo-basics'), { completed: true, attempts: 1 })

  // Leagues: the typed reads, an admin definition, and a simulation named by league_id.
  const leagues = await client.GET('/api/v2/leagues')
  t.equal(leagues.data?.leagues[0].synthetic, true)
  const league = await client.GET('/api/v2/leagues/{league_id}', { params: { path: { league_id: 'synthetic' }, query: { as_of: '2025-12-01' } } })
  const [first, second] = league.data?.teams ?? []
  t.type(first.true_rating, 'number')
  const defined = await client.PUT('/api/v2/admin/leagues/{league_id}', {
    params: { path: { league_id: 'typed' } }, body: { name: 'Typed', zones: { top4: [1, 4] } }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
  })
  t.equal(defined.response.status, 201)
  const fromLeague = await client.POST('/api/v2/simulate', { body: { league_id: 'synthetic', home_team: first.name, away_team: second.name, as_of: '2025-12-01' } })
  t.equal(fromLeague.data?.inputs_origin?.[0].inputs.home_rating, first.rating)
  const predictions = await client.GET('/api/v2/leagues/{league_id}/backtest/predictions', { params: { path: { league_id: 'synthetic' }, query: { limit: 5 } } })
  t.equal(typeof predictions.data === 'object' ? predictions.data.items.length : null, 5, 'JSON unless text/csv is asked for')
})
