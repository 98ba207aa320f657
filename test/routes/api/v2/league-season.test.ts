import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, admin, balanceOf, signUp, topUp } from '../helpers.js'
import { seasonText } from '../../../leagues/shared-data.js'
import { createLeagueComputer } from '../../../../src/leagues/pool.js'
import { createSimulationRunner } from '../../../../src/simulation/runner.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

async function season (app: FastifyInstance, headers: Record<string, string>, body: Record<string, unknown>, league = 'synthetic') {
  return await app.inject({ method: 'POST', url: `/api/v2/leagues/${league}/season`, headers, payload: body })
}

t.test('the season outlook is a tier of 3 tokens, charged like a depth: 401 anonymous, 402 with the cost, entitlement reused, deterministic', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  const tier = (await app.inject({ url: '/api/v2/tiers' })).json().tiers.find((x: { depth: string }) => x.depth === 'season_outlook')
  t.match(tier, { cost_tokens: 3, requires_actor: true })
  t.equal((await season(app, {}, {})).statusCode, 401)
  const poor = await signUp(app, 'poor')
  await season(app, poor.headers, { seed: 1 })
  const short = await season(app, poor.headers, { seed: 2 })
  t.equal(short.statusCode, 402)
  t.match(short.json(), { error: 'insufficient_tokens', required_tokens: 3, feature: 'season_outlook' })

  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 50)
  const before = await balanceOf(app, headers)
  const first = await season(app, headers, { n_simulations: 2000, seed: 42 })
  t.equal(first.statusCode, 200)
  const answer = first.json()
  t.match(answer, { league_id: 'synthetic', n_simulations: 2000, seed: 42, as_of: null, cost_tokens: 3, meta: { tokens_charged: 3, entitlement_reused: false, cache_hit: false } })
  t.type(answer.transaction_id, 'string')
  t.equal(await balanceOf(app, headers), before - 3)
  const teams = answer.teams
  t.equal(teams.length, 20)
  t.equal(answer.remaining_fixtures, 190)
  for (const team of teams) {
    t.ok(Math.abs(team.positions.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-9, `${team.name}: its row sums to 1`)
    t.ok(team.final_points.p5 <= team.final_points.p50 && team.final_points.p50 <= team.final_points.p95)
    t.ok(team.final_points.mean >= team.points)
  }
  for (let position = 0; position < 20; position++) {
    t.ok(Math.abs(teams.reduce((sum: number, team: { positions: number[] }) => sum + team.positions[position], 0) - 1) < 1e-9, `column ${position + 1} sums to 1`)
  }
  t.ok(answer.notes.some((note: string) => /goal difference/.test(note)), 'the notes say ties are not decided by modelled scores')

  const again = (await season(app, headers, { n_simulations: 2000, seed: 42 })).json()
  t.match(again.meta, { tokens_charged: 0, entitlement_reused: true, cache_hit: true })
  t.same(again.teams, answer.teams, 'same inputs and seed, same numbers')
  t.equal(await balanceOf(app, headers), before - 3, 'charged once')
  const derived = (await season(app, headers, { n_simulations: 2000 })).json()
  t.type(derived.seed, 'number')
  t.same((await season(app, headers, { n_simulations: 2000, seed: derived.seed })).json().meta.entitlement_reused, true, 'the derived seed, sent explicitly, is the same inputs')

  t.equal((await season(app, headers, { n_simulations: 99 })).statusCode, 400)
  t.equal((await season(app, headers, { as_of: '2025-02-30' })).statusCode, 400)
  t.equal((await season(app, headers, {}, 'nope')).statusCode, 404)
  t.equal(await balanceOf(app, headers), before - 6, 'refusals cost nothing (only the derived-seed request was a new purchase)')
})

t.test('32 identical outlook requests at once charge once', async (t) => {
  // Outlooks share the simulation routes' burst limit (15); lifted here to send 32 at once.
  const { app } = await buildApp(t, { ...withAdmin, rateLimitBurst: 100 })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 20)
  const before = await balanceOf(app, headers)
  const answers = await Promise.all(Array.from({ length: 32 }, async () => await season(app, headers, { n_simulations: 1000, seed: 9 })))
  t.same(answers.map((a) => a.statusCode), Array(32).fill(200))
  t.equal(answers.filter((a) => a.json().meta.tokens_charged === 3).length, 1)
  t.equal(await balanceOf(app, headers), before - 3)
})

t.test('an outlook that fails after the charge is refunded', async (t) => {
  const runner = createSimulationRunner()
  const real = createLeagueComputer(runner)
  t.teardown(async () => { await runner.close() })
  const { app } = await buildApp(t, withAdmin, {
    leagueComputer: { backtest: real.backtest, admitOutlook: () => ({ run: async () => { throw new Error('worker failed') }, cancel: () => {} }), close: async () => {} }
  })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 10)
  const before = await balanceOf(app, headers)
  const res = await season(app, headers, { seed: 3 })
  t.equal(res.statusCode, 500)
  t.equal(await balanceOf(app, headers), before, 'the tokens are back')
  const ledger = (await app.inject({ url: '/api/v2/tokens/ledger', headers })).json().transactions
  t.match(ledger[0], { kind: 'refund', amount: 3 })
  t.match(ledger[1], { kind: 'spend', feature: 'season_outlook', status: 'refunded' })
})

t.test('as_of at matchday 30 of 2024-25, beside the real final table', async (t) => {
  const { app } = await buildApp(t, withAdmin)
  await app.inject({ method: 'PUT', url: '/api/v2/admin/leagues/epl', headers: admin, payload: { name: 'EPL', zones: { champion: [1, 1], top4: [1, 4], relegation: [18, 20] } } })
  for (const s of ['2022-23', '2023-24', '2024-25']) {
    await app.inject({ method: 'POST', url: '/api/v2/admin/leagues/epl/matches', headers: { ...admin, 'content-type': 'application/json' }, payload: seasonText(s, 'en.1') })
  }
  const file = JSON.parse(seasonText('2024-25', 'en.1')) as { matches: Array<{ round: string, date: string, team1: string, team2: string, score: { ft: [number, number] } }> }
  const asOf = file.matches.filter((m) => m.round === 'Matchday 30').map((m) => m.date).sort()[0]
  const table = new Map<string, { points: number, gd: number }>()
  for (const m of file.matches) {
    const [h, a] = m.score.ft
    for (const [team, own, other] of [[m.team1, h, a], [m.team2, a, h]] as const) {
      const row = table.get(team) ?? { points: 0, gd: 0 }
      row.points += own > other ? 3 : own === other ? 1 : 0
      row.gd += own - other
      table.set(team, row)
    }
  }
  const final = [...table.entries()].sort((x, y) => y[1].points - x[1].points || y[1].gd - x[1].gd).map(([name]) => name)
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 10)
  const res = await season(app, headers, { as_of: asOf, n_simulations: 10_000, seed: 2025 }, 'epl')
  t.equal(res.statusCode, 200)
  const outlook = res.json()
  t.equal(outlook.season, '2024-25')
  t.equal(outlook.remaining_fixtures, file.matches.filter((m) => m.date >= asOf).length)
  t.comment(`EPL 2024-25 from ${asOf} (${outlook.remaining_fixtures} fixtures, 10 000 seasons, seed 2025) beside the real final table:`)
  for (const team of outlook.teams) {
    t.comment(`  ${team.name.padEnd(28)} now ${String(team.points).padStart(2)} pts → mean ${team.final_points.mean.toFixed(1)}; P(champion) ${team.zones.champion.toFixed(3)}, P(top 4) ${team.zones.top4.toFixed(3)}, P(relegation) ${team.zones.relegation.toFixed(3)}; real final position ${final.indexOf(team.name) + 1}`)
  }
  const champion = outlook.teams.find((team: { name: string }) => team.name === final[0])
  t.ok(champion.zones.champion > 0.5, `the real champion (${final[0]}) was the likeliest: ${champion.zones.champion}`)
  const relegated = final.slice(17).map((name) => outlook.teams.find((team: { name: string }) => team.name === name).zones.relegation)
  t.ok(relegated.every((p) => p > 0.5), `the three relegated teams were each more likely down than not: ${relegated.join(', ')}`)
})
