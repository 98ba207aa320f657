// dependency-cruiser: the import rules of docs/ARCHITECTURE.md ("Imports go one way", "Decisions worth
// knowing") and docs/WEB.md, checked on the resolved import graph by `npm run lint:deps` (part of `npm run lint`).
// They are stated here only; test/lint-gates.test.ts proves each fails on a violation.

/** The domain: the maths, the money and the token ledger (docs/ARCHITECTURE.md, "Imports go one way"). */
const DOMAIN = '^src/(engine|billing|ledger)/'
/** Storage: the port, its SQLite and PostgreSQL implementations, and the SQLite connection and migrations. */
const STORAGE = '^src/(storage|db)/'
/** What sits above the domain: the HTTP layer, the services and views, the worker pool, the app and the server. */
const ABOVE_DOMAIN = '^(src/plugins/|src/(routes|simulation)/|src/(app|server|server-options|route-hooks|client-errors)\\.ts$)'
/** Fastify itself, its plugins (@fastify/*) and fastify-plugin. */
const FASTIFY = '(^|/)node_modules/(fastify|fastify-[^/]+|@fastify/[^/]+)/'
/** Database and Redis code: drivers, the SQLite connection, the storage implementations, the Redis clients. */
const DATABASE = '(^|/)node_modules/(better-sqlite3|pg|pg-[^/]+|ioredis)/|^src/(db|redis)/|^src/storage/(sqlite|postgres)/'

/**
 * The floors of src/, lowest first (docs/ARCHITECTURE.md, "Floors"): a module imports from its own floor
 * and the floors below, never from one above. Within a floor, folder-loops (below) keeps folders one way.
 */
const FLOORS = [
  { name: 'leaves', path: '^src/(simulation-constants|paths|fingerprint|errors)\\.ts$' },
  { name: 'contract', path: '^src/(schemas|engine|catalog|telemetry)/|^src/config\\.ts$' },
  { name: 'storage', path: '^src/(db|ledger|storage)/' },
  { name: 'domain', path: '^src/(billing|idempotency|auth|redis|rate-limit)/' },
  { name: 'features', path: '^src/(simulation|lab|leagues)/' },
  { name: 'http', path: '^src/(plugins|routes)/|^src/(route-hooks|client-errors|server-options|request-id|openapi)\\.ts$' },
  { name: 'top', path: '^src/(app|server)\\.ts$' }
]

/** One rule per floor: nothing of it imports a module of a higher floor. */
const floorRules = FLOORS.slice(0, -1).map((floor, i) => ({
  name: `floor-${floor.name}-imports-nothing-above`,
  severity: 'error',
  comment: `The ${floor.name} floor imports only from itself and the floors below it (${FLOORS.slice(0, i).map((f) => f.name).join(', ') || 'none'}).`,
  from: { path: floor.path },
  to: { path: FLOORS.slice(i + 1).map((f) => f.path).join('|') }
}))

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...floorRules,
    {
      name: 'folder-loops',
      severity: 'error',
      comment: 'No two folders of src/ import each other, directly or round a longer loop (e.g. simulation → leagues → simulation).',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true }
    },
    {
      name: 'plugins-never-import-routes',
      severity: 'error',
      comment: 'Routes use the decorators of plugins; a plugin never reaches back up into a route.',
      from: { path: '^src/plugins/' },
      to: { path: '^src/routes/' }
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: imports go one way (docs/ARCHITECTURE.md).',
      from: {},
      to: { circular: true }
    },
    {
      name: 'engine-through-its-index',
      severity: 'error',
      comment: 'Outside src/engine/ the engine is reached through src/engine/index.ts only; its own tests (test/engine/) test its modules one by one.',
      from: { pathNot: '^(src|test)/engine/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' }
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The engine is pure maths: no Fastify, no I/O, nothing of the service but the shared constants and the fingerprint (pure-rand is its only package).',
      from: { path: '^src/engine/' },
      to: { pathNot: '^src/engine/|^src/(simulation-constants|fingerprint)\\.ts$|(^|/)node_modules/pure-rand/' }
    },
    {
      name: 'schemas-never-import-the-engine',
      severity: 'error',
      comment: 'Schemas and engine never import each other (engine → schemas is refused by engine-is-pure); both read src/simulation-constants.ts.',
      from: { path: '^src/schemas/' },
      to: { path: '^src/engine/' }
    },
    {
      name: 'simulation-constants-is-a-leaf',
      severity: 'error',
      comment: 'src/simulation-constants.ts, shared by the schemas and the engine, imports nothing.',
      from: { path: '^src/simulation-constants\\.ts$' },
      to: {}
    },
    {
      name: 'only-app-registers-plugins',
      severity: 'error',
      comment: 'Nothing in src/ but src/app.ts imports a plugin: plugins decorate the app with the domain, never the reverse.',
      from: { path: '^src/', pathNot: '^src/(app\\.ts$|plugins/)' },
      to: { path: '^src/plugins/' }
    },
    {
      name: 'domain-and-storage-know-no-fastify',
      severity: 'error',
      comment: 'The engine, billing, ledger and storage know nothing of Fastify (no fastify, @fastify/*, fastify-plugin).',
      from: { path: `${DOMAIN}|${STORAGE}` },
      to: { path: FASTIFY }
    },
    {
      name: 'domain-and-storage-import-nothing-above-them',
      severity: 'error',
      comment: 'Imports go one way: routes → services/plugins → domain (engine, billing, ledger) → storage port → database; never back up.',
      from: { path: `${DOMAIN}|${STORAGE}` },
      to: { path: ABOVE_DOMAIN }
    },
    {
      name: 'storage-never-imports-billing',
      severity: 'error',
      comment: 'Billing drives the storage port (withActorTransaction); the port and its implementations never call back into billing.',
      from: { path: STORAGE },
      to: { path: '^src/billing/' }
    },
    {
      name: 'routes-import-no-database-code',
      severity: 'error',
      comment: 'Routes are thin handlers: no driver, no SQLite connection, no storage implementation, no Redis client. The port (src/storage/port.ts) holds only interfaces and may be named.',
      from: { path: '^src/routes/' },
      to: { path: DATABASE }
    },
    {
      name: 'service-imports-no-test-code',
      severity: 'error',
      comment: 'The service (src/) never imports tests, scripts or benches: they are not part of the build (tsconfig.build.json).',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' }
    },
    {
      name: 'service-imports-no-dev-dependency',
      severity: 'error',
      comment: 'The production image installs with `npm ci --omit=dev` (Dockerfile): the service may name a devDependency in a type import only.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'web-imports-nothing-of-the-service',
      severity: 'error',
      comment: 'The web app is a separate bundle: it knows the API through the generated web/src/api/v2.d.ts only (docs/WEB.md).',
      from: { path: '^web/src/' },
      to: { path: '^(src|test|scripts|bench)/' }
    },
    {
      name: 'web-calls-the-api-through-its-client',
      severity: 'error',
      comment: 'web/src/api/client.ts is the only module that calls the API (docs/WEB.md): nothing else imports openapi-fetch.',
      from: { path: '^web/src/', pathNot: '^web/src/api/client\\.ts$' },
      to: { path: '(^|/)node_modules/openapi-fetch/' }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves; an unresolved one would also slip past every rule above.',
      from: {},
      to: { couldNotResolve: true }
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'Every package imported is declared in package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|web/dist|coverage|\\.tap|tap-snapshots)/' },
    // Type-only imports count: the engine may not even name a Fastify type.
    tsPreCompilationDeps: true,
    // The compiler options of the service (NodeNext: a '.js' specifier names the '.ts' file).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json']
    },
    reporterOptions: {
      text: { highlightFocused: true }
    }
  }
}
