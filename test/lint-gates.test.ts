/**
 * The lint gates of `npm run lint` can fail: dependency-cruiser with the project's
 * .dependency-cruiser.js reports each of its rules (docs/ARCHITECTURE.md) on a fixture tree that
 * breaks them all, and ESLint with the project's eslint.config.js reports neostandard's rules,
 * while its two reasoned relaxations stay as narrow as their comments say. (That the real tree
 * passes is `npm run lint` itself.)
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
const FIXTURE_TSCONFIG = JSON.stringify({ compilerOptions, include: ['src'] })

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

t.test('dependency-cruiser reports every rule of .dependency-cruiser.js that a fixture tree breaks, and fails', async (t) => {
  const lines = (...code: string[]): string => code.join('\n') + '\n'
  const dir = t.testdir({
    'tsconfig.json': FIXTURE_TSCONFIG,
    src: {
      'simulation-constants.ts': lines("import { readFileSync } from 'node:fs'", 'export const SPORTS = readFileSync'),
      // One import from each floor to the floor above it (docs/ARCHITECTURE.md, "Floors").
      'errors.ts': lines("import { config } from './config.js'", 'export const problem = config'),
      'config.ts': 'export const config = 1\n',
      'app.ts': 'export const app = 1\n',
      catalog: { 'events.ts': lines("import type { Storage } from '../storage/port.js'", 'export const events = (storage: Storage): string => storage.file') },
      billing: {
        'charge-hook.ts': lines("import fastify from 'fastify'", 'export const app = fastify()'),
        'service.ts': lines("import { simulate } from '../simulation/service.js'", 'export const charge = simulate')
      },
      engine: {
        'index.ts': "export { simulate } from './simulate.js'\n",
        'simulate.ts': lines("import { readFileSync } from 'node:fs'", 'export const simulate = readFileSync')
      },
      schemas: {
        'common.ts': lines("import { simulate } from '../engine/simulate.js'", 'export const Problem = simulate')
      },
      routes: {
        'tiers.ts': lines("import { app } from '../app.js'", 'export const tiers = app'),
        'balance.ts': lines(
          "import Database from 'better-sqlite3'",
          "import { ledgerOf } from '../storage/sqlite/ledger.js'",
          "import type { Storage } from '../storage/port.js'",
          'export const read = (storage: Storage): unknown => ledgerOf(new Database(storage.file))'
        )
      },
      storage: {
        'port.ts': 'export interface Storage { file: string }\n',
        sqlite: { 'ledger.ts': lines("import { charge } from '../../billing/service.js'", 'export const ledgerOf = (db: unknown): unknown => [db, charge]') }
      },
      lab: {
        'rules.ts': lines("import { load } from './content.js'", 'export const rules = (): unknown => load'),
        'content.ts': lines("import { rules } from './rules.js'", 'export const load = (): unknown => rules'),
        'service.ts': lines("import { tiers } from '../routes/tiers.js'", 'export const unlock = tiers')
      },
      ledger: {
        'verify.ts': lines("import { billingPlugin } from '../plugins/app/billing.js'", 'export const verify = billingPlugin')
      },
      plugins: { app: { 'billing.ts': lines("import { tiers } from '../../routes/tiers.js'", 'export const billingPlugin = tiers') } },
      simulation: { 'service.ts': lines("import { fit } from '../leagues/fit.js'", 'export const simulate = (): unknown => fit') },
      leagues: { 'fit.ts': lines("import { simulate } from '../simulation/service.js'", 'export const fit = (): unknown => simulate') },
      services: {
        'report.ts': lines(
          "import { marked } from 'marked'",
          "import tseslint from 'typescript-eslint'",
          "import { helper } from '../../test/helper.js'",
          "import { missing } from './missing.js'",
          'export const report = [marked, tseslint, helper, missing]'
        )
      }
    },
    test: { 'helper.ts': 'export const helper = 1\n' },
    web: {
      src: {
        'page.ts': lines(
          "import createClient from 'openapi-fetch'",
          "import { simulate } from '../../src/engine/index.js'",
          'export const page = [createClient, simulate]'
        )
      }
    }
  })

  const { status, violations } = cruise(dir, ['src', 'test', 'web/src'])
  t.same(violations, [
    'domain-and-storage-import-nothing-above-them: src/billing/service.ts → src/simulation/service.ts',
    'domain-and-storage-import-nothing-above-them: src/ledger/verify.ts → src/plugins/app/billing.ts',
    'domain-and-storage-know-no-fastify: src/billing/charge-hook.ts → node_modules/fastify',
    'engine-is-pure: src/engine/simulate.ts → fs',
    'engine-through-its-index: src/schemas/common.ts → src/engine/simulate.ts',
    'floor-contract-imports-nothing-above: src/catalog/events.ts → src/storage/port.ts',
    'floor-domain-imports-nothing-above: src/billing/service.ts → src/simulation/service.ts',
    'floor-features-imports-nothing-above: src/lab/service.ts → src/routes/tiers.ts',
    'floor-http-imports-nothing-above: src/routes/tiers.ts → src/app.ts',
    'floor-leaves-imports-nothing-above: src/errors.ts → src/config.ts',
    'floor-storage-imports-nothing-above: src/ledger/verify.ts → src/plugins/app/billing.ts',
    'floor-storage-imports-nothing-above: src/storage/sqlite/ledger.ts → src/billing/service.ts',
    'folder-loops: src/leagues → src/simulation',
    'folder-loops: src/simulation → src/leagues',
    'no-circular: src/lab/content.ts → src/lab/rules.ts',
    'no-circular: src/leagues/fit.ts → src/simulation/service.ts',
    'no-non-package-json: src/services/report.ts → node_modules/typescript-eslint',
    'not-to-unresolvable: src/services/report.ts → ./missing.js',
    'only-app-registers-plugins: src/ledger/verify.ts → src/plugins/app/billing.ts',
    'plugins-never-import-routes: src/plugins/app/billing.ts → src/routes/tiers.ts',
    'routes-import-no-database-code: src/routes/balance.ts → node_modules/better-sqlite3',
    'routes-import-no-database-code: src/routes/balance.ts → src/storage/sqlite/ledger.ts',
    'schemas-never-import-the-engine: src/schemas/common.ts → src/engine/simulate.ts',
    'service-imports-no-dev-dependency: src/services/report.ts → node_modules/marked',
    'service-imports-no-test-code: src/services/report.ts → test/helper.ts',
    'simulation-constants-is-a-leaf: src/simulation-constants.ts → fs',
    'storage-never-imports-billing: src/storage/sqlite/ledger.ts → src/billing/service.ts',
    'web-calls-the-api-through-its-client: web/src/page.ts → node_modules/openapi-fetch',
    'web-imports-nothing-of-the-service: web/src/page.ts → src/engine/index.ts'
  ], 'each broken rule once, and not the route\'s import of the storage port')
  t.equal(status, violations.length, 'depcruise exits with the number of errors')
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
  ], ['web/src/api/v2.d.ts', 'src/app.ts'])

  const [clean, broken, jsx, voidStatement, voidExpression, schemaPair, elsewherePair] = reported
  t.same(clean, [], 'clean code passes')
  t.same(broken, ['1: @stylistic/quotes', '1: @stylistic/semi', '2: @typescript-eslint/no-unused-vars'])
  t.same(jsx, ['1: @stylistic/jsx-quotes'], 'JSX in the web app (.tsx)')
  t.same(voidStatement, [], '`void promise;` as a statement is allowed')
  t.same(voidExpression, ['1: no-void'], 'void inside an expression is not')
  t.same(schemaPair, [], 'a TypeBox schema and its Static type share a name in src/schemas')
  t.same(elsewherePair, ['3: @typescript-eslint/no-redeclare'], 'elsewhere that is still reported')
  t.same(ignored, [true, false], 'the generated file is ignored, sources are not')
})
