/**
 * End-to-end helpers: the web app is built when its output is missing or older than its sources,
 * the real service runs as a child process on a fresh DATA_DIR, and Debian's Chromium is driven by
 * playwright-core with a fresh profile. docs/WEB.md lists the tests.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { PROJECT_ROOT } from '../../src/paths.js'
import { FORBIDDEN } from '../fixtures/language.js'
import { startServer, type ServerProcess } from '../helper.js'

export const CHROMIUM = '/usr/bin/chromium'
/** The two widths every page is checked at (SPEC §9; issue 21): a desktop and a phone. */
export const DESKTOP = { width: 1280, height: 900 }
export const PHONE = { width: 390, height: 844 }
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const WEB_OUTPUT = join(PROJECT_ROOT, 'dist', 'web', 'index.html')
const WEB_SOURCES = [join(PROJECT_ROOT, 'web'), join(PROJECT_ROOT, 'openapi', 'v2.json')]

/** Where `npm run screenshots` asks the run to write its screenshots (unset: none are written). */
export const SCREENSHOT_DIR = process.env.SCREENSHOTS === undefined ? null : join(PROJECT_ROOT, process.env.SCREENSHOTS)

function newestMtime (path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))))
}

/**
 * Builds the web app (npm run build:web) when dist/web is missing or stale. Test files run in
 * parallel, so one builds under a directory lock while the others wait for it.
 */
export async function ensureWebBuild (): Promise<void> {
  const lock = join(PROJECT_ROOT, 'dist', '.web-build-lock')
  const fresh = () => existsSync(WEB_OUTPUT) && statSync(WEB_OUTPUT).mtimeMs >= Math.max(...WEB_SOURCES.map(newestMtime))
  mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true })
  const deadline = Date.now() + 300_000
  while (!fresh()) {
    let owner = false
    try {
      mkdirSync(lock)
      owner = true
    } catch {
      if (Date.now() > deadline) throw new Error(`another test held ${lock} for 5 minutes; remove it if no build is running`)
      await sleep(500)
      continue
    }
    try {
      if (!fresh()) execFileSync('npm', ['run', 'build:web'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    } finally {
      if (owner) rmdirSync(lock)
    }
  }
}

/** The compiled-or-tsx service on 127.0.0.1, a free port and a fresh DATA_DIR; stopped after the test. */
export async function startWebServer (t: Test, env: Record<string, string> = {}): Promise<ServerProcess> {
  await ensureWebBuild()
  const server = await startServer(t, { DATA_DIR: t.testdir(), ...env })
  t.teardown(async () => { await server.stop() })
  return server
}

/** Chromium with a fresh profile, closed after the test. */
export async function openBrowser (t: Test): Promise<BrowserContext> {
  // Outside tap's fixture folder: Chromium's helper processes may still write the profile for a
  // moment after the context closes, and tap's own removal of the folder then fails (ENOTEMPTY).
  // Removed here, retrying while they finish.
  const profile = mkdtempSync(join(tmpdir(), 'trickster-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    colorScheme: 'light',
    acceptDownloads: true
  })
  context.setDefaultTimeout(20_000)
  t.teardown(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 })
  })
  return context
}

export interface WatchedPage {
  page: Page
  /** Console errors and uncaught exceptions so far, except answers the test provoked on purpose. */
  errors: () => string[]
}

/**
 * A new page whose console errors are recorded. `expected` lists the failures the test provokes
 * on purpose (HTTP statuses such as 402 or 429, a Chromium network error name, or the path of a
 * resource): Chromium logs each as "Failed to load resource", and only those are not counted.
 */
export async function watchedPage (context: BrowserContext, expected: Array<number | string> = []): Promise<WatchedPage> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return
    const text = message.text()
    const status = /status of (\d{3})/.exec(text)
    if (status !== null && expected.includes(Number(status[1]))) return
    if (expected.some((item) => typeof item === 'string' && (text.includes(item) || message.location().url.endsWith(item)))) return
    errors.push(`${text} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  return { page, errors: () => [...errors] }
}

/**
 * The app asks `GET /api/v2/lab/modules` on every page to know whether to show the Lab; a service
 * without the Lab answers 404, which Chromium logs. That one answer is expected then.
 */
export async function labProbeFailures (baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/v2/lab/modules`)
  return res.status === 404 ? ['/api/v2/lab/modules'] : []
}

/** Two animation frames: the app has re-rendered after a viewport or colour-scheme change. */
async function settled (page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
}

/**
 * Waits until `predicate` (run in the page) holds and returns its last value: a test waits on
 * the very state it then asserts, never on a label drawn before it. On timeout the last value is
 * returned, so the assertion that follows fails with what the page showed.
 */
export async function until<T> (read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!accept(value) && Date.now() < deadline) {
    await sleep(100)
    value = await read()
  }
  return value
}

/** The phone layout: nothing wider than the screen, and chart text drawn at least 9 px high. */
async function checkPhoneLayout (t: Test, page: Page, name: string): Promise<void> {
  const width = await until(async () => await page.evaluate<number>('document.documentElement.scrollWidth'), (w) => w <= PHONE.width, 5000)
  // When it fails, name the elements that stick out (the innermost ones).
  const wide = width <= PHONE.width
    ? ''
    : await page.evaluate<string>(`Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > ${PHONE.width} + 1 && !Array.from(el.children).some((c) => c.getBoundingClientRect().right > ${PHONE.width} + 1))
    .slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right) + 'px').join(', ')`)
  t.ok(width <= PHONE.width, `${name} at ${PHONE.width} px: the document is ${width} px wide (no sideways scrolling)${wide === '' ? '' : `; too wide: ${wide}`}`)
  // The rendered size of SVG text: its font size times the scale of its viewBox on the screen.
  const smallest = await page.evaluate<number>(`(() => {
    let min = Infinity
    for (const text of document.querySelectorAll('figure.chart svg text')) {
      const svg = text.ownerSVGElement
      if (svg === null || svg.getBoundingClientRect().width === 0) continue
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
      min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale)
    }
    return min
  })()`)
  t.ok(smallest >= 9, `${name} at ${PHONE.width} px: chart text at least 9 px (smallest ${smallest === Infinity ? 'none' : smallest.toFixed(1)} px)`)
}

/**
 * axe-core on the page as it is now, at the desktop and the phone width, each in the light and
 * the dark theme (prefers-color-scheme): no serious or critical violation. At the phone width
 * the layout is checked too. The page is left at the desktop width in the light theme.
 */
export async function checkAccessibility (t: Test, page: Page, name: string): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await settled(page)
      const results = await new AxeBuilder({ page }).analyze()
      const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      t.same(severe.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`), [],
        `axe: no serious or critical violation on ${name} at ${viewport.width} px, ${colorScheme} theme (${results.violations.length} minor, ${results.passes.length} rules passed)`)
    }
    if (viewport === PHONE) {
      await page.emulateMedia({ colorScheme: 'light' })
      await checkPhoneLayout(t, page, name)
    }
  }
  await page.setViewportSize(DESKTOP)
  await page.emulateMedia({ colorScheme: 'light' })
  await settled(page)
}

/** SPEC §1.8 on the visible text of the page. */
export async function checkLanguage (t: Test, page: Page, name: string): Promise<void> {
  const text = await page.locator('body').innerText()
  const found = text.split(/\n+/).filter((line) => FORBIDDEN.test(line))
  t.same(found, [], `no gambling vocabulary on ${name}`)
}

/** With `npm run screenshots`: the page at the desktop width and as `<name>-phone.png` at the phone width (optionally dark). */
export async function screenshot (page: Page, name: string, { dark = false }: { dark?: boolean } = {}): Promise<void> {
  if (SCREENSHOT_DIR === null) return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  if (dark) await page.emulateMedia({ colorScheme: 'dark' })
  await settled(page)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
  await page.setViewportSize(PHONE)
  await settled(page)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true })
  await page.setViewportSize(DESKTOP)
  await page.emulateMedia({ colorScheme: 'light' })
  await settled(page)
}

/** Signs up through the service's API (not the page) and returns the key. */
export async function signUpByApi (baseUrl: string): Promise<{ actorId: string, apiKey: string }> {
  const res = await fetch(`${baseUrl}/api/v2/actors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`)
  const body = await res.json() as { actor_id: string, api_key: string }
  return { actorId: body.actor_id, apiKey: body.api_key }
}
