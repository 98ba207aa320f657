import t from 'tap'
import { join } from 'node:path'
import { buildApp } from '../../../helper.js'
import { ADMIN_TOKEN, balanceOf, signUp, topUp } from '../helpers.js'
import { verifyLedger } from '../../../../src/ledger/index.js'
import { runScript } from '../../../fixtures/ledger/helpers.js'
import { actorReadyForRatingUncertainty, answersFor, ledgerOf, modulesUrl, pass, quizUrl, unlock, unlockUrl } from './lab-helpers.js'

const withAdmin = { adminToken: ADMIN_TOKEN }

// Unlocking a Lab module: prerequisites, tokens, exactly one charge (docs/LAB.md).

t.test('unlock without completed prerequisites is 409 prerequisites_incomplete with missing, and charges nothing', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  const res = await unlock(app, actor.headers, 'rating-uncertainty')
  t.equal(res.statusCode, 409)
  t.match(res.json(), { error: 'prerequisites_incomplete', missing: ['reading-distributions', 'elo-and-draws'] })
  await pass(app, actor.headers, 'monte-carlo-basics')
  await pass(app, actor.headers, 'reading-distributions')
  t.same((await unlock(app, actor.headers, 'rating-uncertainty')).json().missing, ['elo-and-draws'])
  t.equal(await balanceOf(app, actor.headers), 5)
  t.same((await ledgerOf(app, actor.headers)).map((e) => e.kind), ['grant_daily'], 'no spend, no denied entry')
})

t.test('unlock with too few tokens is 402 with a denied ledger entry, and nothing is unlocked', async (t) => {
  const { app } = await buildApp(t, { dailyTokens: 2 })
  const actor = await actorReadyForRatingUncertainty(app)
  t.equal(await balanceOf(app, actor.headers), 0)
  const res = await unlock(app, actor.headers, 'rating-uncertainty')
  t.equal(res.statusCode, 402)
  t.match(res.json(), { error: 'insufficient_tokens', required_tokens: 3, available_tokens: 0, feature: 'lab_module:rating-uncertainty' })
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  const [denied] = await ledgerOf(app, actor.headers)
  t.match(denied, { kind: 'denied', status: 'denied', amount: 0, feature: 'lab_module:rating-uncertainty', reason: 'lab_unlock', request_id: res.headers['x-request-id'] })
  const module = (await app.inject({ url: `${modulesUrl}/rating-uncertainty`, headers: actor.headers })).json()
  t.equal(module.locked, true)
  t.equal((await app.inject({ method: 'POST', url: quizUrl('rating-uncertainty'), headers: actor.headers, payload: { answers: answersFor('rating-uncertainty') } })).statusCode, 403)
})

t.test('an unlock is one ledger spend; the second unlock is free with already_unlocked and no transaction', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const first = await unlock(app, actor.headers, 'elo-and-draws')
  t.equal(first.statusCode, 200)
  const body = first.json()
  t.match(body, { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 2, already_unlocked: false, balance_after: 3 })
  t.match(body.transaction_id, /^[0-9A-Z]{26}$/)
  const [spend] = await ledgerOf(app, actor.headers)
  t.match(spend, { transaction_id: body.transaction_id, kind: 'spend', amount: -2, cost: 2, feature: 'lab_module:elo-and-draws', reason: 'lab_unlock', balance_after: 3, request_id: first.headers['x-request-id'] })

  const second = await unlock(app, actor.headers, 'elo-and-draws')
  t.equal(second.statusCode, 200)
  t.same(second.json(), { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 3 })
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
})

t.test('unlocking a free module answers 200 with nothing charged', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const res = await unlock(app, actor.headers, 'reading-distributions')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { module_id: 'reading-distributions', unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 5 })
  t.same((await ledgerOf(app, actor.headers)).map((e) => e.kind), ['grant_daily'])
})

t.test('20 simultaneous unlocks of one module by one actor: one charge, twenty 200s', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  // 5 tokens would pay for two unlocks at 2: exactly one charge proves once-only, not a short balance.
  const answers = await Promise.all(Array.from({ length: 20 }, () => unlock(app, actor.headers, 'elo-and-draws')))
  t.same(answers.map((res) => res.statusCode), Array(20).fill(200))
  const bodies = answers.map((res) => res.json())
  t.equal(bodies.filter((b) => !b.already_unlocked).length, 1, 'one fresh unlock')
  t.equal(bodies.filter((b) => b.tokens_charged === 2).length, 1, 'one charge')
  t.ok(bodies.every((b) => b.balance_after === 3))
  const entries = await ledgerOf(app, actor.headers)
  t.same(entries.map((e) => e.kind), ['spend', 'grant_daily'], 'one spend, no denied entry')
  t.equal(await balanceOf(app, actor.headers), 3)
  t.same(verifyLedger(app.db), { ok: true, actors: 1, entries: 2, violations: [] })
})

t.test('simultaneous unlocks through two app instances on one database: still one charge', async (t) => {
  const dataDir = t.testdir()
  const { app: first } = await buildApp(t, withAdmin, { dataDir })
  const { app: second } = await buildApp(t, withAdmin, { dataDir })
  const actor = await signUp(first)
  await topUp(first, actor.actorId, 100)
  await pass(first, actor.headers, 'monte-carlo-basics')
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => unlock(i % 2 === 0 ? first : second, actor.headers, 'elo-and-draws')))
  t.same(answers.map((res) => res.statusCode), Array(20).fill(200))
  t.equal(answers.filter((res) => res.json().tokens_charged === 2).length, 1)
  t.equal((await ledgerOf(first, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
  t.equal(await balanceOf(second, actor.headers), 103)
  t.ok(verifyLedger(first.db).ok)
})

t.test('an unlock with an Idempotency-Key is replayed, never charged twice', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const headers = { ...actor.headers, 'idempotency-key': 'unlock-elo-1' }
  const first = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  const replay = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  t.equal(replay.statusCode, 200)
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal(replay.body, first.body, 'the same answer, byte for byte')
  t.equal(replay.json().tokens_charged, 2)
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
  const [spend] = await ledgerOf(app, actor.headers)
  t.equal(spend.idempotency_key, 'unlock-elo-1')
  t.equal(await balanceOf(app, actor.headers), 3)
  const bad = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers: { ...actor.headers, 'idempotency-key': 'x'.repeat(256) } })
  t.equal(bad.statusCode, 400)
  // One code for every bad key, a too-long one included (docs/API.md).
  t.match(bad.json(), { error: 'invalid_idempotency_key' })
})

t.test('a retry that takes over a crashed unlock whose charge committed answers as that unlock, without charging again', async (t) => {
  const { app } = await buildApp(t)
  const actor = await signUp(app)
  await pass(app, actor.headers, 'monte-carlo-basics')
  const headers = { ...actor.headers, 'idempotency-key': 'crash-1' }
  const original = (await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })).json()
  // What a kill -9 between the commit and the stored response leaves: the charge, the unlock and an
  // in-flight record (with the charge attached) whose owner is gone.
  app.db.prepare(`UPDATE idempotency_records SET state = 'in_flight', status_code = NULL, headers = NULL, body = NULL,
    owner = 'gone-host|1|dead', created_at = created_at - 3600000 WHERE idempotency_key = 'crash-1'`).run()
  const retry = await app.inject({ method: 'POST', url: unlockUrl('elo-and-draws'), headers })
  t.equal(retry.statusCode, 200)
  t.notOk(retry.headers['idempotent-replayed'])
  t.same(retry.json(), original)
  t.equal((await ledgerOf(app, actor.headers)).filter((e) => e.kind === 'spend').length, 1)
})

t.test('npm run ledger:verify is clean after unlocks, denials, refunds and concurrent unlocks', async (t) => {
  const dataDir = t.testdir()
  const { app } = await buildApp(t, { ...withAdmin, dailyTokens: 2 }, { dataDir })
  const actor = await actorReadyForRatingUncertainty(app)
  t.equal((await unlock(app, actor.headers, 'rating-uncertainty')).statusCode, 402)
  await topUp(app, actor.actorId, 3)
  await Promise.all(Array.from({ length: 10 }, () => unlock(app, actor.headers, 'rating-uncertainty')))
  t.equal(await balanceOf(app, actor.headers), 0)
  await app.close()
  const result = await runScript('scripts/ledger-verify.ts', ['--db', join(dataDir, 'trickster.db')])
  t.equal(result.code, 0, result.stdout + result.stderr)
})

t.test('one Idempotency-Key reused on another module is 422, never a replay of the first module', async (t) => {
  const { app } = await buildApp(t, { adminToken: ADMIN_TOKEN })
  const { actorId, headers } = await signUp(app)
  await topUp(app, actorId, 50)
  await pass(app, headers, 'monte-carlo-basics')
  const keyed = { ...headers, 'idempotency-key': 'one-key-two-modules' }
  const first = await app.inject({ method: 'POST', url: '/api/v2/lab/modules/elo-and-draws/unlock', headers: keyed })
  t.equal(first.statusCode, 200, first.body)
  const other = await app.inject({ method: 'POST', url: '/api/v2/lab/modules/rating-uncertainty/unlock', headers: keyed })
  t.equal(other.statusCode, 422)
  t.equal(other.json().error, 'idempotency_key_reused')
  const replay = await app.inject({ method: 'POST', url: '/api/v2/lab/modules/elo-and-draws/unlock', headers: keyed })
  t.equal(replay.headers['idempotent-replayed'], 'true', 'the same module with the same key still replays')
})
