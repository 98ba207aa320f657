import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from '../src/app.js'
import { configFromEnv, EnvSchema, type Env } from '../src/config.js'
import { Value } from '@sinclair/typebox/value'
import type { OpenApiDocument } from '../src/openapi.js'
import { PROJECT_ROOT } from '../src/paths.js'

/** The web app's API types (openapi-typescript output for v2), imported by web/src/api/client.ts. */
export const WEB_TYPES_FILE = join(PROJECT_ROOT, 'web', 'src', 'api', 'v2.d.ts')

/**
 * The v1 and v2 documents exactly as the code generates them, from an app built with the
 * default configuration on a throw-away DATA_DIR. Used by `npm run openapi` and the drift test.
 */
export async function generateContracts (): Promise<{ v1: OpenApiDocument, v2: OpenApiDocument }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trickster-openapi-'))
  const env = Value.Default(EnvSchema, { ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }) as Env
  const app = await build(configFromEnv(env))
  try {
    await app.ready()
    return { v1: app.openapi('v1'), v2: app.openapi('v2') }
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export function serialiseContract (doc: OpenApiDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** TypeScript types of a document (openapi-typescript), for the typed client test and the web app. */
export async function clientTypes (doc: OpenApiDocument): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript')
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0])
  return `/* Generated from openapi/v2.json by \`npm run openapi\` (openapi-typescript). Do not edit. */\n${astToString(ast)}`
}
