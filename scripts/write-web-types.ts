/**
 * Part of `npm run build:web`: regenerates the web app's API types (web/src/api/v2.d.ts) from the
 * committed openapi/v2.json, so the app is type-checked against the contract it is served with.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { clientTypes, WEB_TYPES_FILE } from './contract.js'
import { PROJECT_ROOT } from '../src/paths.js'

const doc = JSON.parse(readFileSync(join(PROJECT_ROOT, 'openapi', 'v2.json'), 'utf8'))
writeFileSync(WEB_TYPES_FILE, await clientTypes(doc))
console.log(`wrote ${WEB_TYPES_FILE}`)
