import { useEffect, useState } from 'preact/hooks'
import type { Problem } from '../api/client'
import { duration, tokens } from '../format'
import { plainText } from '../plain'

/**
 * Any problem+json the service sent: its detail and request id always, plus what to do next for
 * the problems a person can act on (401 sign in, 402 tokens, 429 wait).
 */
export function ProblemView ({ problem, onRetry, fieldName, onAccountPage = false }: {
  problem: Problem
  onRetry?: () => void
  /** The form label a JSON pointer of a validation error is about, when the page has one. */
  fieldName?: (pointer: string) => string | undefined
  onAccountPage?: boolean
}) {
  return (
    <div class='problem' role='alert' data-testid='problem'>
      <p class='problem-title'>{problem.title}{problem.status > 0 ? ` (${problem.status})` : ''}</p>
      <p class='problem-detail'>{plainText(problem.detail)}</p>
      {problem.errors !== undefined && problem.errors.length > 0 && (
        <ul class='problem-fields'>
          {problem.errors.map((issue) => <li key={issue.pointer}>{fieldName?.(issue.pointer) ?? (issue.pointer === '' ? 'The request' : issue.pointer.split('/').filter((p) => p !== 'body' && p !== '').join(' › ').replace(/_/g, ' '))}: {plainText(plainValidatorMessage(issue.message))}</li>)}
        </ul>
      )}
      {problem.status === 401 && (onAccountPage
        ? <p>The service did not accept this key. Create an account or paste a valid key below.</p>
        : <p>Create an account or paste your API key on the <a href='/account'>Account page</a>, then try again.</p>)}
      {problem.status === 402 && <TokenHelp problem={problem} />}
      {problem.status === 429 && <RetryCountdown seconds={problem.retry_after_seconds ?? 1} onRetry={onRetry} />}
      <p class='problem-id'>Request id: <code>{problem.request_id}</code> (quote it when you report a problem).</p>
    </div>
  )
}

/** A validator's message in plain words ("must be >= 2" → "must be at least 2"). */
export function plainValidatorMessage (message: string): string {
  return message
    .replace(/^must NOT have fewer than (\d+) characters$/, 'needs at least $1 characters')
    .replace(/^must NOT have more than (\d+) characters$/, 'allows at most $1 characters')
    .replace(/^must be >= (\S+)$/, 'must be at least $1')
    .replace(/^must be <= (\S+)$/, 'must be at most $1')
    .replace(/^must be integer$/, 'must be a whole number')
    .replace(/^must be number$/, 'must be a number')
    .replace(/^must NOT have fewer than (\d+) items$/, 'needs at least $1 entries')
    .replace(/^must NOT have more than (\d+) items$/, 'allows at most $1 entries')
}

function TokenHelp ({ problem }: { problem: Problem }) {
  const needed = problem.required_tokens
  const held = problem.available_tokens
  return (
    <div class='problem-help'>
      {needed !== undefined && held !== undefined && (
        <p>This analysis needs {tokens(needed)}; your account holds {tokens(held)}.</p>
      )}
      <p>How to get tokens:</p>
      <ul>
        <li>Every UTC day, your first signed-in request adds the daily grant (see the <a href='/account'>Account page</a> for when the next one is due).</li>
        <li>An administrator of this service can top up your account.</li>
        <li>The headline depth is always free, and a depth you already paid for with the same inputs is free again for 24 hours.</li>
      </ul>
    </div>
  )
}

function RetryCountdown ({ seconds, onRetry }: { seconds: number, onRetry?: () => void }) {
  const [left, setLeft] = useState(Math.max(0, Math.ceil(seconds)))
  useEffect(() => {
    setLeft(Math.max(0, Math.ceil(seconds)))
    const timer = setInterval(() => setLeft((value) => {
      if (value <= 1) clearInterval(timer)
      return Math.max(0, value - 1)
    }), 1000)
    return () => clearInterval(timer)
  }, [seconds])
  return (
    <div class='problem-help'>
      <p role='timer' aria-live='polite' data-testid='retry-countdown' data-seconds={left}>
        {left > 0 ? `Too many requests for now: you can retry in ${duration(left)}.` : 'You can retry now.'}
      </p>
      {onRetry !== undefined && <button type='button' onClick={onRetry} disabled={left > 0}>Retry</button>}
    </div>
  )
}
