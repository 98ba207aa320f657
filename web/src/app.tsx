import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ExplorePage } from './explore/ExplorePage'
import { AccountPage } from './account/AccountPage'
import { useSession } from './session'
import { refreshBalance } from './api/balance'
import { useLabAvailable } from './lab/availability'

// The Lab (Markdown rendering and sanitising included) loads only when a Lab page is opened.
const LabListPage = lazy(async () => (await import('./lab/LabListPage')).LabListPage)
const LabModulePage = lazy(async () => (await import('./lab/LabModulePage')).LabModulePage)
// The League pages (web/src/leagues/) load only when one is opened.
const LeagueListPage = lazy(async () => (await import('./leagues/LeagueListPage')).LeagueListPage)
const LeaguePage = lazy(async () => (await import('./leagues/LeaguePage')).LeaguePage)

export function App () {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  )
}

function Shell () {
  const { path } = useLocation()
  const labAvailable = useLabAvailable()
  const announcement = usePageChange(path)
  return (
    <>
      <a class='skip' href='#main'>Skip to the content</a>
      <header class='site-header'>
        <a class='brand' href='/'>Trickster Oracle</a>
        <nav aria-label='Main'>
          <ul>
            <li><NavLink href='/explore' current={path === '/' || path === '/explore'}>Explore</NavLink></li>
            <li><NavLink href='/leagues' current={path.startsWith('/leagues')}>Leagues</NavLink></li>
            {labAvailable !== false && labAvailable !== undefined && <li><NavLink href='/lab' current={path.startsWith('/lab')}>Lab</NavLink></li>}
            <li><NavLink href='/account' current={path === '/account'}>Account</NavLink></li>
            <li><a href='/docs' target='_self'>API docs</a></li>
          </ul>
        </nav>
        <SessionBadge />
      </header>
      <main id='main' tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path='/' component={ExplorePage} />
            <Route path='/explore' component={ExplorePage} />
            <Route path='/account' component={AccountPage} />
            <Route path='/leagues' component={LeagueListPage} />
            <Route path='/leagues/:league_id' component={LeaguePage} />
            <Route path='/lab' component={LabList} />
            <Route path='/lab/:module_id' component={LabModule} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <p class='sr-only' aria-live='polite' data-testid='page-announcement'>{announcement}</p>
      <footer class='site-footer'>
        <p>
          Educational sports analytics: Monte Carlo simulations with the uncertainty around them. Simulated shares describe
          a model, not the future; no result here is a prediction or advice.
        </p>
      </footer>
    </>
  )
}

function NavLink ({ href, current, children }: { href: string, current: boolean, children: string }) {
  return <a href={href} aria-current={current ? 'page' : undefined}>{children}</a>
}

/** Who is signed in and with how many tokens, on every page (it asks for the balance when no page has yet). */
function SessionBadge () {
  const { apiKey, balance } = useSession()
  useEffect(() => {
    if (apiKey !== null && balance === null) void refreshBalance()
  }, [apiKey])
  return (
    <p class='session-badge' data-testid='session-badge'>
      {apiKey === null ? 'Not signed in' : balance === null ? 'Signed in · balance loading…' : `Signed in · ${balance} ${balance === 1 ? 'token' : 'tokens'}`}
    </p>
  )
}

/** The Lab pages load (lazily) only once the service has said it runs the Lab. */
function LabGate ({ page: Page }: { page: typeof LabListPage }) {
  const available = useLabAvailable()
  if (available === undefined) return <div class='page'><p aria-live='polite'>Loading the Lab…</p></div>
  return available === false ? <LabUnavailable /> : <Page />
}

const LabList = () => <LabGate page={LabListPage} />
const LabModule = () => <LabGate page={LabModulePage} />

function LabUnavailable () {
  return (
    <div class='page'>
      <h1>The Lab is not available</h1>
      <p>This service runs without its learning modules. <a href='/explore'>Explore a simulation</a> instead.</p>
    </div>
  )
}

function NotFound () {
  return (
    <div class='page'>
      <h1>Page not found</h1>
      <p>There is no page at this address. <a href='/explore'>Explore a simulation</a> or open your <a href='/account'>account</a>.</p>
    </div>
  )
}

const TITLES: Array<[RegExp, string]> = [
  [/^\/(explore)?$/, 'Explore'],
  [/^\/account$/, 'Account'],
  [/^\/leagues$/, 'Leagues'],
  [/^\/leagues\//, 'League'],
  [/^\/lab$/, 'Lab'],
  [/^\/lab\//, 'Lab module']
]

/**
 * On every page change: the document title names the page, a live region announces it, and the
 * keyboard focus moves to the page's content (a reader would otherwise stay on the old link).
 * The first load keeps the focus where the browser puts it.
 */
function usePageChange (path: string): string {
  const [title] = useState(() => document.title)
  const [announcement, setAnnouncement] = useState('')
  const first = useRef(true)
  useEffect(() => {
    const page = TITLES.find(([pattern]) => pattern.test(path))?.[1] ?? 'Not found'
    document.title = `${page} · ${title}`
    if (first.current) {
      first.current = false
      return
    }
    setAnnouncement(`${page} page`)
    document.getElementById('main')?.focus()
  }, [path])
  return announcement
}
