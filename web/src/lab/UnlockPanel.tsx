import { useEffect, useRef, useState } from 'preact/hooks'
import { IdempotentAction, type Problem } from '../api/client'
import { refreshBalance } from '../api/balance'
import { ProblemView } from '../components/ProblemView'
import { session, useSession } from '../session'
import { tokens } from '../format'
import { listModules, unlockModule, type LabModule, type LabModuleSummary } from './lab-api'

/** Unlocking a paid module: first the cost and the balance, then an explicit confirmation. */
export function UnlockPanel ({ module, onUnlocked }: { module: LabModule, onUnlocked: () => void }) {
  const { apiKey, balance } = useSession()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [modules, setModules] = useState<LabModuleSummary[] | null>(null)
  const action = useRef(new IdempotentAction())

  // The page knows both things that would refuse the unlock (prerequisites, tokens): it says so
  // before offering to spend anything.
  useEffect(() => {
    if (apiKey === null) return
    void refreshBalance()
    void listModules().then((result) => { if (result.ok) setModules(result.data.modules) })
  }, [apiKey, module.module_id])

  if (apiKey === null) {
    return <p class='hint panel'>This preview shows the first section. <a href='/account'>Sign in</a> to unlock the whole module for {tokens(module.cost_tokens)}.</p>
  }

  async function ask (): Promise<void> {
    await refreshBalance()
    setConfirming(true)
  }

  async function confirm (): Promise<void> {
    setBusy(true)
    setProblem(null)
    const result = await unlockModule(module.module_id, action.current.keyFor({ unlock: module.module_id }))
    action.current.settled(result.ok)
    setBusy(false)
    if (result.ok) {
      session.balanceReported(result.data.balance_after)
      setConfirming(false)
      onUnlocked()
    } else {
      setProblem(result.problem)
    }
  }

  const missing = modules === null ? [] : module.prerequisites.filter((id) => modules.find((m) => m.module_id === id)?.completed !== true)
  const short = balance !== null && balance < module.cost_tokens
  const ready = modules !== null && balance !== null && missing.length === 0 && !short
  const titleOf = (id: string) => modules?.find((m) => m.module_id === id)?.title ?? id

  return (
    <section class='panel unlock' aria-labelledby='unlock-title'>
      <h2 id='unlock-title'>Unlock the whole module</h2>
      <p>This preview shows the first section. Unlocking opens every section and the quiz, for good, for {tokens(module.cost_tokens)}.</p>
      {(modules === null || balance === null) && <p aria-live='polite'>Checking your balance and progress…</p>}
      {missing.length > 0 && (
        <p class='warning' data-testid='unlock-blocked'>
          Complete first: {missing.map((id, i) => <span key={id}>{i > 0 && ', '}<a href={`/lab/${id}`}>{titleOf(id)}</a></span>)} (pass its quiz). Then this module can be unlocked.
        </p>
      )}
      {missing.length === 0 && short && (
        <div class='warning' data-testid='unlock-blocked'>
          <p>This module costs {tokens(module.cost_tokens)} and your balance is {tokens(balance ?? 0)}.</p>
          <p>Tokens come with the daily grant (your first signed-in request of each UTC day; see the <a href='/account'>Account page</a>) or from an administrator’s top-up. The free modules stay open meanwhile.</p>
        </div>
      )}
      {ready && !confirming && (
        <button type='button' data-testid='unlock-module' onClick={() => { void ask() }}>Unlock for {tokens(module.cost_tokens)}</button>
      )}
      {ready && confirming && (
        <div role='group' aria-labelledby='confirm-text' class='confirm'>
          <p id='confirm-text'>
            Unlocking “{module.title}” costs <strong>{tokens(module.cost_tokens)}</strong>. Your balance is <strong>{balance === null ? 'unknown' : tokens(balance)}</strong>
            {balance !== null && balance >= module.cost_tokens ? `; afterwards it will be ${tokens(balance - module.cost_tokens)}.` : '.'} Confirm?
          </p>
          <button type='button' data-testid='confirm-unlock' disabled={busy} onClick={() => { void confirm() }}>{busy ? 'Unlocking…' : `Confirm: spend ${tokens(module.cost_tokens)}`}</button>{' '}
          <button type='button' onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
        </div>
      )}
      <div aria-live='polite'>{problem !== null && <ProblemView problem={problem} />}</div>
    </section>
  )
}
