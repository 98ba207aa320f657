/**
 * The lint gates of `npm run lint` can fail: dependency-cruiser with the project's
 * .dependency-cruiser.js reports the import rules of docs/ARCHITECTURE.md on a fixture tree that
 * breaks them, and ESLint with the project's eslint.config.js reports neostandard's rules, while
 * its two reasoned relaxations stay as narrow as their comments say. (That the real tree passes
 * is `npm run lint` itself.)
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../src/paths.js'

const DEPCRUISE = join(PROJECT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
const DEPCRUISE_CONFIG = join(PROJECT_ROOT, '.dependency-cruiser.js')
const LINT_TEXTS = join(PROJECT_ROOT, 'test', 'fixtures', 'lint', 'lint-texts.mjs')

/**
 * A fixture tree lives under .tap/fixtures, so it resolves packages from the project's node_modules;
 * its tsconfig.json carries the project's compiler options, so '.js' specifiers name '.ts' files.
 */
const { compilerOptions } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: object }
const FIXTURE_TSCONFIG = JSON.stringify({ compilerOptions, include: ['src', 'plugins'] })

/**
 * Runs the depcruise CLI as `npm run lint:deps` does (the project's config, the text reporter whose
 * exit code is the number of errors) on a fixture tree; returns the exit code and each violation
 * (a cycle is one violation, shown from one of its modules to the next).
 */
function cruise (dir: string, roots: string[]): { status: number | null, violations: string[] } {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', DEPCRUISE_CONFIG, ...roots], { cwd: dir, encoding: 'utf8' })
  const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) →\s+(\S+)/gm)]
    .map(([, rule, from, to]) => `${rule}: ${from} → ${to.replace(/^.*node_modules\/([^/]+)\/.*$/, 'node_modules/$1')}`)
  return { status: run.status, violations: violations.sort() }
}

/** ESLint's Node API with the project's eslint.config.js (in a plain-node child: see lint-texts.mjs). */
function eslint (texts: Array<{ file: string, code: string }>, paths: string[] = []): { reported: string[][], ignored: boolean[] } {
  const run = spawnSync(process.execPath, [LINT_TEXTS], { input: JSON.stringify({ cwd: PROJECT_ROOT, texts, paths }), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`lint-texts.mjs failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

t.test('dependency-cruiser reports a broken rule of docs/ARCHITECTURE.md and fails', async (t) => {
  const dir = t.testdir({
    'tsconfig.json': FIXTURE_TSCONFIG,
    src: {
      billing: {
        'charge-hook.ts': "import fastify from 'fastify'\nexport const app = fastify()\n"
      },
      routes: {
        'balance.ts': [
          "import Database from 'better-sqlite3'",
          "import { ledgerOf } from '../storage/sqlite/ledger.js'",
          "import type { Storage } from '../storage/port.js'",
          'export const read = (storage: Storage): unknown => ledgerOf(new Database(storage.file))',
          ''
        ].join('\n')
      },
      storage: {
        'port.ts': 'export interface Storage { file: string }\n',
        sqlite: { 'ledger.ts': 'export const ledgerOf = (db: unknown): unknown => db\n' }
      },
      lab: {
        'rules.ts': "import { load } from './content.js'\nexport const rules = (): unknown => load\n",
        'content.ts': "import { rules } from './rules.js'\nexport const load = (): unknown => rules\n"
      },
      ledger: {
        'verify.ts': "import { billingPlugin } from '../../plugins/app/billing.js'\nexport const verify = billingPlugin\n"
      }
    },
    plugins: { app: { 'billing.ts': 'export const billingPlugin = 1\n' } }
  })

  const { status, violations } = cruise(dir, ['src', 'plugins'])
  t.equal(status, 6, 'depcruise exits with the number of errors')
  t.same(violations, [
    'domain-and-storage-import-nothing-above-them: src/ledger/verify.ts → plugins/app/billing.ts',
    'domain-and-storage-know-no-fastify: src/billing/charge-hook.ts → node_modules/fastify',
    'no-circular: src/lab/content.ts → src/lab/rules.ts',
    'only-app-registers-plugins: src/ledger/verify.ts → plugins/app/billing.ts',
    'routes-import-no-database-code: src/routes/balance.ts → node_modules/better-sqlite3',
    'routes-import-no-database-code: src/routes/balance.ts → src/storage/sqlite/ledger.ts'
  ], 'each broken rule, and not the route\'s import of the storage port')
})

t.test('dependency-cruiser passes a fixture that keeps the rules', async (t) => {
  const dir = t.testdir({
    'tsconfig.json': FIXTURE_TSCONFIG,
    src: {
      routes: { 'balance.ts': "import type { Storage } from '../storage/port.js'\nexport const file = (storage: Storage): string => storage.file\n" },
      storage: { 'port.ts': 'export interface Storage { file: string }\n' }
    }
  })
  t.same(cruise(dir, ['src']), { status: 0, violations: [] })
})

t.test('ESLint (neostandard, TypeScript on) reports style and correctness errors, and its relaxations stay narrow', async (t) => {
  const typebox = "import { Type, type Static } from '@sinclair/typebox'\nexport const Id = Type.String()\nexport type Id = Static<typeof Id>\n"
  const { reported, ignored } = eslint([
    { file: 'src/services/example.ts', code: 'export const label = (name: string): string => name\n' },
    { file: 'src/services/example.ts', code: 'export const label = (name: string): string => "x" + name;\nconst unused = 1\n' },
    { file: 'web/src/components/Example.tsx', code: 'export const Example = () => <p class="note">hi</p>\n' },
    { file: 'src/services/example.ts', code: 'const work = async (): Promise<void> => {}\nvoid work()\n' },
    { file: 'src/services/example.ts', code: 'export const nothing = void 0\n' },
    { file: 'src/schemas/example.ts', code: typebox },
    { file: 'src/services/example.ts', code: typebox }
  ], ['test/client/v2.ts', 'web/src/api/v2.d.ts', 'src/app.ts'])

  const [clean, broken, jsx, voidStatement, voidExpression, schemaPair, elsewherePair] = reported
  t.same(clean, [], 'clean code passes')
  t.same(broken, ['1: @stylistic/quotes', '1: @stylistic/semi', '2: @typescript-eslint/no-unused-vars'])
  t.same(jsx, ['1: @stylistic/jsx-quotes'], 'JSX in the web app (.tsx)')
  t.same(voidStatement, [], '`void promise;` as a statement is allowed')
  t.same(voidExpression, ['1: no-void'], 'void inside an expression is not')
  t.same(schemaPair, [], 'a TypeBox schema and its Static type share a name in src/schemas')
  t.same(elsewherePair, ['3: @typescript-eslint/no-redeclare'], 'elsewhere that is still reported')
  t.same(ignored, [true, true, false], 'generated files are ignored, sources are not')
})
