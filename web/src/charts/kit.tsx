/**
 * What every hand-drawn chart shares (docs/WEB.md, "Charts"): the phone layout switch, the
 * hover/focus readout, and the scrollable table wrapper. Charts are SVG with CSS classes only:
 * the page's `style-src 'self'` forbids inline styles.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'

const NARROW = '(max-width: 40rem)'

/** True on a phone-sized viewport: charts then draw on a narrower canvas so their text stays readable. */
export function useNarrow (): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia(NARROW) : null
  const [narrow, setNarrow] = useState(query?.matches ?? false)
  useEffect(() => {
    if (query === null) return
    const update = () => setNarrow(query.matches)
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return narrow
}

/** The value under the pointer or the keyboard focus, shown as text beside the chart. */
export function useReadout (): { active: number | null, text: string, focusProps: (index: number, text: string) => Record<string, unknown> } {
  const [state, setState] = useState<{ index: number, text: string } | null>(null)
  return {
    active: state?.index ?? null,
    text: state?.text ?? '',
    focusProps: (index, text) => ({
      tabIndex: 0,
      role: 'img',
      'aria-label': text,
      onFocus: () => setState({ index, text }),
      onMouseEnter: () => setState({ index, text }),
      onBlur: () => setState(null),
      onMouseLeave: () => setState(null)
    })
  }
}

/** The line under a chart that repeats the hovered or focused value (empty otherwise). */
export function Readout ({ text, hint }: { text: string, hint: string }) {
  return <p class='chart-value' data-testid='chart-readout' aria-hidden='true'>{text === '' ? hint : text}</p>
}

/**
 * A table that may be wider than a phone: it scrolls sideways, and the scrolling region can be
 * reached and scrolled by keyboard (axe `scrollable-region-focusable`).
 */
export function ScrollTable ({ label, children }: { label: string, children: ComponentChildren }) {
  return <div class='table-scroll' tabIndex={0} role='region' aria-label={label}>{children}</div>
}
