import { useEffect, useRef, useState } from 'preact/hooks'
import { api, IdempotentAction, settle, type CreatedActor, type Problem } from '../api/client'
import { refreshBalance } from '../api/balance'
import { session, useSession } from '../session'
import { ProblemView } from '../components/ProblemView'
import { dateTime, tokens } from '../format'
import { LedgerTable } from './LedgerTable'

/** Account: create an actor or paste a key; balance, next daily grant and the ledger; sign out. */
export function AccountPage () {
  const { apiKey } = useSession()
  const [created, setCreated] = useState<CreatedActor | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <div class='page'>
      <h1>Your account</h1>
      <p class='lede'>
        Tokens unlock deeper analyses, never more certainty. The headline depth is free without an account.
      </p>
      {created !== null && created.api_key !== null && <NewKey created={created} apiKey={created.api_key} />}
      {notice !== null && apiKey === null && <p class='warning' role='alert' data-testid='account-notice'>{notice}</p>}
      {apiKey === null
        ? <SignIn onCreated={(actor) => { setNotice(null); setCreated(actor) }} />
        : <SignedIn onSignOut={(reason) => { setCreated(null); setNotice(reason ?? null) }} />}
    </div>
  )
}

function SignIn ({ onCreated }: { onCreated: (actor: CreatedActor) => void }) {
  const [label, setLabel] = useState('')
  const [pasted, setPasted] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [pasteProblem, setPasteProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const [checking, setChecking] = useState(false)
  const signUp = useRef(new IdempotentAction())

  async function create (): Promise<void> {
    setBusy(true)
    setProblem(null)
    const body = label.trim() === '' ? {} : { label: label.trim() }
    const result = await settle(api.POST('/api/v2/actors', { body, headers: { 'idempotency-key': signUp.current.keyFor(body) } }))
    signUp.current.settled(result.ok)
    setBusy(false)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    if (result.data.api_key === null) {
      setProblem({ type: 'about:blank', title: 'Key already shown', status: 0, detail: 'This sign-up was answered before and its key cannot be shown twice. Create a new account.', message: '', error: 'key_already_shown', request_id: 'none' })
      return
    }
    onCreated(result.data)
    session.signIn(result.data.api_key, result.data.actor_id)
  }

  /** A pasted key is kept only once the service accepted it (GET balance with that key). */
  async function usePasted (e: Event): Promise<void> {
    e.preventDefault()
    const key = pasted.trim()
    if (key === '' || checking) return
    setChecking(true)
    setPasteProblem(null)
    const result = await settle(api.GET('/api/v2/tokens/balance', { headers: { authorization: `Bearer ${key}` } }))
    setChecking(false)
    if (!result.ok) {
      setPasteProblem(result.status === 401
        ? { ...result.problem, title: 'This key was not accepted', detail: 'The service does not know this API key. Check that you pasted all of it, or create a new account.' }
        : result.problem)
      document.getElementById('api-key-input')?.focus()
      return
    }
    session.signIn(key, result.data.user_id)
    session.balanceReported(result.data.balance, result.data.user_id)
  }

  return (
    <div class='columns'>
      <section class='panel' aria-labelledby='create-title'>
        <h2 id='create-title'>Create an account</h2>
        <p>You get an API key, shown once. Each UTC day your first signed-in request adds the daily token grant.</p>
        <div class='field'>
          <label for='actor-label'>A name for your own records (optional)</label>
          <input id='actor-label' maxLength={80} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </div>
        <button type='button' data-testid='create-actor' disabled={busy} onClick={() => { void create() }}>{busy ? 'Creating…' : 'Create account'}</button>
        {problem !== null && <ProblemView problem={problem} onRetry={() => { void create() }} />}
      </section>
      <section class='panel' aria-labelledby='paste-title'>
        <h2 id='paste-title'>Use an existing key</h2>
        <form onSubmit={(e) => { void usePasted(e) }}>
          <div class='field'>
            <label for='api-key-input'>Your API key</label>
            <input
              id='api-key-input' data-testid='api-key-input' type='password' autoComplete='off' value={pasted} onInput={(e) => setPasted(e.currentTarget.value)}
              aria-invalid={pasteProblem !== null ? 'true' : undefined} aria-describedby={pasteProblem !== null ? 'paste-problem' : undefined}
            />
          </div>
          <button type='submit' disabled={checking}>{checking ? 'Checking the key…' : 'Use this key'}</button>
        </form>
        <div id='paste-problem'>{pasteProblem !== null && <ProblemView problem={pasteProblem} onAccountPage />}</div>
        <p class='hint'>The key stays in this browser's storage until you sign out.</p>
      </section>
    </div>
  )
}

function NewKey ({ created, apiKey }: { created: CreatedActor, apiKey: string }) {
  const [copied, setCopied] = useState<string | null>(null)
  async function copy (): Promise<void> {
    try {
      await navigator.clipboard.writeText(apiKey)
      setCopied('Copied to the clipboard.')
    } catch {
      setCopied('Copying is not available here: select the key and copy it by hand.')
    }
  }
  return (
    <section class='panel new-key' aria-labelledby='new-key-title'>
      <h2 id='new-key-title'>Your API key</h2>
      <p class='warning' role='alert'><strong>Keep it now: this key is shown only once.</strong> The service stores only a hash of it and cannot show it again.</p>
      <p><code class='key' data-testid='api-key'>{apiKey}</code></p>
      <button type='button' onClick={() => { void copy() }}>Copy key</button>
      <span aria-live='polite' class='hint'> {copied}</span>
      <p class='hint'>Account {created.actor_id}, created {dateTime(created.created_at)}. {created.note}</p>
    </section>
  )
}

function SignedIn ({ onSignOut }: { onSignOut: (reason?: string) => void }) {
  const { balance, actorId } = useSession()
  const [problem, setProblem] = useState<Problem | null>(null)
  const [dailyGrant, setDailyGrant] = useState<number | null>(null)
  const [ledgerVersion, setLedgerVersion] = useState(0)

  useEffect(() => {
    void refreshBalance().then((result) => {
      if (!result.ok && result.status === 401) {
        // The stored key is no longer accepted (a different service, or a reset database): forget it.
        session.signOut()
        onSignOut('The key kept in this browser was not accepted by the service, so you are signed out. Paste a valid key or create an account.')
        return
      }
      setProblem(result.ok ? null : result.problem)
      setLedgerVersion((v) => v + 1)
    })
    void settle(api.GET('/api/v2/tiers')).then((result) => { if (result.ok) setDailyGrant(result.data.daily_grant) })
  }, [])

  return (
    <>
      <section class='panel' aria-labelledby='balance-title'>
        <h2 id='balance-title'>Balance</h2>
        {problem !== null && <ProblemView problem={problem} />}
        <p class='balance'><span data-testid='balance'>{balance === null ? '…' : balance}</span> tokens</p>
        {actorId !== null && <p class='hint'>Account <code class='actor-id'>{actorId}</code></p>}
        <p>Next daily grant: {dailyGrant === null ? 'the daily grant' : tokens(dailyGrant)} with your first signed-in request after {dateTime(nextUtcMidnight().toISOString())}.</p>
        <button type='button' data-testid='sign-out' onClick={() => { session.signOut(); onSignOut() }}>Sign out</button>
        <p class='hint'>Signing out removes the key from this browser. Keep a copy if you want to come back to this account.</p>
      </section>
      {ledgerVersion > 0 && <LedgerTable key={ledgerVersion} />}
    </>
  )
}

function nextUtcMidnight (): Date {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
}
