/**
 * A rule of the house (docs/ARCHITECTURE.md) that is not about imports: each plugin is named like its
 * file. The import rules are stated once, in .dependency-cruiser.js (`npm run lint:deps`), and
 * test/lint-gates.test.ts proves each of them fails on a violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../src/paths.js'

function typescriptFiles (folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder)).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) return typescriptFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

t.test('every plugin is named like its file', async (t) => {
  const plugins = typescriptFiles('src/plugins')
  t.ok(plugins.length > 10)
  const misnamed = plugins.flatMap((file) => {
    const name = /fp\(\w+, \{ name: '([^']+)'/.exec(readFileSync(join(PROJECT_ROOT, file), 'utf8'))?.[1]
    return name === basename(file, '.ts') ? [] : [`${file}: ${name ?? 'no fastify-plugin name'}`]
  })
  t.same(misnamed, [])
})
