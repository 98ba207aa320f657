import type { Test } from 'tap'
import { LeagueVersionConflict, type LeagueStore, type LeagueWrite, type StoredMatch } from '../../src/storage/leagues.js'

/** One backend under test: a fresh, migrated, empty leagues store per call, dropped after the test. */
export interface LeagueStoreBackend {
  name: string
  open: (t: Test, now: () => Date) => Promise<LeagueStore>
}

const empty = (): LeagueWrite => ({ addTeams: [], putNames: [], mergeTeams: [], removeTeams: [], addMatches: [], setResults: [] })
const match = (date: string, home: string, away: string, goals: [number, number] | null, season = '2024-25'): StoredMatch =>
  ({ season, date, home_team_id: home, away_team_id: away, home_goals: goals?.[0] ?? null, away_goals: goals?.[1] ?? null })

const seed = (): LeagueWrite => ({
  ...empty(),
  addTeams: ['ars', 'che', 'liv'].map((id) => ({ team_id: id, name: id.toUpperCase(), true_rating: null })),
  putNames: ['ars', 'che', 'liv'].map((id) => ({ spelling: id.toUpperCase(), team_id: id, origin: 'import' as const })),
  addMatches: [match('2024-08-20', 'ars', 'che', [2, 1]), match('2024-08-10', 'che', 'liv', [0, 0]), match('2025-05-01', 'liv', 'ars', null)]
})

/** The leagues sub-port's contract (src/storage/leagues.ts), the same on every backend. */
export function runLeagueStoreContract (t: Test, backend: LeagueStoreBackend): void {
  const now = (): Date => new Date('2026-03-01T12:00:00.000Z')

  t.test(`${backend.name}: put creates a league at data version 1, and updates it only when something changes`, async (t) => {
    const store = await backend.open(t, now)
    const first = await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: { top4: [1, 4] }, synthetic: true })
    t.equal(first.created, true)
    t.same(first.league, { league_id: 'epl', name: 'Premier', sport: 'football', zones: { top4: [1, 4] }, synthetic: true, data_version: 1, created_at: now().toISOString(), updated_at: now().toISOString() })
    const same = await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: { top4: [1, 4] } })
    t.equal(same.created, false)
    t.equal(same.league.data_version, 1, 'nothing changed, the version stays')
    const renamed = await store.put({ league_id: 'epl', name: 'Premier League', sport: 'football', zones: {} })
    t.equal(renamed.league.data_version, 2)
    t.equal(renamed.league.synthetic, true, 'synthetic is kept from creation')
    t.same(renamed.league.zones, {})
    t.equal(await store.get('nope'), null)
    t.equal(await store.snapshot('nope'), null)
  })

  t.test(`${backend.name}: a write adds teams, names and matches at once and moves the version; snapshots and lists read them`, async (t) => {
    const store = await backend.open(t, now)
    await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: {} })
    const after = await store.write('epl', 1, seed())
    t.equal(after.data_version, 2)
    const snapshot = await store.snapshot('epl')
    t.same(snapshot?.teams.map((team) => team.team_id), ['ars', 'che', 'liv'])
    t.same(snapshot?.names.map((n) => [n.spelling, n.team_id, n.origin]), [['ARS', 'ars', 'import'], ['CHE', 'che', 'import'], ['LIV', 'liv', 'import']])
    t.same(snapshot?.matches, [match('2024-08-10', 'che', 'liv', [0, 0]), match('2024-08-20', 'ars', 'che', [2, 1]), match('2025-05-01', 'liv', 'ars', null)], 'ordered by date')
    await store.put({ league_id: 'bl', name: 'Bundesliga', sport: 'football', zones: {} })
    t.same((await store.list()).map((l) => [l.league_id, l.seasons, l.teams, l.matches, l.data_version]), [['bl', [], 0, 0, 1], ['epl', ['2024-25'], 3, 3, 2]])
  })

  t.test(`${backend.name}: a write computed from an older version is refused whole (LeagueVersionConflict), and exactly one of two racing writes lands`, async (t) => {
    const store = await backend.open(t, now)
    await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: {} })
    await store.write('epl', 1, seed())
    await t.rejects(store.write('epl', 1, { ...empty(), addMatches: [match('2025-01-01', 'ars', 'liv', [1, 1])] }), LeagueVersionConflict)
    t.equal((await store.snapshot('epl'))?.matches.length, 3, 'nothing written')
    const racing = await Promise.allSettled([
      store.write('epl', 2, { ...empty(), addMatches: [match('2025-01-02', 'ars', 'liv', [1, 1])] }),
      store.write('epl', 2, { ...empty(), addMatches: [match('2025-01-03', 'che', 'ars', [0, 3])] })
    ])
    t.same(racing.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
    t.equal((await store.snapshot('epl'))?.matches.length, 4)
    t.equal((await store.get('epl'))?.data_version, 3)
  })

  t.test(`${backend.name}: a write that breaks a rule of the schema leaves nothing behind (all-or-nothing)`, async (t) => {
    const store = await backend.open(t, now)
    await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: {} })
    await store.write('epl', 1, seed())
    const bad: LeagueWrite = {
      ...empty(),
      addTeams: [{ team_id: 'tot', name: 'TOT', true_rating: null }],
      addMatches: [match('2025-02-01', 'tot', 'ars', [1, 0]), match('2025-02-02', 'ars', 'unknown-team', [1, 0])]
    }
    await t.rejects(store.write('epl', 2, bad))
    const snapshot = await store.snapshot('epl')
    t.equal(snapshot?.teams.length, 3, 'the new team was rolled back with the bad match')
    t.equal(snapshot?.matches.length, 3)
    t.equal(snapshot?.league.data_version, 2)
  })

  t.test(`${backend.name}: results are filled and corrected in place; a merge moves a team's matches and names and removes it`, async (t) => {
    const store = await backend.open(t, now)
    await store.put({ league_id: 'epl', name: 'Premier', sport: 'football', zones: {} })
    await store.write('epl', 1, { ...seed(), addTeams: [...seed().addTeams, { team_id: 'liv-old', name: 'Liverpool Old', true_rating: 1500.5 }], addMatches: [...seed().addMatches, match('2023-09-01', 'liv-old', 'ars', [3, 3], '2023-24')] })
    await store.write('epl', 2, { ...empty(), setResults: [match('2025-05-01', 'liv', 'ars', [1, 2]), match('2024-08-20', 'ars', 'che', [2, 2])] })
    let snapshot = await store.snapshot('epl')
    t.same(snapshot?.matches.find((m) => m.date === '2025-05-01'), match('2025-05-01', 'liv', 'ars', [1, 2]), 'filled')
    t.same(snapshot?.matches.find((m) => m.date === '2024-08-20'), match('2024-08-20', 'ars', 'che', [2, 2]), 'corrected')
    t.equal(snapshot?.teams.find((team) => team.team_id === 'liv-old')?.true_rating, 1500.5)
    await store.write('epl', 3, {
      ...empty(),
      putNames: [{ spelling: 'Liverpool Old', team_id: 'liv', origin: 'alias' }],
      mergeTeams: [{ from: 'liv-old', into: 'liv' }],
      removeTeams: ['liv-old']
    })
    snapshot = await store.snapshot('epl')
    t.same(snapshot?.teams.map((team) => team.team_id), ['ars', 'che', 'liv'])
    t.same(snapshot?.matches[0], match('2023-09-01', 'liv', 'ars', [3, 3], '2023-24'), 'the history moved')
    t.same(snapshot?.names.find((n) => n.spelling === 'Liverpool Old'), { spelling: 'Liverpool Old', team_id: 'liv', origin: 'alias' })
    t.same((await store.list())[0].seasons, ['2023-24', '2024-25'])
  })
}
