import { envSchema } from 'env-schema'
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './schemas/common.js'
import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { PROJECT_ROOT } from './paths.js'

/**
 * Every environment variable the service reads (README.md, "Configuration"), validated at start-up.
 * `.env.example` lists the same names with the same defaults; a test keeps them in step.
 */
export const EnvSchema = Type.Object({
  ENV: StringEnum(['development', 'test', 'staging', 'production'], { default: 'development' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000, description: '0 picks a free port (tests)' }),
  LOG_LEVEL: StringEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  CORS_ORIGINS: Type.String({ default: '' }),
  BUILD_COMMIT: Type.String({ default: '' }),
  BUILD_TIME: Type.String({ default: '', description: 'when the deployed build was made (ISO 8601); shown by GET /version' }),
  API_V1_ENABLED: Type.Boolean({ default: true, description: 'false: the v1 routes answer 410 Gone pointing to v2' }),
  RENDER_GIT_COMMIT: Type.String({ default: '' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  ADMIN_TOKEN: Type.String({ default: '' }),
  AUTH_MODE: StringEnum(['api_key', 'header'], { default: 'api_key' }),
  TRUST_PROXY: Type.String({ default: 'false' }),
  MAX_SIMULATIONS: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 100_000 }),
  MAX_SIMULATIONS_FREE: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 1000 }),
  DAILY_TOKENS: Type.Integer({ minimum: 0, maximum: 100_000, default: 5 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 10 }),
  RATE_LIMIT_BURST: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 15 }),
  RATE_LIMIT_HOURLY_ANONYMOUS: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 100 }),
  RATE_LIMIT_HOURLY_ACTOR: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1000 }),
  RATE_LIMIT_API_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 300 }),
  RATE_LIMIT_SIGNUP_PER_HOUR: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 5 }),
  CACHE_TTL_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 300 }),
  CACHE_MAX_ENTRIES: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 }),
  IDEMPOTENCY_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 24 }),
  CHARGE_LEASE_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
  METRICS_TOKEN: Type.String({ default: '' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
  MAX_QUEUED_WORK_SECONDS: Type.Number({ minimum: 0.01, maximum: 3600, default: 1, description: 'estimated seconds of heavy work queued or running on the worker pool above which new heavy requests get 503 overloaded' }),
  SQLITE_SYNCHRONOUS: StringEnum(['FULL', 'NORMAL'], { default: 'FULL' }),
  DATABASE_URL: Type.String({ default: '', pattern: '^$|^postgres(ql)?://', description: 'empty: SQLite under DATA_DIR' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  DATABASE_TIMEOUT_MS: Type.Integer({ minimum: 200, maximum: 600_000, default: 3_000 }),
  REDIS_URL: Type.String({ default: '', pattern: '^$|^rediss?://', description: 'empty: limits and cache in process memory' }),
  REDIS_KEY_PREFIX: Type.String({ minLength: 1, maxLength: 64, default: 'trickster:' }),
  LAB_ENABLED: Type.Boolean({ default: true, description: 'false removes every Lab route (404)' }),
  LAB_CONTENT_DIR: Type.String({ default: '', description: 'Folder of the Lab module files; empty: the content/lab shipped with the service' }),
  // OpenTelemetry's own variables (docs/OPERATIONS.md, "Traces"): validated here, read by the SDK itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.String({ default: '', pattern: '^$|^https?://', description: 'empty: no tracing, the SDK is not even loaded' }),
  OTEL_EXPORTER_OTLP_PROTOCOL: StringEnum(['http/protobuf', 'http/json', 'grpc'], { default: 'http/protobuf' }),
  OTEL_SERVICE_NAME: Type.String({ minLength: 1, default: 'trickster-oracle-api' }),
  OTEL_TRACES_SAMPLER: StringEnum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'], { default: 'parentbased_always_on' }),
  OTEL_TRACES_SAMPLER_ARG: Type.String({ default: '', pattern: '^$|^(0(\\.[0-9]+)?|1(\\.0+)?)$', description: 'the ratio of the *traceidratio samplers, 0 to 1' })
}, { additionalProperties: true })

export type Env = Static<typeof EnvSchema>
export type RuntimeEnv = Env['ENV']

/** The typed configuration the app is built from. Tests build one with `testConfig()` overrides. */
export interface AppConfig {
  env: RuntimeEnv
  host: string
  port: number
  logLevel: Env['LOG_LEVEL']
  corsOrigins: string[]
  buildCommit: string
  /** When the build was made, or "unknown". */
  buildTime: string
  /** The legacy v1 contract is served; false: its routes answer 410 (src/plugins/app/api-v1.ts). */
  apiV1Enabled: boolean
  dataDir: string
  adminToken: string | null
  authMode: Env['AUTH_MODE']
  /** false, or the proxy addresses / CIDRs whose X-Forwarded-For is honoured. */
  trustProxy: false | string[]
  maxSimulations: number
  maxSimulationsFree: number
  dailyTokens: number
  rateLimitPerMinute: number
  rateLimitBurst: number
  /** Hourly caps on simulation routes: per IP for anonymous callers, per actor otherwise. */
  rateLimitHourlyAnonymous: number
  rateLimitHourlyActor: number
  /** Every other /api route, per principal. */
  rateLimitApiPerMinute: number
  /** Actor self sign-up, per IP. */
  rateLimitSignupPerHour: number
  cacheTtlSeconds: number
  cacheMaxEntries: number
  idempotencyTtlHours: number
  /**
   * How long a simulation charge may stay without its delivery mark before the sweeper refunds it
   * (docs/LEDGER.md, "Delivery"); longer than any request (REQUEST_TIMEOUT_MS and the engine's budget).
   */
  chargeLeaseMs: number
  metricsToken: string | null
  /** A request whose headers and body have not all arrived within this time is answered 408 and closed. */
  requestTimeoutMs: number
  /** Estimated seconds of worker-pool work queued or running above which heavy requests are refused (503 overloaded). */
  maxQueuedWorkSeconds: number
  sqliteSynchronous: Env['SQLITE_SYNCHRONOUS']
  /** PostgreSQL for every durable record (several instances); null: SQLite under dataDir. */
  databaseUrl: string | null
  /** Pooled PostgreSQL connections per instance. */
  databasePoolSize: number
  /**
   * PostgreSQL: the longest a request waits on the database — for a pooled connection, and for one
   * query (client-side query_timeout; the server's statement_timeout is set a little shorter). A
   * frozen server then costs this, not a hang (docs/LEDGER.md, "PostgreSQL").
   */
  databaseTimeoutMs: number
  /** Redis shared by the instances for rate limits and the simulation cache; null: process memory. */
  redisUrl: string | null
  /** Namespaces this deployment's Redis keys. */
  redisKeyPrefix: string
  /** The Trickster Lab routes are registered (docs/LAB.md). */
  labEnabled: boolean
  /** Absolute folder of the Lab module files. */
  labContentDir: string
  /** OTLP traces (docs/OPERATIONS.md, "Traces"); null: tracing off and its SDK never loaded. */
  tracing: TracingConfig | null
}

/** Where and how traces are exported; the SDK reads the same OTEL_* variables from the environment. */
export interface TracingConfig {
  endpoint: string
  serviceName: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the environment; throws ConfigError with one line naming the problem. */
export function loadConfig (env: Record<string, string | undefined> = process.env, options: { dotenv?: boolean } = {}): AppConfig {
  let parsed: Env
  try {
    parsed = envSchema<Env>({ schema: EnvSchema, data: env, dotenv: options.dotenv === true ? { quiet: true } : false })
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${describeEnvError(err, env)}`)
  }
  return configFromEnv(parsed)
}

function describeEnvError (err: unknown, env: Record<string, string | undefined>): string {
  const errors = (err as { errors?: Array<{ instancePath: string, message?: string, params?: Record<string, unknown> }> }).errors
  if (errors === undefined || errors.length === 0) return (err as Error).message
  const first = errors[0]
  const name = first.instancePath.replace(/^\//, '')
  const allowed = first.params?.allowedValues
  const shown = Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : first.message ?? 'is invalid'
  return `${name} ${shown} (got ${JSON.stringify(env[name] ?? '')})`
}

export function configFromEnv (e: Env): AppConfig {
  const config: AppConfig = {
    env: e.ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    corsOrigins: splitList(e.CORS_ORIGINS),
    buildCommit: e.BUILD_COMMIT !== '' ? e.BUILD_COMMIT : e.RENDER_GIT_COMMIT !== '' ? e.RENDER_GIT_COMMIT : 'unknown',
    buildTime: e.BUILD_TIME !== '' ? e.BUILD_TIME : 'unknown',
    apiV1Enabled: e.API_V1_ENABLED,
    dataDir: resolve(e.DATA_DIR),
    adminToken: e.ADMIN_TOKEN !== '' ? e.ADMIN_TOKEN : null,
    authMode: e.AUTH_MODE,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    maxSimulations: e.MAX_SIMULATIONS,
    maxSimulationsFree: e.MAX_SIMULATIONS_FREE,
    dailyTokens: e.DAILY_TOKENS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    rateLimitHourlyAnonymous: e.RATE_LIMIT_HOURLY_ANONYMOUS,
    rateLimitHourlyActor: e.RATE_LIMIT_HOURLY_ACTOR,
    rateLimitApiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
    rateLimitSignupPerHour: e.RATE_LIMIT_SIGNUP_PER_HOUR,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    cacheMaxEntries: e.CACHE_MAX_ENTRIES,
    idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
    chargeLeaseMs: e.CHARGE_LEASE_MS,
    metricsToken: e.METRICS_TOKEN !== '' ? e.METRICS_TOKEN : null,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxQueuedWorkSeconds: e.MAX_QUEUED_WORK_SECONDS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    databaseUrl: e.DATABASE_URL !== '' ? e.DATABASE_URL : null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseTimeoutMs: e.DATABASE_TIMEOUT_MS,
    redisUrl: e.REDIS_URL !== '' ? e.REDIS_URL : null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    labEnabled: e.LAB_ENABLED,
    labContentDir: e.LAB_CONTENT_DIR !== '' ? resolve(e.LAB_CONTENT_DIR) : join(PROJECT_ROOT, 'content', 'lab'),
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT !== '' ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME } : null
  }
  assertConsistent(config)
  return config
}

function splitList (value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '')
}

/** `false`, or a list of proxy IPs / CIDRs. Hop counts and `true` are refused: trusting every hop lets any client forge its IP. */
function parseTrustProxy (value: string): false | string[] {
  const trimmed = value.trim()
  if (trimmed === '' || trimmed === 'false') return false
  const entries = splitList(trimmed)
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/')
    const family = isIP(address)
    const maxBits = family === 6 ? 128 : 32
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits)
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(`invalid configuration: TRUST_PROXY must be false or a comma-separated list of proxy IPs/CIDRs (got ${JSON.stringify(value)})`)
    }
  }
  return entries
}

/**
 * An ADMIN_TOKEN (and a METRICS_TOKEN) in production: at least this long, with at least this many
 * distinct characters (SPEC §12). 8, not 16: the 64 hex digits of `openssl rand -hex 32` miss one of
 * the 16 digits about one time in four, and must always pass.
 */
export const ADMIN_TOKEN_MIN_LENGTH = 32
export const ADMIN_TOKEN_MIN_DISTINCT = 8

/** Why a production bearer token is too weak, or null. */
function weakToken (name: string, token: string | null): string | null {
  if (token === null || token.length < ADMIN_TOKEN_MIN_LENGTH) return `${name} is missing or shorter than ${ADMIN_TOKEN_MIN_LENGTH} characters`
  if (new Set(token).size < ADMIN_TOKEN_MIN_DISTINCT) return `${name} has fewer than ${ADMIN_TOKEN_MIN_DISTINCT} distinct characters; generate a random one (e.g. openssl rand -hex 32)`
  if (/\s/.test(token)) return `${name} contains whitespace; generate a random one (e.g. openssl rand -hex 32)`
  return null
}

/** Rules that span several variables, and the start-up refusals (README.md, "Configuration"; docs/DEPLOY_RENDER.md). */
export function assertConsistent (config: AppConfig): void {
  if (config.maxSimulationsFree > config.maxSimulations) {
    throw new ConfigError(`invalid configuration: MAX_SIMULATIONS_FREE (${config.maxSimulationsFree}) must not exceed MAX_SIMULATIONS (${config.maxSimulations})`)
  }
  if (config.authMode === 'header' && config.env !== 'development' && config.env !== 'test') {
    throw new ConfigError(`refusing to start: AUTH_MODE=header trusts client-supplied identity and is for ENV=development or test only (ENV=${config.env}); use AUTH_MODE=api_key`)
  }
  if (config.env !== 'production') return
  if (config.corsOrigins.length === 0) {
    throw new ConfigError('refusing to start in production: CORS_ORIGINS is empty; list the allowed origins explicitly')
  }
  if (config.corsOrigins.some((origin) => origin.includes('*'))) {
    throw new ConfigError('refusing to start in production: CORS_ORIGINS contains a wildcard (*); list the allowed origins explicitly')
  }
  if (config.corsOrigins.some((origin) => origin.toLowerCase() === 'null')) {
    throw new ConfigError('refusing to start in production: CORS_ORIGINS contains "null", the origin of sandboxed frames and local files; list the allowed origins explicitly')
  }
  const admin = weakToken('ADMIN_TOKEN', config.adminToken)
  if (admin !== null) throw new ConfigError(`refusing to start in production: ${admin}`)
  if (config.metricsToken === null) {
    throw new ConfigError('refusing to start in production: METRICS_TOKEN is empty, which would make /metrics public; set a random bearer token')
  }
  const metrics = weakToken('METRICS_TOKEN', config.metricsToken)
  if (metrics !== null) throw new ConfigError(`refusing to start in production: ${metrics}`)
}
