import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/client'

let probe: Promise<boolean | null> | null = null

/**
 * Whether the service runs the Lab: with LAB_ENABLED=false its routes answer 404 and the app
 * hides the Lab. undefined until the service answered; null when it could not say (the Lab
 * pages then show the problem themselves).
 */
export function useLabAvailable (): boolean | null | undefined {
  const [available, setAvailable] = useState<boolean | null | undefined>(undefined)
  useEffect(() => {
    probe ??= api.GET('/api/v2/lab/modules')
      .then(({ response }) => response.ok ? true : response.status === 404 ? false : null, () => null)
    void probe.then(setAvailable)
  }, [])
  return available
}
