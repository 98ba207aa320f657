/**
 * End-to-end helpers: the web app is built when its output is missing or older than its sources,
 * the real service runs as a child process on a fresh DATA_DIR, and Debian's Chromium is driven by
 * playwright-core with a fresh profile. docs/WEB.md lists the tests.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { PROJECT_ROOT } from '../../src/paths.js'
import { FORBIDDEN } from '../fixtures/language.js'
import { startServer, type ServerProcess } from '../helper.js'

export const CHROMIUM = '/usr/bin/chromium'
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
  const profile = join(t.testdirName, 'chromium-profile')
  mkdirSync(profile, { recursive: true })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 }
  })
  context.setDefaultTimeout(20_000)
  t.teardown(async () => { await context.close() })
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

/** axe-core on the page as it is now: no serious or critical violation. */
export async function checkAccessibility (t: Test, page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  t.same(severe.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`), [],
    `axe: no serious or critical violation on ${name} (${results.violations.length} minor, ${results.passes.length} rules passed)`)
}

/** SPEC §1.8 on the visible text of the page. */
export async function checkLanguage (t: Test, page: Page, name: string): Promise<void> {
  const text = await page.locator('body').innerText()
  const found = text.split(/\n+/).filter((line) => FORBIDDEN.test(line))
  t.same(found, [], `no gambling vocabulary on ${name}`)
}

export async function screenshot (page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR === null) return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Signs up through the service's API (not the page) and returns the key. */
export async function signUpByApi (baseUrl: string): Promise<{ actorId: string, apiKey: string }> {
  const res = await fetch(`${baseUrl}/api/v2/actors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`)
  const body = await res.json() as { actor_id: string, api_key: string }
  return { actorId: body.actor_id, apiKey: body.api_key }
}
