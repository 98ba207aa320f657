import { Writable } from 'node:stream'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import type { Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { configFromEnv, EnvSchema, type AppConfig } from '../src/config.js'
import { build, type BuildOptions } from '../src/app.js'
import { Value } from '@sinclair/typebox/value'
import { PROJECT_ROOT } from '../src/paths.js'

/** A valid configuration for tests: defaults of SPEC §6, quiet logs, a fresh DATA_DIR. */
export function testConfig (dataDir: string, overrides: Partial<AppConfig> = {}): AppConfig {
  const env = Value.Default(EnvSchema, { ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }) as Parameters<typeof configFromEnv>[0]
  return { ...configFromEnv(env), ...overrides }
}

export interface TestApp {
  app: FastifyInstance
  config: AppConfig
  logs: Array<Record<string, unknown>>
}

/** Builds the app on a fresh temp DATA_DIR, ready for app.inject(), and closes it after the test. */
export async function buildApp (t: Test, overrides: Partial<AppConfig> = {}, options: BuildOptions & { dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? t.testdir()
  const logs: Array<Record<string, unknown>> = []
  const config = testConfig(dataDir, { logLevel: 'info', ...overrides })
  const logStream = options.logStream ?? new Writable({
    write (chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line))
      done()
    }
  })
  const app = await build(config, { ...options, logStream })
  t.teardown(() => app.close())
  await app.ready()
  return { app, config, logs }
}

export interface ServerProcess {
  child: ChildProcess
  baseUrl: string
  stdout: () => string
  stderr: () => string
  stop: () => Promise<number | null>
}

/** Environment for a child server: only what we pass, plus PATH and HOME so node runs. */
export function childEnv (env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }
}

/** The server entry point from source, through tsx. */
export const SOURCE_SERVER = [process.execPath, '--import', 'tsx', 'src/server.ts']

export interface StartOptions {
  /** The command line: the source entry point by default, or e.g. the compiled `dist/src/server.js`, or either under `prlimit`. */
  command?: string[]
  startTimeoutMs?: number
}

/** Runs the server in a child process (real start-up path) and waits until it listens. */
export async function startServer (t: Test, env: Record<string, string>, options: StartOptions = {}): Promise<ServerProcess> {
  const command = options.command ?? SOURCE_SERVER
  const child = spawn(command[0], command.slice(1), {
    cwd: PROJECT_ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: '0', ENV: 'test', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => { out += String(d) })
  child.stderr.on('data', (d) => { err += String(d) })
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    return code as number | null
  }
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  })
  // Generous: a loaded CI machine can take tens of seconds to compile and start a TypeScript child.
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out)
    if (match !== null) return { child, baseUrl: match[1], stdout: () => out, stderr: () => err, stop }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`server did not start: ${err}${out}`)
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerExpectingExit (env: Record<string, string>): Promise<{ code: number | null, stderr: string, stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += String(d) })
  child.stderr.on('data', (d) => { stderr += String(d) })
  // Generous, like startServer: on a loaded machine the child may take tens of seconds to start and refuse.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const [code] = await once(child, 'exit')
  clearTimeout(timer)
  return { code: code as number | null, stderr, stdout }
}
