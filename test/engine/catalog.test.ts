import { Value } from '@sinclair/typebox/value'
import t from 'tap'
import { CatalogEvent } from '../../src/schemas/catalog.js'
import { findCatalogEvent, listCatalogEvents } from '../../src/catalog/events.js'
import { normaliseSimulation } from '../../src/engine/input.js'
import { SPORTS } from '../../src/simulation-constants.js'
import { simulate } from '../../src/engine/simulate.js'

t.test('every catalog event validates and has a unique slug', async (t) => {
  const events = listCatalogEvents()
  for (const event of events) t.same([...Value.Errors(CatalogEvent, event)], [], event.event_id)
  t.equal(new Set(events.map((e) => e.event_id)).size, events.length)
})

t.test('the three classic football fixtures are present (SPEC §5.4)', async (t) => {
  const classics = listCatalogEvents()
    .filter((e) => e.sport === 'football')
    .map((e) => [e.home_rating, e.away_rating, e.home_advantage])
  for (const fixture of [[2100, 2050, 100], [2150, 2080, 100], [2120, 1950, 100]]) t.ok(classics.some((c) => c.join() === fixture.join()), fixture.join(' v '))
})

t.test('every sport has at least one sample', async (t) => {
  const sports = new Set(listCatalogEvents().map((e) => e.sport))
  t.same(SPORTS.filter((sport) => !sports.has(sport)), [])
})

t.test('events are found by id, as copies, and simulate as inputs', async (t) => {
  const event = findCatalogEvent('el-clasico')
  t.ok(event)
  t.equal(findCatalogEvent('no-such-event'), undefined)
  if (event === undefined) return
  event.home_rating = 0
  t.equal(findCatalogEvent('el-clasico')?.home_rating, 2100, 'callers cannot mutate the catalog')
  const byId = normaliseSimulation(findCatalogEvent('el-clasico') ?? event, { seed: 1 })
  const inline = normaliseSimulation({ home_team: 'X', away_team: 'Y', home_rating: 2100, away_rating: 2050, home_advantage: 100 }, { seed: 1 })
  t.equal(byId.fingerprint, inline.fingerprint, 'a catalog event and the same ratings inline share the fingerprint')
  t.equal(simulate(byId).inputs.event.event_id, 'el-clasico')
})
