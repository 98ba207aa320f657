import { useEffect, useState } from 'preact/hooks'
import { api, settle, type LedgerPage, type Problem } from '../api/client'
import { ProblemView } from '../components/ProblemView'
import { dateTime, depthName } from '../format'
import { ScrollTable } from '../charts/kit'
import { nameOf, rememberName } from '../plain'

const PAGE_SIZE = 10

const KIND_NAME: Record<LedgerPage['transactions'][number]['kind'], string> = {
  grant_daily: 'Daily grant',
  topup: 'Top-up',
  spend: 'Spent',
  refund: 'Refund',
  denied: 'Refused (not enough tokens)'
}

/** The ledger, newest first, a page at a time (the service's next_cursor; earlier cursors kept for "Newer"). */
export function LedgerTable () {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined])
  const [page, setPage] = useState<LedgerPage | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const cursor = cursors[cursors.length - 1]

  const [, setNamesKnown] = useState(0)
  useEffect(() => {
    // Event and module ids are shown by their names: the catalog and the Lab list name them.
    void Promise.all([settle(api.GET('/api/v2/events')), settle(api.GET('/api/v2/lab/modules'))]).then(([events, modules]) => {
      if (events.ok) for (const e of events.data.events) rememberName(e.event_id, `${e.home_team} v ${e.away_team}`)
      if (modules.ok) for (const m of modules.data.modules) rememberName(m.module_id, m.title)
      setNamesKnown((n) => n + 1)
    })
  }, [])

  useEffect(() => {
    // The table shows a page only with its own number: nothing while the next page loads.
    setPage(null)
    void settle(api.GET('/api/v2/tokens/ledger', { params: { query: { limit: PAGE_SIZE, cursor } } })).then((result) => {
      if (result.ok) {
        setPage(result.data)
        setProblem(null)
      } else {
        setProblem(result.problem)
      }
    })
  }, [cursor])

  return (
    <section class='panel' aria-labelledby='ledger-title'>
      <h2 id='ledger-title'>Ledger</h2>
      {problem !== null && <ProblemView problem={problem} />}
      {page === null && problem === null && <p aria-live='polite'>Loading the ledger…</p>}
      {page !== null && (
        <>
          <ScrollTable label='Ledger table'>
            <table data-testid='ledger-table' data-page={cursors.length} class='stack'>
              <caption>Token movements, newest first (page {cursors.length})</caption>
              <thead>
                <tr><th scope='col'>When</th><th scope='col'>What</th><th scope='col'>For</th><th scope='col'>Change</th><th scope='col'>Balance after</th><th scope='col'>Request id</th></tr>
              </thead>
              <tbody>
                {page.transactions.length === 0 && <tr><td colSpan={6}>No entries yet.</td></tr>}
                {page.transactions.map((entry) => (
                  <tr key={entry.transaction_id}>
                    <td data-label='When'>{dateTime(entry.timestamp)}</td>
                    <td data-label='What'>{KIND_NAME[entry.kind]}{entry.status === 'refunded' ? ' (refunded later)' : ''}</td>
                    <td data-label='For'>{entry.feature === null ? '—' : featureName(entry.feature)}{entry.event_id !== null ? ` · ${nameOf(entry.event_id)}` : ''}</td>
                    <td data-label='Change'>{entry.amount > 0 ? `+${entry.amount}` : entry.amount < 0 ? `−${-entry.amount}` : '0'}</td>
                    <td data-label='Balance after'>{entry.balance_after}</td>
                    <td data-label='Request id'><code>{entry.request_id}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <nav class='pager' aria-label='Ledger pages'>
            <button type='button' disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>Newer entries</button>
            <button type='button' disabled={page.next_cursor === null} onClick={() => { if (page.next_cursor !== null) setCursors([...cursors, page.next_cursor]) }}>Older entries</button>
          </nav>
        </>
      )}
    </section>
  )
}

function featureName (feature: string): string {
  if (feature.startsWith('lab_module:')) return `Lab module “${nameOf(feature.slice('lab_module:'.length))}”`
  if (feature === 'v1_simulation') return 'v1 simulation'
  return depthName(feature)
}
