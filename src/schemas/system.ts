import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, Timestamp } from './common.js'

export const SERVICE_NAME = 'trickster-oracle-api' as const
export const API_NAME = 'Trickster Oracle API'
export const DISCLAIMER = 'Trickster Oracle is an educational analytics service. It simulates scenarios and quantifies their uncertainty; ' +
  'it does not predict outcomes, and nothing it returns is advice or a promise about any result.'

export const HealthResponse = Type.Object({
  status: Type.Literal('healthy', { description: 'Always "healthy" while the process answers (liveness only, no I/O).' }),
  service: Type.Literal(SERVICE_NAME, { description: 'Service name.' }),
  version: Type.String({ description: 'Service version.' }),
  timestamp: Timestamp
}, { $id: 'HealthResponse', additionalProperties: false, description: 'Liveness probe answer.' })
export type HealthResponse = Static<typeof HealthResponse>

const CheckStatus = StringEnum(['ok', 'fail'], { description: 'Result of this check.' })

export const ReadyResponse = Type.Object({
  ready: Type.Boolean({ description: 'True when every check passes; the instance can take traffic.' }),
  checks: Type.Object({
    database: CheckStatus,
    migrations: CheckStatus,
    event_loop: CheckStatus,
    redis: Type.Optional(StringEnum(['ok', 'degraded'], { description: 'Only with REDIS_URL: `degraded` while Redis is unreachable (the instance stays ready).' }))
  }, { additionalProperties: false, description: 'One entry per readiness check.' }),
  redis_circuit: Type.Optional(StringEnum(['closed', 'open', 'half_open'], {
    description: 'Only with REDIS_URL: the circuit breaker in front of Redis. `open` after consecutive failed or timed-out commands: requests skip Redis (per-instance memory) until its probe is answered; `half_open` while the probe is out.'
  })),
  failing: Type.Optional(Type.Array(Type.Object({
    check: Type.String({ description: 'The failing check.' }),
    detail: Type.String({ description: 'Why it fails.' })
  }, { additionalProperties: false }), { description: 'Present when not ready: the failing checks and why.' })),
  timestamp: Timestamp
}, { $id: 'ReadyResponse', additionalProperties: false, description: 'Readiness probe answer (200 ready, 503 not ready).' })
export type ReadyResponse = Static<typeof ReadyResponse>

export const VersionResponse = Type.Object({
  version: Type.String({ description: 'Service version (package.json).' }),
  api_name: Type.String({ description: 'Human name of the API.' }),
  build_commit: Type.String({ description: 'Commit deployed: BUILD_COMMIT or RENDER_GIT_COMMIT, else "unknown".' }),
  build_time: Type.String({ description: 'When the build was made (BUILD_TIME, ISO 8601), else "unknown".' }),
  model_version: Type.String({ description: 'Version of the simulation model; changes whenever its numbers can change.' }),
  env: StringEnum(['development', 'test', 'staging', 'production'], { description: 'Runtime environment.' }),
  node: Type.String({ description: 'Node.js version running the service.' }),
  node_version: Type.String({ description: 'Node.js version running the service (the 1.x name of `node`).' }),
  storage: StringEnum(['sqlite', 'postgres'], { description: 'Where durable records live: the embedded SQLite file, or PostgreSQL (DATABASE_URL).' }),
  disclaimer: Type.String({ description: 'What the service is and is not.' })
}, { $id: 'VersionResponse', additionalProperties: false, description: 'Build and model information.' })
export type VersionResponse = Static<typeof VersionResponse>

const ComponentStatus = StringEnum(['ok', 'degraded'], { description: 'Component status.' })

export const V2HealthResponse = Type.Object({
  status: StringEnum(['healthy', 'degraded'], { description: 'healthy when every component is ok.' }),
  version: Type.String({ description: 'Service version.' }),
  timestamp: Timestamp,
  components: Type.Object({
    sim_engine: ComponentStatus,
    uncertainty_metrics: ComponentStatus,
    token_ledger: ComponentStatus
  }, { additionalProperties: false, description: 'Status of each v2 component.' })
}, { $id: 'V2HealthResponse', additionalProperties: false, description: 'Health of the v2 components.' })
export type V2HealthResponse = Static<typeof V2HealthResponse>
