import { randomBytes } from 'node:crypto'
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EnvSchema, loadConfig } from '../src/config.js'
import { PROJECT_ROOT } from '../src/paths.js'
import { runServerExpectingExit } from './helper.js'

const PRODUCTION_OK = {
  ENV: 'production',
  CORS_ORIGINS: 'https://app.example.org',
  ADMIN_TOKEN: '3f9c1e7a5b2d8046fa1c9e3b7d5a2f80',
  AUTH_MODE: 'api_key',
  METRICS_TOKEN: 'metrics-7c2e9a41b5d3f086e1a9c04b27d5f318'
}

t.test('defaults follow SPEC §6', async (t) => {
  const c = loadConfig({})
  t.equal(c.env, 'development')
  t.equal(c.host, '0.0.0.0')
  t.equal(c.port, 8000)
  t.equal(c.authMode, 'api_key')
  t.equal(c.trustProxy, false)
  t.equal(c.maxSimulations, 100_000)
  t.equal(c.maxSimulationsFree, 1000)
  t.equal(c.dailyTokens, 5)
  t.equal(c.rateLimitPerMinute, 10)
  t.equal(c.rateLimitBurst, 15)
  t.equal(c.cacheTtlSeconds, 300)
  t.equal(c.idempotencyTtlHours, 24)
  t.equal(c.sqliteSynchronous, 'FULL')
  t.equal(c.buildCommit, 'unknown')
  t.equal(c.adminToken, null)
})

t.test('BUILD_COMMIT wins over RENDER_GIT_COMMIT, which is the fallback', async (t) => {
  t.equal(loadConfig({ RENDER_GIT_COMMIT: 'abc123' }).buildCommit, 'abc123')
  t.equal(loadConfig({ RENDER_GIT_COMMIT: 'abc123', BUILD_COMMIT: 'def456' }).buildCommit, 'def456')
})

t.test('TRUST_PROXY is false or a list of proxy IPs/CIDRs', async (t) => {
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).trustProxy, ['10.0.0.1', '192.168.0.0/16', '::1'])
  t.throws(() => loadConfig({ TRUST_PROXY: '2' }), /TRUST_PROXY must be false or a comma-separated list/)
  t.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY/)
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), /TRUST_PROXY/)
})

t.test('LAB_ENABLED is true or false; LAB_CONTENT_DIR defaults to the shipped content/lab', async (t) => {
  t.equal(loadConfig({}).labEnabled, true)
  t.equal(loadConfig({ LAB_ENABLED: 'false' }).labEnabled, false)
  t.throws(() => loadConfig({ LAB_ENABLED: 'no' }), /LAB_ENABLED must be boolean \(got "no"\)/)
  t.equal(loadConfig({}).labContentDir, join(PROJECT_ROOT, 'content', 'lab'))
  t.equal(loadConfig({ LAB_CONTENT_DIR: '/srv/lab' }).labContentDir, '/srv/lab')
})

t.test('a valid production configuration loads', async (t) => {
  t.equal(loadConfig(PRODUCTION_OK).env, 'production')
})

t.test('header auth is accepted in development and test only', async (t) => {
  t.equal(loadConfig({ ENV: 'development', AUTH_MODE: 'header' }).authMode, 'header')
  t.equal(loadConfig({ ENV: 'test', AUTH_MODE: 'header' }).authMode, 'header')
  t.throws(() => loadConfig({ ENV: 'staging', AUTH_MODE: 'header' }), /^refusing to start: AUTH_MODE=header .*\(ENV=staging\)/)
})

t.test('production: ADMIN_TOKEN and METRICS_TOKEN of at least 32 characters with at least 8 distinct ones; every openssl rand -hex 32 passes; CORS_ORIGINS refuses null (issue 17, item 6)', async (t) => {
  t.throws(() => loadConfig({ ...PRODUCTION_OK, ADMIN_TOKEN: 'a'.repeat(32) }), /ADMIN_TOKEN has fewer than 8 distinct characters/)
  t.throws(() => loadConfig({ ...PRODUCTION_OK, ADMIN_TOKEN: 'abcdefg'.repeat(5) }), /ADMIN_TOKEN has fewer than 8 distinct characters/)
  t.equal(loadConfig({ ...PRODUCTION_OK, ADMIN_TOKEN: 'abcdefgh'.repeat(4) }).adminToken, 'abcdefgh'.repeat(4), '32 characters, 8 distinct')
  // 64 hex digits miss one of the 16 about one time in four: each of 2 000 must start.
  let refused = 0
  for (let i = 0; i < 2000; i++) {
    const token = randomBytes(32).toString('hex')
    try { loadConfig({ ...PRODUCTION_OK, ADMIN_TOKEN: token, METRICS_TOKEN: randomBytes(32).toString('hex') }) } catch { refused++ }
  }
  t.equal(refused, 0, 'every openssl rand -hex 32 token is accepted, as ADMIN_TOKEN and as METRICS_TOKEN')
  t.throws(() => loadConfig({ ...PRODUCTION_OK, METRICS_TOKEN: '' }), /METRICS_TOKEN is empty/)
  t.throws(() => loadConfig({ ...PRODUCTION_OK, METRICS_TOKEN: 'x' }), /METRICS_TOKEN is missing or shorter than 32/)
  t.throws(() => loadConfig({ ...PRODUCTION_OK, METRICS_TOKEN: ' ' }), /METRICS_TOKEN is missing or shorter than 32/)
  t.throws(() => loadConfig({ ...PRODUCTION_OK, METRICS_TOKEN: 'x'.repeat(40) }), /METRICS_TOKEN has fewer than 8 distinct/)
  t.throws(() => loadConfig({ ...PRODUCTION_OK, CORS_ORIGINS: 'https://app.example.org,null' }), /CORS_ORIGINS contains "null"/)
  t.equal(loadConfig({ ...PRODUCTION_OK, ADMIN_TOKEN: 'a'.repeat(32), ENV: 'staging' }).env, 'staging', 'the production rules apply to production only')
})

t.test('.env.example lists every variable with its default', async (t) => {
  const example = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8')
  const listed = new Map<string, string>()
  for (const line of example.split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match !== null) listed.set(match[1], match[2])
  }
  for (const [name, schema] of Object.entries(EnvSchema.properties)) {
    t.ok(listed.has(name), `${name} is in .env.example`)
    const fallback = (schema as { default?: unknown }).default
    if (fallback !== undefined && fallback !== '') t.equal(listed.get(name), String(fallback), `${name} default matches`)
  }
})

// Start-up failures run the real server entry point as a child process.
const refusals: Array<[string, Record<string, string>, RegExp]> = [
  ['PORT=abc', { PORT: 'abc' }, /^invalid configuration: PORT must be integer \(got "abc"\)$/m],
  ['unknown ENV', { ENV: 'prod' }, /^invalid configuration: ENV must be one of development, test, staging, production/m],
  ['SQLITE_SYNCHRONOUS=OFF', { SQLITE_SYNCHRONOUS: 'OFF' }, /^invalid configuration: SQLITE_SYNCHRONOUS must be one of FULL, NORMAL/m],
  ['TRUST_PROXY hop count', { TRUST_PROXY: '1' }, /^invalid configuration: TRUST_PROXY/m],
  ['production with empty CORS', { ...PRODUCTION_OK, CORS_ORIGINS: '' }, /^refusing to start in production: CORS_ORIGINS is empty/m],
  ['production with wildcard CORS', { ...PRODUCTION_OK, CORS_ORIGINS: 'https://a.example.org,*' }, /^refusing to start in production: CORS_ORIGINS contains a wildcard/m],
  ['production without ADMIN_TOKEN', { ...PRODUCTION_OK, ADMIN_TOKEN: '' }, /^refusing to start in production: ADMIN_TOKEN is missing or shorter than 32/m],
  ['production with a short ADMIN_TOKEN', { ...PRODUCTION_OK, ADMIN_TOKEN: 'short-token' }, /^refusing to start in production: ADMIN_TOKEN is missing or shorter than 32/m],
  ['production with header auth', { ...PRODUCTION_OK, AUTH_MODE: 'header' }, /^refusing to start: AUTH_MODE=header .*\(ENV=production\)/m]
]

for (const [name, env, expected] of refusals) {
  t.test(`refuses to start: ${name}`, async (t) => {
    const dataDir = t.testdir()
    const result = await runServerExpectingExit({ DATA_DIR: dataDir, ...env })
    t.equal(result.code, 1, 'exits 1')
    t.match(result.stderr, expected, 'prints one clear line naming the problem')
    t.equal(result.stderr.trim().split('\n').length, 1, 'exactly one line')
    if (env.ADMIN_TOKEN !== undefined && env.ADMIN_TOKEN !== '') t.notMatch(result.stderr, env.ADMIN_TOKEN, 'the secret is not echoed')
  })
}

t.test('DATABASE_URL and REDIS_URL: empty for the embedded defaults, else a postgres:// and a redis:// URL', async (t) => {
  const defaults = loadConfig({})
  t.equal(defaults.databaseUrl, null, 'SQLite by default')
  t.equal(defaults.redisUrl, null, 'memory by default')
  t.equal(defaults.redisKeyPrefix, 'trickster:')
  t.equal(defaults.databasePoolSize, 20)
  const shared = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/trickster', REDIS_URL: 'redis://kv:6379' })
  t.equal(shared.databaseUrl, 'postgres://app@db:5432/trickster')
  t.equal(shared.redisUrl, 'redis://kv:6379')
  t.equal(loadConfig({ DATABASE_URL: 'postgresql://db/x' }).databaseUrl, 'postgresql://db/x')
  t.equal(loadConfig({ REDIS_URL: 'rediss://kv:6380' }).redisUrl, 'rediss://kv:6380')
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/x' }), /DATABASE_URL/)
  t.throws(() => loadConfig({ REDIS_URL: 'http://kv' }), /REDIS_URL/)
})
