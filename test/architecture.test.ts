/**
 * The rules of the house (docs/ARCHITECTURE.md), checked on the import graph so a change that
 * breaks one fails here rather than in a review. Imports are read from the source text: every
 * file uses static `import … from '…'` / `export … from '…'` (and bench/engine.ts one dynamic
 * `import('…')`), so a regular expression sees them all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../src/paths.js'

const SOURCE_FOLDERS = ['src', 'plugins', 'scripts', 'bench', 'test']

function typescriptFiles (folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder)).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) return typescriptFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

interface Import {
  /** The specifier as written. */
  specifier: string
  /** For a relative specifier: the imported file, relative to the project root, with its .ts name. */
  file: string | null
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g

function importsOf (file: string): Import[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8')
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[1] ?? match[2]
    const local = specifier.startsWith('.')
      ? relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts')
      : null
    return { specifier, file: local }
  })
}

const files = SOURCE_FOLDERS.flatMap(typescriptFiles)
const graph = new Map(files.map((file) => [file, importsOf(file)]))
const inside = (file: string, folder: string): boolean => file.startsWith(`${folder}/`)

/** Every (importer → imported file) pair whose importer matches `from`. */
function edges (from: (file: string) => boolean): Array<{ importer: string, imported: Import }> {
  return [...graph].filter(([file]) => from(file)).flatMap(([importer, imports]) => imports.map((imported) => ({ importer, imported })))
}

const show = (list: Array<{ importer: string, imported: Import }>): string[] =>
  list.map(({ importer, imported }) => `${importer} → ${imported.file ?? imported.specifier}`)

t.test('the import reader sees the imports (guards the checks below against a reader that finds nothing)', async (t) => {
  t.ok(graph.get('src/app.ts')?.some((i) => i.file === 'plugins/app/simulation.ts'), 'src/app.ts imports the simulation plugin')
  t.ok(graph.get('bench/engine.ts')?.some((i) => i.file === 'src/simulation-runner/runner.ts'), 'the dynamic import of bench/engine.ts')
  t.ok(edges(() => true).length > 300, 'hundreds of imports')
})

t.test('outside src/engine/, code imports the engine through src/engine/index.ts only', async (t) => {
  // The engine's own tests (test/engine/) test its modules one by one.
  const offending = edges((file) => !inside(file, 'src/engine') && !inside(file, 'test/engine'))
    .filter(({ imported }) => imported.file !== null && inside(imported.file, 'src/engine') && imported.file !== 'src/engine/index.ts')
  t.same(show(offending), [])
})

t.test('the engine is pure maths: no Fastify, no I/O, nothing of the service but the shared constants and the fingerprint', async (t) => {
  const allowedOutside = new Set(['src/simulation-constants.ts', 'src/fingerprint.ts'])
  const offending = edges((file) => inside(file, 'src/engine')).filter(({ imported }) => imported.file === null
    ? !imported.specifier.startsWith('pure-rand/')
    : !inside(imported.file, 'src/engine') && !allowedOutside.has(imported.file))
  t.same(show(offending), [])
})

t.test('schemas and engine never import each other; both read src/simulation-constants.ts, which imports nothing', async (t) => {
  const schemasToEngine = edges((file) => inside(file, 'src/schemas')).filter(({ imported }) => imported.file !== null && inside(imported.file, 'src/engine'))
  const engineToSchemas = edges((file) => inside(file, 'src/engine')).filter(({ imported }) => imported.file !== null && inside(imported.file, 'src/schemas'))
  t.same(show([...schemasToEngine, ...engineToSchemas]), [])
  t.same(graph.get('src/simulation-constants.ts'), [], 'a leaf')
})

t.test('src/ never imports a plugin (only src/app.ts registers them)', async (t) => {
  const offending = edges((file) => inside(file, 'src') && file !== 'src/app.ts')
    .filter(({ imported }) => imported.file !== null && inside(imported.file, 'plugins'))
  t.same(show(offending), [])
})

t.test('no import cycles in src/ and plugins/', async (t) => {
  const service = (file: string): boolean => inside(file, 'src') || inside(file, 'plugins')
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  function visit (file: string): void {
    state.set(file, 'open')
    path.push(file)
    for (const { file: next } of graph.get(file) ?? []) {
      if (next === null || !service(next)) continue
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '))
      else if (state.get(next) === undefined) visit(next)
    }
    path.pop()
    state.set(file, 'done')
  }
  for (const file of files.filter(service)) if (state.get(file) === undefined) visit(file)
  t.same(cycles, [])
})

t.test('every plugin is named like its file', async (t) => {
  const plugins = files.filter((file) => inside(file, 'plugins'))
  t.ok(plugins.length > 10)
  const misnamed = plugins.flatMap((file) => {
    const name = /fp\(\w+, \{ name: '([^']+)'/.exec(readFileSync(join(PROJECT_ROOT, file), 'utf8'))?.[1]
    return name === basename(file, '.ts') ? [] : [`${file}: ${name ?? 'no fastify-plugin name'}`]
  })
  t.same(misnamed, [])
})
