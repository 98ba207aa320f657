/**
 * Who is using the app: the API key (kept in localStorage until "Sign out") and the last balance
 * the service reported. Components read it with `useSession()`; the API client reads the key.
 */
import { useEffect, useState } from 'preact/hooks'

const KEY_STORAGE = 'trickster-oracle.api-key'

export interface SessionState {
  apiKey: string | null
  actorId: string | null
  balance: number | null
}

type Listener = (state: SessionState) => void

class Session {
  private state: SessionState = { apiKey: readStoredKey(), actorId: null, balance: null }
  private readonly listeners = new Set<Listener>()

  apiKey (): string | null {
    return this.state.apiKey
  }

  snapshot (): SessionState {
    return this.state
  }

  signIn (apiKey: string, actorId: string | null = null): void {
    writeStoredKey(apiKey)
    this.update({ apiKey, actorId, balance: null })
  }

  signOut (): void {
    writeStoredKey(null)
    this.update({ apiKey: null, actorId: null, balance: null })
  }

  /** A balance the service reported (GET balance, or `meta.balance_after` of a charged answer). */
  balanceReported (balance: number, actorId?: string): void {
    this.update({ ...this.state, balance, actorId: actorId ?? this.state.actorId })
  }

  subscribe (listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private update (next: SessionState): void {
    this.state = next
    for (const listener of this.listeners) listener(next)
  }
}

function readStoredKey (): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY_STORAGE) ?? null
  } catch {
    return null
  }
}

function writeStoredKey (key: string | null): void {
  try {
    if (key === null) localStorage.removeItem(KEY_STORAGE)
    else localStorage.setItem(KEY_STORAGE, key)
  } catch {
    // Storage disabled (private mode): the key then lasts for this page only.
  }
}

export const session = new Session()

export function useSession (): SessionState {
  const [state, setState] = useState(session.snapshot())
  useEffect(() => {
    const unsubscribe = session.subscribe(setState)
    // A change between the first render and this subscription would otherwise be missed.
    setState(session.snapshot())
    return unsubscribe
  }, [])
  return state
}
