/** `npm run openapi`: regenerates openapi/v1.json and openapi/v2.json from the code. Never hand-edit them. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateContracts, serialiseContract } from '../src/contract.js'
import { PROJECT_ROOT } from '../src/paths.js'

const out = join(PROJECT_ROOT, 'openapi')
mkdirSync(out, { recursive: true })
const docs = await generateContracts()
for (const version of ['v1', 'v2'] as const) {
  const file = join(out, `${version}.json`)
  writeFileSync(file, serialiseContract(docs[version]))
  console.log(`wrote ${file} (${Object.keys(docs[version].paths).length} paths)`)
}
