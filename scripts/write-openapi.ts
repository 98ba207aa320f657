/**
 * `npm run openapi`: regenerates openapi/v1.json and openapi/v2.json from the code, and the typed
 * client's types from v2 (web/src/api/v2.d.ts: the web app's, which test/client/typed-client.test.ts
 * imports too). Never hand-edit them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { clientTypes, generateContracts, serialiseContract, WEB_TYPES_FILE } from './contract.js'
import { PROJECT_ROOT } from '../src/paths.js'

const out = join(PROJECT_ROOT, 'openapi')
mkdirSync(out, { recursive: true })
const docs = await generateContracts()
for (const version of ['v1', 'v2'] as const) {
  const file = join(out, `${version}.json`)
  writeFileSync(file, serialiseContract(docs[version]))
  console.log(`wrote ${file} (${Object.keys(docs[version].paths).length} paths)`)
}
writeFileSync(WEB_TYPES_FILE, await clientTypes(docs.v2))
console.log(`wrote ${WEB_TYPES_FILE}`)
