import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import autocannon from 'autocannon'
import { PROJECT_ROOT } from '../src/paths.js'

export async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export interface Running {
  child: ChildProcess
  url: string
  rssMb: () => number
  stop: () => Promise<void>
}

/**
 * Starts a server script in its own process on 127.0.0.1 and waits for /health. A compiled `.js`
 * script (dist/) runs on plain node, as in production; a `.ts` one through tsx.
 */
export async function startProcess (script: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort()
  // Compiled scripts get the node flags of `npm start` and the Dockerfile.
  const args = script.endsWith('.js') ? ['--max-semi-space-size=4', script] : ['--import', 'tsx', script]
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${script} did not start`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    child,
    url,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
    },
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

export interface LoadResult {
  name: string
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

export async function load (name: string, options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 10, ...options })
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts
  }
}

export function printTable (rows: Array<Record<string, string | number>>): void {
  console.table(rows)
}
