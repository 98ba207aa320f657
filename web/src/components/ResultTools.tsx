import { useRef, useState } from 'preact/hooks'
import type { SimulateAnswer, SimulateRequest } from '../api/client'
import { session } from '../session'
import { Heading } from './Heading'

/**
 * Share and keep a result: copy the link (the inputs are in the URL), download the answer as
 * JSON or CSV and each chart as SVG, and the same request as a curl command. Downloads are
 * built in the browser from the answer already on the page; nothing is sent again.
 */
export function ResultTools ({ answer, request, idPrefix, level }: { answer: SimulateAnswer, request?: SimulateRequest, idPrefix: string, level: number }) {
  const [status, setStatus] = useState('')
  const root = useRef<HTMLDivElement>(null)
  const base = `trickster-${answer.depth}-${answer.meta.fingerprint.slice(0, 12)}`

  async function copyLink (): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href)
      setStatus('Link copied: it reproduces this result (same inputs, same numbers).')
    } catch {
      setStatus(`Copying is not available here; the link is: ${location.href}`)
    }
  }

  function charts (): SVGSVGElement[] {
    const result = root.current?.closest('.result')
    return result === null || result === undefined ? [] : Array.from(result.querySelectorAll<SVGSVGElement>('svg[data-chart]'))
  }

  return (
    <section class='panel tools' aria-labelledby={`${idPrefix}-tools`} data-testid='result-tools'>
      <Heading level={level} id={`${idPrefix}-tools`}>Share or keep this result</Heading>
      <div class='toolbar' ref={root}>
        <button type='button' class='secondary' data-testid='copy-link' onClick={() => { void copyLink() }}>Copy link</button>
        <button type='button' class='secondary' data-testid='download-json' onClick={() => { download(`${base}.json`, 'application/json', JSON.stringify(answer, null, 2)); setStatus(`Downloaded ${base}.json.`) }}>Download JSON</button>
        <button type='button' class='secondary' data-testid='download-csv' onClick={() => { download(`${base}.csv`, 'text/csv', toCsv(answer)); setStatus(`Downloaded ${base}.csv.`) }}>Download CSV</button>
        <button
          type='button' class='secondary' data-testid='download-svg'
          onClick={() => {
            const svgs = charts()
            svgs.forEach((svg, i) => download(`${base}-${svg.dataset.chart ?? 'chart'}${svgs.length > 1 ? `-${i + 1}` : ''}.svg`, 'image/svg+xml', standaloneSvg(svg)))
            setStatus(svgs.length === 0 ? 'This result has no chart to download.' : `Downloaded ${svgs.length} chart${svgs.length === 1 ? '' : 's'} as SVG.`)
          }}
        >Download charts (SVG)
        </button>
      </div>
      <p class='hint' aria-live='polite' data-testid='tools-status'>{status}</p>
      {request !== undefined && (
        <details>
          <summary>Show as curl</summary>
          <p class='hint'>The same request from a terminal. Set <code>TRICKSTER_API_KEY</code> to your key first (the page never prints it).</p>
          <pre class='curl' data-testid='curl'>{curlOf(request)}</pre>
        </details>
      )}
    </section>
  )
}

function download (name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Every scalar of the answer as one `field,value` row (nested fields as dotted paths, list items by index). */
export function toCsv (answer: unknown): string {
  const rows: string[] = ['field,value']
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`)
      return
    }
    rows.push(`${csvCell(path)},${csvCell(value === null || value === undefined ? '' : String(value))}`)
  }
  walk(answer, '')
  return rows.join('\n') + '\n'
}

function csvCell (text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const PAINT = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'font-weight', 'font-family', 'opacity'] as const

/**
 * The chart as a file that looks like the page: its CSS classes resolved into SVG presentation
 * attributes (attributes, not inline styles: the page's CSP allows no inline style).
 */
function standaloneSvg (svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))]
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))]
  originals.forEach((element, i) => {
    const computed = getComputedStyle(element)
    for (const property of PAINT) {
      const value = computed.getPropertyValue(property)
      if (value !== '') copies[i].setAttribute(property, value)
    }
    copies[i].removeAttribute('tabindex')
    copies[i].removeAttribute('class')
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`
}

export function curlOf (request: SimulateRequest): string {
  const body = JSON.stringify(request).replace(/'/g, '\'\\\'\'')
  const auth = (request.depth ?? 'headline_pick') === 'headline_pick' && session.apiKey() === null ? '' : ' \\\n  -H "authorization: Bearer $TRICKSTER_API_KEY"'
  return `curl -sS -X POST '${location.origin}/api/v2/simulate' \\\n  -H 'content-type: application/json'${auth} \\\n  -d '${body}'`
}
